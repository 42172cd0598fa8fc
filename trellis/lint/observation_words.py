"""Word lists and phrase patterns of the observation linter, kept apart from its rules.

Every list and pattern runs on the text as `reading.read` normalises it (lower
case, straight apostrophes, "-" for every dash) after `observation.canonical_word`
has repaired typos and British spellings of the words named here. Lists are
classes of words (praise adjectives, traits, generic and abstract nouns,
occasions), not sentences: a rule should catch a synonym or a paraphrase.
"""

from __future__ import annotations

import re


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
# The writer's verbs: what the writer does about the person, never work the person
# did ("I want to recognise Hannah", "I'd vouch for him").
WRITER_VERBS = _words(
    """
    recognize acknowledge celebrate congratulate commend praise highlight mention nominate
    want wish hope think believe know say tell thank rate rank vouch endorse
    """
)
PRAISE_ADJECTIVES = _words(
    """
    great good nice amazing awesome excellent fantastic brilliant terrific outstanding
    superb stellar solid wonderful incredible phenomenal fabulous fab splendid tremendous
    impressive lovely cool epic exceptional remarkable super magnificent marvelous
    spectacular sterling cracking ace smashing stunning perfect top-notch first-class
    first-rate world-class gr8 grt gud gd unreal insane sick legendary killer beautiful
    neat sweet decent strong fine admirable commendable stupendous fantabulous wicked
    """
)
TRAIT_ADJECTIVES = _words(
    """
    smart clever bright brilliant intelligent gifted talented sharp wise kind nice lovely
    sweet friendly warm caring thoughtful generous humble genuine patient calm funny
    charming charismatic confident positive upbeat cheerful enthusiastic passionate driven
    motivated ambitious dedicated committed diligent hardworking hard-working reliable
    dependable trustworthy responsible professional competent capable skilled skillful
    knowledgeable experienced creative innovative curious proactive meticulous empathetic
    approachable easygoing easy-going personable likeable likable respectful considerate
    conscientious resourceful level-headed detail-oriented lazy rude arrogant sloppy
    organized well-organized efficient focused articulate eloquent tenacious resilient
    adaptable versatile loyal honest witty chill laid-back polite courteous humble
    careless unreliable abrasive disorganized bossy pushy incompetent unprofessional
    """
)
INTENSIFIERS = _words(
    """
    so very really super truly absolutely incredibly extremely hugely massively insanely
    crazy quite pretty remarkably exceptionally genuinely honestly seriously just simply
    totally always consistently such real mega ultra utterly deeply wildly
    """
)
# Words about work that say nothing about which work: "the project", "this quarter".
GENERIC = _words(
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
    rollout roll-out go-live implementation deployment committee committees board
    workstream workstreams undertaking undertakings endeavor endeavors activity activities
    """
)
# Abstract nouns: what work achieved or showed, never which work ("our success",
# "her expertise"). Words ending in -ness are abstract too ("willingness").
ABSTRACT = _words(
    """
    success achievement accomplishment progress growth excellence win milestone expertise
    knowledge experience insight skill talent passion drive ambition professionalism
    excellence brilliance greatness competence capability ability potential presence
    reliability consistency diligence integrity character personality mindset ethic
    influence contribution involvement participation engagement commitment focus vision
    direction perspective creativity innovation productivity efficiency output quality
    excellence craft craftsmanship care effort hustle energy attitude spirit heart
    determination resilience grit perseverance persistence composure calmness poise
    thoughtfulness helpfulness support guidance mentorship leadership wisdom judgement
    judgment instinct instincts asset backbone rock glue anchor force powerhouse
    """
)
# Degree, frequency and quantity words: "high quality", "several initiatives".
DEGREE = _words(
    """
    several many various numerous multiple countless few plenty loads tons heaps dozens
    much more most less least other another different such same high higher highest low
    lower top-quality high-quality overall general daily weekly monthly yearly ongoing
    continuous constant consistent regular key critical important valuable essential
    significant substantial considerable incredible endless tireless true total absolute
    """
)
# Occasions and places: where or when the work happened, not what it was ("at the
# conference booth", "during the reorg", "on the recruitment fair").
OCCASIONS = _words(
    """
    event conference booth fair expo exhibition summit convention congress forum offsite
    off-site onsite on-site retreat away-day awayday all-hands town-hall townhall party
    celebration dinner lunch breakfast drinks social gala ceremony festival trip visit
    tour roadshow reorg re-org reorganization restructure restructuring merger transition
    relocation show trade-show changeover shake-up shakeup crunch rush peak season holiday
    holidays christmas
    lockdown pandemic crisis chaos madness storm busy period stretch phase hackathon
    kickoff kick-off standup stand-up huddle venue hall campus week-long open-day openday
    webinar seminar panel course training bootcamp orientation
    induction
    """
)
_IRREGULAR_PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child"}


def singular(word: str) -> str:
    """The singular of a plural noun, roughly: "initiatives", "parties", "boxes"."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def vague_noun(word: str) -> bool:
    """A generic, abstract, degree or occasion word, in any number."""
    for form in {word, singular(word)}:
        if form in GENERIC or form in ABSTRACT or form in DEGREE or form in OCCASIONS:
            return True
    return word.endswith("ness") and len(word) > 6


# Informal words for a person: "top bloke", "good egg".
_INFORMAL_PEOPLE = r"bloke|chap|lad|lass|gal|fella|fellow|dude|egg|cookie|bean"
_PERSON_NOUNS = (
    r"person|people|human|humans|guy|girl|woman|man|lady|colleague|colleagues|teammate"
    r"|teammates|coworker|co-worker|engineer|engineers|developer|developers|dev|devs|designer"
    r"|designers|manager|managers|leader|leaders|lead|analyst|lawyer|accountant|individual"
    r"|soul|team member|worker|employee|hire|hires|professional|mentor|boss|recruiter|marketer"
    r"|salesperson|rep|nurse|teacher|writer|researcher|scientist|consultant|intern|student"
    r"|programmer|coder|architect|pm|product manager|seller|closer|agent|operator|paralegal"
    r"|mind|minds|communicator|collaborator|listener|learner|thinker|problem[- ]solver"
    r"|motivator|organizer|networker|negotiator|planner|multitasker|presenter|speaker"
    rf"|{_INFORMAL_PEOPLE}"
    r"|associate|partner|director|founder|contributor|collaborator|pms?|member of (?:the |our )?"
    r"team"
)
_PEOPLE = rf"(?:{_PERSON_NOUNS})s?"

ALL_FORMS: dict[str, str] = {}  # every inflected form of a verb -> its kind


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


PAST_FORMS: set[str] = set()
for _base in _ACTION_VERBS:
    for _form in _inflections(_base):
        ALL_FORMS[_form] = "action"
        if _form.endswith("ed") or _form in " ".join(_IRREGULAR.values()).split():
            PAST_FORMS.add(_form)
for _base in _WEAK_VERBS:
    for _form in _inflections(_base):
        ALL_FORMS.setdefault(_form, "weak")
WRITER_FORMS = frozenset(
    f for base in WRITER_VERBS for f in _inflections(base) if ALL_FORMS.get(f) != "action"
)
WEAK_PAST = {f for f, kind in ALL_FORMS.items() if kind == "weak" and f.endswith(("ed", "ing"))}
WEAK_PAST |= {"did", "done", "got", "went", "came", "kept", "had", "felt", "was", "were", "been"}
ALL_FORMS.update({"did": "weak", "done": "weak", "was": "weak", "were": "weak"})
ALL_FORMS.update({"got": "weak", "went": "weak", "came": "weak", "kept": "weak"})

KNOWN = (
    set(ALL_FORMS)
    | PRAISE_ADJECTIVES
    | TRAIT_ADJECTIVES
    | INTENSIFIERS
    | {"helpful", "supportive", "impressed", "kudos", "rockstar", "superstar", "legend"}
)


SLANG = {
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
FUZZY_TARGETS = _words(
    """
    amazing awesome excellent fantastic brilliant terrific outstanding incredible phenomenal
    fabulous tremendous impressive exceptional remarkable wonderful spectacular helpful
    supportive talented intelligent hardworking reliable dependable enthusiastic passionate
    dedicated knowledgeable incredibly absolutely extremely really legendary superstar
    rockstar
    """
)


# --- phrases ---------------------------------------------------------------------------

_ADJ = _alternation(PRAISE_ADJECTIVES).replace(r"\-", r"[\s-]?")
_TRAIT = _alternation(TRAIT_ADJECTIVES)
# Traits that are not also praise of work ("brilliant", "nice" are both).
_TRAIT_ONLY = _alternation(TRAIT_ADJECTIVES - PRAISE_ADJECTIVES)
# Traits that are not also verbs: "Organised and ran the retro" is work.
_TRAIT_BARE = _alternation({t for t in TRAIT_ADJECTIVES if ALL_FORMS.get(t) != "action"})
_INTENS = _alternation(INTENSIFIERS)
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
    r"(?=\s*(?:[.!?\n]|$)|,|\s+(?:at|during|throughout|with)\b)"
)


def _superlative(adjective: str) -> str | None:
    """ "smartest", "nicest", "friendliest"; None for adjectives that take "most"."""
    if "-" in adjective or len(adjective) > 7:
        return None
    if adjective.endswith(("ed", "ing", "ful", "ous", "ive", "ent", "ant", "al", "ic", "ble")):
        return None
    if adjective.endswith("e"):
        return adjective + "st"
    if adjective.endswith("y"):
        return adjective[:-1] + "iest"
    return adjective + "est"


# Any trait in the superlative judges the person: "the kindest person", "the most patient".
_SUPERLATIVE_TRAITS = (
    _alternation({s for s in map(_superlative, TRAIT_ADJECTIVES) if s}) + rf"|most (?:{_TRAIT})"
)
# Superlatives of ability rank the person against others: "the sharpest analyst".
_RANKING_SUPERLATIVES = (
    r"best|greatest|strongest|finest|smartest|brightest|sharpest|cleverest|fastest|wisest"
    r"|worst|weakest|hardest[- ]working|top|most (?:talented|gifted|intelligent|capable|skilled"
    r"|productive|valuable|effective|competent|knowledgeable|reliable|dependable|brilliant"
    r"|impressive|hardworking|hard-working)"
)
# Nouns of character: "great attitude", "a can-do mindset", "strong work ethic".
_CHARACTER = (
    r"attitude|mindset|personality|energy|vibes?|spirit|work ethic|heart|character|demeanou?r"
    r"|temperament|disposition|outlook|people skills|soft skills|aura|manner|nature"
)
_CHARACTER_ADJ = (
    rf"{_ADJ}|{_TRAIT}|positive|negative|can-do|bad|poor|growth|winning|infectious|sunny|fun"
    r"|relentless|tireless|calm|amazing|great|real|genuine|big|huge"
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
    rf"|{_CLAUSE_START}(?:(?:{_INTENS}|an?) )+(?:{_TRAIT_ONLY})\b(?=\s*(?:[.!?,;:\n]|$|and\b))"
    rf"|\band (?:(?:{_INTENS}|an?) )+(?:{_TRAIT})\b(?=\s*(?:[.!?,;:\n]|$))"
    rf"|{_CLAUSE_START}(?:(?:{_INTENS}|an?) )+(?:{_TRAIT})\b(?=\s+and\b)"
    rf"|{_CLAUSE_START}(?!brilliant\b|nice\b|lovely\b|sweet\b)(?:{_TRAIT_BARE})\b"
    r"(?=\s*(?:[.!?,;:\n]|$|and\b))(?<!\bkind)"
    rf"|\b(?:(?:{_INTENS}|an?) )*(?:{_TRAIT}|{_ADJ}) (?:and (?:{_TRAIT}|{_ADJ}) )?{_PEOPLE}\b"
    rf"|{_CLAUSE_START}(?:{_TRAIT_NOUNS})\b(?=\s*(?:[.!?,;:\n]|$|and\b))"
    rf"|\b(?:such |what |absolute |total |real |a |an |true |is |'s |was |she's |he's )(?:an? )?"
    rf"(?:{_TRAIT_NOUNS})\b(?! (?:idea|move|solution|fix|hack|plan|way|of)\b)"
    r"|\b(?:an? )?(?:pleasure|joy|delight|dream|treat) to (?:work|collaborate|partner) with\b"
    rf"|\b(?:the|our|my|his|her|their|your) (?:{_SUPERLATIVE_TRAITS}) (?:[\w-]+ ){{0,2}}?"
    rf"{_PEOPLE}\b"
    rf"|\b(?:(?:{_CHARACTER_ADJ})[\s,]+(?:and )?)+(?:{_CHARACTER})\b"
    r"|\b(?:an? |such an? )(?:true|consummate|born|natural|real) (?:pro|professional|leader)\b"
    rf"|\b(?:{_TRAIT_NOUNS}|{_ADJ}|{_TRAIT}|star|champ|legend|hero|rockstar) of an? "
    rf"(?:[\w-]+ )?{_PEOPLE}\b"
    r"|\b(?:heart of gold|salt of the earth|one in a million|a class act|a safe pair of hands)\b"
    rf"|\b(?:top|proper|diamond|solid|sound) (?:{_INFORMAL_PEOPLE})s?\b"
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
    r"|(?<![\w+#])[abcd]\+{1,3}(?![\w+#])"
    r"|(?<!\bto )\bgrade [a-f][+-]?(?![\w'])|\b[a-f][+-]?[- ]grade\b"
    r"|\b(?:grade|an?|solid|straight|gets?|got|give (?:her|him|them))[ ](?:[a-d]|f)-(?![\w-])"
    r"|\bstraight a's\b|\b(?:top|full) marks\b|\bgold star\b|\b10x (?:engineer|developer|dev)\b"
    rf"|\b(?:(?:one of )?(?:the|our|my|her|his|their) )?best (?:[\w-]+ ){{0,2}}?{_PEOPLE}"
    rf"\b(?:(?: {_GROUPS}))?"
    rf"|\b(?:the|our|my|his|her|their|your) (?:{_RANKING_SUPERLATIVES}) (?:[\w-]+ ){{0,2}}?"
    rf"{_PEOPLE}\b"
    rf"|\b(?:the|our|my) (?:best|greatest|strongest|finest|top|smartest|brightest|fastest"
    rf"|most (?:talented|productive|valuable|effective|capable|skilled))\b"
    rf"(?: (?:[\w-]+ ){{0,2}}?{_PEOPLE})? (?:{_GROUPS})\b"
    r"|\btop (?:\d+ ?(?:%|percent|per cent)|one percent)"
    rf"|\btop (?:\d+|one|two|three|five|ten)(?= (?:[\w-]+ )?{_PEOPLE}\b)"
    rf"|(?:#\s?1|\bnumber one|\bno\.? ?1) (?:[\w-]+ )?{_PEOPLE}\b"
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
    r"|\bmvps?\b"  # of a person, not a product: `observation.product_mvp` tells them apart
    r"|\b(?:exceeds|meets|below|does not meet|doesn't meet) expectations\b"
    r"|\b(?:would |i'd |i )?(?:rate|rated|score|scored) (?:her|him|them|you)\b"
    r"|\b(?:rating|score|grade)\s*[:=]\s*\S+"
    r"|\bthe goat\b"
)
# What follows "MVP" when it is a minimum viable product: "the MVP scope".
PRODUCT_PARTS = _words(
    """
    scope version build release feature features app product stage phase spec backlog
    design prototype plan roadmap deadline demo launch rollout pilot users customers
    """
)
# Emoji: applause and fire are praise; medals, the GOAT and a row of stars rate.
PRAISE_EMOJI = re.compile(
    "[\U0001f44f\U0001f64c\U0001f525\U0001f4af\U0001f31f\u2b50\U0001f3c6\U0001f680\U0001f4aa"
    "\U0001f44d\u2728\U0001f389\U0001f44c\U0001f929\U0001f918\U0001f973\U0001f48e\u2764"
    "\U0001f60d][\ufe0f\U0001f3fb-\U0001f3ff]*"
)
RATING_EMOJI = re.compile("(?:[\u2b50\U0001f31f]\ufe0f?\\s*){3,}|\U0001f947|\U0001f410|\U0001f3c5")


# Figures: "40 to 12 minutes", "3%", "2GB", "$40k", "SEV2"; not years, quarters or "100%".
FIGURE = re.compile(
    r"(?<![\w/])(?!(?:19|20)\d\d\b)(?!q[1-4]\b)(?!h[12]\b)(?!fy\d+\b)(?!1[01]0 ?%)"
    r"(?:[$\u00a3\u20ac]\s?\d|\d[\w.,%:]*|[a-z]+\d+[a-z\d]*)"
    r"|\b(?:halved|doubled|tripled|quadrupled|by half|in half|percent|zero)\b"
)
SLANG_FIGURES = frozenset({"gr8", "m8", "l8r", "2day", "2moro", "b4", "w8", "str8", "h8", "10x"})
PREPOSITIONS = _words("on for of about around across into in with during through from at behind")
DETERMINERS = _words(
    "the a an our their her his my your this that these those its all every each some"
)
MODIFIERS = _words("new old first last whole entire big small huge little real major")
TIME_WORDS = _words(
    "today yesterday tonight tomorrow morning afternoon evening night week weekend month quarter"
    " year again twice once daily weekly"
)
CLAUSE_BREAK = re.compile(r"[.!?;:,\n]| -+ ")
