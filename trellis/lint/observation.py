"""The observation linter: nudging notes about someone's work from vague praise to what was seen.

An observation records work a member saw someone else do ("Led the data migration
and caught the duplicate-invoice bug before launch"). The essay's second lesson is
that mentors open doors for people they *saw* do good work; a note only helps when
it says what that work was. The linter never blocks: each finding explains why and
suggests a rewrite. Observations are never ratings and never rankings.

Three rules, each found with word lists and a little grammar rather than
memorised sentences, on the text as `reading.read` normalises it plus typo and
British-spelling repair of the words the rules know:

- `vague-praise`: generic praise ("great job", "crushed it", "super helpful") in a
  note that names no specific piece of work, or a note of three words or more
  that names nothing specific at all ("She was involved in the project").
- `about-the-person`: a judgement of character or traits ("she is so smart", "a
  natural leader", "has a great attitude") instead of the work.
- `rating`: a score, grade or ranking of a person ("10/10", "5 stars", "A+", "best
  engineer on the team", "top performer", "the MVP").

Specific means a concrete action on a concrete thing (an action verb followed by
an object), a topic of the vocabulary, a figure ("from 40 to 12 minutes"), a
named artefact ("in Figma"), or a noun phrase of two concrete words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from trellis.lint import words
from trellis.lint.asks import subjects
from trellis.lint.intro import Finding, Rule, shipped_matcher
from trellis.lint.reading import Reading, read
from trellis.text.vocabulary import TopicMatcher

OBSERVATION_RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "vague-praise",
            "Generic praise says you liked the work but not what it was. A mentor opens "
            "doors for someone they saw do something specific; name the piece of work and "
            "what they did on it, so anyone reading knows what they can do.",
        ),
        Rule(
            "about-the-person",
            "This judges the person rather than describing their work. An observation is "
            "evidence of what someone did; describe the work that made you think so and "
            "let it speak for them.",
        ),
        Rule(
            "rating",
            "Observations are never ratings and never ranked: a score, grade or comparison "
            "with others says how you rank them, not what you saw them do.",
        ),
    )
}

_SUGGESTIONS = {
    "vague-praise": (
        "Instead of \u201c{quoted}\u201d, say what you saw {them} do: \u201c{Name} [did what] "
        "on [which piece of work], and [what changed because of it].\u201d"
    ),
    "vague-praise-whole": (
        "Say what you saw {them} do, and on what: \u201c{Name} [did what] on [which piece "
        "of work], and [what changed because of it].\u201d"
    ),
    "about-the-person": (
        "Instead of \u201c{quoted}\u201d, describe the work that made you think so: "
        "\u201cWhen [the situation], {Name} [what you saw {them} do].\u201d"
    ),
    "rating": (
        "Leave out \u201c{quoted}\u201d: an observation is never a rating or a ranking. Say "
        "what you saw {them} do instead: \u201c{Name} [did what] on [which piece of work].\u201d"
    ),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _alternation(vocabulary) -> str:
    return "|".join(sorted((re.escape(w) for w in vocabulary), key=len, reverse=True))


# --- lexicons ---------------------------------------------------------------------

# Verbs of concrete work, as base forms; irregular forms below. With an object
# after them ("caught the duplicate-invoice bug") they name something specific.
_ACTION_VERBS = _words(
    """
    lead build fix catch migrate design write ship reduce cut present debug refactor
    organize negotiate document automate run drive unblock review pair onboard analyze
    interview prototype coordinate facilitate rewrite spot untangle triage launch deploy
    release implement create develop draft edit rework redesign restructure reorganize
    simplify streamline optimize improve speed accelerate lower increase double halve
    triple save recover rescue resolve solve diagnose investigate trace find identify flag
    notice uncover discover test validate verify audit measure benchmark profile monitor
    instrument configure install upgrade update patch port integrate map model forecast
    budget plan schedule scope estimate prioritize sequence roll pilot trial host chair
    moderate mentor coach train teach tutor explain demo demonstrate show walk pitch sell
    close sign win renegotiate source recruit hire screen offboard translate localize
    summarize synthesize compile collect gather survey research study sketch illustrate
    animate storyboard wireframe mock label package pack deliver dispatch reconcile file
    submit invoice bill book record log report publish post announce circulate distribute
    archive clean tidy consolidate merge split deduplicate dedupe standardize template
    codify formalize centralize digitize script code program architect engineer harden
    secure encrypt backfill cache index query shard scale containerize dockerize rotate
    renew reroute reschedule cover staff arrange set put pull stand spin kick wrap chase
    escalate derisk rebuild replace remove retire decommission sunset deprecate repair
    restore revive salvage turn calm defuse mediate answer respond handle manage operate
    maintain rehearse prepare proofread copyedit critique annotate point raise question
    challenge propose recommend advocate champion lobby persuade convince introduce shadow
    inspect assess evaluate compare price quote track sort fill vet curate select pick
    take adopt push revert rollback bisect reproduce alert balance underwrite redline
    litigate settle advise counsel register trademark certify convene photograph film
    produce direct compose cook make craft assemble set-up clarify untangle rewire
    reconfigure retrain reprice relaunch overhaul modernize migrate patch tune
    """
)
_IRREGULAR = {
    "lead": "led",
    "build": "built",
    "write": "wrote written",
    "rewrite": "rewrote rewritten",
    "run": "ran",
    "drive": "drove driven",
    "catch": "caught",
    "teach": "taught",
    "take": "took taken",
    "find": "found",
    "make": "made",
    "sell": "sold",
    "win": "won",
    "spin": "spun",
    "stand": "stood",
    "hold": "held",
    "draw": "drew drawn",
    "choose": "chose chosen",
    "undertake": "undertook undertaken",
    "overtake": "overtook",
}
_WEAK_VERBS = _words(
    """
    work help do assist support contribute participate involve join attend step go come
    get keep seem feel appreciate thank love like enjoy impress care try be have pitch
    chip stay hang deal
    """
)
_PRAISE_ADJECTIVES = _words(
    """
    great good nice amazing awesome excellent fantastic brilliant terrific outstanding
    superb stellar solid wonderful incredible phenomenal fabulous fab splendid tremendous
    impressive lovely cool epic exceptional remarkable super magnificent marvelous
    spectacular sterling cracking ace smashing stunning perfect top-notch first-class
    first-rate world-class gr8 grt gud gd unreal insane sick legendary killer beautiful
    neat sweet decent strong fine admirable commendable stupendous fantabulous wicked
    """
)
_TRAIT_ADJECTIVES = _words(
    """
    smart clever bright brilliant intelligent gifted talented sharp wise kind nice lovely
    sweet friendly warm caring thoughtful generous humble genuine patient calm funny
    charming charismatic confident positive upbeat cheerful enthusiastic passionate driven
    motivated ambitious dedicated committed diligent hardworking hard-working reliable
    dependable trustworthy responsible professional competent capable skilled skillful
    knowledgeable experienced creative innovative curious proactive meticulous empathetic
    approachable easygoing easy-going personable likeable likable respectful considerate
    conscientious resourceful level-headed detail-oriented lazy rude arrogant sloppy
    careless unreliable abrasive disorganized bossy pushy incompetent unprofessional
    """
)
_INTENSIFIERS = _words(
    """
    so very really super truly absolutely incredibly extremely hugely massively insanely
    crazy quite pretty remarkably exceptionally genuinely honestly seriously just simply
    totally always consistently such real mega ultra utterly deeply wildly
    """
)
# Words about work that say nothing about which work: "the project", "this quarter".
_GENERIC = _words(
    """
    work works job jobs project projects team teams stuff things thing task tasks effort
    efforts everything lot lots bit bits help support time times day days week weeks
    month months quarter quarters year years today yesterday tonight morning afternoon
    evening night sprint launch release releases presentation meeting meetings demo call
    calls session sessions event events client clients customer customers company
    business people person everyone everybody colleague colleagues teammate teammates
    coworker coworkers co-worker member members folks guys group department office org
    role way ways difference impact value contribution contributions result results
    outcome outcomes initiative deliverable deliverables feature features issue issues
    problem problems ticket tickets hard big huge real massive major small little first
    last new old whole entire usual usually recently lately consistently constantly extra
    mile above beyond cheers mate m8 guy lol haha omg wow thanks thank pro example trust
    relationships relationship morale culture rapport momentum confidence energy vibe
    vibes attitude level stage place part area side end start go going one ones others
    rest heart soul spirit situation process assignment assignments duty duties
    responsibilities responsibility period moment weekend weekends late early again
    times fashion manner style job-wise hustle grind kind sort fun pleasure joy honor
    privilege thing-y wonder wonders magic miracle miracles quality standard standards
    expectations expectation performance goals goal target targets numbers patience
    kindness understanding flexibility dedication commitment enthusiasm positivity
    leadership guidance advice feedback input professionalism attention care generosity
    hardwork teamwork collaboration communication partnership ownership initiative
    """
)
_PERSON_NOUNS = (
    r"person|people|human|humans|guy|girl|woman|man|lady|colleague|colleagues|teammate"
    r"|teammates|coworker|co-worker|engineer|engineers|developer|developers|dev|devs|designer"
    r"|designers|manager|managers|leader|leaders|lead|analyst|lawyer|accountant|individual"
    r"|soul|team member|worker|employee|hire|hires|professional|mentor|boss|recruiter|marketer"
    r"|salesperson|rep|nurse|teacher|writer|researcher|scientist|consultant|intern|student"
    r"|programmer|coder|architect|pm|product manager|seller|closer|agent|operator|paralegal"
    r"|associate|partner|director|founder|contributor|collaborator|pms?|member of (?:the |our )?"
    r"team"
)
_PEOPLE = rf"(?:{_PERSON_NOUNS})s?"

_ALL_FORMS: dict[str, str] = {}  # every inflected form of a verb -> its kind


def _inflections(base: str) -> set[str]:
    forms = {base}
    stem = base[:-1] if base.endswith("e") and not base.endswith("ee") else base
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        plural = "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"
        forms |= {base + plural, stem + "ed", stem + "ing"}
    if len(base) <= 4 and re.fullmatch(r".*[^aeiou][aeiou][^aeiouwxy]", base):
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    forms |= set(_IRREGULAR.get(base, "").split())
    if base in {"cut", "set", "put", "spread", "read"}:
        forms.add(base)
    return forms


_PAST_FORMS: set[str] = set()
for _base in _ACTION_VERBS:
    for _form in _inflections(_base):
        _ALL_FORMS[_form] = "action"
        if _form.endswith("ed") or _form in " ".join(_IRREGULAR.values()).split():
            _PAST_FORMS.add(_form)
for _base in _WEAK_VERBS:
    for _form in _inflections(_base):
        _ALL_FORMS.setdefault(_form, "weak")
_WEAK_PAST = {f for f, kind in _ALL_FORMS.items() if kind == "weak" and f.endswith(("ed", "ing"))}
_WEAK_PAST |= {"did", "done", "got", "went", "came", "kept", "had", "felt", "was", "were", "been"}
_ALL_FORMS.update({"did": "weak", "done": "weak", "was": "weak", "were": "weak"})
_ALL_FORMS.update({"got": "weak", "went": "weak", "came": "weak", "kept": "weak"})

_BRITISH = (
    ("ization", "isation"),
    ("izations", "isations"),
    ("ize", "ise"),
    ("ized", "ised"),
    ("izes", "ises"),
    ("izing", "ising"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("yzes", "yses"),
    ("yzing", "ysing"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("ored", "oured"),
)
_KNOWN = (
    set(_ALL_FORMS)
    | _PRAISE_ADJECTIVES
    | _TRAIT_ADJECTIVES
    | _INTENSIFIERS
    | {"helpful", "supportive", "impressed", "kudos", "rockstar", "superstar", "legend"}
)


def _spellings() -> dict[str, str]:
    """Every British spelling of a known word, pointing at the American one."""
    spellings = {}
    for word in _KNOWN:
        for american, british in _BRITISH:
            if word.endswith(american):
                spellings[word[: -len(american)] + british] = word
    return spellings


_SPELLINGS = _spellings()
_SLANG = {
    "awsome": "awesome",
    "amazin": "amazing",
    "v": "very",
    "rly": "really",
    "realy": "really",
    "soo": "so",
    "sooo": "so",
    "grate": "great",
    "gret": "great",
    "helpfull": "helpful",
    "brill": "brilliant",
    "fab": "fabulous",
    "rock-star": "rockstar",
    "super-star": "superstar",
    "smrt": "smart",
    "thnx": "thanks",
    "thx": "thanks",
    "tx": "thanks",
    "ty": "thanks",
}
# Typos are repaired only towards the words the rules care about, and only for
# words long enough that one slip cannot turn one real word into another.
# Verbs are left alone: "developer" is one letter from "developed", "driver" from "driven".
_FUZZY_TARGETS = _words(
    """
    amazing awesome excellent fantastic brilliant terrific outstanding incredible phenomenal
    fabulous tremendous impressive exceptional remarkable wonderful spectacular helpful
    supportive talented intelligent hardworking reliable dependable enthusiastic passionate
    dedicated knowledgeable incredibly absolutely extremely really legendary superstar
    rockstar
    """
)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for target in _FUZZY_TARGETS:
        for key in {target} | _deletions(target):
            index.setdefault(key, set()).add(target)
    return index


@lru_cache(maxsize=4096)
def canonical_word(word: str) -> str:
    """The word the rules know that `word` spells ("organised", "awsome", "helpfull")."""
    if word in _KNOWN or word in words.STOPWORDS or word in _GENERIC:
        return word
    if word in _SLANG:
        return _SLANG[word]
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    squeezed = re.sub(r"(.)\1{2,}", r"\1\1", word)  # "greaaat", "sooooo"
    for candidate in (squeezed, re.sub(r"(.)\1+", r"\1", squeezed)):
        if candidate != word and (candidate in _KNOWN or candidate in words.STOPWORDS):
            return candidate
    if len(word) < 5 or not word.isalpha():
        return word
    index = _fuzzy_index()
    keys = {word} | _deletions(word)
    matches = {t for key in keys for t in index.get(key, ()) if t[0] == word[0]}
    matches = {t for t in matches if words._within_one_edit(word, t)}
    return min(matches) if len(matches) == 1 else word


# --- the note as the rules read it ------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+(?:['+-][a-z0-9]+)*'?")


@dataclass(frozen=True)
class Token:
    """A word of the canonical text: [start, end) there, and how it was typed."""

    word: str
    start: int
    end: int
    typed: str


@dataclass(frozen=True)
class Note:
    """An observation as the rules read it: canonical text, its words, where they came from."""

    reading: Reading
    text: str
    origin: tuple[int, ...]  # text[i] came from reading.text[origin[i]]
    tokens: tuple[Token, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original note that text[start:end] came from."""
        if start >= len(self.text):
            return len(self.reading.original), len(self.reading.original)
        first, last = self.origin[start], self.origin[max(start, end - 1)]
        return self.reading.span(first, last + 1)

    def capitalised(self, token: Token) -> bool:
        """Typed with a capital: a name ("Ana"), a product ("Figma") or an acronym ("GDPR")."""
        return token.typed[:1].isupper()

    def acronym(self, token: Token) -> bool:
        letters = [ch for ch in token.typed if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _note(message: str) -> Note:
    reading = read(message)
    chars: list[str] = []
    origin: list[int] = []
    tokens: list[Token] = []
    position = 0
    for match in _TOKEN.finditer(reading.text):
        for i in range(position, match.start()):
            chars.append(reading.text[i])
            origin.append(i)
        word = canonical_word(match.group())
        start = len(chars)
        if word == match.group():
            chars.extend(word)
            origin.extend(range(match.start(), match.end()))
        else:
            chars.extend(word)
            origin.extend([match.start()] * (len(word) - 1) + [match.end() - 1])
        first, last = reading.span(match.start(), match.end())
        tokens.append(Token(word, start, len(chars), message[first:last]))
        position = match.end()
    for i in range(position, len(reading.text)):
        chars.append(reading.text[i])
        origin.append(i)
    return Note(reading, "".join(chars), tuple(origin), tuple(tokens))


# --- phrases ---------------------------------------------------------------------------

_ADJ = _alternation(_PRAISE_ADJECTIVES).replace(r"\-", r"[\s-]?")
_TRAIT = _alternation(_TRAIT_ADJECTIVES)
_INTENS = _alternation(_INTENSIFIERS)
_PRAISED = (
    r"job|jobs|work|effort|efforts|stuff|going|one|performance|contributions?|results?"
    r"|teamwork|support|help|input|delivery|execution|collab|collaboration|leadership"
    r"|presentation|demo|talk|session|launch|release|meeting|workshop|write-?up|report|idea"
    r"|ideas|catch|call|save|fix|show|pitch|deck|week|day|month|quarter|sprint|year|hustle"
    r"|communication|thinking|instincts|skills|teaching|coaching|advice|feedback"
)
_CLAUSE_START = r"(?:^|(?<=[.!?\n,;:(])\s*|(?<=\s-)\s*|\band\s+|\bbut\s+)"
_COPULA = (
    r"(?:'s|'re|is|was|are|were|has been|have been|had been|seems|seemed|remains|always is"
    r"|is always|was always|really is|truly is|is just|is such|was such|be|being|been)"
)

PRAISE = re.compile(
    rf"\b(?:(?:so|very|really|super|truly|absolutely|such|an?|some|what an?|what|another)\s+)*"
    rf"(?:(?:{_ADJ})[\s-]+){{1,2}}(?:{_PRAISED})\b"
    r"|(?<![\w+])a\+{1,2}\s+(?:effort|work|job|performance|stuff)\b"
    r"|\b(?:well|nicely) (?:done|played|handled)\b|\bbravo\b|\bkudos\b|\b(?:mad )?props\b"
    r"|\bbig ups\b|\bshout[- ]?outs?\b|\bhats off\b|\bchapeau\b|\bway to go\b"
    r"|\bkeep (?:it|this) up\b|\bkeep up the \w+ work\b|\bgood on (?:you|ya|her|him|them)\b"
    r"|\bfair play\b|\bgood show\b|\bgj\b|\bgg\b|\btysm\b"
    r"|\bthanks? (?:you )?(?:so much|a lot|a ton|heaps|loads|a million|for everything"
    r"|for all (?:you do|your|the|of your|her|his|their)\b[\w\s]{0,20}?(?:work|help|effort|support)"
    r"|for (?:your|the|all the|her|his|their) (?:hard work|help|support|effort|efforts))\b"
    r"|\bmany thanks\b|\bthanks\b|\bthank (?:you|u)\b|\bappreciate (?:you|her|him|them)\b"
    r"|\b(?:you|she|he|they|u) (?:totally |really |just )?rock(?:s|ed)?\b"
    r"|\b(?:crush|kill|nail|smash|rock|ace|own)(?:ed|ing|s)? it\b"
    r"|\b(?:knock|hit)(?:ed|s|ing)? it out of the park\b|\bout of the park\b"
    r"|\babove and beyond\b|\bthe extra mile\b|\bnext level\b|\bon fire\b"
    r"|\b(?:rock ?stars?|superstars?|legends?|legendary|heroe?s?|ninjas?|wizards?|unicorns?)\b"
    r"|\b(?:an? |absolute |total |real |such a |you're a |you are a )(?:star|gem|champ|boss)\b"
    r"|\b(?:absolute|total|such an?|real) (?:machine|beast|unit|trooper|powerhouse)\b"
    r"|\b(?:an? |such an? |so much )(?:big |huge |great |massive |real )?help\b"
    r"|\bhelped (?:out |me |us )?(?:so much|a lot|a ton|loads|heaps|massively|hugely)\b"
    r"|\bstepped up\b|\bmade (?:it|magic) happen\b|\bdelivered as (?:always|usual)\b"
    rf"|\b(?:did|does|do|done|doing) (?:a |an )?(?:(?:{_INTENS}) )*(?:well|{_ADJ})\b"
    rf"|\b(?:(?:{_INTENS}) )*impressed\b|\bimpressive\b"
    rf"|\b(?:(?:{_INTENS}|{_COPULA}|been|being) )+(?:helpful|supportive|useful)\b"
    r"|\bhelpful (?:as always|as usual|as ever)\b"
    r"|\b(?:hard|tireless|great|amazing|incredible|fantastic|awesome|excellent) (?:work|efforts?)\b"
    r"|\b(?:really |truly |so |greatly )?appreciate(?:d)? (?:it|all|everything"
    r"|(?:all )?(?:your|the|her|his|their) (?:hard work|help|effort|efforts|support))\b"
    rf"|\b(?:{_COPULA}|you|u) the best\b(?!\s+(?:[\w-]+\s+){{0,2}}{_PEOPLE}\b)"
    rf"|\b{_COPULA} (?:(?:{_INTENS}) )*(?:{_ADJ}|a star|a legend|a hero|a rockstar|on fire)\b"
    rf"(?!\s+(?:at|with|in|for|to|of|{_TRAIT}|{_ADJ}|helpful|supportive|useful)\b)"
    rf"|{_CLAUSE_START}(?:(?:{_INTENS}|wow|omg|pure|purely) )*(?:{_ADJ})(?: (?:{_ADJ}))*"
    r"(?=\s*(?:[.!?\n]|$))"
)

_SUPERLATIVE_TRAITS = (
    r"nicest|kindest|smartest|sweetest|friendliest|warmest|brightest|cleverest|funniest"
    r"|most (?:talented|gifted|genuine|patient|generous|thoughtful|humble|caring|kind|reliable"
    r"|dedicated|hardworking|hard-working|intelligent|creative|positive|helpful|supportive)"
)
_TRAIT_NOUNS = (
    r"team player|natural leader|born leader|true leader|natural|people person|self[- ]starter"
    r"|go[- ]getter|(?:quick|fast|rapid) learner|class act|good egg|sweetheart|angel|gem"
    r"|genius|diamond|treasure|sweetie"
)
_COPULA_AFTER = (
    r"(?:'s|'re| is| was| are| were| has been| have been| had been| seems| seemed| remains"
    r"| always is| is always| was always| really is| truly is| is just| is such| was such)"
)
# "She is so smart", "Maria's super reliable": whether `who` is a person is checked in code.
TRAIT_PREDICATE = re.compile(
    rf"\b(?P<who>\w+){_COPULA_AFTER}(?: (?:always|also|just|honestly|genuinely|truly|really))*"
    rf"(?: (?:{_INTENS}))*(?: an?)? (?:{_TRAIT})\b"
    r"(?! (?:of|to|job|work|fix|idea|move|call|that|the|it|we|this|she|he|they|our|you|i)\b)"
)
TRAIT = re.compile(
    rf"{_CLAUSE_START}{_COPULA}(?: (?:{_INTENS}))*(?: an?)? (?:{_TRAIT})\b(?! (?:of|to)\b)"
    rf"|{_CLAUSE_START}(?:(?:{_INTENS}|an?) )+(?:{_TRAIT})\b(?=\s*(?:[.!?,;:\n]|$|and\b))"
    rf"|{_CLAUSE_START}(?!brilliant\b|nice\b|lovely\b|sweet\b)(?:{_TRAIT})\b"
    r"(?=\s*(?:[.!?,;:\n]|$|and\b))(?<!\bkind)"
    rf"|\b(?:(?:{_INTENS}|an?) )*(?:{_TRAIT}|{_ADJ}) (?:and (?:{_TRAIT}|{_ADJ}) )?{_PEOPLE}\b"
    rf"|{_CLAUSE_START}(?:{_TRAIT_NOUNS})\b(?=\s*(?:[.!?,;:\n]|$|and\b))"
    rf"|\b(?:such |what |absolute |total |real |a |an |true |is |'s |was |she's |he's )(?:an? )?"
    rf"(?:{_TRAIT_NOUNS})\b(?! (?:idea|move|solution|fix|hack|plan|way|of)\b)"
    r"|\b(?:an? )?(?:pleasure|joy|delight|dream|treat) to (?:work|collaborate|partner) with\b"
    rf"|\bone of the (?:{_SUPERLATIVE_TRAITS}) (?:[\w-]+ )?{_PEOPLE}\b"
    r"|\b(?:has|have|had|with|such|what|a|an|her|his|their|your) (?:an? |such an? |the )?"
    r"(?:(?:great|positive|amazing|good|can-do|fantastic|brilliant|wonderful|lovely|awesome"
    r"|excellent|incredible|strong|real|bad|negative|poor|growth|winning)\s+)+"
    r"(?:attitude|mindset|personality|energy|vibes?|spirit|work ethic|heart|character)\b"
    r"|\b(?:strong |great |amazing |incredible |good |solid |real )?work ethic\b"
    r"|\b(?:good|great|positive|amazing) vibes\b"
)
_GROUPS = (
    r"(?:on|in|at|of) (?:the|our|this|my|his|her|their|your|whole|entire) "
    r"(?:[\w-]+ )?(?:team|company|org|organization|department|office|firm|business|building"
    r"|floor|world|planet|industry|group|squad|school|class|cohort|country)"
    r"|i(?:'ve| have)? (?:ever )?(?:worked with|seen|met|managed|known|had|hired)|i know|ever"
)
RATING = re.compile(
    r"(?<![\w/.])\d{1,3}(?:\.\d)?\s*/\s*(?:10|5|100)\b(?![/.]\d)"
    r"|\b(?:\d{1,3}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven)"
    r" (?:out of|outta) (?:10|ten|5|five|100)\b"
    r"|\b(?:[1-5]|one|two|three|four|five)[- ]?stars?\b"
    r"|(?<![\w+#])[abcd]\+{1,2}(?![\w+#])"
    r"|\b(?:grade|an?|solid|straight|gets?|got|give (?:her|him|them))[ ](?:[a-d]|f)-(?![\w-])"
    r"|\bstraight a's\b|\b(?:top|full) marks\b|\bgold star\b|\b10x (?:engineer|developer|dev)\b"
    rf"|\b(?:(?:one of )?(?:the|our|my|her|his|their) )?best (?:[\w-]+ ){{0,2}}?{_PEOPLE}"
    rf"\b(?:(?: {_GROUPS}))?"
    rf"|\b(?:the|our|my) (?:best|greatest|strongest|finest|top|smartest|brightest|fastest"
    rf"|most (?:talented|productive|valuable|effective|capable|skilled))\b"
    rf"(?: (?:[\w-]+ ){{0,2}}?{_PEOPLE})? (?:{_GROUPS})\b"
    r"|\btop[- ](?:performers?|talent|tier|\d+ ?%?(?= *(?:[.!?,;\n]|$| of (?:the |our |all )?"
    rf"(?:{_PEOPLE}|performers|team|company|class|staff|org)\b))"
    r"|(?:of|in) (?:the|our|her|his|their) "
    r"(?:class|team|leaderboard|pack|league|game)|(?:engineer|developer|designer|salesperson"
    r"|seller|rep|closer|analyst|lawyer|manager|person|hire|employee)s?)(?!\w)"
    r"|\b(?:high|low|star|strong|weak|under|over)[- ]?performers?\b|\ban? a[- ]player\b"
    r"|\b(?:better|smarter|faster|stronger|harder[- ]working|more (?:talented|skilled|productive"
    r"|capable|effective)) than (?:anyone|everyone|everybody|anybody|most|all|the rest|any other"
    r"|the others|other|his|her|their|the other|me|us|you)\b"
    r"|\bout(?:perform|shine|shone|class|work)(?:s|ed|ing)?\b"
    r"|\bhead and shoulders above\b|\b(?:miles|leagues|streets) ahead of\b"
    r"|\brank(?:s|ed|ing)? (?:(?:her|him|them|as|at) )?(?:#\s?\d+|first|top|highest|number \w+"
    r"|no\.? ?\d+|\d+(?:st|nd|rd|th))"
    r"|(?:\b(?:is|was|'s|are|were|the|our|my)\s+)(?:#\s?1|number one|no\.? ?1)\b"
    r"(?! (?:priority|issue|problem|bug|cause|reason|request|goal|thing|risk|complaint|fan)\b)"
    r"|(?:\b(?:is|was|'s|are|were|been|being|you're)\s+(?:(?:the|our|my|an?|real|true|absolute"
    r"|total|team)\s+)?|\b(?:team|sprint|quarter|week|month|year|game|real|true|absolute"
    r"|total)\s+)mvp\b"
    r"|\bmvp of the (?:week|month|sprint|quarter|year|team|day|game|launch|night|hackathon)\b"
    r"|\b(?:exceeds|meets|below|does not meet|doesn't meet) expectations\b"
    r"|\b(?:would |i'd |i )?(?:rate|rated|score|scored) (?:her|him|them|you)\b"
    r"|\b(?:rating|score|grade)\s*[:=]\s*\S+"
    r"|\bthe goat\b"
)
# Emoji: applause and fire are praise; medals, the GOAT and a row of stars rate.
_PRAISE_EMOJI = re.compile(
    "[\U0001f44f\U0001f64c\U0001f525\U0001f4af\U0001f31f\u2b50\U0001f3c6\U0001f680\U0001f4aa"
    "\U0001f44d\u2728\U0001f389\U0001f44c\U0001f929\U0001f918\U0001f973\U0001f48e\u2764"
    "\U0001f60d][\ufe0f\U0001f3fb-\U0001f3ff]*"
)
_RATING_EMOJI = re.compile("(?:[\u2b50\U0001f31f]\ufe0f?\\s*){3,}|\U0001f947|\U0001f410|\U0001f3c5")


# --- what the rules find -----------------------------------------------------------------

_PERSONAL = frozenset({"she", "he", "they", "you", "we"})


@dataclass(frozen=True)
class Span:
    """A span [start, end) of the original note."""

    start: int
    end: int


def _spans(note: Note, pattern: re.Pattern) -> list[Span]:
    found = []
    for match in pattern.finditer(note.text):
        start = match.start() + len(match.group()) - len(match.group().lstrip(" \n,;:"))
        if start < match.end():
            found.append(Span(*note.span(start, match.end())))
    return found


def _emoji(note: Note, pattern: re.Pattern) -> list[Span]:
    return [Span(*m.span()) for m in pattern.finditer(note.reading.original)]


def _traits(note: Note, subject: str) -> list[Span]:
    """Judgements of the person: the trait phrases whose subject is a person."""
    found = _spans(note, TRAIT)
    names = set(_tokens_of(subject))
    starts = {token.start: token for token in note.tokens}
    for match in TRAIT_PREDICATE.finditer(note.text):
        who = starts.get(match.start("who"))
        if who is None:
            continue
        named = note.capitalised(who) and who.word not in words.STOPWORDS
        pronoun = who.word.split("'")[0]
        if pronoun in _PERSONAL or who.word in names or named:
            found.append(Span(*note.span(match.start(), match.end())))
    return found


def _tokens_of(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(read(text).text)] if text else []


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


# --- what makes a note specific ------------------------------------------------------------

# Figures: "40 to 12 minutes", "3%", "2GB", "$40k", "SEV2"; not years, quarters or "100%".
_FIGURE = re.compile(
    r"(?<![\w/])(?!(?:19|20)\d\d\b)(?!q[1-4]\b)(?!h[12]\b)(?!fy\d+\b)(?!1[01]0 ?%)"
    r"(?:[$\u00a3\u20ac]\s?\d|\d[\w.,%:]*|[a-z]+\d+[a-z\d]*)"
    r"|\b(?:halved|doubled|tripled|quadrupled|by half|in half|percent|zero)\b"
)
_SLANG_FIGURES = frozenset({"gr8", "m8", "l8r", "2day", "2moro", "b4", "w8", "str8", "h8", "10x"})
_PREPOSITIONS = _words("on for of about around across into in with during through from at behind")
_DETERMINERS = _words(
    "the a an our their her his my your this that these those its all every each some"
)
_MODIFIERS = _words("new old first last whole entire big small huge little real major")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n]| -+ ")


def _concrete(note: Note, token: Token, names: set[str]) -> bool:
    """A word that names something: not generic, not praise, not a name, not a past verb."""
    word = token.word.removesuffix("'s").rstrip("'")
    if len(word) < 2 or word in names or word in _SLANG_FIGURES:
        return False
    if word in words.STOPWORDS or word in _GENERIC or word in _INTENSIFIERS:
        return False
    if word in _PRAISE_ADJECTIVES or word in _TRAIT_ADJECTIVES or word in _PAST_FORMS:
        return False
    if word in _WEAK_PAST or (word.endswith("ly") and len(word) > 4):
        return False
    return not (note.capitalised(token) and not note.acronym(token))


def _clauses(note: Note, skip: list[Span]) -> Iterator[list[Token]]:
    """The words of each clause, without those inside praise, trait or rating phrases."""
    clause: list[Token] = []
    previous = 0
    for token in note.tokens:
        if _CLAUSE_BREAK.search(note.text, previous, token.start) and clause:
            yield clause
            clause = []
        previous = token.end
        start, end = note.span(token.start, token.end)
        if not any(s.start <= start and end <= s.end for s in skip):
            clause.append(token)
    if clause:
        yield clause


def _specific_clause(note: Note, clause: list[Token], names: set[str]) -> bool:
    concrete = [_concrete(note, token, names) for token in clause]
    for i, token in enumerate(clause):
        if _ALL_FORMS.get(token.word) == "action" and any(concrete[i + 1 : i + 7]):
            return True  # "caught the duplicate-invoice bug"
        if concrete[i] and any(concrete[i + 1 : i + 3]):
            return True  # "the checkout redesign", "caching layer"
        if token.word in _PREPOSITIONS and _names_thing(note, clause[i + 1 : i + 4], names):
            return True  # "on Atlas", "with the landlord"
    return False


def _names_thing(note: Note, following: list[Token], names: set[str]) -> bool:
    for token in following:
        if token.word in _DETERMINERS or token.word in _MODIFIERS:
            continue
        if note.capitalised(token) and not note.acronym(token):
            word = token.word.removesuffix("'s").rstrip("'")
            return word not in names and word not in words.STOPWORDS
        return _concrete(note, token, names)
    return False


def _specific(note: Note, skip: list[Span], names: set[str], matcher: TopicMatcher) -> bool:
    """Whether the note names a specific piece of work, outside its praise and ratings."""

    def outside(start: int, end: int) -> bool:
        return not any(s.start <= start and end <= s.end for s in skip)

    mentions = matcher.mentions(note.reading.original)
    for topic in subjects(note.reading, mentions):
        generic = all(w in _GENERIC for w in _tokens_of(topic.mention.text))
        if topic.named and not generic and outside(topic.mention.start, topic.mention.end):
            return True
    for match in _FIGURE.finditer(note.text):
        if match.group().lower() not in _SLANG_FIGURES and outside(*note.span(*match.span())):
            return True
    return any(_specific_clause(note, clause, names) for clause in _clauses(note, skip))


# --- the linter -------------------------------------------------------------------------------


def lint_observation(
    text: str, *, subject: str = "", matcher: TopicMatcher | None = None
) -> list[Finding]:
    """Lint one observation; findings are ordered by where they start.

    `subject` is the observed person's display name: it shapes the suggested
    rewrites and is never read as a piece of work. `matcher` defaults to the
    shipped topic vocabulary.
    """
    note = _note(text)
    praise = _merged(_spans(note, PRAISE) + _emoji(note, _PRAISE_EMOJI))
    ratings = _merged(_spans(note, RATING) + _emoji(note, _RATING_EMOJI))
    traits = _merged(_traits(note, subject))
    praise = [p for p in praise if not any(r.start <= p.start and p.end <= r.end for r in ratings)]
    if not (praise or ratings or any(ch.isalnum() for ch in text)):
        return []
    names = set(_tokens_of(subject))
    matcher = matcher if matcher is not None else shipped_matcher()
    specific = _specific(note, praise + ratings + traits, names, matcher)
    hits: list[tuple[str, Span | None]] = [("rating", r) for r in ratings]
    hits += [("about-the-person", t) for t in traits]
    if praise and not specific:
        hits.append(("vague-praise", praise[0]))
    elif not (praise or ratings or traits or specific) and len(note.tokens) >= 3:
        hits.append(("vague-praise", None))
    findings = [_finding(rule, span, text, subject.strip()) for rule, span in hits]
    order = list(OBSERVATION_RULES)
    return sorted(findings, key=lambda f: (f.start, f.end, order.index(f.rule)))


def _finding(rule: str, span: Span | None, text: str, subject: str) -> Finding:
    template = _SUGGESTIONS[rule]
    if span is None:
        start = len(text) - len(text.lstrip())
        span, template = Span(start, max(start, len(text.rstrip()))), _SUGGESTIONS[rule + "-whole"]
    names = {"them": subject or "them", "Name": subject or "They"}
    quoted = text[span.start : span.end]
    suggestion = template.format(quoted=quoted, **names)
    return Finding(rule, span.start, span.end, OBSERVATION_RULES[rule].why, suggestion)
