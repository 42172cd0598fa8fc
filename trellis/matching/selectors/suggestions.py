"""Suggestions and recommendations as members see them: only people they can act on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from trellis.matching.models import (
    RecommendationRefresh,
    Round,
    Suggestion,
)
from trellis.people import hooks
from trellis.people.hooks import pair_key
from trellis.people.models import Member

# A recommendations refresh asked for but not done after this long is asked for again.
REFRESH_RETRY_AFTER = timedelta(minutes=5)
HOME_SUGGESTIONS = 10
HOME_RECOMMENDATIONS = 5


def _visible_to(member: Member) -> Q:
    """Suggestions `member` may see: published round pairs and their own recommendations.

    Written as "on side A, not dismissed by A, and shown" OR the same for side B, so that
    each branch starts with an indexed member column (an index search per side, not a scan
    of every suggestion of every round)."""
    shown = Q(kind=Suggestion.Kind.ROUND, round__state=Round.State.PUBLISHED) | Q(
        kind=Suggestion.Kind.RECOMMENDATION, recommended_to=member
    )
    return (Q(member_a=member, a_dismissed_at__isnull=True) & shown) | (
        Q(member_b=member, b_dismissed_at__isnull=True) & shown
    )


def suggestion_link(suggestion: Suggestion, member_id: int) -> str:
    """Where a member's notification of a suggestion leads: the intro to the other person,
    opened from the suggestion (an old link explains itself there)."""
    a, b = suggestion.member_a_id, suggestion.member_b_id
    other = b if member_id == a else a
    return f"{reverse('home:compose', args=[other])}?suggestion={suggestion.pk}"


def visible_suggestion(*, suggestion_id: int, member: Member) -> Suggestion:
    """One suggestion `member` may see; Suggestion.DoesNotExist for anyone else's."""
    return Suggestion.objects.filter(_visible_to(member)).get(pk=suggestion_id)


def own_suggestion(*, suggestion_id: int, member: Member) -> Suggestion:
    """One suggestion shown to `member` at some point (of a published round, or recommended
    to them), dismissed or not, with both members; Suggestion.DoesNotExist otherwise."""
    shown_once = Q(kind=Suggestion.Kind.ROUND, round__state=Round.State.PUBLISHED) | Q(
        kind=Suggestion.Kind.RECOMMENDATION, recommended_to=member
    )
    return (
        Suggestion.objects.filter(shown_once & (Q(member_a=member) | Q(member_b=member)))
        .select_related("member_a", "member_b")
        .get(pk=suggestion_id)
    )


def dismissed_at(suggestion: Suggestion, member_id: int) -> datetime | None:
    """When `member_id` dismissed this suggestion, if they did (never the other's)."""
    return (
        suggestion.a_dismissed_at
        if member_id == suggestion.member_a_id
        else (suggestion.b_dismissed_at)
    )


def home_suggestions(*, member: Member) -> tuple[list[Suggestion], list[Suggestion]]:
    """What a member's home page shows: published round suggestions, then recommendations.

    A fixed number of queries whatever their number (seven). Each person appears once:
    in the newest round that suggested them, else among the recommendations. Each
    carries the explanation written to `member` as `viewer_explanation`. Only people
    `member` can act on now are shown (`_can_act_on`), and none an intro came of already.
    """
    visible = Suggestion.objects.filter(
        _visible_to(member), acted_on_at__isnull=True
    ).select_related("member_a", "member_b")
    from_rounds = visible.filter(kind=Suggestion.Kind.ROUND).order_by(
        "-round__published_at", "-score", "id"
    )
    recommended = visible.filter(kind=Suggestion.Kind.RECOMMENDATION).order_by("-score", "id")
    shown: set[int] = set()
    suggestions = _once_each(from_rounds[: HOME_SUGGESTIONS * 3], member, shown)
    recommendations = _once_each(recommended[: HOME_RECOMMENDATIONS * 3], member, shown)
    actionable = _can_act_on(member, [s.other_member for s in suggestions + recommendations])
    suggestions = [s for s in suggestions if s.other_member.pk in actionable]
    recommendations = [s for s in recommendations if s.other_member.pk in actionable]
    return suggestions[:HOME_SUGGESTIONS], recommendations[:HOME_RECOMMENDATIONS]


def _can_act_on(member: Member, others: list[Member]) -> set[int]:
    """The ids of `others` that `member` could write to now: active, with room for another
    relationship, and not kept apart from `member` for a reason another area knows (a
    relationship or an intro waiting between them either way, a recent decline). Five
    queries at most. A dismissal by the other member is not one: it is never revealed.

    Rounds and recommendations were worked out before any of this happened since.
    """
    active = [other for other in others if other.status == Member.Status.ACTIVE]
    if not active:
        return set()
    load = hooks.relationship_load(member_ids=[other.pk for other in active])
    apart = hooks.pairs_kept_apart(member_ids={member.pk})
    return {
        other.pk
        for other in active
        if load.get(other.pk, 0) < other.capacity and pair_key(member.pk, other.pk) not in apart
    }


def _once_each(suggestions: Iterable[Suggestion], member: Member, shown: set[int]):
    """The suggestions of people not `shown` yet, each with `other_member` set and the
    `viewer_explanation` written to `member` ("You both work on…")."""
    result = []
    for suggestion in suggestions:
        other = suggestion.other(member.pk)
        if other.pk in shown:
            continue
        shown.add(other.pk)
        suggestion.other_member = other
        suggestion.viewer_explanation = suggestion.explanation_for(member.pk)
        result.append(suggestion)
    return result


def recommendations_need_refresh(*, member: Member, now=None) -> bool:
    """Whether a member's recommendations are missing or older than their profile.

    False while a refresh asked for recently is still pending, so that page
    views do not queue one refresh each.
    """
    now = now or timezone.now()
    state = RecommendationRefresh.objects.filter(member=member).first()
    if state is None:
        return True
    if state.refreshed_at is not None and state.refreshed_at >= member.updated_at:
        return False
    pending = state.requested_at is not None and (
        state.requested_at >= member.updated_at and state.requested_at > now - REFRESH_RETRY_AFTER
    )
    return not pending


def pending_recommendation_requests() -> list[int]:
    """Members who asked for a refresh that has not been done since."""
    return list(
        RecommendationRefresh.objects.filter(requested_at__isnull=False)
        .filter(Q(refreshed_at__isnull=True) | Q(refreshed_at__lt=F("requested_at")))
        .values_list("member_id", flat=True)
    )
