"""/posts and /replies: reading posts and their replies as the pages show them, writing
them through the pages' forms and services, and who may delete or mark what (404 for
anyone else, nothing written)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.accounts.access_tokens import token_create
from trellis.api.tests.calls import bearer
from trellis.community import services
from trellis.community.models import MAX_REPLY, MAX_TITLE, Post, Reply
from trellis.community.tests.conftest import KUBERNETES_POST, snapshot
from trellis.people.models import Member
from trellis.people.services import member_update

API = "/api/v1"
NOT_FOUND = {"detail": "Not found.", "errors": []}
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def post_json(client, url: str, body: dict, headers: dict):
    return client.post(url, body, content_type="application/json", **headers)


def warmed(client, headers: dict) -> dict:
    """`headers`, once used: a token's first request also starts its minute's count."""
    client.get(f"{API}/me", **headers)
    return headers


@pytest.fixture
def post(ana) -> Post:
    """Ana's post about Kubernetes upgrades."""
    return services.post_create(
        author=ana, title="Making Kubernetes upgrades boring", body=KUBERNETES_POST
    )


@pytest.fixture
def reply(post, ben) -> Reply:
    """Ben's answer to Ana's post."""
    return services.reply_create(post=post, author=ben, body="We use surge upgrades.")


# Reading posts -----------------------------------------------------------------------


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


def test_posts_are_listed_newest_first_with_their_author_and_topics(client, ana, ben, post):
    later = services.post_create(author=ben, body="Accessibility audits of a checkout")

    response = client.get(f"{API}/posts", **bearer(ben))

    assert ids(response) == [later.pk, post.pk]
    first = response.json()["results"][1]
    assert first["author"] == {"id": ana.pk, "display_name": "Ana Lima"}
    assert first["title"] == "Making Kubernetes upgrades boring"
    assert first["body"] == KUBERNETES_POST
    assert "kubernetes" in [topic["slug"] for topic in first["topics"]]
    assert first["state"] == "published"


def test_posts_are_filtered_by_topic_however_it_is_written_and_by_author(client, ana, ben, post):
    other = services.post_create(author=ben, body="Usability testing on a budget")
    headers = bearer(ben)

    assert ids(client.get(f"{API}/posts", {"topic": "k8s"}, **headers)) == [post.pk]
    assert ids(client.get(f"{API}/posts", {"author": ben.pk}, **headers)) == [other.pk]
    assert ids(client.get(f"{API}/posts", {"author": 2**62}, **headers)) == []


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"topic": "no such thing at all"}, "topic"),
        ({"topic": "k8s\x00"}, "topic"),
        ({"author": "ana"}, "author"),
        ({"author": 0}, "author"),
    ],
)
def test_a_bad_post_filter_is_refused_naming_it(client, ana, filters, field):
    response = client.get(f"{API}/posts", filters, **bearer(ana))

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {field}


def test_deleted_posts_and_those_of_people_who_left_are_not_listed(client, ana, ben, post):
    gone = services.post_create(author=ben, body="Design systems at scale")
    deleted = services.post_create(author=ana, body="A post taken down")
    services.post_delete(post=deleted, member=ana)
    member_update(member=ben, status=Member.Status.LEFT)

    assert ids(client.get(f"{API}/posts", **bearer(ana))) == [post.pk]
    # Someone who left still reads their own.
    assert ids(client.get(f"{API}/posts", **bearer(ben))) == [gone.pk, post.pk]


@pytest.mark.parametrize("many", [3, 30])
def test_a_page_of_posts_costs_the_same_whatever_its_length(
    client, ana, ben, django_assert_num_queries, many
):
    for n in range(many):
        services.post_create(author=ben, body=f"Kubernetes and accessibility, part {n}")
    headers = warmed(client, bearer(ana))

    # The token, its count this minute, the caller, the page, the page's topics.
    with django_assert_num_queries(5):
        response = client.get(f"{API}/posts", **headers)

    assert len(response.json()["results"]) == many


def test_a_post_reads_as_its_page_shows_it(client, ana, ben, post):
    response = client.get(f"{API}/posts/{post.pk}", **bearer(ben))

    assert response.status_code == 200
    shown = response.json()
    assert shown["is_author"] is False
    assert shown["about"] == "“Making Kubernetes upgrades boring”"
    assert "<strong>k8s upgrades</strong>" in shown["body_html"]
    assert client.get(f"{API}/posts/{post.pk}", **bearer(ana)).json()["is_author"] is True


def test_a_script_in_a_post_is_never_sent_as_html(client, ana, ben):
    post = services.post_create(author=ana, body='<script>alert("x")</script> [a](javascript:x)')

    shown = client.get(f"{API}/posts/{post.pk}", **bearer(ben)).json()

    assert "<script>" not in shown["body_html"]
    assert "&lt;script&gt;" in shown["body_html"]
    assert 'href="javascript:' not in shown["body_html"]


def test_a_deleted_post_is_not_found_by_anyone_its_author_included(
    client, ana, ben, organiser, post
):
    services.post_delete(post=post, member=ana)

    for member in (ana, ben, organiser):
        response = client.get(f"{API}/posts/{post.pk}", **bearer(member))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND


def test_the_post_of_someone_who_left_is_not_found_by_others(client, ana, ben, post):
    member_update(member=ana, status=Member.Status.LEFT)

    assert client.get(f"{API}/posts/{post.pk}", **bearer(ben)).json() == NOT_FOUND
    assert client.get(f"{API}/posts/{post.pk}", **bearer(ana)).status_code == 200


# Writing and deleting posts ----------------------------------------------------------


def test_a_member_writes_a_post_linked_to_the_topics_it_names(client, ana):
    body = {"title": "On-call load", "body": "Our **k8s** pager goes off every night."}

    response = post_json(client, f"{API}/posts", body, bearer(ana))

    assert response.status_code == 201, response.json()
    written = Post.objects.get()
    assert written.author == ana
    assert response.json()["id"] == written.pk
    assert response.json()["is_author"] is True
    assert "kubernetes" in [topic["slug"] for topic in response.json()["topics"]]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"body": ""}, "body", "Write something before posting"),
        ({"body": "---"}, "body", "Write something before posting"),
        ({"title": "t" * (MAX_TITLE + 1), "body": "x"}, "title", "Keep the title under"),
        ({"title": "Two\nlines", "body": "x"}, "title", "line"),
        ({"body": "bad \x1b[31m colour"}, "body", "escape"),
        ({"title": "No body"}, "body", "required"),
    ],
)
def test_a_refused_post_says_why_by_field_and_writes_nothing(
    client, ana, post, body, field, message
):
    before = snapshot()

    response = post_json(client, f"{API}/posts", body, bearer(ana))

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {error["field"] for error in errors} == {field}
    assert message in errors[0]["message"]
    assert snapshot() == before


def test_someone_who_left_cannot_post(client, ana):
    member_update(member=ana, status=Member.Status.LEFT)

    response = post_json(client, f"{API}/posts", {"body": "Still here?"}, bearer(ana))

    assert response.status_code == 422
    assert "You have left the network" in response.json()["detail"]
    assert not Post.objects.exists()


def test_writing_needs_a_token_that_may_write_and_a_member_profile(client, ana, django_user_model):
    operator = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    operator_token = token_create(user=operator, name="ops", scope="write").secret

    read_only = post_json(client, f"{API}/posts", {"body": "Hello"}, bearer(ana, scope="read"))
    no_token = post_json(client, f"{API}/posts", {"body": "Hello"}, {})
    no_profile = post_json(
        client,
        f"{API}/posts",
        {"body": "Hello"},
        {"HTTP_AUTHORIZATION": f"Bearer {operator_token}"},
    )

    assert read_only.status_code == 403
    assert no_token.status_code == 401
    assert no_profile.status_code == 404
    assert not Post.objects.exists()


def test_an_author_deletes_their_post_and_nobody_sees_it_again(client, ana, ben, post):
    response = client.delete(f"{API}/posts/{post.pk}", **bearer(ana))

    assert response.status_code == 200
    assert response.json()["state"] == "deleted"
    post.refresh_from_db()
    assert post.state == Post.State.DELETED
    assert ids(client.get(f"{API}/posts", **bearer(ben))) == []


def test_nobody_else_deletes_a_post_not_even_an_organiser(client, ben, organiser, post):
    before = snapshot()

    for member in (ben, organiser):
        response = client.delete(f"{API}/posts/{post.pk}", **bearer(member))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    assert snapshot() == before


# Replies -----------------------------------------------------------------------------


def test_a_posts_replies_are_listed_oldest_first(client, ana, ben, carla, post, reply):
    later = services.reply_create(post=post, author=carla, body="Blue-green clusters.")

    response = client.get(f"{API}/posts/{post.pk}/replies", **bearer(ana))

    assert ids(response) == [reply.pk, later.pk]
    first = response.json()["results"][0]
    assert first["author"] == {"id": ben.pk, "display_name": "Ben Okafor"}
    assert first["body"] == "We use surge upgrades."
    assert first["helped"] is False


def test_the_replies_of_people_who_left_are_not_listed_for_others(client, ana, ben, post, reply):
    member_update(member=ben, status=Member.Status.LEFT)

    assert ids(client.get(f"{API}/posts/{post.pk}/replies", **bearer(ana))) == []
    assert ids(client.get(f"{API}/posts/{post.pk}/replies", **bearer(ben))) == [reply.pk]


@pytest.mark.parametrize("many", [3, 30])
def test_a_page_of_replies_costs_the_same_whatever_its_length(
    client, ana, ben, post, django_assert_num_queries, many
):
    for n in range(many):
        services.reply_create(post=post, author=ben, body=f"Idea number {n}")
    headers = warmed(client, bearer(ana))

    # The token, its count this minute, the caller, the post and its topics, the page.
    with django_assert_num_queries(6):
        response = client.get(f"{API}/posts/{post.pk}/replies", **headers)

    assert len(response.json()["results"]) == many


def test_the_replies_of_a_deleted_post_are_not_found(client, ana, ben, post, reply):
    services.post_delete(post=post, member=ana)

    response = client.get(f"{API}/posts/{post.pk}/replies", **bearer(ben))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_a_member_replies_to_a_post(client, ben, post):
    response = post_json(
        client, f"{API}/posts/{post.pk}/replies", {"body": "Try **surge**."}, bearer(ben)
    )

    assert response.status_code == 201, response.json()
    written = Reply.objects.get()
    assert (written.author, written.post) == (ben, post)
    assert response.json()["id"] == written.pk


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something before replying"),
        ("x" * (MAX_REPLY + 1), "Keep a reply under"),
        ("nul \x00 here", "Null characters"),
    ],
)
def test_a_refused_reply_says_why_and_writes_nothing(client, ben, post, body, message):
    before = snapshot()

    response = post_json(client, f"{API}/posts/{post.pk}/replies", {"body": body}, bearer(ben))

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {error["field"] for error in errors} == {"body"}
    assert message in errors[0]["message"]
    assert snapshot() == before


def test_nobody_replies_to_a_deleted_post(client, ana, ben, post):
    services.post_delete(post=post, member=ana)
    before = snapshot()

    response = post_json(client, f"{API}/posts/{post.pk}/replies", {"body": "Hi"}, bearer(ben))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert snapshot() == before


def test_a_reply_is_deleted_by_its_author_only(client, ana, ben, organiser, reply):
    for member in (ana, organiser):
        refused = client.delete(f"{API}/replies/{reply.pk}", **bearer(member))
        assert refused.status_code == 404
        assert refused.json() == NOT_FOUND
    assert Reply.objects.filter(pk=reply.pk).exists()

    response = client.delete(f"{API}/replies/{reply.pk}", **bearer(ben))

    assert response.status_code == 200
    assert response.json()["id"] == reply.pk
    assert not Reply.objects.exists()


def test_the_posts_author_says_a_reply_helped_and_takes_it_back(client, ana, reply):
    headers = bearer(ana)

    marked = client.post(f"{API}/replies/{reply.pk}/helped", **headers)
    reply.refresh_from_db()
    assert marked.status_code == 200
    assert marked.json()["helped"] is True
    assert reply.helped

    taken_back = client.delete(f"{API}/replies/{reply.pk}/helped", **headers)
    reply.refresh_from_db()
    assert taken_back.json()["helped"] is False
    assert not reply.helped


def test_only_the_posts_author_says_a_reply_helped(client, ben, carla, organiser, reply):
    for member in (ben, carla, organiser):
        response = client.post(f"{API}/replies/{reply.pk}/helped", **bearer(member))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    reply.refresh_from_db()
    assert not reply.helped


def test_an_author_cannot_say_their_own_reply_helped(client, ana, post):
    own = services.reply_create(post=post, author=ana, body="Update: we fixed it.")

    response = client.post(f"{API}/replies/{own.pk}/helped", **bearer(ana))

    assert response.status_code == 422
    assert "your own reply" in response.json()["detail"]
    own.refresh_from_db()
    assert not own.helped


@pytest.mark.parametrize("post_id", ["-1", "x", "999999"])
def test_deleting_at_an_address_that_is_no_post_is_not_found(ana, post_id):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.delete(f"{API}/posts/{post_id}", **bearer(ana))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_an_unknown_reply_is_not_found(client, ana):
    for method in ("delete", "post"):
        url = f"{API}/replies/999999" + ("/helped" if method == "post" else "")
        response = getattr(client, method)(url, **bearer(ana))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND


def test_reading_writes_nothing(client, ana, ben, post, reply):
    client.force_login(ben.user)  # the session: a token's use counts itself, by design
    urls = [
        f"{API}/me",
        f"{API}/members",
        f"{API}/members/{ana.pk}",
        f"{API}/topics",
        f"{API}/topics/kubernetes",
        f"{API}/posts",
        f"{API}/posts/{post.pk}",
        f"{API}/posts/{post.pk}/replies",
    ]

    with CaptureQueriesContext(connection) as queries:
        answers = [client.get(url).status_code for url in urls]

    assert answers == [200] * len(urls)
    assert [q["sql"] for q in queries if WRITE.match(q["sql"])] == []
