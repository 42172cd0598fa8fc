"""The composer page and its live ask linter: from a profile or a suggestion."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.connections.models import Intro, Origin
from trellis.connections.tests.conftest import GROUNDED
from trellis.matching.models import Round, Suggestion
from trellis.notifications.models import Notification
from trellis.people.services import member_update

MENTOR_ASK = "Will you be my mentor?"


def compose(member) -> str:
    return reverse("home:compose", args=[member.pk])


def lint(member) -> str:
    return reverse("home:compose_lint", args=[member.pk])


@pytest.fixture
def suggestion(ana, ben):
    a, b = sorted((ana, ben), key=lambda m: m.pk)
    round_obj = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    explanation = "You both work on Kubernetes."
    sides = {"explanation_for_a": explanation, "explanation_for_b": explanation}
    return Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5, **sides)


def test_the_composer_is_prefilled_with_a_grounded_draft(ana_client, ben):
    response = ana_client.get(compose(ben))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Introduce yourself to Ben Okafor" in content
    assert "I saw on your profile that you&#x27;re learning k8s" in content
    assert 'hx-trigger="keyup changed delay:400ms"' in content
    assert f'hx-post="{lint(ben)}"' in content
    assert not Intro.objects.exists()  # GET writes nothing


def test_the_profile_page_offers_introduce_yourself(ana_client, ben):
    content = ana_client.get(reverse("home:profile", args=[ben.pk])).content.decode()

    assert compose(ben) in content
    assert "Introduce yourself" in content


def test_ones_own_profile_offers_no_intro(ana_client, ana):
    content = ana_client.get(reverse("home:profile", args=[ana.pk])).content.decode()

    assert compose(ana) not in content


def test_the_home_page_suggestion_links_to_the_composer(client, suggestion, ana, ben):
    from trellis.matching.models import RecommendationRefresh

    RecommendationRefresh.objects.create(member=ana, refreshed_at=timezone.now())
    client.force_login(ana.user)

    content = client.get(reverse("home:home")).content.decode()

    assert f"{compose(ben)}?suggestion={suggestion.pk}" in content


def test_from_a_suggestion_the_composer_shows_its_explanation(ana_client, suggestion, ben):
    response = ana_client.get(f"{compose(ben)}?suggestion={suggestion.pk}")

    assert "You both work on Kubernetes." in response.content.decode()


def test_a_suggestion_of_other_people_reads_as_one_no_longer_offered(ana_client, carla, dev, ben):
    a, b = sorted((carla, dev), key=lambda m: m.pk)
    theirs = Suggestion.objects.create(
        kind=Suggestion.Kind.RECOMMENDATION, recommended_to=carla, member_a=a, member_b=b, score=1
    )

    response = ana_client.get(f"{compose(ben)}?suggestion={theirs.pk}")

    content = response.content.decode()
    assert response.status_code == 200
    assert "This suggestion is no longer offered" in content
    assert "Carla" not in content and "Dev Patel" not in content  # nothing of theirs
    assert ana_client.get(f"{compose(ben)}?suggestion=nonsense").status_code == 404


def test_sending_from_a_suggestion_records_where_it_came_from(ana_client, suggestion, ben):
    response = ana_client.post(
        compose(ben), {"message": GROUNDED, "action": "send", "suggestion": suggestion.pk}
    )

    intro = Intro.objects.get()
    assert response.status_code == 302
    assert response.url == intro.get_absolute_url()
    assert (intro.origin, intro.suggestion, intro.state) == (
        Origin.SUGGESTION,
        suggestion,
        Intro.State.SENT,
    )


def test_a_mentor_ask_is_sent_and_its_findings_are_shown_after(ana_client, ben):
    response = ana_client.post(compose(ben), {"message": MENTOR_ASK, "action": "send"}, follow=True)

    content = response.content.decode()
    assert Intro.objects.get().state == Intro.State.SENT
    assert "The ask linter had" in content
    assert "What the ask linter noticed when you sent it" in content
    assert "open-ended commitment" in content


def test_the_live_linter_explains_each_finding_and_suggests_a_rewrite(ana_client, ben):
    response = ana_client.post(lint(ben), {"message": MENTOR_ASK}, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content  # a fragment
    assert 'data-rule="mentor-ask"' in content
    assert "<q>Will you be my mentor</q>" in content
    assert "open-ended commitment" in content  # why
    assert "Try:</strong> Instead of" in content  # the rewrite


def test_the_live_linter_has_nothing_to_say_about_a_grounded_intro(ana_client, ben):
    content = ana_client.post(lint(ben), {"message": GROUNDED}).content.decode()

    assert "nothing to add" in content
    assert "lint-finding" not in content


def test_the_live_linter_writes_nothing(ana_client, ben):
    ana_client.post(lint(ben), {"message": MENTOR_ASK})

    assert not Intro.objects.exists()


def test_saving_a_draft_keeps_it_for_the_next_visit(ana_client, ben):
    ana_client.post(compose(ben), {"message": "Hi Ben, my own words.", "action": "save"})

    assert Intro.objects.get().state == Intro.State.DRAFT
    assert "Hi Ben, my own words." in ana_client.get(compose(ben)).content.decode()
    assert not Notification.objects.exists()


def test_an_empty_message_is_refused_with_a_reason_and_nothing_is_written(ana_client, ben):
    response = ana_client.post(compose(ben), {"message": "  ", "action": "send"})

    assert response.status_code == 200
    assert "Write a message before sending." in response.content.decode()
    assert not Intro.objects.exists()


def test_a_refused_intro_shows_why_and_writes_nothing(ana_client, make_member, ana):
    boss = make_member("Bo Boss")
    member_update(member=ana, manager=boss)

    page = ana_client.get(compose(boss)).content.decode()
    response = ana_client.post(compose(boss), {"message": GROUNDED, "action": "send"})

    assert "Bo Boss is above you in your reporting line." in page
    assert "Bo Boss is above you in your reporting line." in response.content.decode()
    assert not Intro.objects.exists()


def test_a_member_who_left_cannot_be_composed_to(ana_client, ben):
    member_update(member=ben, status="left")

    assert ana_client.get(compose(ben)).status_code == 404
    assert ana_client.post(lint(ben), {"message": "x"}).status_code == 404


def test_a_missing_member_is_not_found(ana_client):
    assert ana_client.get(reverse("home:compose", args=[999999])).status_code == 404


def test_a_login_without_a_profile_has_no_composer(client, ben, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(compose(ben)).status_code == 404


def test_a_broken_linter_never_stops_the_composer(ana_client, ben, monkeypatch):
    from trellis.connections import composer

    def broken(*args, **kwargs):
        raise RuntimeError("the linter is broken")

    monkeypatch.setattr(composer, "lint_intro", broken)

    assert ana_client.get(compose(ben)).status_code == 200
    assert ana_client.post(lint(ben), {"message": MENTOR_ASK}).status_code == 200
    ana_client.post(compose(ben), {"message": MENTOR_ASK, "action": "send"})
    assert Intro.objects.get().state == Intro.State.SENT
