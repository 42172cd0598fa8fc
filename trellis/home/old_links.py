"""Old suggestion links: what happened to a suggestion a member opens, when it can no longer
be acted on, and what they can do next, instead of a "not found".

A link to the composer from a suggestion (`/intros/new/<member>/?suggestion=<id>`) stays
in e-mails, notifications and browser history after the suggestion has moved on: its
member dismissed it, its round was withdrawn, the other person left or paused, an intro
already came of it, or it never was theirs. Each reads as what happened, in words that
never reveal what only the other person may know (a decline, their dismissal).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from trellis.connections import selectors as connection_selectors
from trellis.connections.models import Intro
from trellis.matching import selectors as matching_selectors
from trellis.matching.models import Suggestion
from trellis.people.models import Member

GONE = (
    "This suggestion is no longer offered. Suggestions change as matching rounds are run "
    "and withdrawn, and as people change what they work on."
)


@dataclass(frozen=True)
class OldSuggestion:
    """What happened to a suggestion, and links to what to do next: (label, url)."""

    what_happened: str
    next_steps: list[tuple[str, str]] = field(default_factory=list)
    restorable: Suggestion | None = None  # dismissed by the member: they may undo it


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def _home_steps() -> list[tuple[str, str]]:
    return [
        ("See your current suggestions", reverse("home:home")),
        ("Find people who work on the same things", reverse("people:directory")),
    ]


def _looks_waiting(intro: Intro) -> bool:
    """Waiting as its sender sees it: declined or not, until it would have expired."""
    waiting = (Intro.State.SENT, Intro.State.DECLINED)
    return (
        intro.state in waiting
        and intro.expires_at is not None
        and (intro.expires_at > timezone.now())
    )


def _still_matters(intro: Intro, member: Member, suggestion: Suggestion) -> bool:
    """Whether an intro between the two is what the old link is about: one that came of
    this suggestion, or one still waiting (as `member` may know it)."""
    if intro.suggestion_id == suggestion.pk:
        return True
    return _looks_waiting(intro) if intro.sender_id == member.pk else intro.is_open()


def _about_intro(intro: Intro, member: Member, name: str) -> OldSuggestion:
    """An intro already between the two, as `member` may know it (never a decline of theirs)."""
    to_it = [("Open the intro", intro.get_absolute_url()), *_home_steps()]
    if intro.sender_id == member.pk and _looks_waiting(intro):
        return OldSuggestion(
            f"You sent {name} an intro on {_day(intro.sent_at)}; it is waiting for their "
            f"answer until {_day(intro.expires_at)}.",
            to_it,
        )
    if intro.sender_id == member.pk:
        return OldSuggestion(
            f"You already sent {name} an intro from this suggestion, on {_day(intro.sent_at)}.",
            to_it,
        )
    if intro.is_open():
        return OldSuggestion(
            f"{name} sent you an intro on {_day(intro.sent_at)}: you can answer it now.", to_it
        )
    return OldSuggestion(f"{name} already sent you an intro, on {_day(intro.sent_at)}.", to_it)


def old_suggestion(
    *, member: Member, recipient_id: int, suggestion_id: int
) -> OldSuggestion | None:
    """What happened to the suggestion `suggestion_id` opened by `member` to write to
    `recipient_id`, or None when it can still be acted on (the composer opens as usual)."""
    try:
        suggestion = matching_selectors.own_suggestion(suggestion_id=suggestion_id, member=member)
    except Suggestion.DoesNotExist:
        return OldSuggestion(GONE, _home_steps())
    other = suggestion.other(member.pk)
    if other.pk != recipient_id:
        return OldSuggestion(GONE, _home_steps())
    name = other.display_name
    dismissed = matching_selectors.dismissed_at(suggestion, member.pk)
    if dismissed is not None:
        return OldSuggestion(
            f"You dismissed this suggestion to meet {name} on {_day(dismissed)}, so they are "
            "no longer suggested to you. Changed your mind? Undo it.",
            _home_steps(),
            restorable=suggestion,
        )
    if other.status == Member.Status.LEFT:
        return OldSuggestion(f"{name} has left the network.", _home_steps())
    if other.status == Member.Status.PAUSED:
        return OldSuggestion(
            f"{name} has paused their profile and isn't taking intros right now. "
            "Their profile will show when they are back.",
            [(f"{name}'s profile", other.get_absolute_url()), *_home_steps()],
        )
    related = connection_selectors.relationship_between(a_id=member.pk, b_id=other.pk)
    if related is not None:
        return OldSuggestion(
            f"You and {name} are already connected.",
            [("Open your relationship", related.get_absolute_url()), *_home_steps()],
        )
    intro = connection_selectors.latest_intro_between(a=member, b=other)
    if intro is not None and _still_matters(intro, member, suggestion):
        return _about_intro(intro, member, name)
    try:
        matching_selectors.visible_suggestion(suggestion_id=suggestion_id, member=member)
    except Suggestion.DoesNotExist:
        return OldSuggestion(GONE, _home_steps())
    return None
