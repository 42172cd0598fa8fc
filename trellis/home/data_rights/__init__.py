"""Data rights: a member takes away everything Trellis holds about them, and leaves for good.

This lives in `home`, the layer that may read every area, because an export and a
deletion cross all of them: profile and topics (people), posts and replies (community),
intros, relationships, exchanges, meetings and the journal (connections), initiatives,
volunteering, contributions and observations (initiatives), suggestions and who could help
(matching) and notifications.

- `export`: the member's data as one JSON document plus their journal as Markdown, zipped.
  A member gets everything that is theirs; an organiser, for someone who has left, gets
  only what organisers may already see or what the person wrote in public (never the
  journal, intro messages, exchanges, drafts or notifications).
- `forget`: deletes what is private to the member and turns their row into a tombstone,
  "a former member", so the other side of every relationship keeps their own notes.
"""

FORMER_MEMBER = "a former member"
