"""Recording what one saw someone do (with the linter as one types), the subject's choice
to show it on their profile, taking one back, and what a profile shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.initiatives import services
from trellis.initiatives.models import Observation
from trellis.initiatives.tests.conftest import snapshot
from trellis.lint.intro import Finding
from trellis.notifications.models import Notification
from trellis.people.services import member_update

SPECIFIC = "Led the data migration and caught the duplicate-invoice bug before launch."
HIDDEN = "Ran the incident review for the March outage and wrote the timeline."
SHOWN = "Rewrote the on-call runbook so a new joiner could follow it at 3am."


def new_about(member) -> str:
    return reverse("initiatives:observation_new", args=[member.pk])


def lint_about(member) -> str:
    return reverse("initiatives:observation_lint", args=[member.pk])


def show_of(observation) -> str:
    return reverse("initiatives:observation_show", args=[observation.pk])


def delete_of(observation) -> str:
    return reverse("initiatives:observation_delete", args=[observation.pk])


def profile_of(member) -> str:
    return reverse("home:profile", args=[member.pk])


def today() -> str:
    return timezone.localdate().isoformat()


def record(observer, subject, text=SPECIFIC, **fields):
    fields.setdefault("seen_on", timezone.localdate())
    return services.observation_record(observer=observer, subject=subject, text=text, **fields)


@pytest.fixture
def observation(ana, ben) -> Observation:
    """Ben's observation about Ana, not shown on her profile."""
    return record(ben, ana, HIDDEN)


# Recording -----------------------------------------------------------------------------


def test_the_form_asks_what_was_seen_and_when(client, ana, ben):
    client.force_login(ben.user)

    response = client.get(new_about(ana))

    content = response.content.decode()
    assert "Record what you saw Ana Lima do" in content
    assert 'name="text"' in content
    assert f'value="{today()}"' in content
    assert f'hx-post="{lint_about(ana)}"' in content


def test_a_member_records_what_they_saw_and_the_subject_is_told(client, ana, ben):
    client.force_login(ben.user)

    response = client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today()}, follow=True)

    assert response.redirect_chain == [(profile_of(ana), 302)]
    assert "Recorded. Ana Lima can read it, and chooses whether it shows on their profile." in (
        response.content.decode()
    )
    observation = Observation.objects.get()
    assert (observation.observer, observation.subject, observation.text) == (ben, ana, SPECIFIC)
    assert observation.shown_on_profile is False
    assert Notification.objects.filter(
        recipient=ana, kind=Notification.Kind.OBSERVATION_RECEIVED
    ).exists()


def test_an_observation_can_be_on_an_initiative_the_subject_worked_on(client, on_team, ana, carla):
    initiative = on_team.initiative
    client.force_login(carla.user)

    form = client.get(new_about(ana), {"initiative": initiative.pk}).content.decode()
    assert f'<option value="{initiative.pk}" selected>Kubernetes cost reports</option>' in form

    client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today(), "initiative": initiative.pk})

    assert Observation.objects.get().initiative == initiative


def test_an_initiative_the_subject_is_not_on_is_refused(client, initiative, ana, ben):
    client.force_login(ben.user)
    before = snapshot()

    response = client.post(
        new_about(ana), {"text": SPECIFIC, "seen_on": today(), "initiative": initiative.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert snapshot() == before


def test_an_observation_about_oneself_is_refused_and_nothing_written(client, ana):
    client.force_login(ana.user)
    before = snapshot()

    response = client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today()}, follow=True)

    assert response.redirect_chain == [(reverse("initiatives:visibility"), 302)]
    assert "You can&#x27;t record an observation about yourself." in response.content.decode()
    assert snapshot() == before


def test_the_form_about_oneself_is_not_shown_either(client, ana):
    client.force_login(ana.user)

    response = client.get(new_about(ana))

    assert response.status_code == 302
    assert response.url == reverse("initiatives:visibility")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Say what you saw them do."),
        ({"text": "x" * 2001}, "Keep this under 2000 characters; it has 2001."),
        ({"seen_on": ""}, "Say when you saw it (a date)."),
        ({"seen_on": "last Tuesday"}, "Give the date as a date, e.g. 2026-11-20."),
        ({"seen_on": "tomorrow"}, "That date is in the future: when did you see it?"),
        ({"seen_on": "six years ago"}, "That was more than five years ago: pick a later date."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    client, ana, ben, fields, message
):
    dates = {
        "tomorrow": timezone.localdate() + timedelta(days=1),
        "six years ago": timezone.localdate() - timedelta(days=6 * 366),
    }
    if fields.get("seen_on") in dates:
        fields = fields | {"seen_on": dates[fields["seen_on"]].isoformat()}
    client.force_login(ben.user)
    before = snapshot()

    response = client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today()} | fields)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


def test_nobody_can_record_an_observation_about_someone_who_left(client, ana, ben):
    member_update(member=ana, status="left")
    client.force_login(ben.user)
    before = snapshot()

    assert client.get(new_about(ana)).status_code == 404
    assert client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today()}).status_code == 404
    assert snapshot() == before


def test_an_anonymous_visitor_is_sent_to_sign_in(client, ana):
    response = client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today()})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not Observation.objects.exists()


# The linter as one types (htmx) -----------------------------------------------------------


def test_the_lint_endpoint_is_post_only(client, ana, ben):
    client.force_login(ben.user)

    assert client.get(lint_about(ana), {"text": "Great job!"}).status_code == 405


def test_the_lint_endpoint_nudges_vague_praise_and_writes_nothing(client, ana, ben):
    client.force_login(ben.user)
    before = snapshot()

    response = client.post(lint_about(ana), {"text": "Great job!"}, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content  # the findings partial, not a page
    assert [f["rule"] for f in response.context["findings"]] == ["vague-praise"]
    assert 'data-rule="vague-praise"' in content
    assert "The observation linter noticed" in content
    assert snapshot() == before


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Great job!", "vague-praise"),
        ("Very helpful, thanks.", "vague-praise"),
        ("Ana is so smart and a natural leader.", "about-the-person"),
        ("I'd rate her 9/10.", "rating"),
    ],
)
def test_the_lint_endpoint_names_the_rule_it_applies(client, ana, ben, text, rule):
    client.force_login(ben.user)

    response = client.post(lint_about(ana), {"text": text})

    assert rule in {f["rule"] for f in response.context["findings"]}


def test_a_specific_observation_gets_no_vague_praise_nudge(client, ana, ben):
    client.force_login(ben.user)

    response = client.post(lint_about(ana), {"text": SPECIFIC})

    assert "vague-praise" not in {f["rule"] for f in response.context["findings"]}


def test_the_partial_shows_each_finding_with_its_words_why_and_a_suggestion(
    client, ana, ben, monkeypatch
):
    # Whatever the linter's rules, the endpoint shows what it returns, quoting the span.
    def fake_lint(text, subject):
        assert subject == "Ana Lima"
        return [Finding("vague-praise", 0, 10, "Says nothing she did.", "Name what she did.")]

    monkeypatch.setattr("trellis.initiatives.services.work.lint_observation", fake_lint)
    client.force_login(ben.user)

    content = client.post(lint_about(ana), {"text": "Great job! Thanks."}).content.decode()

    assert '<li class="lint-finding" data-rule="vague-praise">' in content
    assert "<q>Great job!</q>" in content
    assert "Says nothing she did." in content
    assert "<strong>Try:</strong> Name what she did." in content


def test_a_clean_text_says_the_linter_has_nothing_to_add(client, ana, ben, monkeypatch):
    monkeypatch.setattr("trellis.initiatives.services.work.lint_observation", lambda t, subject: [])
    client.force_login(ben.user)

    content = client.post(lint_about(ana), {"text": SPECIFIC}).content.decode()

    assert "Specific: the observation linter has nothing to add." in content


def test_an_empty_text_gets_no_verdict(client, ana, ben):
    client.force_login(ben.user)

    content = client.post(lint_about(ana), {"text": "  "}).content.decode()

    assert "lint-clean" not in content
    assert "lint-finding" not in content


def test_a_linter_that_fails_does_not_break_the_form(client, ana, ben, monkeypatch):
    def broken(text, subject):
        raise RuntimeError("boom")

    monkeypatch.setattr("trellis.initiatives.services.work.lint_observation", broken)
    client.force_login(ben.user)

    response = client.post(new_about(ana), {"text": SPECIFIC, "seen_on": today()})

    assert response.status_code == 302
    assert Observation.objects.get().findings == []


# Showing and hiding on the profile --------------------------------------------------------


def test_the_subject_shows_an_observation_on_their_profile_then_hides_it(client, observation, ana):
    client.force_login(ana.user)

    response = client.post(show_of(observation), {"shown": "1"}, follow=True)

    target = reverse("initiatives:visibility") + f"#observation-{observation.pk}"
    assert response.redirect_chain == [(target, 302)]
    assert "It shows on your profile now." in response.content.decode()
    observation.refresh_from_db()
    assert observation.shown_on_profile is True

    response = client.post(show_of(observation), {"shown": "0"}, follow=True)

    assert "It no longer shows on your profile." in response.content.decode()
    observation.refresh_from_db()
    assert observation.shown_on_profile is False


def test_the_observer_and_everyone_else_cannot_show_or_hide_it(
    client, observation, ben, dev, organiser
):
    before = snapshot()
    for someone in (ben, dev, organiser):
        client.force_login(someone.user)
        assert client.post(show_of(observation), {"shown": "1"}).status_code == 404

    assert snapshot() == before


def test_showing_is_post_only(client, observation, ana):
    client.force_login(ana.user)

    assert client.get(show_of(observation), {"shown": "1"}).status_code == 405
    observation.refresh_from_db()
    assert observation.shown_on_profile is False


# Taking one back ----------------------------------------------------------------------------


def test_the_observer_takes_their_observation_back(client, observation, ben):
    client.force_login(ben.user)

    response = client.post(delete_of(observation), follow=True)

    assert response.redirect_chain == [(reverse("initiatives:visibility") + "#written", 302)]
    assert "Observation taken back." in response.content.decode()
    assert not Observation.objects.exists()


def test_the_subject_and_everyone_else_cannot_delete_it(client, observation, ana, dev, organiser):
    before = snapshot()
    for someone in (ana, dev, organiser):
        client.force_login(someone.user)
        assert client.post(delete_of(observation)).status_code == 404

    assert snapshot() == before


def test_deleting_is_post_only(client, observation, ben):
    client.force_login(ben.user)

    assert client.get(delete_of(observation)).status_code == 405
    assert Observation.objects.exists()


# What a profile shows -------------------------------------------------------------------------


@pytest.fixture
def shown_and_hidden(observation, ana, dev):
    """Ben's observation Ana keeps to herself, and Dev's she shows on her profile."""
    shown = record(dev, ana, SHOWN)
    services.observation_show(observation=shown, member=ana, shown=True)
    return shown, observation


def test_the_subject_sees_every_observation_about_them_on_their_profile(
    client, shown_and_hidden, ana
):
    client.force_login(ana.user)

    content = client.get(profile_of(ana)).content.decode()

    assert SHOWN in content
    assert HIDDEN in content
    assert "only you see it" in content


def test_other_members_see_only_the_observations_the_subject_shows(
    client, shown_and_hidden, ana, carla
):
    client.force_login(carla.user)

    content = client.get(profile_of(ana)).content.decode()

    assert SHOWN in content
    assert HIDDEN not in content


def test_the_observer_also_sees_the_one_they_wrote(client, shown_and_hidden, ana, ben):
    client.force_login(ben.user)

    content = client.get(profile_of(ana)).content.decode()

    assert SHOWN in content
    assert HIDDEN in content
    assert "you wrote it; Ana Lima has not chosen to show it" in content


def test_the_organiser_never_sees_an_observation_that_is_not_shown(
    client, shown_and_hidden, ana, organiser
):
    client.force_login(organiser.user)

    content = client.get(profile_of(ana)).content.decode()

    assert SHOWN in content
    assert HIDDEN not in content


def test_a_profile_with_nothing_shown_says_so_and_offers_to_record(client, observation, ana, carla):
    client.force_login(carla.user)

    content = client.get(profile_of(ana)).content.decode()

    assert "Nothing shown yet." in content
    assert new_about(ana) in content
