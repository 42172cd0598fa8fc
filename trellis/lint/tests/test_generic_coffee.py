"""generic-coffee: a coffee, call or chat asked for without a topic."""

import pytest

from trellis.lint.tests.helpers import flagged, rules


@pytest.mark.parametrize(
    "message",
    [
        "Would you like to grab a coffee sometime?",
        "Virtual coffee next week?",
        "Could we hop on a call?",
        "Up for a quick chat?",
        "Could I have 15 minutes of your time?",
        "Would love to connect sometime!",
        "Fancy a cuppa when you're next in the office?",
        "Could we set up a recurring 1:1 so I can learn from you?",
        "Let's do lunch! \U0001f957",
        "I'd love to pick your brain. When are you free?",
        "Would love to hop on a call and hear about your journey in product management.",
        "I'm a junior data engineer. Could we grab a coffee?",
        "Hi Alex, I'm on the payments team. Would you have time for a call next week?",
        "Any chance we could set up regular check-ins?",
    ],
)
def test_it_flags_a_meeting_with_no_topic(message):
    assert "generic-coffee" in rules(message)


@pytest.mark.parametrize(
    "message",
    [
        "Would you be up for a virtual coffee about on-call rotas for small teams?",
        "Could we hop on a call about your Terraform module layout?",
        "Fancy a coffee to compare notes on our ERP migrations?",
        "Could I get 20 minutes to ask how you priced your first wholesale order?",
        "I'm on call this week, so replies may be slow.",
        "How do you run on-call for a team of four? Happy to share ours.",
        "I'd love to connect you with Priya, who runs our accessibility audits.",
        "Your talk on tenant organizing was great. Do you have 30 minutes next week?",
        "We're moving our clusters from 1.27 to 1.29 next month. Quick call?",
    ],
)
def test_it_leaves_a_meeting_about_something_alone(message):
    assert "generic-coffee" not in rules(message)


def test_a_shared_topic_is_a_topic():
    message = "Hi! Coffee sometime to talk shop about it?"
    assert "generic-coffee" in rules(message)
    assert "generic-coffee" not in rules("Coffee to talk about k8s?", shared=["Kubernetes"])


def test_the_finding_points_at_the_meeting_asked_for():
    message = "Hi Tom, hope you\u2019re well! Would love to grab a coffee and get to know you."
    # One finding per span: the coffee folds into the finding on the ask around it.
    (words,) = flagged("generic-coffee", message)
    assert "grab a coffee" in words
