"""Who sees a suggestion, and dismissing one (home page and the dismiss endpoint)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trellis.matching import services
from trellis.matching.models import HelperList, RecommendationRefresh, Round, Suggestion

HOME = reverse("home:home")
EXPLANATION = "Ana Lima and Ben Okafor both work on Kubernetes."


def dismiss(suggestion) -> str:
    return reverse("matching:suggestion_dismiss", args=[suggestion.pk])


def home(client, member) -> str:
    client.force_login(member.user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def fresh_recommendations(*members):
    """Mark recommendations (and who could help) as just computed, so the home page does not
    ask for more."""
    for member in members:
        member.refresh_from_db()
        RecommendationRefresh.objects.update_or_create(
            member=member, defaults={"refreshed_at": member.updated_at}
        )
        HelperList.objects.update_or_create(
            member=member, defaults={"about": "member", "computed_at": member.updated_at}
        )


def test_round_suggestions_appear_for_both_members_only_after_publishing(
    client, done_round, organiser, ana, ben
):
    fresh_recommendations(ana, ben)
    assert EXPLANATION not in home(client, ana)
    assert EXPLANATION not in home(client, ben)

    services.round_publish(round_id=done_round.pk, organiser=organiser.user)

    for member, other in ((ana, ben), (ben, ana)):
        content = home(client, member)
        assert EXPLANATION in content
        assert other.display_name in content
        assert other.get_absolute_url() in content


def test_a_member_does_not_see_pairs_they_are_not_in(client, published_round, ana, carla, dev):
    fresh_recommendations(ana)
    content = home(client, ana)

    assert "Carla Mendes and Dev Patel" not in content


def test_a_member_cannot_dismiss_someone_elses_suggestion(client, published_round, ana, carla):
    theirs = Suggestion.objects.get(round=published_round, member_a=carla.pk)
    client.force_login(ana.user)

    response = client.post(dismiss(theirs))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == "shown"


def test_a_suggestion_of_an_unpublished_round_cannot_be_dismissed(client, done_round, ana, ben):
    suggestion = Suggestion.objects.get(round=done_round, member_a=ana, member_b=ben)
    client.force_login(ana.user)

    assert client.post(dismiss(suggestion)).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.a_dismissed_at is None


def test_dismissing_hides_it_from_the_dismisser_but_not_the_other_member(
    client, published_round, ana, ben
):
    fresh_recommendations(ana, ben)
    suggestion = Suggestion.objects.get(round=published_round, member_a=ana, member_b=ben)
    client.force_login(ana.user)

    response = client.post(dismiss(suggestion), follow=True)

    assert response.redirect_chain == [(HOME, 302)]
    assert "will not be suggested to you again" in response.content.decode()
    assert EXPLANATION not in home(client, ana)
    assert EXPLANATION in home(client, ben)
    suggestion.refresh_from_db()
    assert suggestion.a_dismissed_at is not None and suggestion.b_dismissed_at is None
    assert suggestion.state == "dismissed"


def test_dismissing_with_htmx_swaps_in_a_note_with_undo(client, published_round, ana, ben):
    suggestion = Suggestion.objects.get(round=published_round, member_a=ana, member_b=ben)
    client.force_login(ben.user)

    response = client.post(dismiss(suggestion), headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Dismissed Ana Lima" in content
    assert reverse("home:suggestion_restore", args=[suggestion.pk]) in content
    assert ">Undo</button>" in content
    suggestion.refresh_from_db()
    assert suggestion.b_dismissed_at is not None


def test_dismiss_is_post_only_and_needs_a_sign_in(client, published_round, ana, ben):
    suggestion = Suggestion.objects.get(round=published_round, member_a=ana, member_b=ben)

    assert client.post(dismiss(suggestion)).status_code == 302  # to sign in
    client.force_login(ana.user)
    assert client.get(dismiss(suggestion)).status_code == 405
    suggestion.refresh_from_db()
    assert suggestion.state == "shown"


def test_the_home_page_items_post_to_dismiss_with_htmx(client, published_round, ana, ben):
    fresh_recommendations(ana)
    suggestion = Suggestion.objects.get(round=published_round, member_a=ana, member_b=ben)

    content = home(client, ana)

    assert f'hx-post="{dismiss(suggestion)}"' in content
    assert f'action="{dismiss(suggestion)}"' in content
    assert f'hx-target="#suggestion-{suggestion.pk}"' in content


def suggest(member, other, *, round_obj=None):
    a, b = sorted((member, other), key=lambda m: m.pk)
    return Suggestion.objects.create(
        kind=Suggestion.Kind.ROUND if round_obj else Suggestion.Kind.RECOMMENDATION,
        round=round_obj,
        recommended_to=None if round_obj else member,
        member_a=a,
        member_b=b,
        score=0.5,
        explanation=f"{other.display_name} works on Kubernetes too.",
    )


def test_the_home_page_costs_the_same_queries_whatever_the_number_of_suggestions(
    client, make_member, ana
):
    published = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())

    def queries() -> tuple[int, int, int]:
        fresh_recommendations(ana)
        client.force_login(ana.user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(HOME)
        shown = (len(response.context["suggestions"]), len(response.context["recommendations"]))
        return len(captured), *shown

    suggest(ana, make_member(), round_obj=published)
    suggest(ana, make_member())
    one = queries()
    for _ in range(5):
        suggest(ana, make_member(), round_obj=published)
        suggest(ana, make_member())

    many = queries()

    assert (one[1:], many[1:]) == ((1, 1), (6, 5))
    assert many[0] == one[0]


def test_someone_suggested_twice_is_shown_once(client, make_member, ana, ben):
    fresh_recommendations(ana)
    for _ in range(2):
        published = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
        suggest(ana, ben, round_obj=published)
    suggest(ana, ben)

    content = home(client, ana)

    assert content.count("Ben Okafor works on Kubernetes too.") == 1
