"""Who could help whom, worked out by the background worker (or a command) and stored, so
that pages show it without running the engine.

Three kinds of list (`HelperList`): for each active member, who could help with what
they work on and are learning; for each post, who could help with its problem; for
each topic, who could help with it. Nobody is listed who is paused, not open to
helping or at capacity (`helper_people`), and nobody for whom the list is written
would be kept from: the member or the post's author themselves, their reporting line,
anyone kept apart from them. Pages check the same again when they show a list.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trellis.matching import selectors
from trellis.matching.engine import helpers as engine
from trellis.matching.engine.encoders.registry import make_encoder
from trellis.matching.models import HelperList, PossibleHelper
from trellis.people import hooks
from trellis.people.models import Topic

Progress = Callable[[str, float], None]

# Stored per list: more than a page shows, so that some are left after the checks made
# when it is shown (the viewer's own reporting line, people kept apart from them).
STORED_PER_LIST = 12
BATCH = 1000


@dataclass(frozen=True)
class HelpersRefreshed:
    """What a refresh worked out: how many lists of each kind, and helpers stored."""

    members: int = 0
    posts: int = 0
    topics: int = 0
    helpers: int = 0
    seconds: float = 0.0

    @property
    def lists(self) -> int:
        return self.members + self.posts + self.topics


@dataclass(frozen=True)
class _Wanted:
    """Which lists to work out: ids of each kind, or None for every one there could be."""

    members: set[int] | None
    posts: set[int] | None
    topics: set[int] | None


def helpers_refresh(
    *,
    member_ids: Iterable[int] | None = (),
    post_ids: Iterable[int] | None = (),
    topic_ids: Iterable[int] | None = (),
    progress: Progress | None = None,
) -> HelpersRefreshed:
    """Work out and store who could help with the given members' work, posts and topics.

    None for a kind means every one: every active member, every published post,
    every topic someone names on their profile or that has a list already.
    """
    clock = time.perf_counter()
    started = timezone.now()
    wanted = _Wanted(
        *(None if ids is None else set(ids) for ids in (member_ids, post_ids, topic_ids))
    )
    found = selectors.helper_people()
    members = _member_lists(found, wanted.members, progress)
    posts, topics = _text_lists(
        _post_questions(found, wanted.posts), _topic_questions(wanted.topics), found
    )
    stored = _store(HelperList.About.MEMBER, members, found, started)
    stored += _store(HelperList.About.POST, posts, found, started)
    stored += _store(HelperList.About.TOPIC, topics, found, started)
    _forget_posts(asked=wanted.posts, keep=set(posts))
    return HelpersRefreshed(
        len(members), len(posts), len(topics), stored, round(time.perf_counter() - clock, 3)
    )


def helpers_refresh_everything(*, progress: Progress | None = None) -> HelpersRefreshed:
    """Every list there could be, worked out again (the periodic sweep, the demo)."""
    return helpers_refresh(member_ids=None, post_ids=None, topic_ids=None, progress=progress)


def everything_fresh_since(moment: datetime) -> bool:
    """Whether every list was worked out from what was true at `moment` or later."""
    lists = HelperList.objects.all()
    stale = Q(computed_at__isnull=True) | Q(computed_at__lt=moment)
    return lists.exists() and not lists.filter(stale).exists()


def helpers_refresh_pending() -> HelpersRefreshed:
    """The lists asked for and not worked out since, in one engine run; nothing to do: 0."""
    rows = list(selectors.pending_helper_lists().values_list("member_id", "post_id", "topic_id"))
    if not rows:
        return HelpersRefreshed()
    return helpers_refresh(
        member_ids={m for m, _, _ in rows if m is not None},
        post_ids={p for _, p, _ in rows if p is not None},
        topic_ids={t for _, _, t in rows if t is not None},
    )


def _member_lists(
    found: selectors.HelperPeople, wanted: set[int] | None, progress: Progress | None
) -> dict[int, list[engine.Helper]]:
    """Who could help each wanted member; an empty list for one who is not active now."""
    active = found.active
    for_ids = sorted(active if wanted is None else wanted & active)
    lists: dict[int, list[engine.Helper]] = {i: [] for i in (wanted or set()) - active}
    if not for_ids:
        return lists
    blocked = selectors.kept_apart_pairs(member_ids=set(for_ids)) | found.blocked
    ranked = engine.helpers_for_people(
        found.people,
        for_ids=[str(i) for i in for_ids],
        k=STORED_PER_LIST,
        blocked=blocked,
        unavailable=found.unavailable,
        encoder=make_encoder(settings.TRELLIS_ENCODER),
        progress=progress,
    )
    lists.update({int(member_id): helpers for member_id, helpers in ranked.items()})
    return lists


@dataclass(frozen=True)
class _Questions:
    """Loose problem texts to ask the engine about: for each key (a post's or a topic's
    id), its words and who must never be returned for it."""

    keys: list[int]
    texts: list[str]
    exclude: list[set[str]]


def _post_questions(found: selectors.HelperPeople, wanted: set[int] | None) -> _Questions:
    """Each wanted post that is still published, never to be answered by its author nor
    anyone in their reporting line or kept apart from them."""
    problems = hooks.post_problems(post_ids=None if wanted is None else sorted(wanted))
    ids = sorted(problems)
    authors = {problems[i].author_id for i in ids}
    apart = _partners(selectors.kept_apart_pairs(member_ids=authors)) if authors else {}
    lines = _reporting_lines(found.managers)
    exclude = [
        {
            str(problems[i].author_id),
            *lines(problems[i].author_id),
            *apart.get(problems[i].author_id, ()),
        }
        for i in ids
    ]
    return _Questions(ids, [problems[i].text for i in ids], exclude)


def _topic_questions(wanted: set[int] | None) -> _Questions:
    """Each wanted topic, asked by its name: every topic named on someone's profile or with
    a list already when `wanted` is None."""
    topics = Topic.objects.all()
    if wanted is None:
        named = Q(profile_topics__isnull=False) | Q(pk__in=_listed_topics())
        topics = topics.filter(named).distinct()
    else:
        topics = topics.filter(pk__in=wanted)
    rows = list(topics.order_by("id").values_list("id", "name"))
    return _Questions([i for i, _ in rows], [name for _, name in rows], [set() for _ in rows])


def _text_lists(
    posts: _Questions, topics: _Questions, found: selectors.HelperPeople
) -> tuple[dict[int, list[engine.Helper]], dict[int, list[engine.Helper]]]:
    """Who could help with each post and each topic, asked of the engine in one run."""
    texts = posts.texts + topics.texts
    if not texts:
        return {}, {}
    ranked = engine.helpers_for_texts(
        found.people,
        texts,
        k=STORED_PER_LIST,
        exclude=posts.exclude + topics.exclude,
        unavailable=found.unavailable,
        encoder=make_encoder(settings.TRELLIS_ENCODER),
    )
    split = len(posts.keys)
    return (
        dict(zip(posts.keys, ranked[:split], strict=True)),
        dict(zip(topics.keys, ranked[split:], strict=True)),
    )


def _listed_topics():
    return HelperList.objects.filter(topic__isnull=False).values("topic_id")


def _partners(pairs: set[tuple[str, str]]) -> dict[int, set[str]]:
    """Each member's partners in `pairs`, as the engine names them."""
    partners: dict[int, set[str]] = defaultdict(set)
    for a, b in pairs:
        partners[int(a)].add(b)
        partners[int(b)].add(a)
    return partners


def _reporting_lines(managers: Mapping[int, int | None]) -> Callable[[int], set[str]]:
    """`line(member)`: everyone above and below the member, as engine ids (remembered)."""
    reports: dict[int, list[int]] = defaultdict(list)
    for member, manager in managers.items():
        if manager is not None:
            reports[manager].append(member)
    known: dict[int, set[str]] = {}

    def line(member: int) -> set[str]:
        if member not in known:
            found: set[int] = set()
            current = managers.get(member)
            while current is not None and current not in found and current != member:
                found.add(current)
                current = managers.get(current)
            below = list(reports.get(member, ()))
            while below:
                report = below.pop()
                if report not in found and report != member:
                    found.add(report)
                    below.extend(reports.get(report, ()))
            known[member] = {str(i) for i in found}
        return known[member]

    return line


def _store(
    about: str,
    lists: Mapping[int, Sequence[engine.Helper]],
    found: selectors.HelperPeople,
    started: datetime,
) -> int:
    """Replace the helpers of each list, in batches of BATCH lists (one transaction each)."""
    stored = 0
    keys = sorted(lists)
    for start in range(0, len(keys), BATCH):
        chunk = {key: lists[key] for key in keys[start : start + BATCH]}
        stored += _store_batch(about, chunk, found, started)
    return stored


@transaction.atomic
def _store_batch(
    about: str,
    lists: Mapping[int, Sequence[engine.Helper]],
    found: selectors.HelperPeople,
    started: datetime,
) -> int:
    field = f"{about}_id"
    existing = dict(
        HelperList.objects.filter(**{f"{field}__in": list(lists)}).values_list(field, "pk")
    )
    missing = [HelperList(about=about, **{field: key}) for key in lists if key not in existing]
    HelperList.objects.bulk_create(missing, batch_size=BATCH)
    ids = dict(HelperList.objects.filter(**{f"{field}__in": list(lists)}).values_list(field, "pk"))
    PossibleHelper.objects.filter(helper_list_id__in=ids.values()).delete()
    rows = [
        _possible_helper(ids[key], position, helper, found)
        for key, helpers in lists.items()
        for position, helper in enumerate(helpers[:STORED_PER_LIST], start=1)
    ]
    PossibleHelper.objects.bulk_create(rows, batch_size=BATCH)
    HelperList.objects.filter(pk__in=ids.values()).update(computed_at=started)
    return len(rows)


def _possible_helper(
    list_id: int, position: int, helper: engine.Helper, found: selectors.HelperPeople
) -> PossibleHelper:
    dates = found.helped_on.get(helper.id, ())
    backing = [dates[i] for i in helper.evidence if i < len(dates)]
    return PossibleHelper(
        helper_list_id=list_id,
        helper_id=int(helper.id),
        position=position,
        score=float(helper.score),
        explanation=helper.explanation,
        helping_since=min(backing) if backing else None,
    )


@transaction.atomic
def _forget_posts(*, asked: set[int] | None, keep: set[int]) -> None:
    """Lists of posts asked about (None: any) that are no longer published (deleted, or
    their author left) go."""
    if asked is None:
        asked = set(HelperList.objects.filter(post__isnull=False).values_list("post_id", flat=True))
    gone = sorted(asked - keep)
    for start in range(0, len(gone), BATCH):
        HelperList.objects.filter(post_id__in=gone[start : start + BATCH]).delete()
