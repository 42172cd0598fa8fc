"""The directory: find people by name, topic (however it is written) or team."""

import pytest
from django.urls import reverse

from trellis.people.models import Member

DIRECTORY = reverse("people:directory")

# Session, user, current member and unread notifications (base template), count, page,
# page's topic links. No list of teams: the team field is a type-ahead.
DIRECTORY_QUERIES = 7
TEAM_SUGGESTIONS = reverse("people:team_suggestions")


def names(response) -> list[str]:
    assert response.status_code == 200
    return [member.display_name for member in response.context["page"].object_list]


def search(client, **params) -> list[str]:
    return names(client.get(DIRECTORY, params))


@pytest.mark.django_db
def test_the_directory_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={DIRECTORY}"


def test_it_lists_every_member_by_name(ana_client, ben):
    assert search(ana_client) == ["Ana Lima", "Ben Okafor"]


def test_it_shows_what_each_member_works_on_and_their_topics(ana_client, ben):
    content = ana_client.get(DIRECTORY).content.decode()

    assert "Working on: accessibility audit of the checkout" in content
    assert '<span class="tag">Accessibility</span>' in content
    assert ben.get_absolute_url() in content


@pytest.mark.parametrize("q", ["okafor", "BEN", "Ben Oka", "ben okafor"])
def test_it_finds_members_by_name_whatever_the_case(ana_client, ben, q):
    assert search(ana_client, q=q) == ["Ben Okafor"]


def test_it_finds_a_name_with_an_accented_capital_whatever_the_case(ana_client, make_member):
    make_member("Élodie Durand", email="elodie@example.org")

    assert search(ana_client, q="élodie") == ["Élodie Durand"]


def test_a_name_nobody_has_finds_nobody(ana_client, ben):
    response = ana_client.get(DIRECTORY, {"q": "Zebedee"})

    assert names(response) == []
    assert "Nobody matches these filters yet." in response.content.decode()


@pytest.mark.parametrize(
    ("topic", "found"),
    [
        ("Accessibility", ["Ben Okafor"]),
        ("accessibility", ["Ben Okafor"]),
        ("a11y", ["Ben Okafor"]),
        ("WCAG", ["Ben Okafor"]),
        ("web accessibility", ["Ben Okafor"]),
        ("Kubernetes", ["Ana Lima", "Ben Okafor"]),
        ("k8s", ["Ana Lima", "Ben Okafor"]),
        ("container orchestration", ["Ana Lima", "Ben Okafor"]),
        ("terraform", ["Ana Lima"]),
        ("go-programming", ["Ana Lima"]),
    ],
)
def test_it_finds_members_by_topic_name_slug_synonym_or_abbreviation(ana_client, ben, topic, found):
    assert search(ana_client, topic=topic) == found


def test_the_results_name_the_topic_found(ana_client, ben):
    content = ana_client.get(DIRECTORY, {"topic": "a11y"}).content.decode()

    assert "1 person on <strong>Accessibility</strong>" in content


def test_a_member_who_mentions_a_topic_twice_is_listed_once(ana_client, make_member):
    make_member("Cara Diaz", working_on="Kubernetes", learning="k8s", can_help_with="kube")

    assert search(ana_client, topic="kubernetes") == ["Ana Lima", "Cara Diaz"]


def test_an_unknown_topic_says_so_and_lists_nobody(ana_client, ben):
    response = ana_client.get(DIRECTORY, {"topic": "underwater basket weaving"})

    content = response.content.decode()
    assert "No topic in the vocabulary matches “underwater basket weaving”" in content
    assert names(response) == []


def test_it_finds_members_by_team(ana_client, ben):
    assert search(ana_client, team="Checkout") == ["Ben Okafor"]
    assert search(ana_client, team="Platform") == ["Ana Lima"]


def test_an_address_filters_by_one_exact_discipline(ana_client, ben, carla):
    assert search(ana_client, discipline="Design") == ["Ben Okafor"]
    assert search(ana_client, discipline="design team") == []


def test_the_team_field_is_a_type_ahead_not_a_list_of_every_team(ana_client, ben):
    content = ana_client.get(DIRECTORY).content.decode()

    assert "<select" not in content
    assert 'name="team"' in content
    assert f'hx-get="{TEAM_SUGGESTIONS}"' in content
    assert "<option" not in content
    assert ">Checkout<" not in content


def test_the_team_field_keeps_the_team_searched_for(ana_client, ben):
    content = ana_client.get(DIRECTORY, {"team": "Checkout"}).content.decode()

    assert 'name="team" id="id_team" value="Checkout"' in content


def test_a_team_only_partly_typed_filters_nobody_in(ana_client, ben):
    assert search(ana_client, team="Check") == []


def suggested(client, text: str) -> list[str]:
    response = client.get(TEAM_SUGGESTIONS, {"team": text})
    assert response.status_code == 200
    return response.context["teams"]


def test_the_team_type_ahead_offers_teams_containing_what_was_typed(ana_client, ben, make_member):
    make_member(team="Checkout Payments")
    make_member(team="Zeta", status=Member.Status.LEFT)

    assert suggested(ana_client, "check") == ["Checkout", "Checkout Payments"]
    assert suggested(ana_client, "PAY") == ["Checkout Payments"]
    assert suggested(ana_client, "zeta") == []


def test_the_team_type_ahead_answers_options_for_the_fields_list(ana_client, ben):
    content = ana_client.get(TEAM_SUGGESTIONS, {"team": "out"}).content.decode()

    assert content.strip() == '<option value="Checkout"></option>'


def test_the_team_type_ahead_offers_at_most_ten_teams(ana_client, make_member):
    for n in range(12):
        make_member(team=f"Squad {n:02}")

    assert suggested(ana_client, "squad") == [f"Squad {n:02}" for n in range(10)]


@pytest.mark.parametrize("text", ["", "   ", "x" * 200, "bad\x00nul"])
def test_the_team_type_ahead_offers_nothing_for_empty_or_impossible_text(ana_client, ben, text):
    assert suggested(ana_client, text) == []


@pytest.mark.django_db
def test_the_team_type_ahead_sends_anonymous_visitors_to_sign_in(client):
    assert client.get(TEAM_SUGGESTIONS, {"team": "che"}).status_code == 302


def test_the_team_type_ahead_costs_the_same_queries_whatever_the_number_of_teams(
    ana_client, make_member, django_assert_num_queries
):
    for n in range(15):
        make_member(team=f"Squad {n:02}")

    # Session, user, and the one query for the names.
    with django_assert_num_queries(3):
        assert len(suggested(ana_client, "squad")) == 10


def test_filters_combine(ana_client, ben, make_member):
    make_member("Cara Diaz", team="Checkout", working_on="Kubernetes")

    assert search(ana_client, topic="k8s", team="Checkout") == ["Ben Okafor", "Cara Diaz"]
    assert search(ana_client, topic="k8s", team="Checkout", q="cara") == ["Cara Diaz"]


def test_members_who_left_are_hidden(ana_client, ben, make_member):
    make_member("Lee Left", team="Checkout", working_on="Kubernetes", status=Member.Status.LEFT)

    assert "Lee Left" not in search(ana_client)
    assert search(ana_client, q="Lee") == []
    assert "Lee Left" not in search(ana_client, topic="Kubernetes")
    assert "Lee Left" not in search(ana_client, team="Checkout")


def test_paused_members_are_listed_with_a_badge(ana_client, make_member):
    make_member("Pat Paused", status=Member.Status.PAUSED)

    response = ana_client.get(DIRECTORY, {"q": "Pat"})

    assert names(response) == ["Pat Paused"]
    assert '<span class="badge">Paused</span>' in response.content.decode()


def test_the_directory_is_paginated(ana_client, make_member, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for name in ("Bea", "Cai", "Dov", "Eli"):
        make_member(name)

    response = ana_client.get(DIRECTORY, {"page": 2})

    assert names(response) == ["Cai", "Dov"]
    assert "Page 2 of 3" in response.content.decode()
    assert search(ana_client, page=3) == ["Eli"]


def test_a_page_past_the_end_shows_the_last_page(ana_client, make_member, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for name in ("Bea", "Cai"):
        make_member(name)

    assert search(ana_client, page=99) == ["Cai"]
    assert search(ana_client, page="not a number") == ["Ana Lima", "Bea"]


def test_page_links_keep_the_filters(ana_client, make_member, settings):
    settings.DIRECTORY_PAGE_SIZE = 1
    make_member("Cara Diaz", team="Platform")

    content = ana_client.get(DIRECTORY, {"team": "Platform"}).content.decode()

    assert 'href="?team=Platform&amp;page=2"' in content


def test_an_htmx_request_gets_only_the_results(ana_client, ben):
    response = ana_client.get(DIRECTORY, {"q": "ben"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'role="search"' not in content
    assert "Ben Okafor" in content


def test_an_htmx_history_restore_gets_the_whole_page(ana_client, ben):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

    content = ana_client.get(DIRECTORY, {"q": "ben"}, headers=headers).content.decode()

    assert "<html" in content


def test_the_response_varies_on_the_htmx_header(ana_client):
    response = ana_client.get(DIRECTORY, headers={"HX-Request": "true"})

    assert "HX-Request" in response.headers.get("Vary", "")


def test_a_plain_request_gets_the_whole_page(ana_client, ben):
    content = ana_client.get(DIRECTORY, {"q": "ben"}).content.decode()

    assert "<html" in content
    assert 'role="search"' in content
    assert 'hx-get="/people/"' in content


def test_the_directory_only_answers_get(ana_client):
    assert ana_client.post(DIRECTORY).status_code == 405


def add_members_with_topics(make_member, count: int) -> None:
    for n in range(count):
        make_member(
            f"Person {n:02}",
            team=f"Team {n % 3}",
            working_on="Kubernetes upgrades, a11y",
            can_help_with="Terraform",
            learning="Go, machine learning",
        )


def test_the_number_of_queries_does_not_grow_with_the_number_of_members(
    ana_client, make_member, django_assert_num_queries, settings
):
    settings.DIRECTORY_PAGE_SIZE = 25
    add_members_with_topics(make_member, 4)

    with django_assert_num_queries(DIRECTORY_QUERIES):
        assert len(search(ana_client)) == 5

    add_members_with_topics(make_member, 20)

    with django_assert_num_queries(DIRECTORY_QUERIES):
        assert len(search(ana_client)) == 25


def test_the_number_of_queries_of_a_topic_search_does_not_grow_with_the_results(
    ana_client, make_member, django_assert_num_queries, settings
):
    settings.DIRECTORY_PAGE_SIZE = 25
    add_members_with_topics(make_member, 4)
    search(ana_client, topic="k8s")  # builds the topic matcher, which is then cached
    # The topic lookup adds: slug, vocabulary version (2), topic by the slug found.
    topic_queries = DIRECTORY_QUERIES + 4

    with django_assert_num_queries(topic_queries):
        assert len(search(ana_client, topic="k8s")) == 5

    add_members_with_topics(make_member, 20)

    with django_assert_num_queries(topic_queries):
        assert len(search(ana_client, topic="k8s")) == 25


def test_a_search_that_is_too_long_says_so_and_lists_nobody(ana_client, ben):
    response = ana_client.get(reverse("people:directory"), {"q": "x" * 101})

    page = response.content.decode()
    assert "Name: “Name” can be at most 100 characters; it has 101." in page
    assert ben.display_name not in page
