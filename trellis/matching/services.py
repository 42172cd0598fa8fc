"""Writes for matching: rounds (create, restart, publish), suggestions and recommendations.

Heavy work is queued for the background worker (`tasks`, which runs `runs`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trellis.audit.log import record
from trellis.db.worker import enqueue_on_commit
from trellis.matching import selectors, signals, tasks
from trellis.matching.config import round_config_clean
from trellis.matching.models import (
    OPEN_TO_FLAGS,
    Cohort,
    CohortKind,
    HelperList,
    RecommendationRefresh,
    Round,
    Suggestion,
    UnpairedMember,
)
from trellis.notifications import services as notification_services
from trellis.notifications.models import Notification
from trellis.people.models import Member, Topic

# The periodic sweep works every "who could help" list out again at most this often.
HELPERS_SWEEP_EVERY = timedelta(days=1)


def _cohort_problem(cohort: Cohort) -> str | None:
    """Why a cohort cannot be run, if it cannot."""
    members = Member.objects.exclude(status=Member.Status.LEFT)
    if cohort.kind == CohortKind.TEAM and not members.filter(team=cohort.value).exists():
        return f"No member is in a team called {cohort.value!r}."
    if (
        cohort.kind == CohortKind.DISCIPLINE
        and not members.filter(discipline=cohort.value).exists()
    ):
        return f"No member has the discipline {cohort.value!r}."
    if cohort.kind == CohortKind.TOPIC and not Topic.objects.filter(slug=cohort.value).exists():
        return f"No topic has the slug {cohort.value!r} (see the topic vocabulary)."
    if cohort.kind == CohortKind.OPEN_TO and cohort.value not in OPEN_TO_FLAGS:
        return f"Open-to must be one of {', '.join(OPEN_TO_FLAGS)}; got {cohort.value!r}."
    count = selectors.opted_in_count(cohort=cohort)
    if count < 2:
        return (
            f"This cohort has {count} member{'s' if count != 1 else ''} who "
            f"{'are' if count != 1 else 'is'} active and open to peer learning; "
            "a round needs at least two."
        )
    return None


def _check_organiser(user) -> None:
    if user is not None and not (user.is_organiser or user.is_superuser):
        raise PermissionDenied("Only organisers run and publish rounds.")


@transaction.atomic
def round_create(
    *, organiser, cohort: Cohort | str, config: Mapping | None = None, enqueue: bool = True
) -> Round:
    """Check and save a new round, and queue it for a background worker.

    `organiser` is the user starting it (None from the command line). With
    `enqueue=False` the caller runs it (`round_run`) itself.
    """
    _check_organiser(organiser)
    if isinstance(cohort, str):
        try:
            cohort = Cohort.parse(cohort)
        except ValueError as error:
            raise ValidationError({"cohort": str(error)}) from None
    problem = _cohort_problem(cohort)
    if problem:
        raise ValidationError({"cohort": problem})
    round_obj = Round(
        organiser=organiser, cohort=cohort.to_json(), config=round_config_clean(config)
    )
    round_obj.full_clean()
    round_obj.save()
    if enqueue:
        enqueue_on_commit(tasks.run_round_task, round_id=round_obj.pk)
    return round_obj


@transaction.atomic
def round_restart(*, round_id: int, organiser) -> Round:
    """Queue a failed round, or one whose worker died, to run again."""
    _check_organiser(organiser)
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if not (round_obj.state == Round.State.FAILED or selectors.round_is_stale(round_obj)):
        raise ValidationError(
            "Only a failed round, or one that stopped reporting progress, can be run again."
        )
    round_obj.state = Round.State.QUEUED
    round_obj.run_token = ""  # a run still alive somewhere may no longer write
    round_obj.progress, round_obj.stage, round_obj.failure_reason = 0.0, "", ""
    round_obj.save()
    enqueue_on_commit(tasks.run_round_task, round_id=round_obj.pk)
    return round_obj


@transaction.atomic
def round_publish(*, round_id: int, organiser) -> Round:
    """Show a finished round's pairs to both members of each pair, and queue telling each
    of them (`runs.round_tell_members`, in the worker: a round may pair 100,000 people)."""
    _check_organiser(organiser)
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if round_obj.state != Round.State.DONE:
        raise ValidationError(
            f"Only a round ready to review can be published; this one is "
            f"{round_obj.get_state_display().lower()}."
        )
    round_obj.state = Round.State.PUBLISHED
    round_obj.published_at = timezone.now()
    round_obj.published_by = organiser
    round_obj.save()
    record("round.published", actor=organiser, target=f"round {round_obj.pk}")
    enqueue_on_commit(tasks.tell_round_members_task, round_id=round_obj.pk)
    signals.round_published.send(sender=Round, round_obj=round_obj)
    return round_obj


@transaction.atomic
def round_withdraw(*, round_id: int, organiser) -> Round:
    """Take a published round back: its suggestions leave members' pages (the rows stay,
    for the record). Nobody is told; notifications of it not yet read are taken back, and
    links in those already read explain that the suggestion is no longer offered."""
    _check_organiser(organiser)
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if round_obj.state != Round.State.PUBLISHED:
        raise ValidationError(
            f"Only a published round can be withdrawn; this one is "
            f"{round_obj.get_state_display().lower()}."
        )
    round_obj.state = Round.State.WITHDRAWN
    round_obj.withdrawn_at = timezone.now()
    round_obj.withdrawn_by = organiser
    round_obj.save()
    record("round.withdrawn", actor=organiser, target=f"round {round_obj.pk}")
    links = [
        selectors.suggestion_link(row, member_id)
        for row in Suggestion.objects.filter(round=round_obj).only(
            "pk", "member_a_id", "member_b_id"
        )
        for member_id in (row.member_a_id, row.member_b_id)
    ]
    notification_services.notifications_take_back(
        kind=Notification.Kind.ROUND_PUBLISHED, urls=links
    )
    return round_obj


def _editable_round(round_id: int) -> Round:
    round_obj = Round.objects.select_for_update().get(pk=round_id)
    if not round_obj.editable:
        raise ValidationError(
            f"Pairs can be changed only before the round is published; this one is "
            f"{round_obj.get_state_display().lower()}."
        )
    return round_obj


@transaction.atomic
def round_pair_remove(*, round_id: int, suggestion_id: int, organiser) -> Round:
    """Take one pair out of a round before it is published. Either member left with no
    pair in it is listed among the unpaired, as removed by hand."""
    _check_organiser(organiser)
    round_obj = _editable_round(round_id)
    try:
        pair = Suggestion.objects.get(pk=suggestion_id, round=round_obj)
    except Suggestion.DoesNotExist:
        raise ValidationError("This pair is not in this round (removed already?).") from None
    pair.delete()
    for member_id in (pair.member_a_id, pair.member_b_id):
        still = Suggestion.objects.filter(round=round_obj).filter(
            Q(member_a_id=member_id) | Q(member_b_id=member_id)
        )
        if not still.exists():
            UnpairedMember.objects.update_or_create(
                round=round_obj,
                member_id=member_id,
                defaults={"reason": UnpairedMember.Reason.REMOVED, "detail": ""},
            )
    round_obj.pairs_removed_by_hand += 1
    round_obj.save(update_fields=["pairs_removed_by_hand"])
    return round_obj


HAND_PAIR_WHY = "An organiser of the programme thought you two might learn from each other."


@transaction.atomic
def round_pair_add(
    *, round_id: int, member_a_id: int | None, member_b_id: int | None, organiser
) -> Suggestion:
    """Pair two members by hand in a round before it is published, under the round's own
    hard rules (`selectors.hand_pair_problems`): ValidationError naming what stops it, and
    nothing written, when one is broken."""
    _check_organiser(organiser)
    missing = {
        field: "Choose a member (type a name and pick one)."
        for field, value in (("member_a", member_a_id), ("member_b", member_b_id))
        if not value
    }
    if missing:
        raise ValidationError(missing)
    round_obj = _editable_round(round_id)
    problems = selectors.hand_pair_problems(
        round_obj=round_obj, member_a_id=member_a_id, member_b_id=member_b_id
    )
    if problems:
        raise ValidationError(problems)
    low, high = sorted((member_a_id, member_b_id))
    who = getattr(organiser, "email", "") or "an organiser"
    pair = Suggestion.objects.create(
        kind=Suggestion.Kind.ROUND,
        round=round_obj,
        member_a_id=low,
        member_b_id=high,
        score=0.0,
        paired_by_hand=True,
        explanation=f"Paired by hand by {who}.",
        explanation_for_a=HAND_PAIR_WHY,
        explanation_for_b=HAND_PAIR_WHY,
    )
    UnpairedMember.objects.filter(round=round_obj, member_id__in=[low, high]).delete()
    return pair


@transaction.atomic
def suggestion_dismiss(*, suggestion_id: int, member: Member) -> Suggestion:
    """Hide a suggestion from `member`, and every other one of the same pair they can see.

    Only one of the pair may dismiss it (others get Suggestion.DoesNotExist).
    The other member still sees it; the pair is never suggested again.
    """
    suggestion = selectors.visible_suggestion(suggestion_id=suggestion_id, member=member)
    now = timezone.now()
    same_pair = Suggestion.objects.filter(
        member_a_id=suggestion.member_a_id, member_b_id=suggestion.member_b_id
    )
    if suggestion.member_a_id == member.pk:
        same_pair.filter(a_dismissed_at__isnull=True).update(a_dismissed_at=now)
    else:
        same_pair.filter(b_dismissed_at__isnull=True).update(b_dismissed_at=now)
    suggestion.refresh_from_db()
    return suggestion


@transaction.atomic
def suggestion_restore(*, suggestion_id: int, member: Member) -> Suggestion:
    """Undo `member`'s dismissal of a suggestion (and of the same pair's others they
    dismissed with it): they see it again, and the pair may be suggested again.

    Suggestion.DoesNotExist for anyone not in it, or when it is no longer shown (its round
    withdrawn, a recommendation replaced); ValidationError when they never dismissed it.
    """
    suggestion = selectors.own_suggestion(suggestion_id=suggestion_id, member=member)
    if selectors.dismissed_at(suggestion, member.pk) is None:
        raise ValidationError("This suggestion is not dismissed.")
    same_pair = Suggestion.objects.filter(
        member_a_id=suggestion.member_a_id, member_b_id=suggestion.member_b_id
    )
    if suggestion.member_a_id == member.pk:
        same_pair.update(a_dismissed_at=None)
    else:
        same_pair.update(b_dismissed_at=None)
    suggestion.refresh_from_db()
    return suggestion


@transaction.atomic
def recommendations_request(*, member: Member) -> None:
    """Note that `member` wants fresh recommendations, and queue a refresh."""
    RecommendationRefresh.objects.update_or_create(
        member=member, defaults={"requested_at": timezone.now()}
    )
    enqueue_on_commit(tasks.refresh_recommendations_task, member_ids=[member.pk])


@transaction.atomic
def suggestion_acted_on(*, suggestion: Suggestion, now: datetime | None = None) -> None:
    """Note on the suggestion that an intro came of it (refreshes keep it, then)."""
    Suggestion.objects.filter(pk=suggestion.pk, acted_on_at__isnull=True).update(
        acted_on_at=now or timezone.now()
    )


@transaction.atomic
def helpers_request(
    *, member: Member | None = None, post_id: int | None = None, topic: Topic | None = None
) -> None:
    """Note that who could help `member` (with their own work), with a post or with a topic
    should be worked out (again), and queue the worker, which does every list asked for
    in one run. Give one or more of the three."""
    now = timezone.now()
    targets = [
        (HelperList.About.MEMBER, {"member": member}),
        (HelperList.About.POST, {"post_id": post_id}),
        (HelperList.About.TOPIC, {"topic": topic}),
    ]
    asked = [(about, key) for about, key in targets if next(iter(key.values())) is not None]
    if not asked:
        raise ValueError("Say whose work, which post or which topic to work out helpers for.")
    for about, key in asked:
        HelperList.objects.update_or_create(
            **key,
            defaults={"requested_at": now},
            create_defaults={"about": about, "requested_at": now, **key},
        )
    enqueue_on_commit(tasks.refresh_helpers_task)


def helpers_request_everything(*, unless_done_since: datetime | None = None) -> None:
    """Queue working out every list again, unless every list was worked out since
    `unless_done_since` (default: now). Evidence changed: now; the periodic sweep: a day
    ago (HELPERS_SWEEP_EVERY), so an hourly sweep redoes it daily. A burst of requests
    costs one run: a task finds the lists fresh since it was asked, and stops."""
    since = (unless_done_since or timezone.now()).isoformat()
    enqueue_on_commit(tasks.refresh_all_helpers_task, requested_at=since)


def helpers_sweep() -> None:
    """The periodic sweep's part: every list worked out again once a day at most."""
    helpers_request_everything(unless_done_since=timezone.now() - HELPERS_SWEEP_EVERY)
