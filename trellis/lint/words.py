"""Word lists and phrase patterns of the intro linter, kept apart from the rules.

Every pattern runs on the normalised text of `reading.read`: lower case,
straight apostrophes, "-" for every dash, American spellings of the few words
the rules name, and "you", "please", "coffee", "mentor" however they were typed.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


# --- normalisation -----------------------------------------------------------

_CONTRACTIONS = {
    word.replace("'", ""): word
    for word in _words(
        """
        i'm i've i'll don't can't won't didn't doesn't isn't aren't wasn't weren't
        wouldn't couldn't shouldn't haven't hasn't you're you've you'd you'll that's
        what's it's let's we're we've they're
        """
    )
}
# "its", "were" and "ill" are words of their own, not "it's", "we're" and "i'll".
for _ambiguous in ("its", "were", "ill"):
    del _CONTRACTIONS[_ambiguous]

# How people type words in a hurry: contractions without apostrophes, shorthand, typos.
# (British spellings are read the American way by `text.spelling.american`.)
SHORTHAND: dict[str, str] = {
    **_CONTRACTIONS,
    **dict.fromkeys(("u", "ya", "yu", "yuo", "yoy"), "you"),
    **dict.fromkeys(("ur", "yr", "yor"), "your"),
    **dict.fromkeys(("pls", "plz", "plse", "pleas", "pleeease", "pleeeease"), "please"),
    **dict.fromkeys(("wud", "wld", "woud", "woudl", "wouldd"), "would"),
    **dict.fromkeys(("cud", "cld", "coud", "coudl"), "could"),
    **dict.fromkeys(("coffe", "cofee", "coffie", "cofe", "coffeee", "kaffee"), "coffee"),
    "cn": "can",
    "shud": "should",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "lemme": "let me",
    "gimme": "give me",
    "mins": "minutes",
    "min": "minute",
    "hrs": "hours",
    "hr": "hour",
    "catchup": "catch-up",
}

_MENTOR_FORMS = ("mentor", "mentors", "mentored", "mentoring", "mentorship", "mentee", "mentees")
# Real words one letter away from "mentor" that must not be read as it.
_NOT_MENTOR = frozenset({"mentos", "menton", "mentol", "menor", "center", "cantor", "tenor"})


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (one insertion, deletion, change or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def mentor_typo(word: str) -> str | None:
    """The form of "mentor" a misspelt word stands for ("mentr" -> "mentor"), if any."""
    if len(word) < 5 or word in _NOT_MENTOR or word in _MENTOR_FORMS or word[:2] != "me":
        return None
    for form in _MENTOR_FORMS:
        if within_one_edit(word, form) and not (form == "mentee" and word.startswith("mentor")):
            return form
    return None


_ABBREVIATIONS = _words(
    """
    mr mrs ms mx dr prof st vs etc e.g i.e eg ie approx fig no jr sr mt ca cf
    """
)
_LAST_WORD = re.compile(r"([a-z.]+)$")


def ends_with_abbreviation(text: str) -> bool:
    """Whether a full stop after `text` belongs to an abbreviation ("Dr.", "e.g.")."""
    match = _LAST_WORD.search(text)
    return bool(match) and match.group(1) in _ABBREVIATIONS


# "Hi Sam —", "Dear Dr. Okafor,", "Good afternoon Mr. Chen,", "Chef Rossi —", "Hey!"
GREETING = re.compile(
    r"\s*(?:"
    r"(?:hi+|hey+|hello|hiya|heya|howdy|hola|yo|dear|greetings|alright|morning|afternoon|evening"
    r"|good (?:morning|afternoon|evening|day))\b"
    r"(?:[ \t]+(?!i\b|i'm\b|i've\b|i'd\b|we\b|would\b|could\b|can\b|will\b|just\b|quick\b)"
    r"[\w'./-]+){0,3}?[ \t]*(?:[,!:;.]+|[ \t]-+|$|(?=\n))"
    r"|(?:chef|dr|ms|mr|mrs|prof|professor)\.?(?:[ \t]+[\w'-]+){1,2}[ \t]*(?:[,!:;]|[ \t]-+)"
    r")\s*"
)

# --- words that carry no subject ------------------------------------------------

STOPWORDS = _words(
    """
    a an the and or but if so as at by for from in into of on onto to with without about
    over under up down out off than then that this these those there here it its it's i i'm
    i've i'd i'll me my mine myself we we're we've we'd we'll us our ours you you're you've
    you'd you'll your yours he she they them their his her who whom whose which what when
    where why how whether is am are was were be been being do does did doing done have has
    had having will would can could shall should may might must not no nor don't didn't
    doesn't isn't aren't wasn't any some all each every both either neither one ones own
    same such very really just also too still even ever only quite rather much many more
    most few little lot lots bit again already yet now soon later today tomorrow once while
    during before after until since because though although via per re etc eg ie let let's
    please thanks thank hi hey hello dear yes yeah ok okay lol idk btw anything something
    everything nothing someone anyone everyone somebody anybody other another else like well
    way ways thing things stuff kind sort type quick quickly briefly maybe perhaps possibly
    actually currently recently truly absolutely definitely certainly so super totally
    happily gladly whatever however wherever whichever
    """
)

# Words of the ask itself: they say that something is asked, never what about.
GENERIC = _words(
    """
    advice advise advised tip tips guidance guide guiding insight insights thought thoughts
    think thinking perspective perspectives view views opinion opinions input feedback
    wisdom knowledge expertise experience experiences lesson lessons journey story stories
    career careers path paths background role roles job jobs position field industry space
    sector area areas world work works worked working learn learning learned know knowing
    hear hearing understand understanding see seeing talk talking chat chatting discuss
    discussion conversation conversations connect connecting network networking meet meeting
    meetings catch coffee coffees tea cuppa call calls zoom minute minutes time times hour
    hours calendar diary schedule convenience slot sometime week weeks month months day days
    year years monday tuesday wednesday thursday friday morning afternoon evening next
    coming mentor mentors mentoring mentorship mentee mentees brain brains brian pick
    picking help helping helpful support share sharing get got getting give giving make
    making go going take taking find finding run running idea ideas question questions ask
    asking asked explain tell telling want wanted need needed love like appreciate
    appreciated grateful value welcome keen interested interest interests curious open
    willing free available possible chance opportunity opportunities option options step
    steps transition grow growing growth start started starting begin beginning break
    breaking goal goals success succeed future life person people profile reach touch borrow
    steal book set setup grab hop jump join great good amazing awesome brilliant inspiring
    inspired fan admire admired new old junior senior best better general different fit
    figure decide deciding decided look looking approach approached handle handled deal
    dealing use used using try tried trying come came team teams company office site firm
    organization organisation org department place town city campus bounce off past things
    lot journey sometime whenever convenient informally formally regular recurring monthly
    weekly quick short brief virtual online video phone meetup session sessions relationship
    happen happened way right able glad happy nice lovely perfect ideal possible sure wonder
    wondering hope hoping hoped say said mean means matter matters favor favors spare
    pointer pointers suit suits surviving survive navigating navigate thriving thrive become
    becoming fancy pint pints beer beers drink drinks lunch breakfast dinner check ins
    checkin checkins sec moment startup startups business businesses venture ventures
    project projects plan plans
    """
)

# Work that is a problem to talk about, when the writer says they are doing it.
PROBLEM_VERBS = (
    r"working on|work on|building|build|migrating|moving|rewriting|redesigning|rethinking"
    r"|designing|drafting|writing up|writing(?! to\b| because\b| on behalf\b)|organizing"
    r"|planning|piloting|rolling out|proposing|trialling|trialing|testing|experimenting with"
    r"|comparing|researching|studying|doing|looking at|looking into|digging into|exploring"
    r"|fixing|debugging|hiring|setting up|automating|trying to|struggling with|stuck on"
    r"|stuck with|wrestling with|dealing with|fighting|tackling|investigating|evaluating"
    r"|choosing|thinking about|preparing|launching|starting|scaling|running into|ran into"
    r"|hit|hitting|got burned by|keep getting|keep hitting|reducing|cutting|growing|teaching"
)

# Verbs of giving: what an offer does for the reader.
GIVE_VERBS = (
    r"share|send|show|pass on|pass along|forward|introduce|connect you|put you in touch|help"
    r"|review|read|proofread|look over|give|offer|return|lend|host|walk you through"
    r"|tell you|demo|contribute|cover|write up|credit|swap|trade|donate|volunteer|mentor"
    r"|teach|explain|point you|recommend|test|set you up|invite you|open source|publish"
)

# Nouns and verbs of meeting: coffee, calls, chats, N minutes of your time.
_MEETING_NOUN = (
    r"coffee(?: chat| break)?|cuppa|cup of (?:tea|coffee)|tea|drinks?|beers?|pints?|lunch"
    r"|breakfast|(?<!on-)(?<!on )(?<!so-)calls?(?! it\b)|zoom|meet(?:ing|-up| up)?|chats?"
    r"|catch[- ]?up|one[- ](?:on|to)[- ]one|1[:-](?:on-)?1|1on1|sync|hangout|conversation"
    r"|walk(?! (?:you|them|me|us) through)|check[- ]?ins?"
)
MEETING = re.compile(
    r"\b(?:(?:grab|grabbing|get|have|do|set up|book|schedule|arrange|find|hop on|jump on|get on"
    r"|go for|squeeze in|fit in)\s+)?"
    r"(?:(?:a|an|some|the|one|your|quick|short|brief|virtual|online|video|phone|zoom|teams"
    r"|recurring|regular|monthly|weekly|informal|\d+[- ]?minutes?)\s+){0,3}"
    rf"(?:{_MEETING_NOUN})\b"
    r"|\b(?:\d+|a few|few|a couple of|couple of|five|ten|fifteen|twenty|thirty|a spare)"
    r"[- ]?minutes?\b(?: of your time)?"
    r"|\b(?:some|a bit of|a little|a little bit of) (?:of )?your time\b"
    r"|\bconnect(?:ing)?\b(?!\s+(?:you|him|her|them|us|it|the|these|those|this|that|our|my"
    r"|your|people|teams?)\b)"
    r"|\b(?:can|could|shall|might) we talk\b|\btalk sometime\b"
    r"|\bwhen (?:are you|you're|would you be|might you be) (?:free|available|around)\b"
    r"|\b(?:what|when) works\b"
)

# "Why would you" in a question asking for the reader's time, whatever the tense.
_YOU = r"(?:you|you all|y'all)"

# The start of a request: modal questions, wishes, "let me know", "any advice".
ASK_CUE = re.compile(
    r"\b(?:could|would|can|will|might|may|do|did|have|are|were|is) " + _YOU + r"\b"
    r"|\b(?:could|can|may|might) (?:i|we)\b"
    r"|\b(?:i'd|i would|would|i'll|we'd|we would|i'm|i am)\s+(?:\w+\s+){0,2}?"
    r"(?:love|like|appreciate|welcome|value|enjoy|be (?:\w+ )?(?:grateful|thankful|keen"
    r"|delighted|thrilled|honored|interested|curious|glad if))\b"
    r"(?!\s+to\s+(?:" + GIVE_VERBS + r")\b)"
    r"|\b(?:i'm|i am|i was|i've been|we're|we were)\s+(?:\w+\s+)?(?:hoping|wondering|keen"
    r"|curious|eager|looking for|seeking|asking)\b"
    r"|\bi (?:wonder|wondered|hope|was hoping|want|wanted|need|needed) (?!you to know)"
    r"|\b(?:any|is there any|is there a|there's no) chance\b"
    r"|\b(?:is|would) it (?:be )?possible\b"
    r"|\blet me know\b(?! if (?:i|we) can)|\blet's\b|\bplease\b|\bfancy\b|\bup for\b"
    r"|\bany (?:advice|tips|thoughts|pointers|guidance|insights?|suggestions"
    r"|recommendations|ideas|feedback|wisdom)\b"
    r"|\b(?:tell|show|teach|explain to|send|give|guide|help|advise) me\b|\bkindly\b"
    r"|\b(?:wonder|wondered|wondering) (?:if|whether)\b"
    r"|\blooking forward to (?:connecting|meeting|chatting|catching up|hearing|talking)\b"
    r"|\bif you (?:could|can|would|have|had|get|ever)\b"
    r"|\bwould be (?:great|lovely|good|nice|amazing|awesome|fantastic|helpful|brilliant"
    r"|wonderful|ideal|perfect|valuable|so helpful)\b"
    r"|\b(?:it|that) would mean\b|\bwould help\b"
    r"|\bkeen to (?:hear|learn|know|understand|get|chat|connect)\b"
    r"|\bcurious (?:to|how|what|whether|if|why|which|about)\b"
    r"|\b(?:want|wanted|hoping|hope|keen|love|like) to (?:connect|chat|meet|talk|catch up"
    r"|grab|hop|jump)\b"
)

# Cues that come after what they ask for: "monthly calls would be ideal".
CUE_AFTER_REQUEST = re.compile(r"would be |would help|(?:it|that) would ")

WH_TO_YOU = re.compile(
    r"\b(?:how|what|what's|which|why|when|where|whether)\b[^.?!\n]{0,50}?\b(?:you|your|yours)\b"
)
NEGATION = re.compile(
    r"\b(?:not|never|no longer|no need|without|don't|doesn't|didn't|won't|wouldn't|isn't"
    r"|aren't|wasn't|can't|cannot)\b|n't\b"
)

# A subject named in words the vocabulary may not know: "your talk on tenant
# organizing", "a chat about pricing", "questions regarding the audit".
SUBJECT_CUE = re.compile(
    r"\b(?:about|regarding|concerning|around)\s+"
    r"|\b(?:post|posts|talk|article|thread|paper|piece|book|note|notes|webinar|presentation|blog"
    r"|newsletter|report|research|work|write-up|video|podcast|keynote|thoughts|advice|tips"
    r"|question|questions|chat|call|coffee|views|perspective|insights)\s+(?:on|about)\s+"
)

# A topic named as somebody's job or career rather than as a problem:
# "I'm a junior data engineer", "your journey in product management", "the payments team".
CAREER_BEFORE = re.compile(
    r"(?:\b(?:i'm|i am|as|being|i work as|she's|he's|you're)\s+(?:a|an|the)\s+(?:[\w'-]+\s+){0,3}"
    r"|\b(?:career|careers|journey|path|paths|background|degree|role|job|work|working|start"
    r"|started|starting|years|future|transition|transitioning|move|moving|break|breaking"
    r"|get|getting|pivot|pivoting|grow|growing|growth|experience|way)\s+(?:\w+\s+)?"
    r"(?:in|into|within)\s+(?:the\s+)?(?:world\s+of\s+|field\s+of\s+|area\s+of\s+)?"
    r"|\bi (?:run|lead|head|manage)\s+(?:the\s+)?"
    r"|\b(?:at|for) (?:a|an) (?:[\w-]+\s+){0,2})$"
)
UNIT_AFTER = re.compile(
    r"^[\s-]*(?:team|teams|office|department|dept|group|squad|guild|practice|function|org"
    r"|student|students|graduate|grad|manager|lead|engineer|designer|analyst|role|job|jobs"
    r"|career|careers|background|degree|qualification|program|course|bootcamp|world|industry"
    r"|roles|position|positions)\b"
)
