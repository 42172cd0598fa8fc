"""When an initiative is done, a contributor follows up with its lead: a draft grounded in
what they did, through the same composer and ask linter, and a relationship may start."""

import pytest
from django.core.exceptions import ValidationError

from trellis.connections import composer
from trellis.connections import services as connections
from trellis.connections.models import Origin
from trellis.home import services as home
from trellis.home.occasions import occasion_for
from trellis.initiatives import services
from trellis.people.selectors import topic_matcher


def grounds(sender, recipient, initiative):
    occasion = occasion_for(sender=sender, recipient=recipient, initiative=initiative)
    return composer.grounds(sender, recipient, topic_matcher(), occasion)


@pytest.fixture
def done(contribution, initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")
    return initiative


def test_the_draft_names_the_initiative_and_what_the_sender_did(done, ana, carla):
    found = grounds(ana, carla, done)
    draft = composer.draft_message(ana, carla, found)

    assert draft.startswith("Hi Carla,")
    assert "I really enjoyed working on Kubernetes cost reports with you." in draft
    assert "I wrote the Terraform that tags every node pool with its team." in draft
    # Carla works on data pipelines, which the initiative needs: a question about it.
    assert "how you think about data pipelines" in draft


def test_the_ask_linter_has_nothing_to_add_to_the_draft(done, ana, carla):
    found = grounds(ana, carla, done)

    assert composer.lint(composer.draft_message(ana, carla, found), found) == []


def test_a_contribution_that_is_not_an_action_reads_as_my_part(initiative, on_team, ana, carla):
    services.contribution_log(initiative=initiative, member=ana, text="The tagging script.")

    found = grounds(ana, carla, initiative)

    assert found.initiative_work == "My part: the tagging script."


def test_without_a_shared_topic_it_asks_about_the_initiative_itself(done, ana, carla):
    carla.working_on = "Kubernetes cost reports"  # only the title: nothing new to ask about
    found = grounds(ana, carla, done)

    assert "how you decided what Kubernetes cost reports should tackle first" in (
        composer.draft_message(ana, carla, found)
    )


def test_the_intro_comes_from_the_initiative_and_so_does_the_relationship(done, ana, carla):
    intro = home.intro_send(
        sender=ana,
        recipient=carla,
        message="I really enjoyed working on Kubernetes cost reports. How do you plan Q3?",
        initiative=done,
    )
    relationship = connections.intro_accept(intro=intro, member=carla)

    assert intro.initiative == done
    assert "Kubernetes cost reports" in intro.shared
    assert relationship.origin == Origin.INITIATIVE


def test_only_two_members_of_its_team_write_from_an_initiative(done, ben, carla):
    with pytest.raises(ValidationError, match="not on the team of this initiative"):
        home.intro_send(sender=ben, recipient=carla, message="Hi!", initiative=done)
