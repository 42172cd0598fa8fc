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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

Pair = tuple[str, str]
MemberIds = QuerySet | Iterable[int]
WritingReader = Callable[..., dict[int, tuple[str, ...]]]
PairsReader = Callable[..., set[Pair]]

_writing_readers: list[WritingReader] = []
_pairs_readers: list[PairsReader] = []


def pair_key(a: int | str, b: int | str) -> Pair:
    """A pair of member ids as the matching engine names them: strings, lower id first."""
    a, b = int(a), int(b)
    return (str(a), str(b)) if a < b else (str(b), str(a))


def register_writing(reader: WritingReader) -> WritingReader:
    """Add `reader(member_ids=...) -> {member id: texts, newest first}` (once)."""
    if reader not in _writing_readers:
        _writing_readers.append(reader)
    return reader


def register_pairs_kept_apart(reader: PairsReader) -> PairsReader:
    """Add `reader(member_ids=None|ids) -> {pair_key, ...}` (once)."""
    if reader not in _pairs_readers:
        _pairs_readers.append(reader)
    return reader


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
