"""The demo organisation: a realistic, deterministic network to try Trellis on.

`demo_organisation_create` builds a whole company in one transaction. Its people
are the synthetic organisation the matching benches and tests use too
(`trellis.matching.engine.synthetic`): a reporting tree with realistic spans,
disciplines and named teams, levels, time zones and languages, and profile
statements written the way people write them (canonical names, synonyms and
abbreviations from the loaded vocabulary, many sentence shapes), with some problems
shared across teams so matching has something to find. The same seed always gives
the same organisation.

Then a living network grows between them: the demo member's own story (intros
in every state, relationships active, resting and closed, exchanges both ways, a
reflection, notifications) written through the connections services, and
everyone else's in bulk under the same invariants. Nobody is e-mailed. It is a
history of more than a year, so that the organisers' insights have something to
show week by week: relationships begun from every source an intro comes from (the
past rounds the organiser published every six weeks, recommendations, posts, "who
could help", profiles), across teams and within them, long and short, resting and
closed; exchanges both ways and one way; intros declined and expired all through the
last half year; a few people asked often who decline most of it.

Last come initiatives, about one for every forty people and in every state, with
volunteers, contributions and observations (seen by nobody yet, only inside the
subject's team, or from outside it), so the visibility map and the organiser's
"unseen contributors" show real structure; the demo member's own through the
initiatives services, everyone else's in bulk.

It is written for speed (100,000 members in well under two minutes on SQLite):
everyone but the named demo accounts is written through the bulk writers each
app provides and tests (`accounts.bulk`, `people.bulk`, `community.bulk`,
`connections.bulk`, `initiatives.bulk`, `notifications.bulk`), level by level
of the tree, and their topic links are computed once per distinct statement
text. The demo plans who, what and when, and the apps' services and bulk writers
write it; but for the past rounds and the suggestions its intros came from, which
matching has no bulk writer for: `history` writes those (a dozen rounds, and one
suggestion per such intro).

The modules: `seed` (the entry points), `writing` (logins, members and topic
links handed to the apps; the plan's dates; which notifications were read),
`accounts` (the named sign-ins), `story` (the demo member's story), `network`
and `network_writing` (everyone else's: planned, then handed to connections),
`history` (the past rounds and recommendations behind their intros),
`posts`, `initiative_story`, `initiatives` and `initiatives_writing` (the same
for initiatives) and `data` (the word lists they draw on). Serving it is
`trellis serve` (`trellis.web`), which the `demo` command ends with.
"""
