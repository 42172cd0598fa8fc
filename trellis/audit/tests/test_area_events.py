"""What each area records at the point of its action: roster imports (dry run or not) and
the invitations they send, rounds published or withdrawn, the unseen-contributors export."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from trellis.audit.models import AuditEvent
from trellis.matching import services as matching
from trellis.matching.models import Round

pytestmark = pytest.mark.django_db
ROSTER = b"email,name,team\nnew.person@example.org,New Person,Search\n"


def only(action: str) -> AuditEvent:
    [event] = AuditEvent.objects.filter(action=action)
    return event


def upload(client, **switches):
    file = SimpleUploadedFile("roster.csv", ROSTER, content_type="text/csv")
    return client.post(
        reverse("people:roster_upload"), {"file": file, **switches}, REMOTE_ADDR="192.0.2.9"
    )


def test_a_roster_uploaded_by_an_organiser_is_recorded_with_its_counts(organiser_client, organiser):
    upload(organiser_client)

    event = only("roster.imported")
    assert (event.actor, event.ip_address) == (organiser.user, "192.0.2.9")
    assert event.details == {"rows": 1, "created": 1, "updated": 0, "dry_run": False}


def test_a_dry_run_is_recorded_as_one(organiser_client):
    upload(organiser_client, dry_run="on")

    assert only("roster.imported").details["dry_run"] is True
    assert not AuditEvent.objects.filter(action="invitations.sent").exists()


def test_invitations_sent_after_an_import_are_counted(organiser_client, organiser):
    upload(organiser_client, invite="on")

    event = only("invitations.sent")
    assert (event.actor, event.details) == (organiser.user, {"count": 1})


def test_a_refused_roster_records_nothing(organiser_client):
    file = SimpleUploadedFile("roster.csv", b"no,such,columns\n1,2,3\n", content_type="text/csv")
    organiser_client.post(reverse("people:roster_upload"), {"file": file})

    assert not AuditEvent.objects.filter(action="roster.imported").exists()


def test_a_roster_imported_on_the_command_line_has_no_actor(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER)

    call_command("import_roster", str(path), stdout=io.StringIO())

    event = only("roster.imported")
    assert (event.actor, event.ip_address, event.details["created"]) == (None, None, 1)


@pytest.fixture
def done_round(organiser):
    return Round.objects.create(organiser=organiser.user, state=Round.State.DONE)


def test_publishing_and_withdrawing_a_round_are_recorded_with_the_organiser(done_round, organiser):
    matching.round_publish(round_id=done_round.pk, organiser=organiser.user)
    matching.round_withdraw(round_id=done_round.pk, organiser=organiser.user)

    for action in ("round.published", "round.withdrawn"):
        event = only(action)
        assert (event.actor, event.target) == (organiser.user, f"round {done_round.pk}")


def test_a_round_that_cannot_be_published_records_nothing(organiser):
    queued = Round.objects.create(organiser=organiser.user)

    with pytest.raises(ValidationError):
        matching.round_publish(round_id=queued.pk, organiser=organiser.user)

    assert not AuditEvent.objects.filter(action="round.published").exists()


def test_downloading_the_unseen_contributors_is_recorded_with_its_row_count(
    organiser_client, organiser
):
    url = reverse("initiatives:unseen_contributors")

    organiser_client.get(url, {"format": "csv", "months": 3})
    organiser_client.get(url)  # the page itself is not an export

    event = only("export.downloaded")
    assert (event.actor, event.target) == (organiser.user, "unseen contributors")
    assert event.details == {"rows": 0, "months": 3}
