"""The composer's draft: the shared problem in both members' words, an offer, one question."""

import pytest

from trellis.connections import composer
from trellis.lint import lint_intro
from trellis.people.selectors import topic_matcher


def draft(sender, recipient) -> tuple[str, composer.Grounds]:
    found = composer.grounds(sender, recipient, topic_matcher())
    return composer.draft_message(sender, recipient, found), found


def test_it_opens_with_the_shared_problem_in_both_members_own_words(ana, carla):
    message, _ = draft(ana, carla)

    assert message.startswith("Hi Carla,\n\n")
    assert (
        "I saw on your profile that you're working on Kubernetes cost reports, "
        "and I'm working on Kubernetes upgrades myself." in message
    )


def test_it_offers_what_the_sender_can_help_with_that_the_recipient_is_learning(ana, carla):
    message, found = draft(ana, carla)

    assert found.offer.text == "Terraform"
    assert "I'm happy to share what I've learned about Terraform." in message


def test_it_asks_one_specific_question_about_what_the_recipient_can_give(ana, carla):
    message, found = draft(ana, carla)

    assert found.ask.text == "Go"
    assert message.count("?") == 1
    assert "getting started with Go?" in message


def test_it_finds_common_ground_through_synonyms(ana, ben):
    message, found = draft(ana, ben)

    assert "you're learning k8s, and I'm working on Kubernetes upgrades myself" in message
    assert "Kubernetes" in found.shared
    assert message.count("?") == 1


def test_it_offers_what_the_sender_works_on_when_they_list_no_matching_help(ana, ben):
    message, found = draft(ana, ben)

    assert found.offer.text == "Kubernetes upgrades"
    assert "what I've learned from Kubernetes upgrades." in message


def test_the_same_words_read_so_am_i(make_member):
    one = make_member("Ida One", working_on="Kubernetes upgrades")
    two = make_member("Jo Two", working_on="Kubernetes upgrades")

    message, _ = draft(one, two)

    assert "you're working on Kubernetes upgrades, and so am I." in message


def test_without_anything_in_common_it_starts_from_what_they_work_on(ana, make_member):
    poet = make_member("Pia Poet", working_on="sonnets about the sea")

    message, found = draft(ana, poet)

    assert "I saw on your profile that you're working on sonnets about the sea." in message
    assert found.shared == ("sonnets about the sea",)
    assert message.count("?") == 1


def test_with_an_empty_profile_it_still_drafts_something_to_edit(make_member):
    blank, other = make_member("Bo Blank"), make_member("Cy Blank")

    message, found = draft(blank, other)

    assert "I came across your profile on Trellis." in message
    assert found.shared == ()


@pytest.mark.parametrize(
    ("sender", "recipient"), [("ana", "ben"), ("ben", "ana"), ("ana", "carla")]
)
def test_the_draft_satisfies_the_ask_linter(request, sender, recipient):
    sender, recipient = request.getfixturevalue(sender), request.getfixturevalue(recipient)
    message, found = draft(sender, recipient)

    assert lint_intro(message, shared=found.shared, sender_offers=found.offers) == []


def test_phrases_read_naturally_mid_sentence():
    assert composer.mid_sentence("Improving onboarding.") == "improving onboarding"
    assert composer.mid_sentence("Kubernetes upgrades") == "Kubernetes upgrades"
    assert composer.mid_sentence("The checkout flow") == "the checkout flow"
