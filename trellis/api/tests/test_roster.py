"""/roster/imports in the JSON API: an organiser uploads a roster CSV, checks it (dry run)
or imports it, through the upload page's own `roster_import`; a refused file writes
nothing and says the line and column of every problem. A member gets 404."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from trellis.accounts.models import User
from trellis.api.tests.calls import bearer
from trellis.people.models import Member

URL = "/api/v1/roster/imports"
NOT_FOUND = {"detail": "Not found.", "errors": []}


def upload(client, headers: dict, *lines: str, **switches):
    data = ("\n".join(lines) + "\n").encode()
    file = SimpleUploadedFile("roster.csv", data, content_type="text/csv")
    return client.post(URL, {"csv_file": file, **switches}, **headers)


def state() -> tuple:
    return (
        list(User.objects.order_by("id").values_list("email", "password")),
        list(Member.objects.order_by("id").values_list("display_name", "team", "manager_id")),
    )


def test_an_organiser_imports_a_roster(client, organiser, ana):
    response = upload(
        client, bearer(organiser), "email,team", "ana@example.org,Search", "new@example.org,"
    )
    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 1, 0)
    assert report["dry_run"] is False
    assert report["summary"] == "Created 1, updated 1, unchanged 0."
    assert Member.objects.get(user__email="ana@example.org").team == "Search"
    assert Member.objects.filter(user__email="new@example.org").exists()
    assert mail.outbox == []


def test_a_dry_run_reports_what_would_change_and_writes_nothing(client, organiser, ana):
    before = state()
    response = upload(client, bearer(organiser), "email,team", "new@example.org,", dry_run="true")
    assert response.status_code == 200, response.content
    assert response.json()["dry_run"] is True
    assert response.json()["created"] == 1
    assert state() == before


def test_invite_emails_new_members(client, organiser):
    response = upload(client, bearer(organiser), "email", "new@example.org", invite="true")
    assert response.json()["invited"] == 1
    assert [message.to for message in mail.outbox] == [["new@example.org"]]


def test_a_refused_file_names_the_line_and_column_of_every_problem_and_writes_nothing(
    client, organiser, ana
):
    before = state()
    response = upload(
        client,
        bearer(organiser),
        "email,manager_email",
        "ana@example.org,new@example.org",
        "new@example.org,nobody@example.org",
        "broken,",
    )
    assert response.status_code == 422
    refused = response.json()
    assert [(p["line"], p["column"]) for p in refused["problems"]] == [
        (3, "manager_email"),
        (4, "email"),
    ]
    assert refused["errors"][1] == {
        "field": "email",
        "message": "line 4, column email: 'broken' is not a valid e-mail address.",
    }
    assert refused["detail"].startswith("The roster was refused: 2 problems")
    assert state() == before
    assert mail.outbox == []


def test_a_file_over_the_size_limit_is_refused_and_writes_nothing(client, organiser, settings):
    settings.ROSTER_MAX_BYTES = 10
    before = state()
    response = upload(client, bearer(organiser), "email", "new@example.org")
    assert response.status_code == 422
    assert "TRELLIS_ROSTER_MAX_BYTES" in response.json()["detail"]
    assert state() == before


def test_a_roster_larger_than_other_request_bodies_is_received(client, organiser, settings):
    rows = [f"person{n}@example.org,Team {n % 7}" for n in range(10000)]  # about 300 KB
    assert len("\n".join(rows)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = upload(client, bearer(organiser), "email,team", *rows, dry_run="true")
    assert response.status_code == 200, response.content[:300]
    assert response.json()["created"] == 10000


def test_an_upload_without_a_file_is_a_422_naming_it(client, organiser):
    response = client.post(URL, {"dry_run": "true"}, **bearer(organiser))
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"csv_file"}


def test_a_member_gets_404_and_nothing_is_written(client, ana):
    before = state()
    response = upload(client, bearer(ana), "email", "new@example.org")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert state() == before


def test_a_read_token_may_not_import(client, organiser):
    response = upload(client, bearer(organiser, "read"), "email", "new@example.org")
    assert response.status_code == 403
    assert not Member.objects.filter(user__email="new@example.org").exists()


def test_no_token_is_401_and_nothing_is_written(client, db):
    file = SimpleUploadedFile("roster.csv", b"email\nnew@example.org\n", content_type="text/csv")
    assert client.post(URL, {"csv_file": file}).status_code == 401
    assert not Member.objects.filter(user__email="new@example.org").exists()
