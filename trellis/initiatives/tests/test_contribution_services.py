"""What the team logs: only its members, on a published initiative, with a safe link."""

import pytest
from django.core.exceptions import ValidationError

from trellis.initiatives import services
from trellis.initiatives.models import Contribution
from trellis.initiatives.tests.conftest import snapshot


def test_a_team_member_logs_what_they_did(on_team, initiative, ana):
    contribution = services.contribution_log(
        initiative=initiative, member=ana, text="  Tagged every node pool.  "
    )

    assert contribution.text == "Tagged every node pool."
    assert contribution.link == ""


def test_the_lead_logs_too(initiative, carla):
    services.contribution_log(initiative=initiative, member=carla, text="Built the dashboard.")

    assert Contribution.objects.filter(member=carla).count() == 1


@pytest.mark.parametrize("who", ["ben", "waiting"])
def test_someone_not_on_the_team_cannot_log(initiative, offer, ana, ben, who):
    member = ben if who == "ben" else ana  # Ana's offer is still waiting
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.contribution_log(initiative=initiative, member=member, text="I helped!")

    assert refused.value.messages == ["Only the initiative's team can log contributions to it."]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": "  "}, "text", "Say what you did, in a line or two."),
        ({"text": "x" * 2001}, "text", "Keep this under 2,000 characters; it has 2,001."),
        ({"link": "javascript:alert(1)"}, "link", "Give a web address starting with https://"),
        (
            {"link": "ftp://files.example.org/x"},
            "link",
            "Give a web address starting with https://",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_written(on_team, initiative, ana, fields, field, message):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.contribution_log(
            initiative=initiative, member=ana, **({"text": "Did it."} | fields)
        )

    assert any(message in m for m in refused.value.message_dict[field])
    assert snapshot() == before


def test_a_draft_or_cancelled_initiative_takes_no_contributions(initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="cancelled")

    with pytest.raises(ValidationError, match="This initiative is cancelled"):
        services.contribution_log(initiative=initiative, member=carla, text="Late work.")


def test_a_done_initiative_still_takes_what_was_not_logged_yet(initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")

    services.contribution_log(initiative=initiative, member=carla, text="Wrote the retro.")


def test_only_its_author_removes_a_contribution(contribution, carla, ana):
    with pytest.raises(Contribution.DoesNotExist):
        services.contribution_delete(contribution=contribution, member=carla)

    services.contribution_delete(contribution=contribution, member=ana)
    assert not Contribution.objects.exists()
