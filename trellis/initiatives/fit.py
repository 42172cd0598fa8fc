"""Who fits which initiative, and why in one line: the matching engine's teach and
shared scores between members and initiatives, with a reason in topics people named,
worked out by the background worker (`tasks.py`) or a command and stored.

Each active member open to initiatives keeps their best few open initiatives
(`InitiativeFit`); each offer to help keeps how well the volunteer fits, for the
lead (`Volunteer.fit_score`, `fit_reason`). Pages read those rows (`selectors`) and
never import this module: it runs the engine.

One member is worked out against the newest FIT_POOL open initiatives, alone
(`fit_refresh(member_ids=[...])`); everyone is worked out in chunks of CHUNK
members, each chunk encoded with the initiatives in one engine run, so word
weights come from a slice of the organisation rather than from one person.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from trellis.initiatives import selectors
from trellis.initiatives.models import (
    MAX_FIT_REASON,
    Initiative,
    InitiativeFit,
    InitiativeFitList,
    Volunteer,
)
from trellis.matching.engine.fit import fit_scores
from trellis.matching.engine.people import Person
from trellis.people import hooks
from trellis.people.models import Member, Topic
from trellis.people.selectors import topic_matcher

# Initiatives each member is scored against: the newest open ones.
FIT_POOL = 200
# Stored per member: more than home shows, so some are left once those a member has
# offered to help with are set aside when shown.
STORED_PER_MEMBER = 10
# Members encoded together in one engine run when everyone is worked out.
CHUNK = 2000
BATCH = 5000

Progress = Callable[[str, float], None]


def member_person(
    member: Member, *, extra_offer: str = "", extra_learning: str = "", posts=()
) -> Person:
    """A member as the engine reads them; a volunteer's note adds to what they offer and learn."""
    return Person(
        id=f"m{member.pk}",
        name=member.display_name,
        discipline=member.discipline,
        team=member.team,
        level=member.level or 0,
        manager=None,
        background=tuple(member.background or ()),
        capacity=member.capacity,
        working_on=member.working_on,
        curious_about=member.curious_about,
        can_help_with="\n".join(filter(None, [member.can_help_with, extra_offer])),
        learning="\n".join(filter(None, [member.learning, extra_learning])),
        posts=tuple(posts),
    )


def initiative_person(initiative: Initiative) -> Person:
    """An initiative as the engine reads it: its problem is what it works on, the skills
    it needs what it wants from a helper (and what working on it exercises)."""
    needs = initiative.skills or initiative.title
    return Person(
        id=f"i{initiative.pk}",
        name=initiative.title,
        discipline="",
        team="",
        level=0,
        manager=None,
        background=(),
        capacity=initiative.helpers_wanted,
        working_on=f"{initiative.title}\n{initiative.problem}",
        curious_about=initiative.why_it_matters,
        can_help_with=needs,
        learning=needs,
    )


# --- reasons -----------------------------------------------------------------------------


class _Topics:
    """Topic names in texts, read with one matcher and one query for every topic's name;
    what a text names is remembered (the initiatives' texts come back for every member)."""

    REMEMBERED = 50_000

    def __init__(self):
        self.matcher = topic_matcher()
        self.names = dict(Topic.objects.values_list("slug", "name"))
        self.slugs: dict[str, list[str]] = {}

    def _read(self, text: str) -> list[str]:
        found = self.slugs.get(text)
        if found is None:
            if len(self.slugs) > self.REMEMBERED:
                self.slugs.clear()
            found = list(dict.fromkeys(self.matcher.topics(text))) if text.strip() else []
            self.slugs[text] = found
        return found

    def common(self, left: str, right: str) -> list[str]:
        """Topics `left` names that `right` names too, by name, in `left`'s order."""
        right_slugs = set(self._read(right))
        return [self.names[s] for s in self._read(left) if s in right_slugs and s in self.names]


def _listed(names: list[str]) -> str:
    names = names[:3]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _needs(initiative: Initiative) -> str:
    return f"{initiative.skills}\n{initiative.title}\n{initiative.problem}"


def _interests(person: Person) -> str:
    return f"{person.working_on}\n{person.curious_about}"


def _member_reason(
    topics: _Topics, person: Person, initiative: Initiative, scores: tuple[float, float, float]
) -> str:
    """Why an initiative fits a member, addressed to them."""
    needs = _needs(initiative)
    helps, learns, shared = scores
    options = [
        (
            helps,
            topics.common(person.can_help_with, needs),
            "It needs {}, which you can help with.",
        ),
        (
            shared,
            topics.common(_interests(person), needs),
            "It is about {}, which you work on too.",
        ),
        (
            learns,
            topics.common(person.learning, needs),
            "You would practise {}, which you are learning.",
        ),
    ]
    for _, named, sentence in sorted(options, key=lambda option: -option[0]):
        if named:
            return sentence.format(_listed(named))
    strongest = max(range(3), key=lambda i: options[i][0])
    return (
        "It needs what you say you can help with.",
        "It is close to what you work on.",
        "It uses what you are learning.",
    )[strongest]


def _volunteer_reason(
    topics: _Topics, person: Person, initiative: Initiative, scores: tuple[float, float, float]
) -> str:
    """Why a volunteer fits an initiative, for its lead."""
    needs = _needs(initiative)
    helps, learns, shared = scores
    options = [
        (helps, topics.common(person.can_help_with, needs), "Can help with {}, which it needs."),
        (shared, topics.common(_interests(person), needs), "Works on {} too."),
        (learns, topics.common(person.learning, needs), "Wants to learn {}, which it uses."),
    ]
    for _, named, sentence in sorted(options, key=lambda option: -option[0]):
        if named:
            return sentence.format(_listed(named))
    if max(helps, learns, shared) <= 0:
        return "Nothing in their profile or note names what it needs; read their note."
    return "Their profile and note are close to what it needs."


def _fit(scores, i: int, j: int) -> tuple[float, float, float, float]:
    return (
        float(scores.fit[i, j]),
        float(scores.helps[i, j]),
        float(scores.learns[i, j]),
        float(scores.shared[i, j]),
    )


# --- members: the initiatives that fit them ------------------------------------------------


@dataclass(frozen=True)
class FitRefreshed:
    """What a refresh worked out: members (and rows stored), volunteers, and how long."""

    members: int = 0
    fits: int = 0
    volunteers: int = 0
    seconds: float = 0.0


MEMBER_FIELDS = (
    "id",
    "display_name",
    "discipline",
    "team",
    "level",
    "background",
    "capacity",
    "working_on",
    "curious_about",
    "can_help_with",
    "learning",
)


def _eligible() -> Q:
    """Members who are shown initiatives that fit: active and open to them."""
    return Q(status=Member.Status.ACTIVE, open_to_initiatives=True)


def _member_chunks(member_ids: set[int] | None) -> Iterator[list[Member]]:
    """The eligible members asked for (None: all of them), CHUNK at a time, by id."""
    members = Member.objects.filter(_eligible()).only(*MEMBER_FIELDS).order_by("pk")
    if member_ids is None:
        last = 0
        while chunk := list(members.filter(pk__gt=last)[:CHUNK]):
            yield chunk
            last = chunk[-1].pk
        return
    ids = sorted(member_ids)
    for start in range(0, len(ids), CHUNK):
        if chunk := list(members.filter(pk__in=ids[start : start + CHUNK])):
            yield chunk


def _best(fits: np.ndarray, lead_of: np.ndarray, member_id: int) -> list[int]:
    """Positions in the pool of a member's best fits, best first: above zero, not their own."""
    scores = np.where(lead_of == member_id, 0.0, fits)
    count = min(STORED_PER_MEMBER, len(scores))
    top = np.argpartition(-scores, count - 1)[:count] if count < len(scores) else np.arange(count)
    return [int(j) for j in sorted(top, key=lambda j: (-scores[j], j)) if scores[j] > 0]


def _chunk_fits(
    members: list[Member], pool: list[Initiative], work: list[Person], topics: _Topics
) -> list[InitiativeFit]:
    """Each member's best fits in one engine run over them and the pool, with reasons."""
    writing = hooks.member_writing(member_ids=[m.pk for m in members])
    people = [member_person(m, posts=writing.get(m.pk, ())) for m in members]
    scores = fit_scores(people, work)
    lead_of = np.array([i.lead_id for i in pool], np.int64)
    rows = []
    for i, member in enumerate(members):
        for position, j in enumerate(_best(scores.fit[i], lead_of, member.pk), start=1):
            score, helps, learns, shared = _fit(scores, i, j)
            reason = _member_reason(topics, people[i], pool[j], (helps, learns, shared))
            rows.append(
                InitiativeFit(
                    member_id=member.pk,
                    initiative_id=pool[j].pk,
                    position=position,
                    score=score,
                    helps=helps,
                    learns=learns,
                    shared=shared,
                    reason=reason[:MAX_FIT_REASON],
                )
            )
    return rows


@transaction.atomic
def _store_fits(member_ids: list[int], rows: list[InitiativeFit], started: datetime) -> None:
    """Replace the stored fits of `member_ids` with `rows`, and note when they were worked out."""
    InitiativeFit.objects.filter(member_id__in=member_ids).delete()
    InitiativeFit.objects.bulk_create(rows, batch_size=BATCH)
    known = set(
        InitiativeFitList.objects.filter(member_id__in=member_ids).values_list(
            "member_id", flat=True
        )
    )
    InitiativeFitList.objects.bulk_create(
        [InitiativeFitList(member_id=m) for m in member_ids if m not in known], batch_size=BATCH
    )
    InitiativeFitList.objects.filter(member_id__in=member_ids).update(computed_at=started)


def _forget_ineligible(asked: set[int] | None, started: datetime) -> None:
    """Members asked for (None: anyone) who are not shown initiatives keep no fits: gone,
    paused or not open to initiatives. Their list says it was worked out: to nothing."""
    lists = InitiativeFitList.objects.exclude(member__in=Member.objects.filter(_eligible()))
    if asked is not None:
        lists = lists.filter(member_id__in=asked)
    ids = list(lists.values_list("member_id", flat=True))
    for start in range(0, len(ids), BATCH):
        _store_fits(ids[start : start + BATCH], [], started)


def fit_refresh(
    *, member_ids: Iterable[int] | None, progress: Progress | None = None
) -> FitRefreshed:
    """Work out and store the initiatives that fit the given members (None: everyone
    eligible), CHUNK members to an engine run; one transaction per chunk."""
    clock, started = time.perf_counter(), timezone.now()
    asked = None if member_ids is None else set(member_ids)
    pool = selectors.initiatives_for_fit(limit=FIT_POOL)
    work = [initiative_person(i) for i in pool]
    topics = _Topics()
    total = (
        Member.objects.filter(_eligible()).count()
        if asked is None and progress
        else len(asked or ())
    )
    members = fits = 0
    for chunk in _member_chunks(asked):
        rows = _chunk_fits(chunk, pool, work, topics) if pool else []
        _store_fits([m.pk for m in chunk], rows, started)
        members, fits = members + len(chunk), fits + len(rows)
        if progress and total:
            progress("initiative fit", members / total)
    _forget_ineligible(asked, started)
    return FitRefreshed(members, fits, seconds=round(time.perf_counter() - clock, 3))


def fit_refresh_everything(*, progress: Progress | None = None) -> FitRefreshed:
    """Every eligible member worked out again, and every offer waiting to be (the
    periodic sweep, an initiative opened or changed, the demo)."""
    members = fit_refresh(member_ids=None, progress=progress)
    volunteers = volunteer_fit_refresh_pending()
    return FitRefreshed(
        members.members, members.fits, volunteers.volunteers, members.seconds + volunteers.seconds
    )


def everything_fresh_since(moment: datetime) -> bool:
    """Whether every member's fits were worked out from what was true at `moment` or later."""
    lists = InitiativeFitList.objects.all()
    stale = Q(computed_at__isnull=True) | Q(computed_at__lt=moment)
    return lists.exists() and not lists.filter(stale).exists()


def fit_refresh_pending() -> FitRefreshed:
    """The members and offers asked for and not worked out since; nothing to do: zeros."""
    pending = InitiativeFitList.objects.filter(
        Q(computed_at__isnull=True) | Q(requested_at__gt=F("computed_at"))
    )
    ids = list(pending.values_list("member_id", flat=True))
    members = fit_refresh(member_ids=ids) if ids else FitRefreshed()
    volunteers = volunteer_fit_refresh_pending()
    return FitRefreshed(
        members.members, members.fits, volunteers.volunteers, members.seconds + volunteers.seconds
    )


# --- volunteers: how each fits the initiative, for its lead -----------------------------------


# Initiatives whose offers are encoded together in one engine run: each run has a fixed
# cost of seconds (fitting the encoder), so one run per initiative would take hours.
VOLUNTEER_BATCH = 100


def _volunteer_fits(
    initiatives: list[Initiative], offers: list[Volunteer], topics: _Topics
) -> None:
    """Set each offer's fit on its initiative, the note counted with the profile: one
    engine run over these offers and initiatives, so word weights come from them."""
    column = {initiative.pk: j for j, initiative in enumerate(initiatives)}
    people = [
        member_person(v.member, extra_offer=v.brings, extra_learning=v.wants_to_learn)
        for v in offers
    ]
    scores = fit_scores(people, [initiative_person(i) for i in initiatives])
    for i, volunteer in enumerate(offers):
        j = column[volunteer.initiative_id]
        score, helps, learns, shared = _fit(scores, i, j)
        reason = _volunteer_reason(topics, people[i], initiatives[j], (helps, learns, shared))
        volunteer.fit_score, volunteer.fit_reason = score, reason[:MAX_FIT_REASON]


def volunteer_fit_refresh(*, initiative_ids: Iterable[int]) -> FitRefreshed:
    """Work out how every offer on the given initiatives fits (withdrawn ones aside),
    VOLUNTEER_BATCH initiatives to an engine run."""
    clock, started = time.perf_counter(), timezone.now()
    topics = _Topics()
    ids = sorted(set(initiative_ids))
    done = 0
    for start in range(0, len(ids), VOLUNTEER_BATCH):
        batch = ids[start : start + VOLUNTEER_BATCH]
        offers = list(
            Volunteer.objects.filter(initiative_id__in=batch)
            .exclude(state=Volunteer.State.WITHDRAWN)
            .select_related("member")
            .order_by("initiative_id", "pk")
        )
        if not offers:
            continue
        initiatives = list(Initiative.objects.filter(pk__in=batch).order_by("pk"))
        _volunteer_fits(initiatives, offers, topics)
        for volunteer in offers:
            volunteer.fit_computed_at = started
        Volunteer.objects.bulk_update(
            offers, ["fit_score", "fit_reason", "fit_computed_at"], batch_size=BATCH
        )
        done += len(offers)
    return FitRefreshed(volunteers=done, seconds=round(time.perf_counter() - clock, 3))


def volunteer_fit_refresh_pending() -> FitRefreshed:
    """Offers never worked out, or changed since (their note, the volunteer's profile, the
    initiative): every offer on their initiatives worked out again together."""
    pending = (
        Volunteer.objects.exclude(state=Volunteer.State.WITHDRAWN)
        .filter(
            Q(fit_computed_at__isnull=True)
            | Q(fit_requested_at__isnull=False, fit_requested_at__gt=F("fit_computed_at"))
        )
        .values_list("initiative_id", flat=True)
        .distinct()
    )
    ids = list(pending)
    return volunteer_fit_refresh(initiative_ids=ids) if ids else FitRefreshed()
