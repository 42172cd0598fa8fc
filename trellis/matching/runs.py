"""The work rounds and recommendations take, done by the background worker (or a command).

Each runs the engine on what the selectors read and writes the result in one
transaction at the end; progress is committed as it goes so that pages can show it.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from trellis.matching import selectors
from trellis.matching.engine import pipeline, review
from trellis.matching.engine.encoders.registry import make_encoder
from trellis.matching.engine.report import RoundReport, config_from_json, plain
from trellis.matching.models import RecommendationRefresh, Round, Suggestion, UnpairedMember
from trellis.notifications import services as notification_services
from trellis.notifications.models import Notification

logger = logging.getLogger(__name__)

Progress = Callable[[str, float], None]

RECOMMENDATIONS_PER_MEMBER = 5
PROGRESS_EVERY_S = 0.5
BATCH = 1000
MAX_REASON = 2000
# The engine's reasons someone is in no pair, beyond opting out and capacity.
UNPAIRED_REASONS = {
    pipeline.HARD_RULES: UnpairedMember.Reason.HARD_RULES,
    pipeline.NO_SHARED: UnpairedMember.Reason.NO_SHARED,
    pipeline.TAKEN: UnpairedMember.Reason.TAKEN,
}


class RoundSuperseded(Exception):
    """The round was started again while this run was going; this run must not write."""


class _ProgressWriter:
    """The engine's progress callback: updates the round row, at most twice a second.

    Each update is its own short transaction, so the round page sees it while
    the run goes on. It stops the run when the round was started again
    elsewhere. Reports from the engine's helper threads are kept and written by
    the next report from the run's own thread (one database connection).
    """

    def __init__(self, round_id: int, token: str, also: Progress | None = None):
        self.round_id, self.token, self.also = round_id, token, also
        self.thread = threading.get_ident()
        self.last_stage, self.last_write = "", 0.0
        self.pending: tuple[str, float] | None = None

    def __call__(self, stage: str, fraction: float) -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        if self.also is not None:
            self.also(stage, fraction)
        if threading.get_ident() != self.thread:
            self.pending = (stage, fraction)
            return
        if self.pending is not None and self.pending[0] != stage:
            self._write(*self.pending)
        self.pending = None
        now = time.monotonic()
        if stage == self.last_stage and now - self.last_write < PROGRESS_EVERY_S:
            return
        self.last_stage, self.last_write = stage, now
        self._write(stage, fraction)

    def _write(self, stage: str, fraction: float) -> None:
        with transaction.atomic():
            updated = Round.objects.filter(
                pk=self.round_id, run_token=self.token, state=Round.State.RUNNING
            ).update(progress=fraction, stage=stage[:120], heartbeat_at=timezone.now())
        if not updated:
            raise RoundSuperseded(f"Round {self.round_id} was started again elsewhere.")


@transaction.atomic
def _round_claim(round_id: int) -> str | None:
    """Mark the round running under a new token; None when it has finished already."""
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if round_obj.state in (Round.State.DONE, Round.State.PUBLISHED, Round.State.WITHDRAWN):
        return None
    now = timezone.now()
    round_obj.run_token = secrets.token_hex(16)
    round_obj.state = Round.State.RUNNING
    round_obj.progress, round_obj.stage = 0.0, "Starting"
    round_obj.failure_reason, round_obj.metrics = "", {}
    round_obj.started_at = round_obj.heartbeat_at = now
    round_obj.finished_at = None
    round_obj.save()
    return round_obj.run_token


@transaction.atomic
def round_requeued(*, round_id: int) -> bool:
    """The worker running the round died and its task was queued again: back to "queued",
    with a new token so that the dead run (were it somehow alive) may no longer write.
    Running it again is safe: a run writes its pairs only at the end, replacing any."""
    return bool(
        Round.objects.filter(pk=round_id, state=Round.State.RUNNING).update(
            state=Round.State.QUEUED, run_token="", progress=0.0, stage="", heartbeat_at=None
        )
    )


def round_run(*, round_id: int, progress: Progress | None = None) -> Round:
    """Run a round now: read its cohort, call the engine, save every pair at once.

    Deliberately not one transaction: progress is committed as it goes so the
    round page can show it. The pairs and the change to "done" are written
    together in one transaction at the end, so a run killed part way leaves no
    pairs, only a "running" round that can be run again. A round that finished
    already is left alone; one that fails keeps the reason. `progress` also
    receives every report (the command line shows them).
    """
    token = _round_claim(round_id)
    if token is None:
        return Round.objects.get(pk=round_id)
    report = _ProgressWriter(round_id, token, progress)
    try:
        computed = _round_compute(Round.objects.get(pk=round_id), report)
        report("Saving the pairs", 1.0)
        _round_finish(round_id, token, computed)
    except RoundSuperseded:
        logger.warning("Round %s was started again elsewhere; this run stops.", round_id)
    except Exception as error:
        if isinstance(error, NotImplementedError):
            logger.warning("Round %s failed: %s", round_id, error)
        else:
            logger.exception("Round %s failed", round_id)
        _round_fail(round_id, token, _failure_reason(error))
    return Round.objects.get(pk=round_id)


@dataclass(frozen=True)
class _Computed:
    """What a run writes: the pairs, each one's explanations as either side reads it, the
    report, and who is in no pair and why."""

    pairs: list[pipeline.PairResult]
    addressed: list[tuple[str, str]]
    measured: RoundReport
    unpaired: list[UnpairedMember]


def _unpaired_rows(cohort: selectors.CohortPeople, result: pipeline.RoundResult):
    """Who of the cohort is in no pair, and why (`pipeline.unpaired_reasons`), as rows
    without a round yet. Paused members and those with no free capacity say more."""
    rows = []
    for person_id, code in pipeline.unpaired_reasons(cohort.people, result).items():
        detail = ""
        if code == pipeline.NOT_OPTED_IN:
            paused = person_id in cohort.paused
            reason = UnpairedMember.Reason.PAUSED if paused else UnpairedMember.Reason.NOT_OPEN
        elif code == pipeline.NO_CAPACITY:
            reason = UnpairedMember.Reason.NO_CAPACITY
            in_use, capacity = cohort.in_use.get(person_id, (0, 0))
            detail = (
                f"{in_use} of {capacity} relationship{'s' if capacity != 1 else ''} in use"
                if capacity
                else "their capacity is 0"
            )
        else:
            reason = UNPAIRED_REASONS[code]
        rows.append(UnpairedMember(member_id=int(person_id), reason=reason, detail=detail))
    return rows


def _round_compute(round_obj: Round, report: Progress) -> _Computed:
    """The engine's pairs, each one's explanation as either side reads it, its report and
    who is in no pair and why."""
    report("Reading the cohort", 0.0)
    cohort = selectors.cohort_people(cohort=round_obj.cohort_value)
    config = config_from_json(round_obj.config)
    started = time.perf_counter()
    result = pipeline.run_round(
        cohort.people,
        config=config,
        blocked=cohort.blocked,
        encoder=make_encoder(settings.TRELLIS_ENCODER, seed=config.seed),
        progress=report,
    )
    facts = {
        "members": len(cohort.people),
        "opted_in": sum(p.opted_in for p in cohort.people),
        "blocked_pairs": len(cohort.blocked),
        "candidates": len(result.candidates),
        "pairs": len(result.pairs),
        "seconds": round(time.perf_counter() - started, 3),
    }
    report("Writing each member's explanations", 1.0)
    addressed = review.addressed_explanations(
        cohort.people,
        result,
        progress=lambda _stage, _done: report("Writing each member's explanations", 1.0),
    )
    started = time.perf_counter()
    compared = _baselines_compared(cohort, result, config, report)
    facts["baselines_seconds"] = round(time.perf_counter() - started, 3)
    measured = RoundReport.from_json(plain({**result.metrics, **compared, "run": facts}))
    return _Computed(result.pairs, addressed, measured, _unpaired_rows(cohort, result))


def _baselines_compared(cohort, result: pipeline.RoundResult, config, report: Progress) -> dict:
    """The round beside the baselines on the same cohort and constraints (`review`).

    A failure here leaves the round as it is: the review says why the
    comparison is missing.
    """
    stage = "Comparing with the baselines"
    report(stage, 1.0)
    try:
        return review.compare_with_baselines(
            cohort.people,
            result,
            config=config,
            blocked=cohort.blocked,
            progress=lambda _stage, _done: report(stage, 1.0),
        )
    except RoundSuperseded:
        raise
    except Exception as error:
        logger.exception("Comparing round pairs with the baselines failed")
        return {"baselines_error": _failure_reason(error)}


def _failure_reason(error: Exception) -> str:
    if isinstance(error, NotImplementedError):
        return f"The matching engine is not available in this installation ({error})."
    text = str(error).strip()
    reason = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return reason[:MAX_REASON]


def _suggestion_row(
    round_obj: Round, pair: pipeline.PairResult, addressed: tuple[str, str]
) -> Suggestion:
    a, b = int(pair.a), int(pair.b)
    teach_ab, teach_ba = float(pair.teach_ab), float(pair.teach_ba)
    for_a, for_b = addressed
    if a > b:  # stored lower id first; the directions and the explanations follow the members
        a, b, teach_ab, teach_ba, for_a, for_b = b, a, teach_ba, teach_ab, for_b, for_a
    return Suggestion(
        kind=Suggestion.Kind.ROUND,
        round=round_obj,
        member_a_id=a,
        member_b_id=b,
        score=float(pair.score),
        shared=float(pair.shared),
        teach_ab=teach_ab,
        teach_ba=teach_ba,
        diversity=float(pair.diversity),
        explanation=pair.explanation,
        explanation_for_a=for_a,
        explanation_for_b=for_b,
    )


@transaction.atomic
def _round_finish(round_id: int, token: str, computed: _Computed) -> None:
    """Write every pair and who is in none, and mark the round done, in one transaction."""
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if round_obj.run_token != token or round_obj.state != Round.State.RUNNING:
        raise RoundSuperseded(f"Round {round_id} was started again elsewhere.")
    Suggestion.objects.filter(round=round_obj).delete()
    UnpairedMember.objects.filter(round=round_obj).delete()
    rows = [
        _suggestion_row(round_obj, *row)
        for row in zip(computed.pairs, computed.addressed, strict=True)
    ]
    Suggestion.objects.bulk_create(rows, batch_size=BATCH)
    for row in computed.unpaired:
        row.round = round_obj
    UnpairedMember.objects.bulk_create(computed.unpaired, batch_size=BATCH)
    round_obj.metrics = computed.measured.to_json()
    round_obj.state = Round.State.DONE
    round_obj.progress, round_obj.stage = 1.0, "Done"
    round_obj.finished_at = timezone.now()
    round_obj.save()


@transaction.atomic
def _round_fail(round_id: int, token: str, reason: str) -> None:
    Round.objects.filter(pk=round_id, run_token=token).update(
        state=Round.State.FAILED,
        stage="Failed",
        failure_reason=reason,
        finished_at=timezone.now(),
    )


def _told_text(names: list[str]) -> str:
    others = len(names) - 1
    more = f" and {others} other {'person' if others == 1 else 'people'}" if others else ""
    return f"A matching round suggests you meet {names[0]}{more}."


def round_tell_members(*, round_id: int, batch: int = 500) -> int:
    """Tell each member of a published round's pairs, once: in the app and by e-mail, as
    each chose (`notify`), linking to their best suggestion. Returns how many were told.

    Idempotent: each member's suggestions are marked told in the transaction that tells
    them, so a retried task (or publishing retried) tells nobody twice. A round withdrawn
    meanwhile tells nobody more.
    """
    told = 0
    while True:
        with transaction.atomic():
            round_obj = Round.objects.select_for_update().get(pk=round_id)
            if round_obj.state != Round.State.PUBLISHED:
                return told
            waiting = _untold_members(round_obj, batch)
            if not waiting:
                return told
            for member_id, rows in waiting.items():
                _tell_one(round_obj, member_id, rows)
            told += len(waiting)


def _untold_members(round_obj: Round, batch: int) -> dict[int, list[Suggestion]]:
    """Up to `batch` members of the round not told yet, each with their pairs, best first."""
    pairs = Suggestion.objects.filter(round=round_obj)
    ids: set[int] = set()
    for side in ("a", "b"):
        untold = pairs.filter(**{f"{side}_told_at__isnull": True})
        column = f"member_{side}_id"
        ids.update(untold.order_by(column).values_list(column, flat=True).distinct()[:batch])
    ids = set(sorted(ids)[:batch])
    rows = (
        pairs.filter(Q(member_a_id__in=ids) | Q(member_b_id__in=ids))
        .select_related("member_a", "member_b", "member_a__user", "member_b__user")
        .order_by("-score", "id")
    )
    waiting: dict[int, list[Suggestion]] = {member_id: [] for member_id in ids}
    for row in rows:
        for member_id in (row.member_a_id, row.member_b_id):
            if member_id in waiting:
                waiting[member_id].append(row)
    return waiting


def _tell_one(round_obj: Round, member_id: int, rows: list[Suggestion]) -> None:
    now = timezone.now()
    best = rows[0]
    member = best.member_a if best.member_a_id == member_id else best.member_b
    names = [row.other(member_id).display_name for row in rows]
    notification_services.notify(
        member=member,
        kind=Notification.Kind.ROUND_PUBLISHED,
        text=_told_text(names),
        url=selectors.suggestion_link(best, member_id),
    )
    pairs = Suggestion.objects.filter(round=round_obj)
    pairs.filter(member_a_id=member_id).update(a_told_at=now)
    pairs.filter(member_b_id=member_id).update(b_told_at=now)


def recommendations_refresh(*, member_ids: list[int] | None = None) -> int:
    """Compute and store the top recommendations of `member_ids` (everyone when None).

    Each member's earlier recommendations are replaced, except those they
    dismissed (the dismissal keeps the pair out of future suggestions) or acted
    on. Returns how many recommendations were stored.
    """
    started = timezone.now()
    people = selectors.everyone_people()
    present = {p.id for p in people}
    wanted = present if member_ids is None else {str(i) for i in member_ids} & present
    for_ids = sorted(wanted, key=int)
    if not for_ids:
        return 0
    blocked = selectors.kept_apart_pairs(member_ids={int(i) for i in for_ids})
    found = pipeline.recommend(
        people,
        for_ids=for_ids,
        k=RECOMMENDATIONS_PER_MEMBER,
        blocked=blocked,
        encoder=make_encoder(settings.TRELLIS_ENCODER),
    )
    stored = 0
    for start in range(0, len(for_ids), BATCH):
        chunk = for_ids[start : start + BATCH]
        stored += _recommendations_store(chunk, found, started)
    return stored


@transaction.atomic
def _recommendations_store(for_ids: list[str], found: Mapping, refreshed_at) -> int:
    ids = [int(i) for i in for_ids]
    old = Suggestion.objects.filter(kind=Suggestion.Kind.RECOMMENDATION, recommended_to_id__in=ids)
    kept = old.filter(
        Q(acted_on_at__isnull=False)
        | Q(a_dismissed_at__isnull=False)
        | Q(b_dismissed_at__isnull=False)
    )
    keep = set(kept.values_list("recommended_to_id", "member_a_id", "member_b_id"))
    old.exclude(pk__in=kept.values("pk")).delete()
    rows = []
    for member_id in ids:
        for rec in found.get(str(member_id), [])[:RECOMMENDATIONS_PER_MEMBER]:
            a, b = sorted((member_id, int(rec.id)))
            if a == b or (member_id, a, b) in keep:
                continue
            # Written to the member it is for; nobody else sees a recommendation.
            side = "a" if member_id == a else "b"
            rows.append(
                Suggestion(
                    kind=Suggestion.Kind.RECOMMENDATION,
                    recommended_to_id=member_id,
                    member_a_id=a,
                    member_b_id=b,
                    score=float(rec.score),
                    **{f"explanation_for_{side}": rec.explanation},
                )
            )
    Suggestion.objects.bulk_create(rows, batch_size=BATCH)
    for member_id in ids:
        RecommendationRefresh.objects.update_or_create(
            member_id=member_id, defaults={"refreshed_at": refreshed_at}
        )
    return len(rows)


def recommendations_refresh_requested(*, member_ids: list[int]) -> int:
    """Refresh `member_ids` and anyone else waiting, in one engine run; skip those done since.

    A burst of page views queues one task each; the first task does them all
    and the others find nothing left to do.
    """
    asked = set(member_ids)
    done_since_asked = set(
        RecommendationRefresh.objects.filter(
            member_id__in=asked, requested_at__isnull=False, refreshed_at__gte=F("requested_at")
        ).values_list("member_id", flat=True)
    )
    todo = (asked - done_since_asked) | set(selectors.pending_recommendation_requests())
    if not todo:
        return 0
    return recommendations_refresh(member_ids=sorted(todo))
