"""The demo's living network in words: intros, exchanges, reflections, posts, initiatives,
contributions and observations. (The organisation's own words are the synthetic
organisation's: `trellis.matching.engine.synthetic.words`.)"""

from __future__ import annotations

# The living network's words. {topic} is a topic's name, {offer} one the sender can
# help with, {other} the other person's first name, {first} and {me} first names.
INTRO_OPENINGS = (
    "I saw on your profile that you're working on {topic} too; it's most of my week at the moment.",
    "You mention {topic} on your profile, and it's the problem my team keeps coming back to.",
    "I noticed we're both working on {topic}, from quite different teams.",
    "Your profile says you're deep in {topic}. So am I, from another corner of the company.",
)
INTRO_OFFERS = (
    "If it's useful, I'm happy to share what I've learned about {offer}.",
    "I can share the notes we wrote up about {offer}, if they'd help.",
    "In return, I can walk you through what we tried with {offer}, mistakes included.",
)
INTRO_QUESTIONS = (
    "One question, if you have a moment: what has been the trickiest part of {topic} for you "
    "so far?",
    "One question: when you started on {topic}, what did you try first, and would you do it again?",
    "One question: which part of {topic} did your team tackle first, and why?",
)
EXCHANGE_SHARED = (
    "Walked {other} through how my team handles {topic}, including the parts we got wrong.",
    "Shared the checklist I use for {topic}, and why each step is there.",
    "Showed {other} a small {topic} example from our own work and talked it through.",
    "Explained why we stopped doing {topic} the textbook way.",
    "Reviewed {other}'s draft on {topic} and marked what would confuse a newcomer.",
    "Told {other} the story of our worst {topic} week and what changed after it.",
)
EXCHANGE_LEARNED = (
    "How {other}'s team thinks about {topic}: they start from the failure cases.",
    "A simpler way to explain {topic} to people outside my team.",
    "That our {topic} trouble is mostly about ownership, not tooling.",
    "Two questions I should ask before our next {topic} review.",
    "Where {other} looks first when {topic} goes wrong.",
    "That {other}'s team measures {topic} in a way we never thought of.",
)
EXCHANGE_NOTES = (
    "Next time: {topic}, with real examples.",
    "Links to the documents we mentioned are in the team wiki.",
    "We agreed to swap notes again after the quarter's planning.",
)
# One answer to each of the journal's prompts (connections.prompts.PROMPTS), in order.
REFLECTIONS = (
    "Explaining {topic} to {other} showed me how many steps I skip without noticing. "
    "I wrote the checklist down afterwards, and it was twice as long as I thought.",
    "{other}'s question tested my assumption that everyone knows why we do {topic} this way. "
    "Half of my reasons turned out to be habits.",
    "I had never put into words why I distrust our {topic} numbers. Saying it out loud made it "
    "clearer, and less certain.",
    "My explanation of {topic} got vague exactly where our own process is vague. That is "
    "where to look next.",
    "After talking {topic} with {other}, I'll start my next piece of work from the failure "
    "cases, the way their team does.",
    "{other} approaches {topic} from the user's side; I start from the system. Both miss "
    "something, and I could see what mine misses.",
)
DECLINE_REASONS = (
    "Not the right time: I'm at capacity until the end of the quarter.",
    "I've only just started with {topic} myself; I don't think I'd be much help yet.",
    "Too close to my own team's work. I'd rather meet people further away.",
    "I already talk {topic} with two people and can't take on a third.",
)
CLOSE_REASONS = (
    "We both moved on from {topic}; nothing left to trade for now.",
    "Our check-ins had turned into status updates. Better to stop while it's still friendly.",
    "{other} changed teams and we drifted apart. No hard feelings.",
    "It did what it needed to: the {topic} work shipped.",
)

# Posts: short write-ups of a problem someone is working on, in markdown. A post is
# a title, an opening, what was tried and an ask, each drawn on its own; {topic}
# is a topic the author works on, {other} another of theirs (or the same one).
POST_TITLES = (
    "What we learned from a quarter of {topic}",
    "{topic}: where we're stuck",
    "Notes from our {topic} retro",
    "Is anyone else fighting with {topic}?",
    "Three things that made {topic} easier for us",
    "A question about {topic}",
    "{topic} without a dedicated team",
    "Our {topic} checklist, version two",
    "",  # no title: the post is named by its topics
    "",
)
POST_OPENINGS = (
    "We've spent the last six weeks on **{topic}**, and I'd like a second opinion before we "
    "commit to the next step.",
    "Quick write-up, mostly so I stop carrying it around in my head: {topic} has been the "
    "thing that slips every sprint.",
    "Our team inherited {topic} from a group that was reorganised last spring. Nobody left "
    "knows why half of it is the way it is.",
    "I keep hearing that {topic} is a solved problem. It doesn't feel solved from where I sit.",
    "Last month {topic} caused two late nights and one very long meeting. Here's what we "
    "found when we finally sat down with it.",
    "Small win to share, and a question. We finally got {topic} into a state where new "
    "people can pick it up in a day.",
    "Writing this on the train back from the offsite, where {topic} came up in every "
    "second conversation.",
    "Honest status: {topic} is about 70% done and the last 30% looks harder than the first.",
)
POST_DETAILS = (
    "What we tried so far:\n\n- a shared doc with owners per step\n- a weekly 20-minute "
    "review\n- pairing someone new with someone who's done it before",
    "The parts that worked:\n\n1. Writing down the failure cases first\n2. Keeping "
    "{other} in the same conversation instead of a separate track\n3. Saying no to "
    "scope we couldn't support",
    "> The hard part isn't the tooling, it's agreeing who decides.\n\nThat quote from our "
    "retro sums it up better than I can.",
    "We measured it for a month: most of the time goes on hand-offs, not on the work "
    "itself. Fixing {other} alongside it helped more than we expected.",
    "The surprise was how much of it touches {other}. We'd been treating them as two "
    "separate problems, and they aren't.",
    "We wrote a one-page guide (`docs/how-we-do-it.md` in our repo) and it already "
    "answers most of the questions we used to get in chat.",
    "Things I'd do differently:\n\n- start with the smallest team, not the loudest\n"
    "- time-box the research\n- write the *why* down before the *how*",
    "Our first attempt was far too ambitious. The second one copied what another team did "
    "with {other}, and it went much better.",
)
POST_ASKS = (
    "If you've been through this, I'd love 30 minutes of your time. Coffee's on me.",
    "How does your team handle it? Especially curious about teams outside my discipline.",
    "Happy to share our notes with anyone starting on the same thing.",
    "What would you look at first? Pointers to write-ups very welcome.",
    "If this is your day job, please tell me what we're missing.",
    "I'll post an update once we've tried the next step.",
)

# Initiatives: {topic} is the topic it is about, {other} another skill it needs,
# {team} the lead's team, {name} a first name. Titles put the topic first, where
# its name reads well whatever its capitals.
INITIATIVE_TITLES = (
    "{topic}: one playbook for every team",
    "{topic} without the weekend pages",
    "{topic} for {team}, done properly",
    "{topic}: retire the legacy setup",
    "{topic} in half the time",
    "{topic} and {other}: close the gap",
    "{topic}: a shared checklist",
    "{topic} office hours",
    "{topic}: measure before we change it",
    "{topic} starter kit for new joiners",
    "{topic}: a pilot with two teams",
    "{topic}: fix the top five complaints",
)
INITIATIVE_PROBLEMS = (
    "Every team does {topic} its own way, and nobody can compare notes. New people "
    "rebuild the same spreadsheets every quarter.",
    "{topic} takes about a week each time, most of it waiting on hand-offs between teams. "
    "We think half of those steps can go.",
    "Our {topic} setup was built for a company a tenth of our size. It breaks at every peak "
    "and only two people know how to fix it.",
    "Nobody owns {topic} end to end, so problems bounce between {team} and everyone else "
    "until someone escalates.",
    "We have no numbers for {topic}: we can't say whether last year's changes helped or hurt.",
    "People new to {topic} have nowhere to start: the documentation is three wikis and a "
    "chat channel, and they contradict each other.",
    "The {topic} work keeps slipping because it needs {other} as well, and those two "
    "skills sit in different teams.",
    "Customers tell us {topic} is confusing. Support answers the same questions every day.",
)
INITIATIVE_DETAILS = (
    "The first step is a short inventory of what exists today.",
    "We'd like something small that works by the end of the quarter, not a grand plan.",
    "{team} will own what we build once it's done.",
    "Two teams have already said they'd try the first version.",
    "",
    "",
)
INITIATIVE_WHYS = (
    "It costs every team a few hours a week, and the cost grows with every hire.",
    "It is the most common complaint in our last engagement survey.",
    "Getting it wrong is a compliance risk, not only an annoyance.",
    "It blocks the launch planned for next quarter.",
    "Customers notice: it shows up in churn interviews.",
    "It's a good way for people to learn {topic} on real work.",
    "",
)
TIME_ASKS = (
    "2 hours a week for six weeks",
    "half a day a week for a month",
    "one afternoon every other week",
    "about 10 hours in total",
    "a day a week for the quarter",
    "an hour a week, mostly reviews",
)
VOLUNTEER_BRINGS = (
    "I've done {topic} at my last two jobs and still have the templates.",
    "I run {topic} for my team, so I know where it hurts.",
    "Hands-on {topic}: I can take a piece of it end to end.",
    "I can review the {topic} parts and pair with whoever is newest to it.",
    "A fresh pair of eyes: I'm a heavy user of {topic}, not an expert.",
    "I wrote our team's {topic} guide last year.",
    "Time, mostly: two free afternoons a week this quarter, and some {topic} experience.",
)
VOLUNTEER_LEARNS = (
    "I'd like to get better at {topic} on something real.",
    "How another team approaches {topic}.",
    "{topic}, which I've only read about so far.",
    "Working with people outside my discipline.",
    "",
)
# A contribution: what someone did, then (sometimes) what came of it.
CONTRIBUTION_ACTIONS = (
    "Wrote the first draft of the {topic} runbook and walked {name} through it.",
    "Paired with {name} on {topic}; we found two steps nobody owned.",
    "Built the {topic} dashboard the team now reviews on Mondays.",
    "Interviewed five people from other teams about how they use {topic}.",
    "Cleaned up the {topic} backlog: closed 40 stale tickets, tagged the rest by owner.",
    "Measured how long {topic} takes today: 6 days median, 11 at the 90th percentile.",
    "Ran a 45-minute workshop on {topic} for twelve people from four teams.",
    "Reviewed the {topic} proposal and wrote up the three risks I see.",
    "Moved the {topic} scripts into one repository, with a README.",
    "Tested the new {topic} flow with {name} and logged every place we got stuck.",
    "Compared our {topic} setup with two other teams' and wrote down the differences.",
    "Automated the weekly {topic} report that used to take an afternoon.",
    "Drafted the {topic} checklist and got sign-off from {team}.",
    "Fixed the {topic} report that had been double-counting since the spring.",
    "Collected the {topic} questions from the support queue and grouped them into eight themes.",
    "Set up the pilot of {topic} with the first team and ran the kick-off.",
    "Wrote the decision record for {topic}: what we chose, and what we ruled out.",
    "Shadowed {name} through a full {topic} cycle and noted each hand-off.",
)
CONTRIBUTION_RESULTS = (
    "",
    "",
    " It's linked from the initiative page.",
    " Next: the same for the remaining teams.",
    " Feedback welcome before Friday.",
    " It already saved one team a day this sprint.",
    " Open question for the lead in the doc.",
)
# An observation: what the observer saw the subject do, in specific terms.
OBSERVATION_SPECIFICS = (
    "{name} ran the {topic} review: kept it to 30 minutes, and everyone left with an owner "
    "and a date.",
    "In the {topic} pilot, {name} spotted that two teams were counting the same cases twice, "
    "and fixed the query before the numbers went to leadership.",
    "{name} rewrote the {topic} guide so that a new joiner followed it without asking for "
    "help. I watched one do it.",
    "When the {topic} rollout stalled, {name} mapped every hand-off on one page, and we cut "
    "three of them the same week.",
    "{name} explained {topic} to the sales team without a single slide, with examples from "
    "their own accounts.",
    "{name} paired with our newest colleague on {topic} for two afternoons; she now runs it "
    "on her own.",
    "{name} noticed the {topic} numbers didn't add up, traced it to a stale spreadsheet and "
    "wrote up why, so it won't happen again.",
    "In our planning session {name} pushed back on the {topic} deadline with data from the "
    "last three releases, and we moved it.",
    "{name} turned thirty pages of {topic} interview notes into five findings the whole "
    "group could act on.",
    "{name} took over the {topic} migration mid-way, kept the old and new running side by "
    "side, and nobody noticed the switch.",
    "{name} answered every {topic} question in the channel for a week while the owner was "
    "away, and wrote the answers into the FAQ.",
    "{name} caught a mistake in our {topic} numbers before the quarterly review: the "
    "duplicate rows would have doubled the forecast.",
)
OBSERVATION_VAGUE = (
    "Great job on this!",
    "Very helpful, thanks {name}!",
    "Always a pleasure to work with.",
    "Amazing work as usual.",
    "{name} is a real team player.",
)
OBSERVATION_OPENERS = (
    "",
    "",
    "",
    "Worth recording: ",
    "I saw this first-hand. ",
    "For the record: ",
)

# Why a past round paired two people, or recommended one to another (`history`).
SUGGESTION_REASON = "You both work on {topic}: you could compare notes on it."
SUGGESTION_REASON_BOTH = "{a} and {b} both work on {topic}: they could compare notes on it."
