"""What the areas above people know about members, offered to the areas that read it.

Community, connections, initiatives and matching sit side by side above people and
never import each other. Yet matching reads what members write in posts, and must
keep apart two people already in a relationship. So the area that knows a thing
registers a reader here, in the layer below them all (from its AppConfig.ready),
and the area that needs it asks here: neither knows the other exists.

- `member_writing`: what each member wrote beyond their profile statements (their
  newest posts), which feeds their interests like the statements do.
- `pairs_kept_apart`: pairs of members never to suggest to each other, for a reason
  an area knows (a relationship, an intro declined recently).
- `help_given`: each time a member helped someone, dated, in words that may be shown to
  anyone (what it was about, never what was said): the evidence of who can help.
- `relationship_load`: how many relationships count against each member's capacity.
- `post_problems`: the problems members wrote up as posts, for "who could help with this".
- `members_left`: members who have just left the organisation (the roster or the identity
  provider said so), for the areas to wind down what was waiting on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from trellis.matching.engine.people import HELPED_WITH_CHARACTERS, HELPED_WITH_ENTRIES

Pair = tuple[str, str]
MemberIds = QuerySet | Iterable[int]
WritingReader = Callable[..., dict[int, tuple[str, ...]]]
PairsReader = Callable[..., set[Pair]]

# The matching engine's limits on a person's `helped_with` (the PEOPLE.jsonl contract).
MAX_HELP_ENTRIES = HELPED_WITH_ENTRIES
MAX_HELP_TEXT = HELPED_WITH_CHARACTERS


@dataclass(frozen=True, slots=True)
class HelpGiven:
    """One time a member helped someone: when, and what it was about (never private words)."""

    on: date
    text: str


@dataclass(frozen=True, slots=True)
class PostProblem:
    """A post as a problem someone could help with: its author, and its words (title first)."""

    author_id: int
    text: str


HelpReader = Callable[..., dict[int, list[HelpGiven]]]
LoadReader = Callable[..., dict[int, int]]
ProblemsReader = Callable[..., dict[int, PostProblem]]
LeftHandler = Callable[..., object]

_writing_readers: list[WritingReader] = []
_pairs_readers: list[PairsReader] = []
_help_readers: list[HelpReader] = []
_load_readers: list[LoadReader] = []
_problem_readers: list[ProblemsReader] = []
_left_handlers: list[LeftHandler] = []


def _add_once(readers: list, reader):
    if reader not in readers:
        readers.append(reader)
    return reader


def pair_key(a: int | str, b: int | str) -> Pair:
    """A pair of member ids as the matching engine names them: strings, lower id first."""
    a, b = int(a), int(b)
    return (str(a), str(b)) if a < b else (str(b), str(a))


def register_writing(reader: WritingReader) -> WritingReader:
    """Add `reader(member_ids=...) -> {member id: texts, newest first}` (once)."""
    return _add_once(_writing_readers, reader)


def register_pairs_kept_apart(reader: PairsReader) -> PairsReader:
    """Add `reader(member_ids=None|ids) -> {pair_key, ...}` (once)."""
    return _add_once(_pairs_readers, reader)


def member_writing(*, member_ids: MemberIds) -> dict[int, tuple[str, ...]]:
    """Every registered reader's texts for each of `member_ids` (a queryset of ids is fine)."""
    texts: dict[int, tuple[str, ...]] = {}
    for reader in _writing_readers:
        for member_id, written in reader(member_ids=member_ids).items():
            texts[member_id] = texts.get(member_id, ()) + tuple(written)
    return texts


def pairs_kept_apart(*, member_ids: Iterable[int] | None = None) -> set[Pair]:
    """Every registered reader's pairs; with `member_ids`, only pairs with one of them."""
    pairs: set[Pair] = set()
    for reader in _pairs_readers:
        pairs |= reader(member_ids=member_ids)
    return pairs


def register_help_given(reader: HelpReader) -> HelpReader:
    """Add `reader(member_ids=...) -> {member id: [HelpGiven, ...]}` (once)."""
    return _add_once(_help_readers, reader)


def register_relationship_load(reader: LoadReader) -> LoadReader:
    """Add `reader(member_ids=...) -> {member id: relationships counting against capacity}`."""
    return _add_once(_load_readers, reader)


def register_post_problems(reader: ProblemsReader) -> ProblemsReader:
    """Add `reader(post_ids=None|ids) -> {post id: PostProblem}` of published posts (once)."""
    return _add_once(_problem_readers, reader)


def help_given(*, member_ids: MemberIds) -> dict[int, tuple[HelpGiven, ...]]:
    """Every reader's help for each of `member_ids`, newest first, within the engine's limits:
    at most MAX_HELP_ENTRIES each (the newest), each text at most MAX_HELP_TEXT characters."""
    gathered: dict[int, list[HelpGiven]] = {}
    for reader in _help_readers:
        for member_id, entries in reader(member_ids=member_ids).items():
            gathered.setdefault(member_id, []).extend(entries)
    return {
        member_id: tuple(
            HelpGiven(entry.on, entry.text[:MAX_HELP_TEXT])
            for entry in sorted(entries, key=lambda e: e.on, reverse=True)[:MAX_HELP_ENTRIES]
        )
        for member_id, entries in gathered.items()
    }


def relationship_load(*, member_ids: MemberIds) -> dict[int, int]:
    """Relationships counting against each member's capacity (absent: none), every reader's."""
    load: dict[int, int] = {}
    for reader in _load_readers:
        for member_id, count in reader(member_ids=member_ids).items():
            load[member_id] = load.get(member_id, 0) + count
    return load


def post_problems(*, post_ids: Iterable[int] | None = None) -> dict[int, PostProblem]:
    """Published posts as problems (every one when `post_ids` is None), every reader's."""
    problems: dict[int, PostProblem] = {}
    for reader in _problem_readers:
        problems.update(reader(post_ids=post_ids))
    return problems


def register_member_left(handler: LeftHandler) -> LeftHandler:
    """Add `handler(member_ids=[...], now=datetime)`, called in the transaction that marks
    those members as left (once)."""
    return _add_once(_left_handlers, handler)


def members_left(*, member_ids: Iterable[int], now: datetime) -> None:
    """Tell every registered handler that these members have left, as of `now`."""
    member_ids = list(member_ids)
    if not member_ids:
        return
    for handler in _left_handlers:
        handler(member_ids=member_ids, now=now)
