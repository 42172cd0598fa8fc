"""Profile text is capped and refuses forbidden characters, from the form, the service,
the roster and the wire (issue 14, items 2 and 5): a clear error naming the field (and the
line, for the roster), and nothing written."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trellis.accounts.models import User
from trellis.people.forms import ProfileForm
from trellis.people.models import Member, ProfileTopic
from trellis.people.roster import RosterError, roster_import
from trellis.people.services import member_update
from trellis.people.tests.test_profile_edit_view import form_data
from trellis.text import limits

EDIT = reverse("people:profile_edit")
UPLOAD = reverse("people:roster_upload")
TWENTY_MB = 20 * 1024 * 1024
FORBIDDEN = {"NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "RLO": "\u202e"}
STATEMENTS = {
    "working_on": "Working on",
    "curious_about": "Curious about",
    "can_help_with": "Can help with",
    "learning": "Learning",
}


def stored() -> tuple:
    """Every member and user row and topic link, to show nothing was written."""
    return (
        list(Member.objects.order_by("id").values()),
        list(User.objects.order_by("id").values_list("email", "password")),
        list(ProfileTopic.objects.order_by("id").values_list("member_id", "topic_id")),
    )


def refused_by_service(member, **changes) -> dict:
    before = stored()
    with pytest.raises(ValidationError) as caught:
        member_update(member=Member.objects.get(pk=member.pk), **changes)
    assert stored() == before
    return caught.value.message_dict


# Size --------------------------------------------------------------------------------


def test_a_20_mb_working_on_is_refused_by_the_form_naming_the_field(ana):
    form = ProfileForm(form_data(ana, working_on="x" * TWENTY_MB), instance=ana)

    assert not form.is_valid()
    assert form.errors["working_on"] == [
        f"“Working on” can be at most 2000 characters; it has {TWENTY_MB}."
    ]
    assert Member.objects.get(pk=ana.pk).working_on == "Kubernetes upgrades, on-call load"


def test_a_20_mb_working_on_is_refused_by_the_service_and_nothing_is_saved(ana):
    problems = refused_by_service(ana, working_on="x" * TWENTY_MB)

    assert "at most 2000 characters" in problems["working_on"][0]


@pytest.mark.parametrize(("field", "label"), STATEMENTS.items())
def test_each_statement_takes_its_cap_and_refuses_one_more(ana, field, label):
    member_update(member=ana, **{field: "y" * limits.STATEMENT})
    assert len(getattr(Member.objects.get(pk=ana.pk), field)) == limits.STATEMENT

    form = ProfileForm(form_data(ana, **{field: "y" * (limits.STATEMENT + 1)}), instance=ana)
    assert not form.is_valid()
    assert form.errors[field] == [f"“{label}” can be at most 2000 characters; it has 2001."]
    assert "at most 2000" in refused_by_service(ana, **{field: "y" * 2001})[field][0]


@pytest.mark.parametrize(
    ("field", "limit"),
    [("display_name", limits.DISPLAY_NAME), ("discipline", limits.DISCIPLINE), ("team", 100)],
)
def test_each_one_line_field_takes_its_cap_and_refuses_one_more(ana, field, limit):
    member_update(member=ana, **{field: "z" * limit})

    assert (
        f"at most {limit} characters"
        in refused_by_service(ana, **{field: "z" * (limit + 1)})[field][0]
    )


def test_tags_are_capped_by_the_service_too(ana):
    problems = refused_by_service(ana, languages=[f"language {n}" for n in range(21)])

    assert problems["languages"] == ["Use at most 20 tags; there are 21."]


# Characters --------------------------------------------------------------------------


@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("display_name", "Ana{}Lima", "Name"),
        ("discipline", "Engi{}neering", "Discipline"),
        ("working_on", "Kubernetes{} upgrades", "Working on"),
        ("languages", ["Portuguese", "Eng{}lish"], "Languages"),
        ("background", ["phy{}sics"], "Background"),
    ],
)
def test_the_service_refuses_forbidden_characters_naming_the_field(ana, char, field, value, label):
    value = [v.format(char) for v in value] if isinstance(value, list) else value.format(char)

    problems = refused_by_service(ana, **{field: value})

    assert f"“{label}” cannot contain" in problems[field][0]


@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("display_name", "Name"),
        ("team", "Team"),
        ("languages", "Languages"),
        ("background", "Background"),
        ("can_help_with", "Can help with"),
    ],
)
def test_the_profile_page_refuses_forbidden_characters_naming_the_field(
    ana_client, ana, char, field, label
):
    before = stored()

    response = ana_client.post(EDIT, form_data(ana, **{field: f"Kubernetes{char}, Go"}))

    assert response.status_code == 200
    assert f"“{label}” cannot contain" in response.content.decode()
    assert stored() == before


def test_a_line_break_in_a_name_is_refused_so_it_cannot_stop_e_mails(ana_client, ana):
    before = stored()

    response = ana_client.post(EDIT, form_data(ana, display_name="Ana\r\nBcc: x@example.org"))

    assert "Write “Name” on one line: it has a line break at character 4." in (
        response.content.decode()
    )
    assert stored() == before
    assert "on one line" in refused_by_service(ana, display_name="Ana\nLima")["display_name"][0]


def test_a_statement_keeps_its_line_breaks_as_lf(ana_client, ana):
    ana_client.post(EDIT, form_data(ana, learning="Go\r\nRust"))

    assert Member.objects.get(pk=ana.pk).learning == "Go\nRust"


# The roster ----------------------------------------------------------------------------


def refused_roster(data: bytes) -> list:
    before = stored()
    with pytest.raises(RosterError) as caught:
        roster_import(data=data)
    assert stored() == before
    assert mail.outbox == []
    return caught.value.problems


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\u202e"], ids=["BEL", "ESC", "RLO"])
@pytest.mark.parametrize("column", ["name", "team", "working_on"])
def test_the_roster_refuses_forbidden_characters_naming_line_and_column(ana, char, column):
    data = f"email,{column}\nnew@example.org,ok\nana@example.org,A{char}na\n".encode()

    [problem] = refused_roster(data)

    assert (problem.line, problem.column) == (3, column)
    assert f"“{column}” cannot contain" in problem.message


def test_the_roster_refuses_a_nul_byte_naming_its_line(ana):
    [problem] = refused_roster(b"email,name\nnew@example.org,ok\nana@example.org,A\x00na\n")

    assert problem.line == 3
    assert "NUL bytes" in problem.message


def test_the_roster_refuses_a_line_break_in_a_name_but_not_in_a_statement(ana):
    [problem] = refused_roster(b'email,name\nana@example.org,"Ana\nLima"\n')
    assert (problem.line, problem.column) == (2, "name")
    assert "on one line" in problem.message

    roster_import(data=b'email,working_on\nana@example.org,"Go\r\nRust"\n')
    assert Member.objects.get(pk=ana.pk).working_on == "Go\nRust"


def test_the_roster_caps_statements_naming_line_and_column(ana):
    data = f"email,learning\nana@example.org,{'x' * (limits.STATEMENT + 1)}\n".encode()

    [problem] = refused_roster(data)

    assert (problem.line, problem.column) == (2, "learning")
    assert "the limit is 2000" in problem.message


# The wire: request sizes -------------------------------------------------------------


def test_a_1_mb_post_to_the_profile_form_is_refused_with_413_and_a_page(ana_client, ana):
    before = stored()

    response = ana_client.post(EDIT, form_data(ana, working_on="x" * (1024 * 1024)))

    assert response.status_code == 413
    page = response.content.decode()
    assert "Too much to send at once" in page
    assert "256 KB" in page
    assert 'href="/"' in page or "home page" in page
    assert stored() == before


def test_a_file_smuggled_into_the_profile_form_counts_too(ana_client, ana):
    smuggled = SimpleUploadedFile("big.bin", b"x" * (1024 * 1024))

    response = ana_client.post(EDIT, {**form_data(ana), "file": smuggled})

    assert response.status_code == 413


def test_a_form_at_its_largest_is_still_received(ana_client, ana):
    at_caps = {field: "é" * limits.STATEMENT for field in STATEMENTS}

    response = ana_client.post(EDIT, form_data(ana, **at_caps))

    assert response.status_code == 302
    assert Member.objects.get(pk=ana.pk).learning == "é" * limits.STATEMENT


def test_a_40_mb_roster_still_uploads(organiser_client, ana):
    padding = "x" * (40 * 1024 * 1024)
    data = f"email,learning\nana@example.org,{padding}\n".encode()
    file = SimpleUploadedFile("roster.csv", data, content_type="text/csv")

    response = organiser_client.post(UPLOAD, {"file": file, "dry_run": "on"})

    # Received and read whole: the CSV reader itself refuses a 40 MB cell.
    assert response.status_code == 200
    [problem] = response.context["problems"]
    assert problem.line == 2
    assert "field larger than field limit" in problem.message


def test_a_roster_over_its_own_limit_is_refused_before_it_is_read(organiser_client, settings):
    settings.ROSTER_MAX_BYTES = 1024
    file = SimpleUploadedFile("roster.csv", b"x" * (2 * 1024 * 1024), content_type="text/csv")

    response = organiser_client.post(UPLOAD, {"file": file})

    assert response.status_code == 413
