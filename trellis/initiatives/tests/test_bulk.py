"""initiatives.bulk: initiatives, volunteers, contributions and observations as the
services write them, dated back; and what the services would have told of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.initiatives import bulk, services
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.initiatives.tests.conftest import PROBLEM, in_days, snapshot
from trellis.notifications.models import Notification
from trellis.people.services import member_update

State = Initiative.State
V = Volunteer.State
TITLE = "Kubernetes cost reports"
LINK = "https://git.example.org/infra/pull/42"


def ago(days: float):
    return timezone.now() - timedelta(days=days)


def new_initiative(lead, **changes) -> bulk.NewInitiative:
    """Open for 29 days, written the day before, asking for two helpers."""
    fields = {
        "lead_id": lead.pk,
        "title": f"  {TITLE} ",
        "problem": f"{PROBLEM}\n",
        "ends_on": in_days(60),
        "state": State.OPEN,
        "created_at": ago(30),
        "opened_at": ago(29),
        "why_it_matters": "Cloud spend is our second-largest cost.",
        "skills": "Go,  Terraform, SQL, data pipelines",
        "time_ask": "2 hours a week for six weeks",
    }
    return bulk.NewInitiative(**(fields | changes))


def an_initiative(lead, **changes) -> int:
    (pk,) = bulk.initiatives_create([new_initiative(lead, **changes)])
    return pk


def joined(initiative_id: int, member, days: float = 20) -> bulk.NewVolunteer:
    """`member`'s offer `days` ago, accepted the day after."""
    return bulk.NewVolunteer(
        initiative_id, member.pk, " Terraform modules ", V.ACCEPTED, ago(days), ago(days - 1), "Go"
    )


# Initiatives.


def test_an_initiative_reads_back_as_initiative_create_writes_one(make_initiative, dev):
    made = make_initiative(
        title=f"  {TITLE} ", problem=f"{PROBLEM}\n", skills="Go,  Terraform, SQL, data pipelines"
    )

    initiative = Initiative.objects.get(pk=an_initiative(dev))

    fields = ("title", "problem", "why_it_matters", "skills", "helpers_wanted", "time_ask")
    assert [getattr(initiative, f) for f in fields] == [getattr(made, f) for f in fields]
    assert set(initiative.topics.all()) == set(made.topics.all()) != set()
    assert (initiative.state, initiative.ends_on) == (made.state, made.ends_on)
    assert initiative.updated_at == initiative.opened_at > initiative.created_at


def test_a_closed_initiative_was_last_changed_when_it_closed(dev):
    closed = ago(2)

    initiative = Initiative.objects.get(pk=an_initiative(dev, state=State.DONE, closed_at=closed))

    assert initiative.updated_at == initiative.closed_at == closed


@pytest.mark.parametrize(
    "changes",
    [
        {"state": "lost"},
        {"state": State.DRAFT},  # opened all the same
        {"opened_at": None},  # open, but since when?
        {"state": State.DONE},  # done, but when?
        {"opened_at": ago(31)},  # before it was written
        {"ends_on": timezone.localdate() - timedelta(days=31)},  # ended before it was written
        {"title": "  "},
        {"helpers_wanted": 0},
    ],
    ids=[
        "state",
        "draft opened",
        "never opened",
        "never closed",
        "opened first",
        "ended",
        "title",
        "helpers",
    ],
)
def test_it_refuses_an_initiative_and_writes_nothing(dev, changes):
    before = snapshot()

    with pytest.raises(ValidationError, match="Initiative 1"):
        bulk.initiatives_create([new_initiative(dev), new_initiative(dev, **changes)])

    assert snapshot() == before


def test_it_refuses_an_initiative_led_by_someone_not_active(dev):
    member_update(member=dev, status="paused")

    with pytest.raises(ValidationError, match="active"):
        bulk.initiatives_create([new_initiative(dev)])

    assert not Initiative.objects.exists()


# Volunteers.


def test_an_offer_reads_back_as_volunteer_offer_and_accept_leave_it(on_team, dev, ana):
    pk = an_initiative(dev)

    (volunteer_id,) = bulk.volunteers_create([joined(pk, ana)])

    volunteer = Volunteer.objects.get(pk=volunteer_id)
    fields = ("brings", "wants_to_learn", "state")
    assert [getattr(volunteer, f) for f in fields] == ["Terraform modules", "Go", V.ACCEPTED]
    assert [getattr(on_team, f) for f in fields] == [
        "I wrote our Terraform modules for the clusters.",
        "Go",
        V.ACCEPTED,
    ]
    assert volunteer.created_at < volunteer.answered_at


@pytest.mark.parametrize(
    "changes",
    [
        {"member_id": "lead"},
        {"state": "lost"},
        {"offered_at": ago(40), "answered_at": ago(39)},  # before it opened
        {"answered_at": ago(21)},  # before the offer
        {"brings": "  "},
        {"state": V.APPLIED},  # waiting, yet answered
    ],
    ids=[
        "own initiative",
        "state",
        "before it opened",
        "answered first",
        "brings nothing",
        "waiting answered",
    ],
)
def test_it_refuses_an_offer_and_writes_nothing(dev, ana, ben, changes):
    pk = an_initiative(dev)
    if changes.get("member_id") == "lead":
        changes["member_id"] = dev.pk
    before = snapshot()

    with pytest.raises(ValidationError, match="Volunteer 1"):
        bulk.volunteers_create([joined(pk, ben), replace(joined(pk, ana), **changes)])

    assert snapshot() == before


def test_offers_fit_the_initiatives_life(dev, ana, carla):
    done = an_initiative(dev, state=State.DONE, closed_at=ago(10))
    member_update(member=carla, status="paused")
    before = snapshot()

    for offers in (
        [replace(joined(done, ana), state=V.APPLIED, answered_at=None)],  # it takes none now
        [replace(joined(done, ana, days=5))],  # offered after it closed
        [joined(done, carla)],  # paused
        [joined(done, ana), joined(done, ana)],  # twice
    ):
        with pytest.raises(ValidationError):
            bulk.volunteers_create(offers)

    assert snapshot() == before


def test_no_more_volunteers_are_accepted_than_the_helpers_wanted(on_team, initiative, ben, dev):
    Initiative.objects.filter(pk=initiative.pk).update(opened_at=ago(25))  # two helpers wanted
    before = snapshot()

    with pytest.raises(ValidationError, match="helpers wanted"):
        bulk.volunteers_create([joined(initiative.pk, ben), joined(initiative.pk, dev)])

    assert snapshot() == before


# Contributions and observations.


def test_a_contribution_reads_back_as_contribution_log_writes_one(contribution, dev, ana):
    pk = an_initiative(dev)
    bulk.volunteers_create([joined(pk, ana)])
    text = f" {contribution.text} "

    written = bulk.contributions_create([bulk.NewContribution(pk, ana.pk, text, ago(3), LINK)])

    logged = Contribution.objects.get(initiative_id=pk)
    assert written == 1
    assert (logged.text, logged.link) == (contribution.text, contribution.link)
    assert logged.created_at > ago(3.01)


@pytest.mark.parametrize(
    "changes",
    [
        {"member_id": "outsider"},
        {"logged_at": ago(25)},  # before she joined
        {"text": " "},
        {"link": "ftp://example.org/notes"},
    ],
    ids=["not on the team", "before joining", "blank", "link"],
)
def test_it_refuses_a_contribution_and_writes_nothing(dev, ana, ben, changes):
    pk = an_initiative(dev)
    bulk.volunteers_create([joined(pk, ana)])
    if changes.get("member_id") == "outsider":
        changes["member_id"] = ben.pk
    good = bulk.NewContribution(pk, dev.pk, "Set up the cost exporter.", ago(3))
    before = snapshot()

    with pytest.raises(ValidationError, match="Contribution 1"):
        bulk.contributions_create([good, replace(good, **({"member_id": ana.pk} | changes))])

    assert snapshot() == before


def test_nothing_is_logged_after_an_initiative_closed_or_on_a_draft(dev):
    done = an_initiative(dev, state=State.DONE, closed_at=ago(10))
    draft = an_initiative(dev, state=State.DRAFT, opened_at=None)
    before = snapshot()

    for initiative in (done, draft):
        with pytest.raises(ValidationError, match="team"):
            bulk.contributions_create([bulk.NewContribution(initiative, dev.pk, "Notes", ago(2))])

    assert snapshot() == before


def test_an_observation_reads_back_as_observation_record_writes_one(dev, ana, ben):
    text = "Ana wrote the rollback plan for the Postgres upgrade and ran the drill twice."
    made = services.observation_record(
        observer=ben, subject=ana, text=text, seen_on=timezone.localdate()
    )
    recorded = ago(1)

    (pk,) = bulk.observations_create(
        [bulk.NewObservation(dev.pk, ana.pk, f" {text}", timezone.localdate(recorded), recorded)]
    )

    observation = Observation.objects.get(pk=pk)
    assert (observation.text, observation.findings) == (made.text, made.findings)
    assert observation.created_at == observation.updated_at == recorded


@pytest.mark.parametrize(
    "changes",
    [
        {"subject_id": "observer"},
        {"subject_id": "left"},
        {"initiative_id": "theirs"},  # the subject is not on its team
        {"seen_on": timezone.localdate() + timedelta(days=1)},  # after it was recorded
        {"seen_on": timezone.localdate() - timedelta(days=6 * 366)},
        {"text": "  "},
    ],
    ids=["oneself", "left", "not on the team", "seen later", "too long ago", "blank"],
)
def test_it_refuses_an_observation_and_writes_nothing(dev, ana, ben, carla, changes):
    pk = an_initiative(dev)
    member_update(member=carla, status="left")
    substitutes = {"observer": dev.pk, "left": carla.pk, "theirs": pk}
    changes = {name: substitutes.get(value, value) for name, value in changes.items()}
    good = bulk.NewObservation(dev.pk, ana.pk, "Ana ran the drill.", timezone.localdate(), ago(0))
    before = snapshot()

    with pytest.raises(ValidationError, match="Observation 1"):
        bulk.observations_create([good, replace(good, **({"subject_id": ben.pk} | changes))])

    assert snapshot() == before


# What the services told.


def told(notifications) -> set[tuple]:
    return {(n.recipient_id, n.kind, n.text) for n in notifications}


def stored() -> set[tuple]:
    return set(Notification.objects.values_list("recipient", "kind", "text"))


def test_the_notifications_of_offers_say_what_the_services_said(make_initiative, carla, ana, dev):
    pk = an_initiative(carla, title=TITLE)
    declined = replace(joined(pk, dev), state=V.DECLINED)
    in_bulk = told(
        bulk.volunteer_notifications(bulk.volunteers_create([joined(pk, ana), declined]))
    )

    initiative = make_initiative(title=TITLE)
    for member, answer in ((ana, services.volunteer_accept), (dev, services.volunteer_decline)):
        offer = services.volunteer_offer(initiative=initiative, member=member, brings="Go")
        answer(volunteer=offer, lead=carla)

    assert in_bulk == stored() and len(in_bulk) == 4


def test_the_done_prompts_say_what_initiative_move_said(make_initiative, carla, ana, dev):
    pk = an_initiative(carla, title=TITLE, state=State.DONE, closed_at=ago(2))
    bulk.volunteers_create([joined(pk, ana), joined(pk, dev)])
    bulk.contributions_create([bulk.NewContribution(pk, ana.pk, "Tagged node pools.", ago(5))])
    in_bulk = bulk.done_notifications([pk, an_initiative(carla)])

    initiative = make_initiative(title=TITLE)
    offer = services.volunteer_offer(initiative=initiative, member=ana, brings="Go")
    services.volunteer_accept(volunteer=offer, lead=carla)
    services.contribution_log(initiative=initiative, member=ana, text="Tagged node pools.")
    before = stored()
    services.initiative_move(initiative=initiative, member=carla, to=State.DONE)

    assert told(in_bulk) == stored() - before and len(in_bulk) == 1
    assert in_bulk[0].url.endswith(f"?initiative={pk}") and in_bulk[0].created_at == (
        Initiative.objects.get(pk=pk).closed_at
    )


def test_the_notification_of_an_observation_says_what_observation_record_said(dev, ana):
    recorded = ago(1)
    new = bulk.NewObservation(
        dev.pk, ana.pk, "Ana ran the drill.", timezone.localdate(recorded), recorded
    )
    in_bulk = bulk.observation_notifications(bulk.observations_create([new]))

    services.observation_record(
        observer=dev, subject=ana, text="Ana ran the drill.", seen_on=timezone.localdate()
    )

    assert told(in_bulk) == stored()
    assert in_bulk[0].url.endswith(f"#observation-{Observation.objects.earliest('pk').pk}")


def test_what_the_services_write_in_a_backdated_block_was_written_then(on_team, initiative, ana):
    then = ago(6)

    with bulk.backdated(then):
        logged = services.contribution_log(initiative=initiative, member=ana, text="Notes")

    logged.refresh_from_db()
    assert logged.created_at == then


def test_nobody_is_observed_on_a_draft(dev, ana):
    draft = an_initiative(dev, state=State.DRAFT, opened_at=None)
    seen = bulk.NewObservation(ana.pk, dev.pk, "Dev drafted it.", timezone.localdate(), ago(0))

    with pytest.raises(ValidationError, match="a draft"):
        bulk.observations_create([replace(seen, initiative_id=draft)])

    assert not Observation.objects.exists()
