"""How long each text a person can enter may be, in characters: the one table of caps.

Forms, services (through the models' validators), the roster, the linters' live
endpoints and the matching engine's input all read these numbers, so a text that one
accepts the others accept too. Each cap is far above what a person writes by hand (a
profile statement is a few sentences; 2,000 characters is a page) and bounds what one
request can make the server store, render and score.
"""

from __future__ import annotations

# People (trellis/people): the profile and the roster's columns.
DISPLAY_NAME = 150
DISCIPLINE = 100
TEAM = 100
STATEMENT = 2_000  # working_on, curious_about, can_help_with, learning
TAGS = 20  # background or language tags per member
TAG = 60  # characters per tag
TAGS_FIELD = 1_000  # the comma-separated line the tags are typed on
CHAT_HANDLE = 100
BOOKING_LINK = 500
TIMEZONE = 64
SEARCH = 100  # a directory or journal search box

# Community (trellis/community).
POST_TITLE = 150
POST_BODY = 5_000
REPLY = 2_000

# Connections (trellis/connections).
INTRO_MESSAGE = 4_000
REASON = 1_000  # a decline's or a closing's private reason
EXCHANGE_TEXT = 4_000  # what I shared, what I learned, the shared note
EXCHANGE_TOPICS = 500
REFLECTION = 20_000
MEETING_PLACE = 200
MEETING_LINK = 500
MEETING_NOTE = 1_000

# Initiatives (trellis/initiatives).
INITIATIVE_TITLE = 150
INITIATIVE_TEXT = 4_000  # the problem, why it matters
SKILLS = 1_000
TIME_ASK = 120
VOLUNTEER_NOTE = 1_000  # what a volunteer brings, what they want to learn
CONTRIBUTION = 2_000
CONTRIBUTION_LINK = 500
OBSERVATION = 2_000
MILESTONE_TITLE = 150
MILESTONE_NOTE = 500  # public text: shown on the page and in calendar feeds

# Matching (trellis/matching).
COHORT_VALUE = 150

# The live linters check a draft as it is typed: never longer than the longest text
# they read (an intro message, an observation).
LINT_TEXT = max(INTRO_MESSAGE, OBSERVATION)

# The largest form a browser can send with every field at its cap is the journal's
# (a 20,000-character reflection); a whole profile is 11,014 characters. A character is
# at most four bytes of UTF-8, each percent-encoded as three: 12 bytes, so 240,000 bytes
# for the reflection, which the global request cap of 256 KiB (262,144 bytes) holds with
# room for the field names and the CSRF token. Only the roster upload may send more.
LARGEST_FORM_CHARACTERS = REFLECTION
WORST_BYTES_PER_CHARACTER = 12
REQUEST_BYTES = 256 * 1024


def truncated(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters: for input that must be bounded rather
    than refused (the engine's reading of what was stored before a cap existed)."""
    return text if len(text) <= limit else text[:limit]
