"""mentor-ask: "will you be my mentor" and the ways people really write it."""

import pytest

from trellis.lint.tests.helpers import findings_of, flagged, rules


@pytest.mark.parametrize(
    "message",
    [
        "Will you be my mentor?",
        "would you mentor me?",
        "Be my mentor?",
        "I'm looking for a mentor in product design.",
        "Can you mentor me?",
        "I\u2019d love you to mentor me.",
        "Could you become my mentor?",
        "I'm hoping for some mentorship from you.",
        "WILL YOU BE MY MENTOR",
        "wud u be my mentr??",
        "I would be so grateful for your mentorship.",
        "Are you taking on mentees this year?",
        "Would you consider taking me under your wing?",
        "I'd love to become your mentee.",
        "Would you act as my mentor for the CIPD course?",
        "I'm in search of a mentor who knows logistics.",
        "Would you be open to mentoring me, even informally?",
        "I\u2019d be honoured if you\u2019d be my mentor \U0001f64f",
        "Id love if u would mentor me",
        "Would you be open to a monthly mentoring call?",
    ],
)
def test_it_flags_a_request_to_be_mentored(message):
    assert "mentor-ask" in rules(message)


@pytest.mark.parametrize(
    "message",
    [
        "My mentor at my last job taught me to write every incident review as a story.",
        "I mentor two juniors on the platform team.",
        "She was my mentor for years and I still call her.",
        "Sam, who used to be my mentor, suggested I write to you.",
        "I'm a volunteer mentor at Code Club.",
        "Our mentoring programme matched us last spring.",
        "I'm not looking for a mentor, just one answer about Terraform state.",
        "I'm not asking you to be my mentor.",
        "I'm happy to mentor someone on your team in return.",
        "Would you mentor our new graduate on the robotics work?",
        "Thanks for mentoring me through onboarding last year.",
        "I'd love to be a mentor at the hackathon.",
        "Priya agreed to mentor me last year and it changed how I plan work.",
        "Your mentorship programme write-up was great.",
    ],
)
def test_it_leaves_mentors_mentioned_in_passing_alone(message):
    assert "mentor-ask" not in rules(message)


def test_the_finding_points_at_the_request_with_its_question():
    message = "Hi Dana \U0001f44b \u2014 will you be my mentor?"
    assert flagged("mentor-ask", message) == ["will you be my mentor"]


def test_each_request_in_a_message_is_its_own_finding():
    message = "Will you be my mentor? I mean it: would you mentor me?"
    assert flagged("mentor-ask", message) == ["Will you be my mentor", "would you mentor me"]


def test_the_suggestion_asks_about_the_shared_work_instead():
    (finding,) = findings_of("mentor-ask", "Will you be my mentor?", shared=["Kubernetes upgrades"])
    assert "Kubernetes upgrades" in finding.suggestion
    assert "Will you be my mentor" in finding.suggestion
    assert "hierarchy" in finding.why
