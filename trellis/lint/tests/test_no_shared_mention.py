"""no-shared-mention: the message names none of what the two people share."""

import pytest

from trellis.lint.tests.helpers import flagged, rules


@pytest.mark.parametrize(
    ("shared", "message"),
    [
        (["Kubernetes upgrades", "Terraform"], "Hi Alex, I'm on the payments team. Can we talk?"),
        (["customer onboarding"], "I run customer success at a SaaS. Any tips for churn?"),
        (["Terraform"], "How do you structure infrastructure-as-code modules across accounts?"),
        (["Kubernetes upgrades"], "We're upgrading our payments service next month."),
    ],
)
def test_it_flags_a_message_that_mentions_nothing_shared(shared, message):
    assert "no-shared-mention" in rules(message, shared=shared)


@pytest.mark.parametrize(
    ("shared", "message"),
    [
        (["Kubernetes upgrades"], "Fellow k8s upgrade sufferer here!"),
        (["Kubernetes upgrades"], "How did you handle the KUBERNETES 1.29 upgrade?"),
        (["Terraform", "Kubernetes upgrades"], "Do you pin Helm charts in terraform?"),
        (["volunteer organising"], "How do you organize your volunteers?"),
        (["wind turbine maintenance"], "I'm studying predictive maintenance for offshore wind."),
        (["sourdough"], "We moved our sourdoughs to a 48-hour retard."),
        (["AWS cost optimisation"], "We're both trying to cut our AWS bill."),
    ],
)
def test_a_mention_in_any_wording_counts(shared, message):
    assert "no-shared-mention" not in rules(message, shared=shared)


def test_the_rule_is_off_without_shared_items():
    assert "no-shared-mention" not in rules("Hi Alex, can we talk?")


def test_the_finding_covers_the_message_and_suggests_the_first_shared_item():
    message = "\nHi Alex, can we talk?\n"
    assert flagged("no-shared-mention", message, shared=["Terraform"]) == ["Hi Alex, can we talk?"]


def test_blank_shared_items_are_ignored():
    assert "no-shared-mention" not in rules("Hi Alex, can we talk?", shared=["", "  "])
