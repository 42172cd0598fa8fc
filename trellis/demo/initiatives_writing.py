"""Writing the planned initiatives in bulk: initiatives and their topics, volunteers,
contributions, observations and the notifications the services would have sent.

Multi-row INSERTs (see `writing.insert_rows`) with the creation times of the plan;
initiatives and observations are read back in insertion order for their keys.
Topics are linked as `initiative_create` links them: the topic matcher over the
title, the problem and the skills.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Max, Model
from django.urls import reverse
from django.utils import timezone

from trellis.demo.initiatives import InitiativePlan, PlannedInitiative
from trellis.demo.tree import Person
from trellis.demo.writing import Progress, insert_rows
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.initiatives.services import observation_findings
from trellis.notifications.models import Notification
from trellis.people import selectors
from trellis.people.models import Member, Topic

UNREAD_FOR_DAYS = 5  # newer notifications are still unread
Kind = Notification.Kind


@dataclass(frozen=True)
class InitiativesReport:
    """How many initiatives, volunteers, contributions, observations and notifications of
    them the demo has."""

    initiatives: int = 0
    volunteers: int = 0
    contributions: int = 0
    observations: int = 0
    notifications: int = 0


def observation_linter() -> Callable[[str, str], list[dict]]:
    """The observation linter's findings for (text, subject's name), each text read once."""
    seen: dict[tuple[str, str], list[dict]] = {}

    def findings(text: str, name: str) -> list[dict]:
        key = (text, name)
        if key not in seen:
            seen[key] = observation_findings(text, Member(display_name=name))
        return seen[key]

    return findings


class _Writer:
    def __init__(self, people: list[Person], member_ids: list[int], now: datetime, report):
        self.people = people
        self.ids = member_ids
        self.now = now
        self.today = timezone.localdate(now)
        self.report = report
        self.notifications: list[tuple] = []

    def at(self, days_ago: float | None) -> datetime | None:
        return None if days_ago is None else self.now - timedelta(days=days_ago)

    def day(self, days_ago: float) -> date:
        return timezone.localdate(self.at(days_ago))

    def notify(self, i: int, kind: str, text: str, url: str, days_ago: float) -> None:
        when = self.at(days_ago)
        read_at = min(when + timedelta(hours=20), self.now) if days_ago > UNREAD_FOR_DAYS else None
        self.notifications.append((self.ids[i], kind, text[:300], url, when, read_at))

    def inserted(self, model: type[Model], names: tuple[str, ...], rows: list[tuple]) -> list[int]:
        """Insert the rows; their keys, in the order given."""
        mark = model.objects.aggregate(last=Max("pk"))["last"] or 0
        insert_rows(model, names, rows)
        keys = model.objects.filter(pk__gt=mark).order_by("pk").values_list("pk", flat=True)
        return list(keys)

    def initiatives(self, planned: list[PlannedInitiative]) -> list[int]:
        rows = []
        for p in planned:
            changed = self.at(min(d for d in (p.created, p.opened, p.closed) if d is not None))
            rows.append(
                (
                    self.ids[p.lead],
                    p.title,
                    p.problem,
                    p.why_it_matters,
                    p.skills,
                    p.helpers_wanted,
                    p.time_ask,
                    self.today + timedelta(days=p.ends_in),
                    p.state,
                    self.at(p.created),
                    changed,
                    self.at(p.opened),
                    self.at(p.closed),
                )
            )
        names = ("lead", "title", "problem", "why_it_matters", "skills", "helpers_wanted")
        names += ("time_ask", "ends_on", "state", "created_at", "updated_at", "opened_at")
        keys = self.inserted(Initiative, (*names, "closed_at"), rows)
        self.report("initiatives", len(keys), len(keys))
        return keys

    def topics(self, planned: list[PlannedInitiative], keys: list[int]) -> None:
        matcher = selectors.topic_matcher()
        topic_ids = dict(Topic.objects.values_list("slug", "id"))
        links = [
            (key, topic_ids[slug])
            for p, key in zip(planned, keys, strict=True)
            for slug in matcher.topics(f"{p.title}\n{p.problem}\n{p.skills}")
            if slug in topic_ids
        ]
        insert_rows(Initiative.topics.through, ("initiative", "topic"), links)

    def volunteers(self, planned: list[PlannedInitiative], keys: list[int]) -> int:
        rows = []
        for p, key in zip(planned, keys, strict=True):
            url = reverse("initiatives:initiative_detail", args=[key])
            lead = self.people[p.lead].name
            for v in p.volunteers:
                rows.append(
                    (
                        key,
                        self.ids[v.member],
                        v.brings,
                        v.wants_to_learn,
                        v.state,
                        self.at(v.offered),
                        self.at(v.answered),
                    )
                )
                name = self.people[v.member].name
                text = f"{name} offered to help with “{p.title}”."
                self.notify(p.lead, Kind.VOLUNTEER_OFFERED, text, url + "volunteers/", v.offered)
                if v.state == Volunteer.State.ACCEPTED:
                    text = f"{lead} welcomed you onto “{p.title}”."
                    self.notify(v.member, Kind.VOLUNTEER_ACCEPTED, text, url, v.answered)
                elif v.state == Volunteer.State.DECLINED:
                    text = f"Your offer to help with “{p.title}” was not taken up this time."
                    self.notify(v.member, Kind.VOLUNTEER_DECLINED, text, url, v.answered)
        names = ("initiative", "member", "brings", "wants_to_learn", "state", "created_at")
        insert_rows(Volunteer, (*names, "answered_at"), rows)
        self.report("initiatives: volunteers", len(rows), len(rows))
        return len(rows)

    def contributions(self, planned: list[PlannedInitiative], keys: list[int]) -> int:
        rows = []
        for p, key in zip(planned, keys, strict=True):
            for c in p.contributions:
                rows.append((key, self.ids[c.member], c.text, c.link, self.at(c.day)))
            if p.state == Initiative.State.DONE:  # each contributor is prompted to follow up
                url = reverse("home:compose", args=[self.ids[p.lead]])
                text = (
                    f"“{p.title}” is done. Follow up with {self.people[p.lead].name}: "
                    "a draft grounded in what you did is ready for you."
                )
                for member in sorted({c.member for c in p.contributions} - {p.lead}):
                    self.notify(
                        member, Kind.INITIATIVE_DONE, text, f"{url}?initiative={key}", p.closed
                    )
        insert_rows(Contribution, ("initiative", "member", "text", "link", "created_at"), rows)
        self.report("initiatives: contributions", len(rows), len(rows))
        return len(rows)

    def observations(self, plan: InitiativePlan, keys: list[int]) -> int:
        findings = observation_linter()
        rows = []
        for o in plan.observations:
            subject = self.people[o.subject].name
            rows.append(
                (
                    self.ids[o.observer],
                    self.ids[o.subject],
                    None if o.initiative is None else keys[o.initiative],
                    o.text,
                    self.day(o.seen),
                    o.shown,
                    findings(o.text, subject),
                    self.at(o.recorded),
                    self.at(o.recorded),
                )
            )
        names = ("observer", "subject", "initiative", "text", "seen_on", "shown_on_profile")
        names += ("findings", "created_at", "updated_at")
        observation_keys = self.inserted(Observation, names, rows)
        url = reverse("initiatives:visibility")
        for o, key in zip(plan.observations, observation_keys, strict=True):
            text = f"{self.people[o.observer].name} recorded what they saw you do."
            self.notify(
                o.subject, Kind.OBSERVATION_RECEIVED, text, f"{url}#observation-{key}", o.recorded
            )
        self.report("initiatives: observations", len(rows), len(rows))
        return len(rows)

    def flush_notifications(self) -> int:
        insert_rows(
            Notification,
            ("recipient", "kind", "text", "url", "created_at", "read_at"),
            self.notifications,
        )
        count = len(self.notifications)
        self.report("initiatives: notifications", count, count)
        return count


def create_initiatives(
    plan: InitiativePlan,
    people: list[Person],
    member_ids: list[int],
    *,
    now: datetime,
    report: Progress,
) -> InitiativesReport:
    """Write the planned initiatives in bulk, with what the services would have notified."""
    writer = _Writer(people, member_ids, now, report)
    keys = writer.initiatives(plan.initiatives)
    writer.topics(plan.initiatives, keys)
    volunteers = writer.volunteers(plan.initiatives, keys)
    contributions = writer.contributions(plan.initiatives, keys)
    observations = writer.observations(plan, keys)
    notifications = writer.flush_notifications()
    return InitiativesReport(len(keys), volunteers, contributions, observations, notifications)
