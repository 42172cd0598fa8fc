"""Initiatives: writing one, and each step of its life (open, underway, done, cancelled)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from trellis.initiatives.models import (
    MAX_HELPERS,
    MAX_SKILLS,
    MAX_TEXT,
    MAX_TIME_ASK,
    MAX_TITLE,
    Initiative,
    Volunteer,
)
from trellis.initiatives.services.fit import (
    fit_forget,
    fit_request_everything,
    volunteer_fit_request,
)
from trellis.initiatives.signals import initiative_opened
from trellis.notifications.models import Notification
from trellis.notifications.services import notify
from trellis.people.models import Member, Topic
from trellis.people.selectors import topic_matcher
from trellis.text.vocabulary import TopicMatcher

State = Initiative.State
# The steps a lead may take, from each state.
NEXT_STATES: dict[str, tuple[str, ...]] = {
    State.DRAFT: (State.OPEN, State.CANCELLED),
    State.OPEN: (State.UNDERWAY, State.DONE, State.CANCELLED),
    State.UNDERWAY: (State.OPEN, State.DONE, State.CANCELLED),
    State.DONE: (),
    State.CANCELLED: (),
}
# What each contributor is told (`initiatives.bulk` tells it in bulk, in the same words).
DONE_TEXT = (
    "“{title}” is done. Follow up with {lead}: a draft grounded in what you did is ready for you."
)
FIELDS = ("title", "problem", "why_it_matters", "skills", "helpers_wanted", "time_ask", "ends_on")
# What initiative fit reads of an initiative: a change asks for everyone's fit again.
FIT_FIELDS = ("title", "problem", "why_it_matters", "skills")


def _collapse(text: str) -> str:
    return " ".join(text.split())


def initiative_cleaned(fields: dict, *, today: date, ends_may_have_passed: bool = False) -> dict:
    """The initiative's fields tidied, or a ValidationError naming each problem."""
    title = _collapse(fields.get("title") or "")
    problem = (fields.get("problem") or "").strip()
    why = (fields.get("why_it_matters") or "").strip()
    skills = _collapse(fields.get("skills") or "")
    time_ask = _collapse(fields.get("time_ask") or "")
    helpers, ends_on = fields.get("helpers_wanted"), fields.get("ends_on")
    problems: dict[str, str] = {}
    if not title:
        problems["title"] = "Give the initiative a title: what is the piece of work?"
    elif len(title) > MAX_TITLE:
        problems["title"] = f"Keep the title under {MAX_TITLE} characters; it has {len(title)}."
    if not problem:
        problems["problem"] = "Say what problem it solves: it is what volunteers are matched on."
    for name, value, limit in (
        ("problem", problem, MAX_TEXT),
        ("why_it_matters", why, MAX_TEXT),
        ("skills", skills, MAX_SKILLS),
        ("time_ask", time_ask, MAX_TIME_ASK),
    ):
        if len(value) > limit and name not in problems:
            problems[name] = f"Keep this under {limit:,} characters; it has {len(value):,}."
    if not isinstance(helpers, int) or isinstance(helpers, bool) or helpers < 1:
        problems["helpers_wanted"] = "Ask for at least one helper."
    elif helpers > MAX_HELPERS:
        problems["helpers_wanted"] = f"Ask for at most {MAX_HELPERS} helpers."
    if not isinstance(ends_on, date):
        problems["ends_on"] = "Say when it ends (a date)."
    elif ends_on < today and not ends_may_have_passed:
        problems["ends_on"] = f"The end date {ends_on:%-d %B %Y} has passed: pick a later one."
    if problems:
        raise ValidationError(problems)
    return {
        "title": title,
        "problem": problem,
        "why_it_matters": why,
        "skills": skills,
        "helpers_wanted": helpers,
        "time_ask": time_ask,
        "ends_on": ends_on,
    }


def initiative_topic_slugs(
    title: str, problem: str, skills: str, *, matcher: TopicMatcher | None = None
) -> list[str]:
    """The topics an initiative names in its title, problem and skills."""
    return (matcher or topic_matcher()).topics(f"{title}\n{problem}\n{skills}")


def _link_topics(initiative: Initiative) -> None:
    slugs = initiative_topic_slugs(initiative.title, initiative.problem, initiative.skills)
    initiative.topics.set(Topic.objects.filter(slug__in=slugs))


def _locked(initiative: Initiative, lead: Member) -> Initiative:
    """The initiative's row, locked, if `lead` leads it; Initiative.DoesNotExist otherwise."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk, lead=lead)


def _check_lead(member: Member) -> None:
    if member.status != Member.Status.ACTIVE:
        raise ValidationError("Your profile is not active: set it to active to lead initiatives.")


@transaction.atomic
def initiative_create(
    *,
    lead: Member,
    title: str,
    problem: str,
    ends_on: date | None,
    helpers_wanted: int | None = 2,
    why_it_matters: str = "",
    skills: str = "",
    time_ask: str = "",
    publish: bool = False,
    now: datetime | None = None,
) -> Initiative:
    """Write an initiative `lead` champions: a draft only they see, or open at once."""
    now = now or timezone.now()
    _check_lead(lead)
    raw = {"title": title, "problem": problem, "why_it_matters": why_it_matters}
    raw |= {"skills": skills, "helpers_wanted": helpers_wanted, "time_ask": time_ask}
    fields = initiative_cleaned(raw | {"ends_on": ends_on}, today=timezone.localdate(now))
    initiative = Initiative(lead=lead, **fields)
    if publish:
        initiative.state, initiative.opened_at = State.OPEN, now
    initiative.full_clean()
    initiative.save()
    _link_topics(initiative)
    if publish:
        fit_request_everything()  # members who can help see it once the worker scored it
        initiative_opened.send(sender=Initiative, initiative=initiative)
    return initiative


@transaction.atomic
def initiative_update(
    *, initiative: Initiative, member: Member, now: datetime | None = None, **changes
) -> Initiative:
    """Change an initiative; only its lead may, and not once it is done or cancelled.

    Initiative.DoesNotExist for anyone but its lead. An end date that has passed
    may stay as it was, but a new one must be today or later.
    """
    now = now or timezone.now()
    initiative = _locked(initiative, member)
    if initiative.is_closed:
        raise ValidationError(f"This initiative is {initiative.state}: it can no longer change.")
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    merged = {name: getattr(initiative, name) for name in FIELDS} | changes
    unchanged_end = merged["ends_on"] == initiative.ends_on
    fields = initiative_cleaned(
        merged, today=timezone.localdate(now), ends_may_have_passed=unchanged_end
    )
    accepted = initiative.volunteers.filter(state=Volunteer.State.ACCEPTED).count()
    if fields["helpers_wanted"] < accepted:
        raise ValidationError(
            {
                "helpers_wanted": f"{accepted} volunteers are on the team already: "
                f"ask for at least {accepted}."
            }
        )
    # Its end is its final milestone: none may fall after it (services/milestones.py).
    later = initiative.milestones.filter(due_on__gt=fields["ends_on"]).order_by("-due_on")
    last = later.first()
    if last is not None:
        raise ValidationError(
            {
                "ends_on": f"The milestone “{last.title}” is on {last.due_on:%-d %B %Y}: "
                "end on or after it, or move it first."
            }
        )
    fit_changed = any(fields[name] != getattr(initiative, name) for name in FIT_FIELDS)
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean()
    initiative.save()
    _link_topics(initiative)
    if fit_changed:
        volunteer_fit_request(initiative=initiative)
        if initiative.is_published:
            fit_request_everything()
    return initiative


def _contributors(initiative: Initiative) -> list[Member]:
    """Team members other than the lead who logged at least one contribution."""
    ids = (
        initiative.contributions.exclude(member=initiative.lead_id)
        .values_list("member_id", flat=True)
        .distinct()
    )
    return list(Member.objects.filter(pk__in=list(ids)).order_by("pk"))


def _prompt_follow_up(initiative: Initiative) -> int:
    """Ask each contributor to follow up with the lead, with a draft grounded in their work."""
    lead = initiative.lead
    url = reverse("home:compose", args=[lead.pk]) + f"?initiative={initiative.pk}"
    told = 0
    for member in _contributors(initiative):
        text = DONE_TEXT.format(title=initiative.title, lead=lead.display_name)
        notify(member=member, kind=Notification.Kind.INITIATIVE_DONE, text=text[:300], url=url)
        told += 1
    return told


@transaction.atomic
def initiative_move(
    *, initiative: Initiative, member: Member, to: str, now: datetime | None = None
) -> Initiative:
    """Move an initiative to its next state; only its lead may.

    draft → open (volunteers may offer) → underway → done (each contributor is
    prompted to follow up with the lead); anything not yet done may be
    cancelled. Initiative.DoesNotExist for anyone but its lead.
    """
    now = now or timezone.now()
    initiative = _locked(initiative, member)
    if to not in NEXT_STATES[initiative.state]:
        now_state = initiative.state_phrase
        raise ValidationError(f"An initiative that is {now_state} can't be moved to {to}.")
    if to == State.OPEN and initiative.state == State.DRAFT:
        _check_lead(member)
        if initiative.ends_on < timezone.localdate(now):
            raise ValidationError(
                {"ends_on": "The end date has passed: pick a later one before opening it."}
            )
        initiative.opened_at = now
    if to in (State.DONE, State.CANCELLED):
        initiative.closed_at = now
    initiative.state = to
    initiative.full_clean()
    initiative.save()
    if to == State.DONE:
        _prompt_follow_up(initiative)
    if initiative.is_closed:
        fit_forget(initiative=initiative)  # off everyone's list now, not at the next run
    elif initiative.opened_at == now:
        fit_request_everything()
    if to == State.OPEN:
        initiative_opened.send(sender=Initiative, initiative=initiative)
    return initiative
