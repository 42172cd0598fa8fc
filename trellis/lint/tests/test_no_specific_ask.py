"""no-specific-ask: a message that asks for nothing one could answer in a reply."""

import pytest

from trellis.lint.tests.helpers import flagged, rules


@pytest.mark.parametrize(
    "message",
    [
        "Any advice?",
        "Let me know your thoughts!",
        "Would love to connect!",
        "I'd love to learn more about your career.",
        "Could you share some tips for someone new to sales?",
        "Thanks for your keynote on community-led growth, it was brilliant!",
        "Would you be my mentor?",
        "Can I pick your brain about pricing?",
        "Do you have any words of wisdom?",
        "I'd appreciate any pointers you could give me on surviving academia.",
        "Hey, got a sec? Want to run something by you.",
        "How did you get started?",
    ],
)
def test_it_flags_a_message_without_a_concrete_question(message):
    assert "no-specific-ask" in rules(message)


@pytest.mark.parametrize(
    "message",
    [
        "How did you handle schema changes in old events?",
        "Could you review my cover letter for the Bain application?",
        "What hydration did you settle on for the sourdough?",
        "Did retries hide real bugs for you?",
        "I'd love to hear how you tiered your major-gift asks.",
        "Our cluster upgrade broke the ingress controller \u2014 did yours?",
        "Quick question: do you pin your Helm chart versions or let them float?",
        "I'm curious whether tribunals have treated hybrid-working refusals differently.",
        "I'd value your eye on the assent section of our consent form.",
    ],
)
def test_it_leaves_a_concrete_question_alone(message):
    assert "no-specific-ask" not in rules(message)


def test_the_finding_points_at_the_first_vague_ask():
    message = "I run a bakery in Leeds. Any tips? Let me know!"
    assert flagged("no-specific-ask", message) == ["Any tips?"]


def test_a_message_that_asks_nothing_is_flagged_as_a_whole():
    message = "  Loved your post on rural broadband co-ops.  "
    assert flagged("no-specific-ask", message) == ["Loved your post on rural broadband co-ops."]
