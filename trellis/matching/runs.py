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

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from trellis.matching import selectors
from trellis.matching.engine import pipeline, review
from trellis.matching.engine.encoders.registry import make_encoder
from trellis.matching.engine.report import RoundReport, config_from_json, plain
from trellis.matching.models import RecommendationRefresh, Round, Suggestion

logger = logging.getLogger(__name__)

Progress = Callable[[str, float], None]

RECOMMENDATIONS_PER_MEMBER = 5
PROGRESS_EVERY_S = 0.5
BATCH = 1000
MAX_REASON = 2000


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
    if round_obj.state in (Round.State.DONE, Round.State.PUBLISHED):
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
        pairs, addressed, measured = _round_compute(Round.objects.get(pk=round_id), report)
        report("Saving the pairs", 1.0)
        _round_finish(round_id, token, pairs, addressed, measured)
    except RoundSuperseded:
        logger.warning("Round %s was started again elsewhere; this run stops.", round_id)
    except Exception as error:
        if isinstance(error, NotImplementedError):
            logger.warning("Round %s failed: %s", round_id, error)
        else:
            logger.exception("Round %s failed", round_id)
        _round_fail(round_id, token, _failure_reason(error))
    return Round.objects.get(pk=round_id)


def _round_compute(
    round_obj: Round, report: Progress
) -> tuple[list[pipeline.PairResult], list[tuple[str, str]], RoundReport]:
    """The engine's pairs, each one's explanation as either side reads it, and its report."""
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
    return result.pairs, addressed, measured


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
def _round_finish(
    round_id: int,
    token: str,
    pairs: list[pipeline.PairResult],
    addressed: list[tuple[str, str]],
    measured: RoundReport,
) -> None:
    """Write every pair and mark the round done, in one transaction."""
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if round_obj.run_token != token or round_obj.state != Round.State.RUNNING:
        raise RoundSuperseded(f"Round {round_id} was started again elsewhere.")
    Suggestion.objects.filter(round=round_obj).delete()
    rows = [_suggestion_row(round_obj, *row) for row in zip(pairs, addressed, strict=True)]
    Suggestion.objects.bulk_create(rows, batch_size=BATCH)
    round_obj.metrics = measured.to_json()
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
