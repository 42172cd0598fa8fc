"""Bulk writes for initiatives: many initiatives, volunteers, contributions and
observations at once, as the services write one, each dated when it happened; and what
the services would have told each member of them.

For seeding (the demo organisation): thousands of teams' histories in seconds.
Each writer checks what its rows show against the rows written before them (the
initiative's state and dates, its team); who may meet whom across the organisation
is the caller's to keep, as the demo's planner does and its tests check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from trellis.db import bulk
from trellis.initiatives.models import (
    MAX_CONTRIBUTION,
    MAX_OBSERVATION,
    Contribution,
    Initiative,
    Observation,
    Volunteer,
)
from trellis.initiatives.services.initiatives import (
    DONE_TEXT,
    FIELDS,
    initiative_cleaned,
    initiative_topic_slugs,
)
from trellis.initiatives.services.volunteers import (
    NOT_TAKEN_UP_TEXT,
    OFFERED_TEXT,
    WELCOMED_TEXT,
    volunteer_notes,
)
from trellis.initiatives.services.work import (
    OBSERVED_TEXT,
    link_cleaned,
    observation_findings,
    seen_on_checked,
    text_cleaned,
)
from trellis.notifications.bulk import MAX_TEXT, NewNotification
from trellis.notifications.models import Notification
from trellis.people.models import Member, Topic
from trellis.people.selectors import topic_matcher

State = Initiative.State
Kind = Notification.Kind
# The lead's answers that tell the volunteer, and in which words.
ANSWERS = {
    Volunteer.State.ACCEPTED: (Kind.VOLUNTEER_ACCEPTED, WELCOMED_TEXT),
    Volunteer.State.DECLINED: (Kind.VOLUNTEER_DECLINED, NOT_TAKEN_UP_TEXT),
}
STAMPS = ("created_at", "answered_at")
# Which dates each state has: (opened, closed); a draft may be cancelled unopened.
DATES = {
    State.DRAFT: ({False}, {False}),
    State.OPEN: ({True}, {False}),
    State.UNDERWAY: ({True}, {False}),
    State.DONE: ({True}, {True}),
    State.CANCELLED: ({True, False}, {True}),
}


@dataclass(frozen=True)
class NewInitiative:
    """An initiative, the state it has reached, and when it was written, opened and closed."""

    lead_id: int
    title: str
    problem: str
    ends_on: date
    state: str
    created_at: datetime
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    why_it_matters: str = ""
    skills: str = ""
    helpers_wanted: int = 2
    time_ask: str = ""


@dataclass(frozen=True)
class NewVolunteer:
    """An offer to help, the lead's answer (or its withdrawal), and when each came."""

    initiative_id: int
    member_id: int
    brings: str
    state: str
    offered_at: datetime
    answered_at: datetime | None = None
    wants_to_learn: str = ""


@dataclass(frozen=True)
class NewContribution:
    """What one member of the team did for it, logged at `logged_at`."""

    initiative_id: int
    member_id: int
    text: str
    logged_at: datetime
    link: str = ""


@dataclass(frozen=True)
class NewObservation:
    """Work `observer_id` saw `subject_id` do on `seen_on`, recorded at `recorded_at`."""

    observer_id: int
    subject_id: int
    text: str
    seen_on: date
    recorded_at: datetime
    initiative_id: int | None = None
    shown_on_profile: bool = False


def _messages(check: Callable[[], object]) -> str | None:
    """The service check's refusal, in words; None when it passes."""
    try:
        check()
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _statuses(member_ids: Sequence[int]) -> dict[int, str]:
    return {pk: s for pk, (s,) in bulk.values_by_pk(Member.objects, member_ids, "status").items()}


# Initiatives.


def _initiative_problem(initiative: NewInitiative, leads: dict[int, str]) -> str | None:
    i = initiative
    if leads.get(i.lead_id) != Member.Status.ACTIVE:
        return "its lead is not an active member."
    if i.state not in DATES:
        return f"{i.state!r} is not an initiative's state."
    opened, closed = DATES[i.state]
    if (i.opened_at is not None) not in opened or (i.closed_at is not None) not in closed:
        return f"dates that do not fit an initiative that is {i.state} (opened? closed?)."
    dates = [d for d in (i.created_at, i.opened_at, i.closed_at) if d is not None]
    if dates != sorted(dates):
        return "opened before it was written, or closed before it opened."
    today = timezone.localdate(i.created_at)
    return _messages(lambda: initiative_cleaned(_fields(i), today=today))


def _fields(initiative: NewInitiative) -> dict:
    """Its fields as `initiative_create` takes them."""
    return {name: getattr(initiative, name) for name in FIELDS}


def initiatives_create(initiatives: Sequence[NewInitiative]) -> list[int]:
    """Write these initiatives with their topics; their ids, in order.

    As the services leave them: the fields tidied, last changed at their latest
    step, linked to the topics the title, problem and skills name. Refused, before
    anything is written, with a ValidationError naming each row: a lead who is
    not active, an unknown state, dates that do not fit it (a draft never opened,
    a published one opened, a closed one closed; in that order), what
    `initiative_create` refuses in its fields (the end date against the day it
    was written).
    """
    leads = _statuses([i.lead_id for i in initiatives])
    bulk.refuse_problems(initiatives, lambda i: _initiative_problem(i, leads), noun="initiative")
    rows, texts = [], []
    for i in initiatives:
        fields = initiative_cleaned(_fields(i), today=timezone.localdate(i.created_at))
        changed = max(d for d in (i.created_at, i.opened_at, i.closed_at) if d is not None)
        dates = (i.created_at, changed, i.opened_at, i.closed_at)
        rows.append((i.lead_id, *(fields[name] for name in FIELDS), i.state, *dates))
        texts.append((fields["title"], fields["problem"], fields["skills"]))
    names = ("lead", *FIELDS, "state", "created_at", "updated_at", "opened_at", "closed_at")
    keys = bulk.insert_rows(Initiative, names, rows, returning=True)
    matcher, topic_ids = topic_matcher(), dict(Topic.objects.values_list("slug", "id"))
    links = [
        (key, topic_ids[slug])
        for key, text in zip(keys, texts, strict=True)
        for slug in initiative_topic_slugs(*text, matcher=matcher)
        if slug in topic_ids
    ]
    bulk.insert_rows(Initiative.topics.through, ("initiative", "topic"), links)
    return keys


def _initiatives(ids: Sequence[int]) -> dict[int, tuple]:
    """(lead, state, helpers wanted, opened, closed) of each initiative, by id."""
    fields = ("lead_id", "state", "helpers_wanted", "opened_at", "closed_at")
    return bulk.values_by_pk(Initiative.objects, ids, *fields)


# Volunteers.


def _volunteer_problem(
    volunteer: NewVolunteer, initiatives: dict[int, tuple], members: dict[int, str]
) -> str | None:
    v, V = volunteer, Volunteer.State
    if v.initiative_id not in initiatives:
        return f"initiative {v.initiative_id} does not exist."
    lead, state, _, opened, closed = initiatives[v.initiative_id]
    if v.member_id == lead:
        return "an offer to help with one's own initiative."
    if members.get(v.member_id) != Member.Status.ACTIVE:
        return "a volunteer who is not an active member."
    if v.state not in V.values:
        return f"{v.state!r} is not a volunteer's state."
    if opened is None or v.offered_at < opened or (closed and v.offered_at > closed):
        return "offered before the initiative opened or after it closed."
    if v.state == V.APPLIED:
        waiting = v.answered_at is None and state in (State.OPEN, State.UNDERWAY)
        return None if waiting else "an offer waiting for the lead is unanswered, and it is open."
    if v.answered_at is None or v.answered_at < v.offered_at or (closed and v.answered_at > closed):
        return "no `answered_at`, or one before the offer or after the initiative closed."
    return _messages(lambda: volunteer_notes(v.brings, v.wants_to_learn))


def _places_problem(volunteers: Sequence[NewVolunteer], initiatives: dict[int, tuple]) -> None:
    """No team larger than the helpers its initiative asked for, counting who is on it."""
    V = Volunteer.State
    taken = Counter(v.initiative_id for v in volunteers if v.state == V.ACCEPTED)
    for chunk in bulk.chunks(list(taken), bulk.LOOKUP_BATCH):
        on_teams = Volunteer.objects.filter(initiative_id__in=chunk, state=V.ACCEPTED)
        taken.update(dict(on_teams.values_list("initiative_id").annotate(n=Count("id"))))
    full = sorted(pk for pk, count in taken.items() if count > initiatives[pk][2])
    if full:
        raise ValidationError(f"More volunteers accepted than the helpers wanted: {full}.")


def volunteers_create(volunteers: Sequence[NewVolunteer]) -> list[int]:
    """Write these offers, each made at `offered_at`; their ids, in order.

    As the services leave them: the notes tidied. Refused, before anything is
    written, with a ValidationError naming each row: an offer for one's own
    initiative or by someone not active, an unknown state, an offer outside the
    time it took volunteers or answered outside it, one waiting for an initiative
    that takes none now, what `volunteer_offer` refuses in the notes; the same
    member twice for one initiative; more accepted than the helpers it wanted.
    """
    initiatives = _initiatives([v.initiative_id for v in volunteers])
    members = _statuses([v.member_id for v in volunteers])
    bulk.refuse_problems(
        volunteers, lambda v: _volunteer_problem(v, initiatives, members), noun="volunteer"
    )
    pairs = Counter((v.initiative_id, v.member_id) for v in volunteers)
    if pairs and max(pairs.values()) > 1:
        raise ValidationError("A member volunteers once for an initiative.")
    _places_problem(volunteers, initiatives)
    rows = []
    for v in volunteers:
        notes = volunteer_notes(v.brings, v.wants_to_learn)
        stamps = (v.offered_at, v.answered_at)
        rows.append((v.initiative_id, v.member_id, *notes, v.state, *stamps, ""))
    names = ("initiative", "member", "brings", "wants_to_learn", "state", "created_at")
    # How each fits is worked out afterwards, in the background (`fit.py`): none yet.
    names += ("answered_at", "fit_reason")
    return bulk.insert_rows(Volunteer, names, rows, returning=True)


def volunteer_notifications(volunteer_ids: Sequence[int]) -> list[NewNotification]:
    """What the services told of these offers, when they did; unread, in order.

    Per offer: `volunteer_offer` told the lead; `volunteer_accept` and
    `volunteer_decline` told the volunteer the answer (a withdrawal tells nobody).
    """
    fields = ("initiative_id", "initiative__lead_id", "initiative__lead__display_name")
    fields += ("initiative__title", "member_id", "member__display_name", "state")
    volunteers = bulk.values_by_pk(Volunteer.objects, volunteer_ids, *fields, *STAMPS)
    told = []
    for pk in volunteer_ids:
        initiative, lead, lead_name, title, member, name, state, offered, answered = volunteers[pk]
        url = reverse("initiatives:initiative_detail", args=[initiative])
        text = OFFERED_TEXT.format(member=name, title=title)[:MAX_TEXT]
        told.append(
            NewNotification(lead, Kind.VOLUNTEER_OFFERED, text, f"{url}volunteers/", offered)
        )
        if state in ANSWERS:
            kind, words = ANSWERS[state]
            text = words.format(lead=lead_name, title=title)[:MAX_TEXT]
            told.append(NewNotification(member, kind, text, url, answered))
    return told


def done_notifications(initiative_ids: Sequence[int]) -> list[NewNotification]:
    """What `initiative_move` told each contributor (the lead aside) of those of these
    initiatives that are done, when they closed; unread, in order (contributors by id)."""
    fields = ("lead_id", "lead__display_name", "title", "state", "closed_at")
    initiatives = bulk.values_by_pk(Initiative.objects, initiative_ids, *fields)
    done = [pk for pk in initiative_ids if initiatives[pk][3] == State.DONE]
    contributors: dict[int, set[int]] = {pk: set() for pk in done}
    for chunk in bulk.chunks(done, bulk.LOOKUP_BATCH):
        logged = Contribution.objects.filter(initiative_id__in=chunk)
        for initiative, member in logged.values_list("initiative_id", "member_id"):
            contributors[initiative].add(member)
    told = []
    for pk in done:
        lead, lead_name, title, _, closed = initiatives[pk]
        url = reverse("home:compose", args=[lead]) + f"?initiative={pk}"
        text = DONE_TEXT.format(title=title, lead=lead_name)[:MAX_TEXT]
        for member in sorted(contributors[pk] - {lead}):
            told.append(NewNotification(member, Kind.INITIATIVE_DONE, text, url, closed))
    return told


# Contributions and observations: the work of a team.


def _teams(initiatives: dict[int, tuple]) -> dict[int, dict[int, datetime]]:
    """Who is on each initiative's team, and since when: its lead since it opened, each
    volunteer since the lead accepted them."""
    teams = {pk: {lead: opened} for pk, (lead, _, _, opened, _) in initiatives.items() if opened}
    for chunk in bulk.chunks(list(teams), bulk.LOOKUP_BATCH):
        accepted = Volunteer.objects.filter(initiative_id__in=chunk, state=Volunteer.State.ACCEPTED)
        for initiative, member, joined in accepted.values_list(
            "initiative_id", "member_id", "answered_at"
        ):
            teams[initiative][member] = joined
    return teams


def _contribution_problem(
    contribution: NewContribution, initiatives: dict[int, tuple], teams: dict
) -> str | None:
    c = contribution
    joined = teams.get(c.initiative_id, {}).get(c.member_id)
    if joined is None:
        return "by someone not on the initiative's team (its lead, accepted volunteers)."
    closed = initiatives[c.initiative_id][4]
    if c.logged_at < joined or c.logged_at > (closed or timezone.now()):
        return "logged before joining the team, or after the initiative closed (or now)."
    return _messages(
        lambda: (
            text_cleaned(c.text, limit=MAX_CONTRIBUTION, empty="Say what was done."),
            link_cleaned(c.link),
        )
    )


def contributions_create(contributions: Sequence[NewContribution]) -> int:
    """Write these contributions, each logged at `logged_at`; how many.

    As `contribution_log` writes one: the text and link tidied. Refused, before
    anything is written, with a ValidationError naming each row: someone not on
    the team (so nothing on a draft), a date before they joined or after it
    closed, an empty or overlong text, a link that is not a web address.
    """
    initiatives = _initiatives([c.initiative_id for c in contributions])
    teams = _teams(initiatives)
    bulk.refuse_problems(
        contributions,
        lambda c: _contribution_problem(c, initiatives, teams),
        noun="contribution",
    )
    rows = [
        (c.initiative_id, c.member_id, c.text.strip(), c.link.strip(), c.logged_at)
        for c in contributions
    ]
    bulk.insert_rows(Contribution, ("initiative", "member", "text", "link", "created_at"), rows)
    return len(rows)


def _observation_problem(
    observation: NewObservation, members: dict[int, str], teams: dict, initiatives: dict
) -> str | None:
    o = observation
    if o.observer_id == o.subject_id:
        return "an observation about oneself."
    if {members.get(o.observer_id), members.get(o.subject_id)} & {None, Member.Status.LEFT}:
        return "by or about someone who has left (or is no member)."
    if o.initiative_id is not None:
        state = initiatives.get(o.initiative_id, (None, State.DRAFT))[1]
        if state == State.DRAFT:
            return f"on initiative {o.initiative_id}: a draft (nobody has worked on it), or none."
        if o.subject_id not in teams[o.initiative_id]:
            return "its subject is not on the initiative's team."
    if o.recorded_at > timezone.now():
        return "recorded in the future."
    today = timezone.localdate(o.recorded_at)
    return _messages(
        lambda: (
            text_cleaned(o.text, limit=MAX_OBSERVATION, empty="Say what was seen."),
            seen_on_checked(o.seen_on, today),
        )
    )


def observations_create(observations: Sequence[NewObservation]) -> list[int]:
    """Write these observations, each recorded (and last changed) at `recorded_at`; their
    ids, in order.

    As `observation_record` writes one: the text tidied, the observation linter's
    findings kept with it. Refused, before anything is written, with a
    ValidationError naming each row: an observation about oneself, by or about
    someone who left, of someone not on the initiative's team (or of a draft), an
    empty or overlong text, a day seen after it was recorded or more than five
    years before.
    """
    people = [m for o in observations for m in (o.observer_id, o.subject_id)]
    members = _statuses(people)
    initiatives = _initiatives([o.initiative_id for o in observations if o.initiative_id])
    teams = _teams(initiatives)
    bulk.refuse_problems(
        observations,
        lambda o: _observation_problem(o, members, teams, initiatives),
        noun="observation",
    )
    subjects: dict[int, Member] = {}
    for chunk in bulk.chunks(list({o.subject_id for o in observations}), bulk.LOOKUP_BATCH):
        subjects.update(Member.objects.only("display_name").in_bulk(chunk))
    findings: dict[tuple[str, int], list[dict]] = {}  # the linter reads each text once
    rows = []
    for o in observations:
        text = o.text.strip()
        if (text, o.subject_id) not in findings:
            findings[text, o.subject_id] = observation_findings(text, subjects[o.subject_id])
        stamps = (o.recorded_at, o.recorded_at)
        seen = (text, o.seen_on, o.shown_on_profile, findings[text, o.subject_id])
        rows.append((o.observer_id, o.subject_id, o.initiative_id, *seen, *stamps))
    names = ("observer", "subject", "initiative", "text", "seen_on", "shown_on_profile")
    names += ("findings", "created_at", "updated_at")
    return bulk.insert_rows(Observation, names, rows, returning=True)


def observation_notifications(observation_ids: Sequence[int]) -> list[NewNotification]:
    """What `observation_record` told the subject of each of these observations, when it
    was recorded; unread, in order."""
    fields = ("subject_id", "observer__display_name", "created_at")
    observations = bulk.values_by_pk(Observation.objects, observation_ids, *fields)
    visibility = reverse("initiatives:visibility")
    told = []
    for pk in observation_ids:
        subject, observer, recorded = observations[pk]
        text = OBSERVED_TEXT.format(observer=observer)[:MAX_TEXT]
        url = f"{visibility}#observation-{pk}"
        told.append(NewNotification(subject, Kind.OBSERVATION_RECEIVED, text, url, recorded))
    return told


def backdated(when: datetime) -> AbstractContextManager[None]:
    """Initiatives, offers, contributions and observations the services write inside the
    block date from `when` (and were last changed then, where a row keeps that)."""
    stamps = {Initiative: ("created_at", "updated_at"), Volunteer: ("created_at",)}
    stamps |= {Contribution: ("created_at",), Observation: ("created_at", "updated_at")}
    return bulk.backdated(stamps, when)
