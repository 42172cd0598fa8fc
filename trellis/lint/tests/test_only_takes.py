"""only-takes: an ask with nothing offered back and no shared interest named."""

import pytest

from trellis.lint.tests.helpers import findings_of, rules


@pytest.mark.parametrize(
    "message",
    [
        "Could you explain how you handle schema changes in old events?",
        "What's the best way to reduce agency spend on night shifts?",
        "Will you be my mentor?",
        "Could we grab a coffee?",
        "I can work around your schedule. Could you tell me how you priced your first contract?",
        "I would be grateful for any guidance you can offer.",
        "I've attached my portfolio. Could you tell me what to cut?",
        "Saw you're in Berlin too. Coffee?",
        "I'm preparing for the CFA Level II exam. Will you be my mentor?",
    ],
)
def test_it_flags_a_message_that_only_asks(message):
    assert "only-takes" in rules(message)


@pytest.mark.parametrize(
    "message",
    [
        "How did you handle schema changes? I can share our migration scripts.",
        "Happy to share our runbook in return \u2014 how do you page people at night?",
        "Could you send the dataset? I\u2019ll send you our cleaned version.",
        "We found that pinning chart versions halved our upgrade time. How do you pin yours?",
        "Our polyfill fix is in the gist below if useful. Did min/max work for you on iOS?",
        "Let me know if I can help with your launch. How did you size the first batch?",
        "I'm also migrating from Sidekiq to GoodJob. How did you drain the old queues?",
        "Like you, I run a small ceramics studio. How do you price classes?",
        "We're both on the forecasting guild \u2014 did the naive baseline win for you?",
        "We're moving our clusters from 1.27 to 1.29 next month. Did you drain node pools?",
        "Your talk on tenant organizing was great; I'm starting a tenants' union. Coffee?",
        "Loved your keynote, thank you!",
    ],
)
def test_it_leaves_a_message_that_gives_or_shares_alone(message):
    assert "only-takes" not in rules(message)


def test_mentioning_a_shared_item_names_a_shared_interest():
    message = "I saw your Terraform talk. How do you split state per account?"
    assert "only-takes" in rules(message, shared=["Kubernetes upgrades"])
    assert "only-takes" not in rules(message, shared=["Terraform"])


def test_the_suggestion_names_what_the_sender_can_offer():
    (finding,) = findings_of(
        "only-takes",
        "Could you explain how you price wholesale orders?",
        sender_offers=["shipping fragile ceramics"],
    )
    assert "shipping fragile ceramics" in finding.suggestion
