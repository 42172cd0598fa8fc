"""The demo member's initiatives, written through the initiatives services.

Whoever signs in as member@demo.trellis.test finds: an initiative they lead, with
one volunteer on the team (whose work they recorded) and two offers waiting for
their answer; an initiative underway they are on the team of, with their
contributions logged; one they contributed to that was just marked done, so the
follow-up prompt is waiting; observations of their work from inside and outside
their team, two shown on their profile; and, on their home page, an open
initiatives that need what they can help with and are learning.

Every write is a service call, dated in the past where the service takes a `now`
(and its rows' creation times moved to match by the apps' `backdated`). Nobody is e-mailed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.network import first_name
from trellis.initiatives import bulk, services
from trellis.initiatives.models import Initiative, Observation, Volunteer
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.notifications import bulk as notices
from trellis.notifications import services as notifications
from trellis.notifications.models import Notification
from trellis.people import selectors
from trellis.people.models import Member, Topic

UNREAD_FOR_DAYS = 5
State = Initiative.State


@contextmanager
def dated(when: datetime) -> Iterator[None]:
    """Rows the block creates date from `when`: the story happened over months."""
    with bulk.backdated(when), notices.backdated(when):
        yield


@dataclass
class _Story:
    me: Member
    people: list[PlannedPerson]
    member_ids: list[int]
    now: datetime
    team_key: int  # the demo member's team, as the planned people know it

    def __post_init__(self):
        self.used: set[int] = set()
        self.matcher = selectors.topic_matcher()
        self.topic_ids = dict(Topic.objects.values_list("slug", "id"))
        self.candidates = [  # active, open to initiatives, from another team
            (i, frozenset(t for topics in person.topics for t in topics))
            for i, person in enumerate(self.people)
            if person.team_key != self.team_key
            and person.profile["status"] == Member.Status.ACTIVE
            and person.profile["open_to_initiatives"]
        ]

    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def cast(self, about: str, *, discipline: str = "") -> Member:
        """The planned person from another team best suited to a part: who names most of
        `about`, then of `discipline`, then the most senior; each plays one part."""
        wanted = {self.topic_ids[s] for s in self.matcher.topics(about) if s in self.topic_ids}
        best = None
        for i, named in self.candidates:
            person = self.people[i]
            score = (len(wanted & named), person.discipline == discipline, person.level, -i)
            if i not in self.used and (best is None or score > best[0]):
                best = (score, i)
        self.used.add(best[1])
        return Member.objects.get(pk=self.member_ids[best[1]])

    def create(self, lead: Member, days: float, *, ends_in: int, **fields) -> Initiative:
        with dated(self.ago(days)):
            return services.initiative_create(
                lead=lead,
                ends_on=timezone.localdate(self.now) + timedelta(days=ends_in),
                publish=True,
                now=self.ago(days),
                **fields,
            )

    def offer(
        self, initiative: Initiative, member: Member, days: float, brings: str, learns: str = ""
    ) -> Volunteer:
        with dated(self.ago(days)):
            return services.volunteer_offer(
                initiative=initiative, member=member, brings=brings, wants_to_learn=learns
            )

    def join(
        self, initiative: Initiative, member: Member, days: float, brings: str, learns: str = ""
    ) -> None:
        """`member` offers to help `days` ago; the lead welcomes them the day after."""
        offer = self.offer(initiative, member, days, brings, learns)
        with dated(self.ago(days - 1)):
            services.volunteer_accept(volunteer=offer, lead=initiative.lead, now=self.ago(days - 1))

    def log(self, initiative: Initiative, member: Member, days: float, text: str, link="") -> None:
        with dated(self.ago(days)):
            services.contribution_log(
                initiative=initiative, member=member, text=text, link=link, refresh=False
            )

    def observe(
        self, observer: Member, subject: Member, days: float, text: str, initiative=None
    ) -> Observation:
        """`observer` saw the work `days` ago and recorded it the day after."""
        recorded = self.ago(max(days - 1, 0))
        with dated(recorded):
            return services.observation_record(
                observer=observer,
                subject=subject,
                text=text.format(name=first_name(subject.display_name)),
                seen_on=timezone.localdate(self.ago(days)),
                initiative=initiative,
                now=recorded,
                refresh=False,
            )

    def move(self, initiative: Initiative, to: str, days: float) -> None:
        with dated(self.ago(days)):
            services.initiative_move(
                initiative=initiative, member=initiative.lead, to=to, now=self.ago(days)
            )


def create_member_initiatives(
    people: list[PlannedPerson], member_ids: list[int], *, now: datetime
) -> None:
    """Play the demo member's initiatives, with people of the planned organisation."""
    member = Member.objects.select_related("user").get(user__email=MEMBER_EMAIL)
    manager = member_ids.index(member.manager_id)
    story = _Story(member, people, member_ids, now, people[manager].team_key)
    with notifications.notifications_in_app_only():
        mark = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        _done(story, Member.objects.get(pk=member.manager_id))
        _underway(story)
        _her_own(story)
        _two_that_fit(story)
        older = Notification.objects.filter(pk__gt=mark, created_at__lt=story.ago(UNREAD_FOR_DAYS))
        for notification in older.select_related("recipient"):
            notifications.notification_mark_read(
                notification_id=notification.pk,
                member=notification.recipient,
                now=notification.created_at + timedelta(hours=20),
            )


def _done(story: _Story, manager: Member) -> None:
    """Post-incident reviews: she drafted the template; her manager saw it; done three days ago."""
    me = story.me
    lead = story.cast(
        "incident response, post-incident reviews, runbooks", discipline="Engineering"
    )
    mate = story.cast("technical writing, runbooks")
    initiative = story.create(
        lead,
        95,
        ends_in=-5,
        title="Post-incident reviews people actually read",
        problem="Our post-incident reviews are long, late and rarely read, and the same "
        "incidents come back. We want a one-page template, a 48-hour deadline and a "
        "monthly read-out open to every team.",
        why_it_matters="Two of last quarter's outages repeated an earlier one.",
        skills="Incident response, technical writing, runbooks",
        time_ask="2 hours a week for six weeks",
    )
    story.join(initiative, me, 93, "I run post-incident reviews for the platform team.")
    story.join(
        initiative,
        mate,
        90,
        "I edit our runbooks and can make the template readable.",
        "How incidents are run elsewhere.",
    )
    story.move(initiative, State.UNDERWAY, 85)
    story.log(
        initiative,
        me,
        80,
        "Drafted the one-page review template and tried it on the March database outage.",
    )
    story.log(
        initiative,
        mate,
        60,
        "Rewrote the template's questions in plain words; tested it with two non-engineers.",
    )
    story.log(
        initiative,
        me,
        30,
        "Ran the first monthly read-out: 25 people from six teams, two follow-ups "
        "assigned on the spot.",
    )
    story.observe(
        manager,
        me,
        28,
        "{name}'s template turned our two-week incident write-ups into a one-pager done in "
        "two days; the team has used it for every incident since.",
        initiative,
    )
    story.move(initiative, State.DONE, 3)  # she is prompted to follow up with its lead


def _underway(story: _Story) -> None:
    """Accessible forms: she is on the team; its lead and someone from support saw her work."""
    me = story.me
    lead = story.cast("accessibility audits, design systems", discipline="Design")
    mate = story.cast("accessibility, front-end development")
    initiative = story.create(
        lead,
        45,
        ends_in=40,
        title="Accessible forms: audit every sign-up and checkout form",
        problem="Screen-reader users can't finish our sign-up form, and nobody knows how many "
        "other forms have the same problems. We want an audit against WCAG, fixes for the "
        "worst ten and a checklist for new forms.",
        why_it_matters="It's the right thing to do, and the European Accessibility Act "
        "applies to us from June.",
        skills="Accessibility, WCAG audits, Python, design systems",
        helpers_wanted=3,
        time_ask="half a day a week for a month",
    )
    story.join(
        initiative,
        me,
        42,
        "I'm already working on the accessibility of our forms with the design team, and "
        "can script the checks in Python.",
        "Doing a11y audits properly, with people who do them every week.",
    )
    story.join(initiative, mate, 40, "Front-end fixes: labels, focus order, error messages.")
    story.move(initiative, State.UNDERWAY, 35)
    story.log(
        initiative,
        me,
        30,
        "Scripted the automated WCAG checks over all 38 forms: 11 fail, listed by "
        "severity in the audit sheet.",
        "https://wiki.example.com/a11y/forms-audit",
    )
    story.log(initiative, mate, 20, "Fixed focus order and error messages on the checkout form.")
    story.log(
        initiative,
        me,
        12,
        "Tested sign-up with VoiceOver and NVDA with the design team; fixed the two "
        "blocking labels.",
    )
    seen_by_lead = story.observe(
        lead,
        me,
        12,
        "{name} scripted the WCAG checks across all 38 forms in a week, then sat with us to "
        "test the worst three with a screen reader, which found problems the script missed.",
        initiative,
    )
    support = story.cast("customer support, accessibility", discipline="Operations")
    seen_by_support = story.observe(
        support,
        me,
        20,
        "{name} walked the support team through the form audit with screen-reader "
        "recordings; we now tag accessibility tickets, and found four more broken forms.",
    )
    for observation in (seen_by_lead, seen_by_support):
        services.observation_show(observation=observation, member=me, shown=True, refresh=False)


def _her_own(story: _Story) -> None:
    """Her CI/CD initiative: one volunteer on the team, whose work she recorded; two waiting."""
    me = story.me
    initiative = story.create(
        me,
        14,
        ends_in=60,
        title="CI/CD pipelines that stop breaking",
        problem="Our CI/CD pipelines fail about one run in five for reasons unrelated to the "
        "change: flaky tests, runners out of disk, expired credentials. Everyone re-runs "
        "and hopes.",
        why_it_matters="Each red build costs an engineer about 20 minutes, and people have "
        "stopped trusting the green ones.",
        skills="CI/CD, Kubernetes, Terraform, Go",
        helpers_wanted=3,
        time_ask="2 hours a week for six weeks",
    )
    helper = story.cast("CI/CD, Kubernetes, Terraform")
    story.join(initiative, helper, 12, "I maintain our build runners on Kubernetes.", "Terraform")
    story.log(
        initiative,
        helper,
        6,
        "Measured a month of pipeline failures: 61% flaky tests, 24% runners out of "
        "disk, the rest credentials. Chart in the doc.",
    )
    story.observe(
        me,
        helper,
        6,
        "{name} measured a month of our pipeline failures and split them by cause, which "
        "showed the flaky tests, not the runners, are most of the problem.",
        initiative,
    )
    for days, about, notes in (
        (2, "Go, CI/CD", ("I write Go tooling and have fixed flaky tests before.", "Kubernetes")),
        (1, "Terraform, Kubernetes", ("Terraform for the runners' infrastructure.", "")),
    ):
        story.offer(initiative, story.cast(about), days, *notes)  # waiting for her answer


def _two_that_fit(story: _Story) -> None:
    """Opened since yesterday: they need Python and Terraform, which she can help with, Go,
    which she is learning, and LLM evals, which she is curious about."""
    lead = story.cast("Go, Python, Terraform", discipline="Engineering")
    story.create(
        lead,
        1,
        ends_in=75,
        title="Deploy tooling in Go: retire the Python scripts",
        problem="Our deploy tooling is 4,000 lines of Python scripts nobody wants to touch. "
        "We want to port the core to Go, with Terraform modules for each environment.",
        why_it_matters="Every release waits on the two people who understand the scripts.",
        skills="Go, Python, Terraform, CI/CD",
        helpers_wanted=2,
        time_ask="2 hours a week for six weeks",
    )
    lead = story.cast("LLM evaluation, Python, customer support", discipline="Data")
    story.create(
        lead,
        0.5,
        ends_in=50,
        title="LLM evals for the support assistant",
        problem="The support assistant's answers are checked by hand, a few a week. We want "
        "an evaluation set from real tickets and a Python harness that runs on every change.",
        why_it_matters="We can't tell whether a new prompt makes answers better or worse.",
        skills="LLM evaluation, Python, technical writing",
        helpers_wanted=3,
        time_ask="an hour a week, mostly reviews",
    )
