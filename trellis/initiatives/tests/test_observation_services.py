"""Recording what one saw someone do; the subject's choice to show it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.initiatives import services
from trellis.initiatives.models import Observation
from trellis.initiatives.tests.conftest import snapshot
from trellis.notifications.models import Notification
from trellis.people.models import Member

SPECIFIC = "Led the data migration and caught the duplicate-invoice bug before launch."


def record(observer, subject, **fields):
    fields = {"text": SPECIFIC, "seen_on": timezone.localdate()} | fields
    return services.observation_record(observer=observer, subject=subject, **fields)


def test_an_observer_records_what_they_saw_and_the_subject_is_told(ana, ben):
    observation = record(ben, ana)

    assert observation.shown_on_profile is False
    told = Notification.objects.get(recipient=ana, kind=Notification.Kind.OBSERVATION_RECEIVED)
    assert told.text == "Ben Okafor recorded what they saw you do."
    assert told.url == f"/visibility/#observation-{observation.pk}"


def test_it_keeps_what_the_linter_noticed(ana, ben):
    vague = record(ben, ana, text="Great job!")
    specific = record(ben, ana)

    assert [f["rule"] for f in vague.findings] == ["vague-praise"]
    assert specific.findings == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": " "}, "text", "Say what you saw them do."),
        ({"text": "y" * 2001}, "text", "Keep this under 2,000 characters; it has 2,001."),
        ({"seen_on": None}, "seen_on", "Say when you saw it (a date)."),
        ({"seen_on": "tomorrow"}, "seen_on", "That date is in the future"),
        ({"seen_on": "long ago"}, "seen_on", "more than five years ago"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(ana, ben, fields, field, message):
    today = timezone.localdate()
    dates = {"tomorrow": today + timedelta(days=1), "long ago": today - timedelta(days=2000)}
    if fields.get("seen_on") in dates:
        fields = {"seen_on": dates[fields["seen_on"]]}
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        record(ben, ana, **fields)

    assert any(message in m for m in refused.value.message_dict[field])
    assert snapshot() == before


def test_an_observation_about_oneself_is_refused(ana):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        record(ana, ana)

    assert refused.value.messages == ["You can't record an observation about yourself."]
    assert snapshot() == before


def test_nobody_records_an_observation_about_someone_who_left(ana, ben):
    Member.objects.filter(pk=ana.pk).update(status=Member.Status.LEFT)
    ana.refresh_from_db()

    with pytest.raises(ValidationError, match="Ana Lima has left the network"):
        record(ben, ana)


def test_on_an_initiative_the_subject_must_be_on_its_team(initiative, offer, ana, ben):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        record(ben, ana, initiative=initiative)  # Ana's offer still waits

    assert refused.value.message_dict["initiative"] == [
        "Ana Lima is not on the team of “Kubernetes cost reports”."
    ]
    assert snapshot() == before


def test_on_an_initiative_anyone_who_saw_the_team_may_record(on_team, initiative, ana, ben):
    observation = record(ben, ana, initiative=initiative)

    assert observation.initiative == initiative


def test_not_on_a_draft(draft, ana, carla):
    with pytest.raises(ValidationError, match="That initiative is a draft"):
        record(ana, carla, initiative=draft)


def test_only_the_subject_chooses_to_show_it(ana, ben, carla):
    observation = record(ben, ana)
    for other in (ben, carla):
        with pytest.raises(Observation.DoesNotExist):
            services.observation_show(observation=observation, member=other, shown=True)

    services.observation_show(observation=observation, member=ana, shown=True)
    observation.refresh_from_db()
    assert observation.shown_on_profile is True

    services.observation_show(observation=observation, member=ana, shown=False)
    observation.refresh_from_db()
    assert observation.shown_on_profile is False


def test_only_the_observer_takes_it_back(ana, ben):
    observation = record(ben, ana)

    with pytest.raises(Observation.DoesNotExist):
        services.observation_delete(observation=observation, member=ana)
    services.observation_delete(observation=observation, member=ben)

    assert not Observation.objects.exists()


def test_the_database_refuses_an_observation_about_oneself_too(ana):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            observer=ana, subject=ana, text=SPECIFIC, seen_on=timezone.localdate()
        )
