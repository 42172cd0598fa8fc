"""The intro composer: a first draft grounded in what two members share.

The draft opens with the shared problem in the two members' own words, offers
something the sender can give (what they can help with that the recipient is
learning or working on), and asks one specific question; opened from one of
the recipient's posts, it opens with the post instead ("I saw your post about
…"); opened from "who could help", with the sender's problem ("I'm working on …,
and Trellis suggested you as someone who has helped people with it"). It is a
starting point: the sender edits it freely, and the ask linter
reads what they send.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from trellis.connections.models import Origin
from trellis.lint import Finding, lint_intro, phrasing
from trellis.people.models import Member, Topic
from trellis.text.normalise import fold, split_phrases
from trellis.text.vocabulary import TopicMatcher

logger = logging.getLogger(__name__)

WORKING, CURIOUS, LEARNING, OFFERS = "working_on", "curious_about", "learning", "can_help_with"
STATEMENTS = (WORKING, CURIOUS, LEARNING, OFFERS)
# How well two statements name a problem the pair shares (sender's, recipient's): lower
# is better. Working on the same thing beats being curious about it, which beats learning.
PROBLEM_RANK = {
    (WORKING, WORKING): 0,
    (WORKING, CURIOUS): 1,
    (CURIOUS, WORKING): 1,
    (CURIOUS, CURIOUS): 2,
    (LEARNING, WORKING): 3,
    (WORKING, LEARNING): 3,
    (LEARNING, CURIOUS): 4,
    (CURIOUS, LEARNING): 4,
    (LEARNING, LEARNING): 5,
}
# First words of a contribution that start a noun phrase, not an action ("The script…").
_NOT_A_VERB = frozenset(["the", "a", "an", "my", "our", "we", "this", "that", "some", "all"])


@dataclass(frozen=True)
class PostGround:
    """One of the recipient's posts that an intro answers, as the composer reads it."""

    id: int
    title: str
    about: str  # what it is about, to finish "I saw your post about …"
    topics: tuple[tuple[str, str], ...]  # (slug, name) of the topics it names


@dataclass(frozen=True)
class InitiativeGround:
    """An initiative the two worked on together, as the composer reads it."""

    id: int
    title: str
    touches: str  # its title, problem and skills: what a question may be about
    topic_names: tuple[str, ...]
    sender_work: str | None  # the sender's first contribution to it, as they wrote it


@dataclass(frozen=True)
class HelpGround:
    """A problem of the sender's that the recipient could help with ("who could help").

    `problem` in the words of where it was listed, `kind`: a phrase of what the sender
    is working on or learning ("working_on", "learning"), a post's "about" ("post") or
    a topic's name ("topic"); `own` whether it is the sender's own (their profile, their
    post) rather than one they are looking into; `helped` whether the recipient has
    helped people with it already.
    """

    problem: str
    kind: str
    own: bool
    helped: bool


@dataclass(frozen=True)
class Occasion:
    """What an intro comes from besides the two profiles, built and checked by the page
    that opened the composer (a suggestion, a post, an initiative, someone who could
    help); none: a profile."""

    suggestion_id: int | None = None
    post: PostGround | None = None
    initiative: InitiativeGround | None = None
    help: HelpGround | None = None

    @property
    def origin(self) -> str:
        if self.initiative is not None:
            return Origin.INITIATIVE
        if self.post is not None:
            return Origin.POST
        if self.help is not None:
            return Origin.HELP
        return Origin.SUGGESTION if self.suggestion_id is not None else Origin.PROFILE


PROFILE = Occasion()


@dataclass(frozen=True)
class Phrase:
    """One phrase of a profile statement, as its member wrote it, and its topics."""

    text: str
    statement: str
    topics: frozenset[str]


@dataclass(frozen=True)
class Grounds:
    """What an intro can stand on: the shared problem, an offer, something to ask about."""

    mine: Phrase | None
    theirs: Phrase | None
    offer: Phrase | None
    ask: Phrase | None
    shared: tuple[str, ...]
    offers: tuple[str, ...]
    # Opened from a post: what it is about ("I saw your post about …"), and the
    # sender's own phrase on its topics, if they have one.
    post_about: str | None = None
    post_mine: Phrase | None = None
    # Opened from an initiative the two worked on: its title, what the sender did
    # for it (their first contribution, as a sentence), and what the recipient works
    # on that it touches, to ask about.
    initiative_title: str | None = None
    initiative_work: str | None = None
    initiative_question: str | None = None
    # Opened from "who could help": the sender's problem the recipient could help with.
    help: HelpGround | None = None


def phrases_of(member: Member, matcher: TopicMatcher) -> list[Phrase]:
    """Every phrase of `member`'s statements, in the order they wrote them."""
    return [
        Phrase(text, statement, frozenset(matcher.topics(text)))
        for statement in STATEMENTS
        for text in split_phrases(getattr(member, statement) or "")
    ]


def _topics(phrases: list[Phrase], *statements: str) -> frozenset[str]:
    return frozenset(t for p in phrases if p.statement in statements for t in p.topics)


def _problem(mine: list[Phrase], theirs: list[Phrase]) -> tuple[Phrase | None, Phrase | None]:
    best: tuple[int, Phrase, Phrase] | None = None
    for p in mine:
        for q in theirs:
            rank = PROBLEM_RANK.get((p.statement, q.statement))
            if rank is not None and p.topics & q.topics and (best is None or rank < best[0]):
                best = (rank, p, q)
    if best is not None:
        return best[1], best[2]
    # Nothing in common by topic: start from what they work on, in their words.
    for statement in (WORKING, CURIOUS):
        for q in theirs:
            if q.statement == statement:
                return None, q
    return None, None


def _offer(mine: list[Phrase], theirs: list[Phrase]) -> Phrase | None:
    """What the sender can give: their help with what the recipient learns, else works on."""
    wanted = _topics(theirs, LEARNING)
    interests = _topics(theirs, WORKING, CURIOUS)
    offered = [p for p in mine if p.statement == OFFERS]
    for pool, topics in ((offered, wanted), (offered, interests)):
        found = next((p for p in pool if p.topics & topics), None)
        if found:
            return found
    worked = next((p for p in mine if p.statement == WORKING and p.topics & wanted), None)
    return worked or (offered[0] if offered else None)


def _ask(mine: list[Phrase], theirs: list[Phrase]) -> Phrase | None:
    """What the recipient could help the sender with: their offer that the sender needs."""
    offered = [q for q in theirs if q.statement == OFFERS]
    for topics in (_topics(mine, LEARNING), _topics(mine, WORKING, CURIOUS)):
        found = next((q for q in offered if q.topics & topics), None)
        if found:
            return found
    return None


def _on_post(mine: list[Phrase], post_topics: frozenset[str]) -> Phrase | None:
    """The sender's phrase on the post's topics: what they work on first, then the rest."""
    for statement in (WORKING, CURIOUS, LEARNING, OFFERS):
        for p in mine:
            if p.statement == statement and p.topics & post_topics:
                return p
    return None


def _work_sentence(text: str) -> str:
    """A contribution in the sender's voice: "Wrote the rollback plan" reads "I wrote the
    rollback plan."; one that does not start with a verb reads "My part: …"."""
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0].rstrip(".!?;: ")
    word = first.split()[0] if first.split() else ""
    if fold(word) in ("i", "i'm", "i've", "i'd"):
        return f"{first}."
    if fold(word) in _NOT_A_VERB:
        return f"My part: {first[:1].lower() + first[1:] if word[1:].islower() else first}."
    plain = word[:1].isupper() and word[1:].islower()
    return f"I {first[:1].lower() + first[1:] if plain else first}."


def _strategic_question(
    initiative: InitiativeGround, theirs: list[Phrase], matcher: TopicMatcher
) -> str | None:
    """Something the recipient (usually the lead) works on that the initiative touches,
    to ask how they think about it; not the initiative's own title again."""
    about = frozenset(matcher.topics(initiative.touches))
    for statement in (WORKING, CURIOUS):
        for phrase in theirs:
            same_as_title = fold(phrase.text) == fold(initiative.title)
            if phrase.statement == statement and phrase.topics & about and not same_as_title:
                text = phrasing.phrase_or_none(phrase.text)
                return text or phrasing.quotation(phrase.text)
    return None


def _initiative_grounds(
    initiative: InitiativeGround, theirs: list[Phrase], matcher: TopicMatcher
) -> tuple[str, str | None, str | None]:
    done = initiative.sender_work
    return (
        initiative.title,
        _work_sentence(done) if done else None,
        _strategic_question(initiative, theirs, matcher),
    )


def grounds(
    sender: Member, recipient: Member, matcher: TopicMatcher, occasion: Occasion = PROFILE
) -> Grounds:
    """What `sender` and `recipient` share, and what each could give the other.

    The occasion's post, one of the recipient's, comes first in what they share
    when the intro answers it; so does its initiative when the two worked on it.
    """
    post, initiative = occasion.post, occasion.initiative
    mine, theirs = phrases_of(sender, matcher), phrases_of(recipient, matcher)
    my_words, their_words = _problem(mine, theirs)
    shared_slugs = sorted(my_words.topics & their_words.topics) if my_words and their_words else []
    names = dict(Topic.objects.filter(slug__in=shared_slugs).values_list("slug", "name"))
    shared = [p.text for p in (their_words, my_words) if p is not None]
    shared += [names[slug] for slug in shared_slugs if slug in names]
    post_about = post_mine = None
    if post is not None:
        post_names = [name for _, name in post.topics]
        post_about = post.about
        post_mine = _on_post(mine, frozenset(slug for slug, _ in post.topics))
        # The post's topics the sender names too; all of them when the sender names none.
        my_topics = _topics(mine, *STATEMENTS)
        common = [name for slug, name in post.topics if slug in my_topics] or post_names
        shared = [*([post.title] if post.title else []), *common, *shared]
    work = (None, None, None)
    if initiative is not None:
        work = _initiative_grounds(initiative, theirs, matcher)
        shared = [initiative.title, *initiative.topic_names, *shared]
    if occasion.help is not None:
        shared = [occasion.help.problem.strip("“”"), *shared]
    return Grounds(
        mine=my_words,
        theirs=their_words,
        offer=_offer(mine, theirs),
        ask=_ask(mine, theirs),
        shared=tuple(dict.fromkeys(shared)),
        offers=tuple(p.text for p in mine if p.statement == OFFERS),
        post_about=post_about,
        post_mine=post_mine,
        initiative_title=work[0],
        initiative_work=work[1],
        initiative_question=work[2],
        help=occasion.help,
    )


def mid_sentence(phrase: str) -> str:
    """A phrase as it reads inside a sentence: "Improving X." reads "improving X"."""
    return phrasing.mid_sentence(phrase)


# How each statement reads about the recipient ("you're working on X") and what it is
# ("what you're working on"), to introduce their words when they are not a phrase.
_YOU = {
    WORKING: ("you're working on {}", "what you're working on"),
    CURIOUS: ("you're curious about {}", "what you're curious about"),
    LEARNING: ("you're learning {}", "what you're learning"),
    OFFERS: ("you know about {}", "what you can help with"),
}
_ME = {
    WORKING: ("I'm working on {} myself", "what I'm working on"),
    CURIOUS: ("I've been curious about {} too", "what I'm curious about"),
    LEARNING: ("I'm learning {} myself", "what I'm learning"),
    OFFERS: ("I know {}", "what I can help with"),
}


def _you(phrase: Phrase) -> str | None:
    """ "you're working on X", or None when their words are not a phrase."""
    text = phrasing.phrase_or_none(phrase.text)
    return None if text is None else _YOU[phrase.statement][0].format(text)


def _me(phrase: Phrase, theirs: Phrase | None) -> str | None:
    """ "I'm working on X myself", "so am I", or None when the words are not a phrase."""
    same = theirs is not None and phrase.statement == theirs.statement
    if same and fold(phrase.text) == fold(theirs.text):
        return "so am I"
    text = phrasing.phrase_or_none(phrase.text)
    return None if text is None else _ME[phrase.statement][0].format(text)


def _me_sentence(phrase: Phrase) -> str:
    """The sender's own words, not a phrase, as a sentence after a colon."""
    words = phrasing.as_sentence(phrase.text)
    return f"It's close to {_ME[phrase.statement][1]}: {words[:1].lower() + words[1:]}"


def _you_quoted(phrase: Phrase) -> str:
    """The recipient's words, not a phrase, quoted: “…”."""
    return f"I read on your profile {_YOU[phrase.statement][1]}: {phrasing.quotation(phrase.text)}"


def _about_them_and_me(theirs: Phrase, mine: Phrase | None) -> str:
    you = _you(theirs)
    me = _me(mine, theirs) if mine is not None else None
    about_you = f"I saw on your profile that {you}" if you else _you_quoted(theirs)
    if mine is None:
        return _sentence_end(about_you)
    if you and me:
        return f"{about_you}, and {me}."
    mine_sentence = f"{me[:1].upper()}{me[1:]}." if me else f"{_me_sentence(mine)}"
    return f"{_sentence_end(about_you)} {mine_sentence}"


def _sentence_end(text: str) -> str:
    """`text` closed as a sentence, without doubling a question or exclamation mark."""
    stripped = text.rstrip()
    return stripped if stripped.endswith(("?", "!", "?\u201d", "!\u201d")) else f"{stripped}."


def _opening(found: Grounds) -> str:
    if found.initiative_title is not None:
        work = f" {found.initiative_work}" if found.initiative_work else ""
        return f"I really enjoyed working on {found.initiative_title} with you.{work}"
    if found.post_about is not None:
        post = f"I saw your post about {found.post_about}"
        if found.post_mine is None:
            return f"{post}."
        me = _me(found.post_mine, None)
        if me is None:
            return f"{post}. {_me_sentence(found.post_mine)}"
        return f"{post}, and {me}."
    if found.help is not None:
        return _help_opening(found.help)
    if found.theirs is None:
        return "I came across your profile on Trellis."
    return _about_them_and_me(found.theirs, found.mine)


def _help_opening(help: HelpGround) -> str:
    """ "I'm working on X, and Trellis suggested you as someone who has helped people
    with it." — the sender's own problem first, then why they write to this person."""
    why = "has helped people with it" if help.helped else "could help with it"
    quoted = help.kind in ("post", "topic")
    problem = help.problem if quoted else phrasing.phrase_or_none(help.problem)
    if problem is None:  # their own words, not a phrase: quoted after what they are
        doing = "I'm working on" if help.own else "I'm looking into"
        doing = "I'm learning" if help.kind == LEARNING else doing
        start = f"{doing} this: {phrasing.quotation(help.problem)}"
        return f"{_sentence_end(start)} Trellis suggested you as someone who {why}."
    if help.kind == "post" and help.own:
        start = f"I wrote a post about {problem}"
    elif help.kind == LEARNING:
        start = f"I'm learning {problem}"
    elif help.own:
        start = f"I'm working on {problem}"
    else:
        start = f"I'm looking into {problem}"
    return f"{start}, and Trellis suggested you as someone who {why}."


def _offer_sentence(offer: Phrase | None) -> str:
    if offer is None:
        return "I'm happy to share what has and hasn't worked for me so far."
    about = "from" if offer.statement == WORKING else "about"
    text = phrasing.phrase_or_none(offer.text)
    if text is not None:
        return f"If it's useful, I'm happy to share what I've learned {about} {text}."
    words = phrasing.as_sentence(offer.text)
    if offer.statement == OFFERS:
        return f"If it's useful, here is what I can offer: {words}"
    return f"If it's useful, I'm happy to share what I've learned from my own work: {words}"


def _question(found: Grounds) -> str:
    start = "One question, if you have a moment:"
    if found.initiative_title is not None:
        if found.initiative_question is not None and found.initiative_question.startswith("\u201c"):
            return (
                "I'd love to understand more about how you think about what you're working on "
                f"({found.initiative_question}): which part of it would you tackle next, and why?"
            )
        if found.initiative_question is not None:
            return (
                "I'd love to understand more about how you think about "
                f"{found.initiative_question}: which part of it would you tackle next, and why?"
            )
        return (
            "I'd love to understand more about how you decided what "
            f"{found.initiative_title} should tackle first: what would you look at next?"
        )
    if found.ask is not None and not phrasing.is_phrase(found.ask.text):
        return (
            f"{start} your profile says {phrasing.quotation(found.ask.text)} \u2014 what made the "
            "biggest difference for you when you were getting started with that?"
        )
    if found.ask is not None:
        return (
            f"{start} what made the biggest difference for you when you were getting "
            f"started with {mid_sentence(found.ask.text)}?"
        )
    if found.help is not None:
        problem = found.help.problem
        if found.help.kind in ("post", "topic"):
            return f"{start} where would you start with {problem}, if you were me?"
        text = phrasing.phrase_or_none(problem)
        return f"{start} where would you start with {text or 'it'}, if you were me?"
    if found.theirs is not None and not phrasing.is_phrase(found.theirs.text):
        quoted_already = found.post_about is None and found.help is None
        said = (
            ""
            if quoted_already
            else f"your profile says {phrasing.quotation(found.theirs.text)} \u2014 "
        )
        return f"{start} {said}what has been the trickiest part of that for you so far?"
    if found.theirs is not None:
        return (
            f"{start} what has been the trickiest part of {mid_sentence(found.theirs.text)} "
            "for you so far?"
        )
    return f"{start} what problem are you spending most of your time on at the moment?"


_TITLES = frozenset(["dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame"])


def first_name(member: Member) -> str:
    """The first name to greet or sign with: "Dr. Ama Owusu" is "Ama"."""
    parts = member.display_name.split()
    names = [part for part in parts if part.rstrip(".").casefold() not in _TITLES]
    return (names or parts or [member.display_name])[0]


def draft_message(sender: Member, recipient: Member, found: Grounds) -> str:
    """The composer's first draft: shared problem, an offer, one specific question."""
    offer = [] if found.initiative_title is not None else [_offer_sentence(found.offer)]
    paragraphs = [
        f"Hi {first_name(recipient)},",
        _opening(found),
        *offer,
        _question(found),
        f"Best,\n{first_name(sender)}",
    ]
    return "\n\n".join(paragraphs)


def lint(message: str, found: Grounds) -> list[Finding]:
    """The ask linter's findings on `message`, given what the two share.

    The linter explains, it never blocks: should it fail, there are no findings
    and the intro can still be written and sent.
    """
    try:
        return lint_intro(message, shared=found.shared, sender_offers=found.offers)
    except Exception:
        logger.exception("The ask linter failed; carrying on without its findings")
        return []
