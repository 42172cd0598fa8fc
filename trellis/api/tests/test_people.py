"""/me, /members and /topics: the caller's own profile, the directory, a profile as its
page shows it to the caller, and the vocabulary, through the pages' selectors and form."""

import pytest

from trellis.api.tests.calls import bearer
from trellis.community.models import TopicFollow
from trellis.connections import services as connections
from trellis.people.models import Member, ProfileTopic
from trellis.people.services import member_update

API = "/api/v1"
NOT_FOUND = {"detail": "Not found.", "errors": []}
GROUNDED = (
    "Hi Ben, I saw you're learning k8s; I'm in the middle of Kubernetes upgrades. "
    "I can share our upgrade checklist. What part of Kubernetes is the most confusing so far?"
)


def patch(client, url: str, body: dict, headers: dict):
    return client.patch(url, body, content_type="application/json", **headers)


def profile_rows() -> list:
    """Every member and profile-topic row, as stored: what a refused write must not touch."""
    return [
        list(Member.objects.order_by("pk").values()),
        list(ProfileTopic.objects.order_by("pk").values()),
    ]


def slugs(topics: list[dict]) -> list[str]:
    return [topic["slug"] for topic in topics]


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser(email="root@example.org", password="x")


# /me ---------------------------------------------------------------------------------


def test_me_answers_the_callers_own_member_and_profile(client, ana, ben):
    member_update(member=ana, manager=ben, level=3)

    response = client.get(f"{API}/me", **bearer(ana, scope="read"))

    assert response.status_code == 200
    me = response.json()
    assert me["id"] == ana.pk
    assert me["email"] == "ana@example.org"
    assert me["level"] == 3
    assert me["manager"] == {"id": ben.pk, "display_name": "Ben Okafor"}
    assert me["working_on"] == "Kubernetes upgrades, on-call load"
    assert "kubernetes" in slugs(me["topics"]["working_on"])
    assert "terraform" in slugs(me["topics"]["can_help_with"])


def test_me_is_not_found_for_a_login_without_a_member_profile(client, operator):
    response = client.get(f"{API}/me", **bearer(operator))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_me_asks_for_a_token_or_a_session(client, ana):
    response = client.get(f"{API}/me")

    assert response.status_code == 401
    assert response.json()["errors"] == []


def test_the_signed_in_session_reads_me_too(client, ana):
    client.force_login(ana.user)

    assert client.get(f"{API}/me").json()["id"] == ana.pk


def test_a_profile_change_saves_the_fields_given_and_keeps_the_rest(client, ana):
    body = {
        "working_on": "accessibility audits",
        "background": ["physics", "teaching"],
        "open_to_helping": False,
        "status": "paused",
    }

    response = patch(client, f"{API}/me/profile", body, bearer(ana))

    assert response.status_code == 200, response.json()
    ana.refresh_from_db()
    assert ana.working_on == "accessibility audits"
    assert ana.background == ["physics", "teaching"]
    assert ana.open_to_helping is False
    assert ana.status == Member.Status.PAUSED
    assert ana.display_name == "Ana Lima"
    assert ana.can_help_with == "Terraform, incident reviews"
    assert response.json()["status"] == "paused"


def test_a_changed_statement_is_linked_to_the_topics_it_names(client, ana):
    response = patch(client, f"{API}/me/profile", {"working_on": "k8s upgrades"}, bearer(ana))

    assert slugs(response.json()["topics"]["working_on"]) == ["kubernetes"]
    linked = ProfileTopic.objects.filter(member=ana, statement="working_on")
    assert list(linked.values_list("topic__slug", flat=True)) == ["kubernetes"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "is not a time zone we know"),
        ({"capacity": 99}, "capacity", "less than or equal to 20"),
        ({"status": "left"}, "status", "Select a valid choice"),
        ({"display_name": ""}, "display_name", "This field is required"),
        ({"display_name": "Ana\x00Lima"}, "display_name", "Null characters"),
        ({"chat_handle": "@ana\nBcc: x"}, "chat_handle", "line"),
        ({"booking_link": "http://cal.example/ana"}, "booking_link", "https://"),
        ({"working_on": "x" * 3000}, "working_on", "at most"),
        ({"background": [f"tag {n}" for n in range(40)]}, "background", "at most"),
    ],
)
def test_a_refused_profile_change_names_the_field_and_writes_nothing(
    client, ana, body, field, message
):
    before = profile_rows()

    response = patch(client, f"{API}/me/profile", body, bearer(ana))

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {error["field"] for error in errors} == {field}
    assert message in errors[0]["message"]
    assert profile_rows() == before


@pytest.mark.parametrize("field", ["level", "manager", "email"])
def test_a_profile_change_refuses_what_the_profile_page_cannot_change(client, ana, ben, field):
    before = profile_rows()

    response = patch(client, f"{API}/me/profile", {field: 1}, bearer(ana))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert profile_rows() == before


def test_a_profile_change_needs_a_token_that_may_write(client, ana):
    before = profile_rows()

    response = patch(client, f"{API}/me/profile", {"working_on": "Go"}, bearer(ana, scope="read"))

    assert response.status_code == 403
    assert profile_rows() == before


# /members ----------------------------------------------------------------------------


def names(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [member["display_name"] for member in response.json()["results"]]


def test_the_directory_lists_members_still_here_by_name(client, ana, ben, carla, make_member):
    make_member("Aaron Gone", status=Member.Status.LEFT)
    make_member("Paula Paused", status=Member.Status.PAUSED)

    response = client.get(f"{API}/members", **bearer(ana))

    assert names(response) == ["Ana Lima", "Ben Okafor", "Carla Mendes", "Paula Paused"]
    ben_there = response.json()["results"][1]
    assert ben_there["working_on"] == "accessibility audit of the checkout"
    assert "accessibility" in slugs(ben_there["topics"])
    assert "email" not in ben_there and "chat_handle" not in ben_there


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"q": "OKAFOR"}, ["Ben Okafor"]),
        ({"topic": "k8s"}, ["Ana Lima", "Ben Okafor", "Carla Mendes"]),
        ({"topic": "kubernetes", "team": "Insights"}, ["Carla Mendes"]),
        ({"discipline": "Design"}, ["Ben Okafor"]),
        ({"team": "Nobody"}, []),
    ],
)
def test_the_directory_filters_as_the_page_does(client, ana, ben, carla, filters, found):
    assert names(client.get(f"{API}/members", filters, **bearer(ana))) == found


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"topic": "no such thing at all"}, "topic"),
        ({"q": "x" * 101}, "q"),
        ({"team": "Plat\x00form"}, "team"),
        ({"discipline": "Design\nteam"}, "discipline"),
    ],
)
def test_a_bad_directory_filter_is_refused_naming_it(client, ana, filters, field):
    response = client.get(f"{API}/members", filters, **bearer(ana))

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {field}


def test_the_directory_pages_by_name_with_a_cursor(client, ana, ben, carla):
    first = client.get(f"{API}/members", {"page_size": 2}, **bearer(ana)).json()
    rest = client.get(first["next"], **bearer(ana)).json()

    assert [m["display_name"] for m in first["results"]] == ["Ana Lima", "Ben Okafor"]
    assert [m["display_name"] for m in rest["results"]] == ["Carla Mendes"]
    assert rest["next"] is None


@pytest.mark.parametrize("many", [3, 30])
def test_a_directory_page_costs_the_same_whatever_its_length(
    client, ana, make_member, django_assert_num_queries, many
):
    for n in range(many):
        make_member(f"Person {n:02}", working_on="Kubernetes, Go and accessibility")
    headers = bearer(ana, scope="read")
    client.get(f"{API}/me", **headers)  # the token's first use starts its minute's count

    # The token, its count this minute, the page, the page's topic links.
    with django_assert_num_queries(4):
        response = client.get(f"{API}/members", {"page_size": 50}, **headers)

    assert len(response.json()["results"]) == many + 1


def test_a_profile_shows_what_the_page_shows_without_a_way_to_reach_them(client, ana, ben):
    response = client.get(f"{API}/members/{ben.pk}", **bearer(ana))

    assert response.status_code == 200
    profile = response.json()
    assert profile["display_name"] == "Ben Okafor"
    assert profile["learning"] == "k8s"
    assert slugs(profile["topics"]["learning"]) == ["kubernetes"]
    assert profile["is_self"] is False
    assert profile["contact"] is None
    assert not {"email", "level", "manager", "capacity", "chat_handle"} & set(profile)


def test_a_profile_shows_how_to_reach_them_inside_an_open_relationship(client, ana, ben, carla):
    member_update(member=ben, chat_handle="@ben")
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    connections.intro_accept(intro=intro, member=ben)

    to_ana = client.get(f"{API}/members/{ben.pk}", **bearer(ana)).json()
    to_carla = client.get(f"{API}/members/{ben.pk}", **bearer(carla)).json()

    assert to_ana["contact"] == {
        "name": "Ben Okafor",
        "email": "ben@example.org",
        "chat_handle": "@ben",
        "booking_link": "",
    }
    assert to_carla["contact"] is None


def test_an_organiser_gets_no_way_to_reach_a_member(client, ana, organiser):
    member_update(member=ana, chat_handle="@ana", booking_link="https://cal.example/ana")

    profile = client.get(f"{API}/members/{ana.pk}", **bearer(organiser)).json()

    assert profile["contact"] is None
    assert "@ana" not in str(profile)


def test_someone_who_left_is_not_found_by_others_but_sees_their_own_profile(
    client, ana, ben, organiser
):
    member_update(member=ben, status=Member.Status.LEFT)

    for other in (ana, organiser):
        response = client.get(f"{API}/members/{ben.pk}", **bearer(other))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    own = client.get(f"{API}/members/{ben.pk}", **bearer(ben)).json()
    assert own["is_self"] is True


@pytest.mark.parametrize("member_id", ["999999", str(2**70), "ana", "l%0A%5DA", "-1"])
def test_an_unknown_member_is_not_found(client, ana, member_id):
    response = client.get(f"{API}/members/{member_id}", **bearer(ana))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


# /topics -----------------------------------------------------------------------------


def test_the_vocabulary_lists_topics_by_name_found_by_any_of_their_names(client, ana):
    everything = client.get(f"{API}/topics", {"page_size": 200}, **bearer(ana)).json()
    found = client.get(f"{API}/topics", {"q": "k8s"}, **bearer(ana)).json()

    listed = [topic["name"] for topic in everything["results"]]
    assert listed == sorted(listed)
    assert [topic["slug"] for topic in found["results"]] == ["kubernetes"]


def test_a_bad_topic_filter_is_refused_naming_it(client, ana):
    response = client.get(f"{API}/topics", {"q": "k8s\x00"}, **bearer(ana))

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["q"]


@pytest.mark.parametrize("page_size", [5, 50])
def test_a_page_of_topics_costs_the_same_whatever_its_length(
    client, ana, django_assert_num_queries, page_size
):
    headers = bearer(ana)
    client.get(f"{API}/me", **headers)  # the token's first use starts its minute's count

    with django_assert_num_queries(3):  # the token, its count this minute, the page
        response = client.get(f"{API}/topics", {"page_size": page_size}, **headers)

    assert len(response.json()["results"]) == page_size


def test_a_topic_reads_as_its_page_with_its_people_and_posts(client, ana, ben, carla):
    from trellis.community.services import post_create

    post = post_create(author=ben, title="Upgrading Kubernetes", body="Node pools, one by one.")

    response = client.get(f"{API}/topics/kubernetes", **bearer(ana))

    assert response.status_code == 200
    topic = response.json()
    assert topic["name"] == "Kubernetes"
    assert topic["people_count"] == 3
    assert [person["display_name"] for person in topic["people"]] == [
        "Ana Lima",
        "Ben Okafor",
        "Carla Mendes",
    ]
    assert [p["id"] for p in topic["recent_posts"]] == [post.pk]
    assert topic["following"] is False


@pytest.mark.parametrize("slug", ["no-such-topic", "kuber%00netes", "a" * 200])
def test_an_unknown_topic_is_not_found(client, ana, slug):
    response = client.get(f"{API}/topics/{slug}", **bearer(ana))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_a_member_follows_and_stops_following_a_topic(client, ana):
    headers = bearer(ana)

    followed = client.post(f"{API}/topics/kubernetes/follow", **headers)
    again = client.post(f"{API}/topics/kubernetes/follow", **headers)
    page = client.get(f"{API}/topics/kubernetes", **headers).json()
    stopped = client.delete(f"{API}/topics/kubernetes/follow", **headers)

    assert followed.status_code == again.status_code == 200
    assert followed.json()["following"] is True
    assert page["following"] is True
    assert stopped.json() == {
        "topic": {"slug": "kubernetes", "name": "Kubernetes", "area": page["area"]},
        "following": False,
    }
    assert not TopicFollow.objects.exists()


def test_following_needs_a_token_that_may_write_and_a_topic_that_exists(client, ana):
    read_only = client.post(f"{API}/topics/kubernetes/follow", **bearer(ana, scope="read"))
    unknown = client.post(f"{API}/topics/no-such-topic/follow", **bearer(ana))

    assert read_only.status_code == 403
    assert unknown.status_code == 404
    assert not TopicFollow.objects.exists()
