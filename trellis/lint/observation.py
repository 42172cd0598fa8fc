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
named artefact ("in Figma"), or a noun phrase of two concrete words. A phrase
whose last word is an occasion or a place ("the recruitment fair", "during the
reorg") names when or where, not what; generic, abstract and degree words in any
number ("several initiatives", "our success", "high quality") and the writer's
own verbs ("I want to recognise") are never concrete. The word classes live in
`observation_words`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from trellis.lint import words
from trellis.lint.asks import subjects
from trellis.lint.intro import Finding, Rule, shipped_matcher
from trellis.lint.observation_words import (
    ALL_FORMS,
    CLAUSE_BREAK,
    DEGREE,
    DETERMINERS,
    FIGURE,
    FUZZY_TARGETS,
    GENERIC,
    INTENSIFIERS,
    KNOWN,
    MODIFIERS,
    OCCASIONS,
    PAST_FORMS,
    PRAISE,
    PRAISE_ADJECTIVES,
    PRAISE_EMOJI,
    PREPOSITIONS,
    PRODUCT_PARTS,
    RATING,
    RATING_EMOJI,
    SLANG,
    SLANG_FIGURES,
    TIME_WORDS,
    TRAIT,
    TRAIT_ADJECTIVES,
    TRAIT_PREDICATE,
    WEAK_PAST,
    WRITER_FORMS,
    singular,
    vague_noun,
)
from trellis.lint.reading import Reading, read
from trellis.text.spelling import american
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


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for target in FUZZY_TARGETS:
        for key in {target} | _deletions(target):
            index.setdefault(key, set()).add(target)
    return index


@lru_cache(maxsize=4096)
def canonical_word(word: str) -> str:
    """The word the rules know that `word` spells ("organised", "awsome", "helpfull")."""
    if word in KNOWN or word in words.STOPWORDS or word in GENERIC:
        return word
    if word in SLANG:
        return SLANG[word]
    spelt = american(word)
    if spelt != word and spelt in KNOWN:
        return spelt
    squeezed = re.sub(r"(.)\1{2,}", r"\1\1", word)  # "greaaat", "sooooo"
    for candidate in (squeezed, re.sub(r"(.)\1+", r"\1", squeezed)):
        if candidate != word and (candidate in KNOWN or candidate in words.STOPWORDS):
            return candidate
    if len(word) < 5 or not word.isalpha():
        return word
    index = _fuzzy_index()
    keys = {word} | _deletions(word)
    matches = {t for key in keys for t in index.get(key, ()) if t[0] == word[0]}
    matches = {t for t in matches if words.within_one_edit(word, t)}
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


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _overlap(one: Span, other: Span) -> bool:
    return one.start < other.end and other.start < one.end


def _ratings(note: Note) -> list[Span]:
    """The rating phrases, less the MVPs that are minimum viable products."""
    found = []
    for match in RATING.finditer(note.text):
        mvp = re.search(r"\bmvps?\b", match.group())
        if mvp and _product_mvp(note, match.start() + mvp.start(), match.start() + mvp.end()):
            continue
        start = match.start() + len(match.group()) - len(match.group().lstrip(" \n,;:"))
        if start < match.end():
            found.append(Span(*note.span(start, match.end())))
    return found


def _product_mvp(note: Note, start: int, end: int) -> bool:
    """ "Shipped the MVP", "the MVP of the booking app", "the MVP scope": a product."""
    before = [t.word for t in note.tokens if t.end <= start][-3:]
    if any(ALL_FORMS.get(word) == "action" for word in before):
        return True
    after = [t.word for t in note.tokens if t.start >= end][:4]
    if after and after[0] in PRODUCT_PARTS:
        return True
    if len(after) >= 2 and after[0] in ("of", "for"):
        what = [w for w in after[1:] if w not in DETERMINERS]
        return bool(what) and not (vague_noun(what[0]) or what[0] in TIME_WORDS)
    return False


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


def _concrete(note: Note, token: Token, names: set[str]) -> bool:
    """A word that names something: not generic, not praise, not a name, not a past verb."""
    word = token.word.removesuffix("'s").rstrip("'")
    if len(word) < 2 or word in names or word in SLANG_FIGURES:
        return False
    if word in words.STOPWORDS or vague_noun(word) or word in INTENSIFIERS:
        return False
    if word in WRITER_FORMS or word in DEGREE:
        return False
    if word in PRAISE_ADJECTIVES or word in TRAIT_ADJECTIVES or word in PAST_FORMS:
        return False
    if word in WEAK_PAST or (word.endswith("ly") and len(word) > 4):
        return False
    return not (note.capitalised(token) and not note.acronym(token))


def _clauses(note: Note, skip: list[Span]) -> Iterator[list[Token]]:
    """The words of each clause, without those inside praise, trait or rating phrases."""
    clause: list[Token] = []
    previous = 0
    for token in note.tokens:
        if CLAUSE_BREAK.search(note.text, previous, token.start) and clause:
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
    things = _things(clause, concrete)
    for i, token in enumerate(clause):
        if ALL_FORMS.get(token.word) == "action" and any(concrete[i + 1 : i + 7]):
            return True  # "caught the duplicate-invoice bug"
        if things[i] and any(things[i + 1 : i + 3]):
            return True  # "the checkout redesign", "caching layer"
        if token.word in PREPOSITIONS and _names_thing(note, clause[i + 1 : i + 6], names):
            return True  # "on Atlas", "with the landlord"
    return False


def _things(clause: list[Token], concrete: list[bool]) -> list[bool]:
    """Concrete words outside a run that ends in an occasion ("the data science conference")."""
    things = list(concrete)
    run: list[int] = []
    for i, token in enumerate([*clause, None]):
        occasion = token is not None and singular(token.word) in OCCASIONS
        if token is not None and (concrete[i] or occasion):
            run.append(i)
            continue
        if run and singular(clause[run[-1]].word) in OCCASIONS:
            for j in run:
                things[j] = False
        run = []
    return things


def _names_thing(note: Note, following: list[Token], names: set[str]) -> bool:
    """Whether the noun phrase after a preposition names a thing, judged by its last word.

    "on the recruitment fair" and "during the reorg" name an occasion and "in the
    meeting" a bare piece of work; "on the Henderson case" and "in Figma" name a thing.
    """
    phrase: list[Token] = []
    for token in following:
        word = token.word
        if not phrase and (word in DETERMINERS or word in MODIFIERS or word in DEGREE):
            continue
        if word in words.STOPWORDS or word in PREPOSITIONS or word in DETERMINERS:
            break
        if phrase and word in TIME_WORDS:
            break
        phrase.append(token)
    if not phrase:
        return False
    named = [t for t in phrase if note.capitalised(t) and not note.acronym(t)]
    named = [t for t in named if t.word.removesuffix("'s").rstrip("'") not in names]
    head = phrase[-1].word.removesuffix("'s").rstrip("'")
    if singular(head) in OCCASIONS or (vague_noun(head) and named in ([], [phrase[-1]])):
        return False  # "at the Berlin summit", "in the meeting"
    return bool(named) or any(_concrete(note, token, names) for token in phrase)


def _occasion_after(original: str, end: int) -> bool:
    """Whether a topic names an occasion: "the recruitment fair", "a security conference"."""
    following = re.match(r"[\s-]*([^\W\d_]+)", original[end:])
    return bool(following) and singular(following.group(1).lower()) in OCCASIONS


def _specific(note: Note, skip: list[Span], names: set[str], matcher: TopicMatcher) -> bool:
    """Whether the note names a specific piece of work, outside its praise and ratings."""

    def outside(start: int, end: int) -> bool:
        return not any(s.start <= start and end <= s.end for s in skip)

    mentions = matcher.mentions(note.reading.original)
    for topic in subjects(note.reading, mentions):
        mentioned = _tokens_of(topic.mention.text)
        generic = all(vague_noun(w) for w in mentioned)
        generic = generic or (bool(mentioned) and singular(mentioned[-1]) in OCCASIONS)
        generic = generic or _occasion_after(note.reading.original, topic.mention.end)
        if topic.named and not generic and outside(topic.mention.start, topic.mention.end):
            return True
    for match in FIGURE.finditer(note.text):
        if match.group().lower() not in SLANG_FIGURES and outside(*note.span(*match.span())):
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
    praise = _merged(_spans(note, PRAISE) + _emoji(note, PRAISE_EMOJI))
    ratings = _merged(_ratings(note) + _emoji(note, RATING_EMOJI))
    traits = _merged(_traits(note, subject))
    # "super nice" about a person and "strong work ethic" are traits, not praise of work.
    praise = [p for p in praise if not any(_within(p, rating) for rating in ratings)]
    praise = [p for p in praise if not any(_overlap(p, trait) for trait in traits)]
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
