"""Error pages (403, 404, 405, 500, CSRF) use the site's layout and say what to do next.

All run with DEBUG=False, as in production (with DEBUG on, Django shows its own pages).
"""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from trellis.web.errors import page_of_action, server_error

ERROR_URLS = "trellis.web.tests.urls_errors"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def has_site_navigation(content: str) -> bool:
    return '<nav class="nav" aria-label="Main">' in content and 'class="brand"' in content


def test_a_missing_page_shows_the_members_navigation_and_the_way_home(ana_client):
    response = ana_client.get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert has_site_navigation(content)
    assert ">People</a>" in content  # the signed-in member's own links
    assert "There is no page here" in content
    assert f'href="{reverse("home:home")}">Go to your home page</a>' in content


def test_a_missing_page_tells_a_signed_out_visitor_to_sign_in(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert f'href="{reverse("accounts:login")}">Sign in</a>' in response.content.decode()


@pytest.mark.urls(ERROR_URLS)
def test_an_http404_raised_by_a_view_gets_the_same_page(ana_client):
    response = ana_client.get("/test-errors/missing/")

    assert response.status_code == 404
    assert "There is no page here" in response.content.decode()


@pytest.mark.urls(ERROR_URLS)
def test_a_forbidden_page_says_whom_to_ask(ana_client):
    response = ana_client.get("/test-errors/forbidden/")

    assert response.status_code == 403
    content = response.content.decode()
    assert has_site_navigation(content)
    assert "This page is not open to you" in content
    assert "ask your organiser for access" in content


@pytest.mark.urls(ERROR_URLS)
def test_a_server_error_shows_the_layout_and_what_to_do(ana_client):
    ana_client.raise_request_exception = False

    response = ana_client.get("/test-errors/broken/")

    assert response.status_code == 500
    content = response.content.decode()
    assert has_site_navigation(content)
    assert "Something went wrong on our side" in content
    assert f'href="{reverse("home:home")}">Home</a>' in content
    assert "the database went away" not in content  # no internals shown


def test_the_server_error_page_needs_neither_the_database_nor_a_user():
    # No `db` fixture: pytest-django fails any query this test makes.
    request = RequestFactory().get("/anything/")

    response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_get_on_an_action_address_explains_itself_and_keeps_405(ana_client):
    response = ana_client.get(reverse("community:post_delete", kwargs={"post_id": 7}))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    content = response.content.decode()
    assert has_site_navigation(content)
    assert 'This address is for a button on <a href="/posts/7/">/posts/7/</a>' in content
    assert '<a href="/posts/7/">Go back to that page</a> and use the button there' in content


def test_a_get_on_an_action_with_no_page_of_its_own_says_to_go_back(ana_client):
    response = ana_client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert "Go back to the page you came from and use the button there" in (
        response.content.decode()
    )


def test_a_client_asking_for_json_gets_the_bare_405(ana_client):
    url = reverse("community:post_delete", kwargs={"post_id": 7})

    response = ana_client.get(url, headers={"accept": "application/json"})

    assert response.status_code == 405
    assert response.content == b""


def test_the_page_of_an_action_is_its_nearest_parent_that_is_a_page(db):
    assert page_of_action("/posts/3/delete/") == "/posts/3/"
    assert page_of_action("/relationships/12/close/") == "/relationships/12/"
    assert page_of_action("/accounts/sign-out/") is None  # only the home page is left


def test_a_form_refused_for_its_csrf_token_says_nothing_was_saved_and_what_to_do(ana):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ana.user)

    response = browser.post(reverse("connections:reflection_new"), {"body": "lost"})

    assert response.status_code == 403
    content = response.content.decode()
    assert has_site_navigation(content)
    assert "Nothing was saved" in content
    assert "reload the page, and send the form again" in content
    assert not ana.reflections.exists()
