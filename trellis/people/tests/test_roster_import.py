"""roster_import: what a roster CSV creates and updates, and every way it is refused."""

from __future__ import annotations

import hashlib

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.accounts.models import User
from trellis.people import roster
from trellis.people.models import MAX_CAPACITY, MAX_LEVEL, Member, ProfileTopic
from trellis.people.roster import RosterError, RosterProblem, roster_import, writing

MEMBER_FIELDS = [f.attname for f in Member._meta.concrete_fields]


def csv_file(*lines: str, newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode()


def database_state() -> tuple:
    """Every user, member and topic link, to show that a refused import wrote nothing."""
    return (
        list(User.objects.order_by("id").values_list("id", "email", "password", "is_organiser")),
        list(Member.objects.order_by("id").values_list(*MEMBER_FIELDS)),
        list(ProfileTopic.objects.order_by("id").values_list("member_id", "topic_id", "statement")),
    )


def member(email: str) -> Member:
    return Member.objects.select_related("user", "manager__user").get(user__email=email)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The people fixtures set real passwords; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def refused(ana, ben):
    """Import a file that must be refused; check nothing changed and return its problems."""

    def refuse(data: bytes, **options) -> list[RosterProblem]:
        before = database_state()
        with pytest.raises(RosterError) as caught:
            roster_import(data=data, **options)
        assert database_state() == before
        assert mail.outbox == []
        return caught.value.problems

    return refuse


# Creating and updating -------------------------------------------------------------------


def test_it_creates_members_whose_logins_wait_to_be_claimed(db):
    report = roster_import(data=csv_file("email,name", "ana.lima@example.org,Ana Lima"))

    created = member("ana.lima@example.org")
    assert created.display_name == "Ana Lima"
    assert not created.user.has_usable_password()
    assert not created.user.is_organiser
    assert (report.created, report.updated, report.unchanged, report.rows) == (1, 0, 0, 1)


def test_it_reads_every_column_into_the_profile(db):
    roster_import(
        data=csv_file(
            "email,name,discipline,team,level,manager_email,background,capacity,"
            "working_on,curious_about,can_help_with,learning",
            "boss@example.org,Bea Boss,,,,,,,,,,",
            'ana@example.org,Ana,Engineering,Platform,3,boss@example.org,"physics; teaching",'
            "4,on-call load,type theory,incident reviews,Go",
        )
    )

    ana = member("ana@example.org")
    assert (ana.discipline, ana.team, ana.level, ana.capacity) == ("Engineering", "Platform", 3, 4)
    assert ana.manager.user.email == "boss@example.org"
    assert ana.background == ["physics", "teaching"]
    assert (ana.working_on, ana.curious_about) == ("on-call load", "type theory")
    assert (ana.can_help_with, ana.learning) == ("incident reviews", "Go")


def test_it_derives_a_new_members_name_from_the_email_when_the_name_is_empty(db):
    roster_import(data=csv_file("email,name", "ana.lima@example.org,", "j_o-doe@example.org, "))

    assert member("ana.lima@example.org").display_name == "Ana Lima"
    assert member("j_o-doe@example.org").display_name == "J O Doe"


def test_it_keeps_an_existing_name_when_the_name_cell_is_empty(ana):
    report = roster_import(data=csv_file("email,name,team", "ana@example.org,,Platform"))

    assert member("ana@example.org").display_name == "Ana Lima"
    assert report.unchanged == 1


def test_empty_cells_clear_level_manager_and_text_and_reset_capacity(make_member, ben):
    ana = make_member(
        "Ana Lima",
        email="ana@example.org",
        level=4,
        capacity=5,
        manager=ben,
        team="Platform",
        working_on="Kubernetes upgrades",
        background=["physics"],
    )

    roster_import(
        data=csv_file(
            "email,level,capacity,manager_email,team,working_on,background",
            "ana@example.org,,,,,,",
        )
    )

    ana.refresh_from_db()
    assert (ana.level, ana.capacity, ana.manager_id) == (None, 2, None)
    assert (ana.team, ana.working_on, ana.background) == ("", "", [])
    assert not ana.profile_topics.filter(statement="working_on").exists()


def test_columns_absent_from_the_file_leave_existing_fields_untouched(make_member, ben):
    ana = make_member(
        "Ana Lima",
        email="ana@example.org",
        level=4,
        capacity=5,
        manager=ben,
        discipline="Engineering",
        learning="Go",
    )

    roster_import(data=csv_file("email,team", "ana@example.org,Platform"))

    ana.refresh_from_db()
    assert ana.team == "Platform"
    assert (ana.level, ana.capacity, ana.manager_id) == (4, 5, ben.pk)
    assert (ana.discipline, ana.learning, ana.display_name) == ("Engineering", "Go", "Ana Lima")


def test_members_not_in_the_file_are_left_alone(ana, ben):
    before = Member.objects.filter(pk=ben.pk).values(*MEMBER_FIELDS).get()

    roster_import(data=csv_file("email,team", "ana@example.org,Search"))

    assert Member.objects.filter(pk=ben.pk).values(*MEMBER_FIELDS).get() == before
    assert Member.objects.count() == 2


def test_it_matches_emails_case_insensitively_and_stores_them_lower_case(ana):
    report = roster_import(
        data=csv_file(
            "email,team,manager_email",
            "ANA@Example.ORG,Search,",
            "New@Example.org,,ANA@example.org",
        )
    )

    assert (report.created, report.updated) == (1, 1)
    assert member("ana@example.org").team == "Search"
    assert member("new@example.org").manager.pk == ana.pk


def test_header_names_are_case_insensitive_and_trimmed(db):
    roster_import(data=csv_file(" Email , NAME ,Team ", "ana@example.org,Ana,Platform"))

    assert (member("ana@example.org").display_name, member("ana@example.org").team) == (
        "Ana",
        "Platform",
    )


def test_background_tags_split_on_semicolons_and_commas_without_duplicates(db):
    roster_import(
        data=csv_file("email,background", 'ana@example.org," Physics ;teaching, physics,, Music "')
    )

    assert member("ana@example.org").background == ["Physics", "teaching", "Music"]


def test_it_accepts_a_utf8_byte_order_mark_and_crlf_line_endings(db):
    data = "\ufeffemail,name\r\nana@example.org,Ana Lima\r\nzoe@example.org,Zoë\r\n".encode()

    report = roster_import(data=data)

    assert report.created == 2
    assert member("zoe@example.org").display_name == "Zoë"


def test_blank_lines_and_rows_of_empty_cells_are_skipped(db):
    report = roster_import(data=csv_file("email,name", "", "ana@example.org,Ana", ",", "  ,  "))

    assert (report.created, report.rows) == (1, 1)


def test_a_quoted_cell_may_span_lines_and_problems_name_the_physical_line(refused):
    data = csv_file("email,working_on", 'ana@example.org,"line one', 'line two"', "bad-address,x")

    assert refused(data) == [
        RosterProblem(4, "email", "'bad-address' is not a valid e-mail address.")
    ]


def test_a_row_with_fewer_cells_than_the_header_has_empty_cells(db):
    roster_import(data=csv_file("email,name,team", "ana.lima@example.org"))

    assert member("ana.lima@example.org").display_name == "Ana Lima"


def test_it_counts_created_updated_and_unchanged_members(ana, ben):
    report = roster_import(
        data=csv_file(
            "email,name,team",
            "ana@example.org,Ana Lima,Search",
            "ben@example.org,Ben Okafor,Checkout",
            "cleo@example.org,Cleo,Search",
        )
    )

    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert (report.dry_run, report.invited) == (False, 0)


def test_reimporting_the_same_file_changes_nothing_and_writes_nothing(ana):
    data = csv_file(
        "email,name,team,level,manager_email,background,capacity,working_on",
        "ana@example.org,Ana Lima,Platform,3,,physics,2,Kubernetes upgrades",
        "boss@example.org,,Platform,,,,,",
        "new@example.org,,,7,boss@example.org,Physics;Music,5,Python packaging",
    )
    roster_import(data=data)
    before = database_state()

    with CaptureQueriesContext(connection) as queries:
        report = roster_import(data=data)

    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    # The one row written is the audit log's note of the import (trellis/audit).
    assert [sql for sql in writes if '"audit_auditevent"' not in sql] == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert database_state() == before


def test_an_updated_member_gets_a_new_updated_at(ana):
    before = ana.updated_at

    roster_import(data=csv_file("email,level", "ana@example.org,5"))

    ana.refresh_from_db()
    assert ana.level == 5
    assert ana.updated_at > before


def test_changed_statements_are_relinked_to_topics(ana):
    roster_import(data=csv_file("email,learning", "ana@example.org,Python"))

    learning = ana.profile_topics.filter(statement="learning").values_list("topic__slug", flat=True)
    assert list(learning) == ["python"]
    assert ana.profile_topics.filter(statement="working_on").exists()  # untouched statement


def test_topics_are_linked_in_one_batch_for_created_and_changed_members(ana, ben, monkeypatch):
    calls = []
    monkeypatch.setattr(writing, "profile_topics_link", lambda *, members: calls.append(members))

    roster_import(
        data=csv_file(
            "email,team,learning",
            "ana@example.org,Platform,Python",  # statement changed
            "ben@example.org,Search,k8s",  # team changed only
            "cleo@example.org,,TypeScript",  # new
        )
    )

    assert len(calls) == 1
    assert sorted(m.display_name for m in calls[0]) == ["Ana Lima", "Cleo"]


def test_a_manager_may_appear_later_in_the_file(db):
    roster_import(
        data=csv_file(
            "email,manager_email",
            "dev@example.org,lead@example.org",
            "lead@example.org,head@example.org",
            "head@example.org,",
        )
    )

    assert member("dev@example.org").manager.user.email == "lead@example.org"
    assert member("lead@example.org").manager.user.email == "head@example.org"
    assert member("head@example.org").manager is None


def test_an_existing_member_may_be_given_a_manager_the_file_creates(ana):
    report = roster_import(
        data=csv_file(
            "email,manager_email", "ana@example.org,lead@example.org", "lead@example.org,"
        )
    )

    assert member("ana@example.org").manager.user.email == "lead@example.org"
    assert (report.created, report.updated) == (1, 1)


def test_a_manager_may_be_a_member_already_in_trellis_but_not_in_the_file(ana):
    roster_import(data=csv_file("email,manager_email", "new@example.org,ana@example.org"))

    assert member("new@example.org").manager.pk == ana.pk


def test_a_login_without_a_profile_gets_one_and_keeps_its_password(db):
    user = User.objects.create_user("olga@example.org", password="correct horse battery")

    report = roster_import(data=csv_file("email,name", "olga@example.org,Olga"))

    assert report.created == 1
    assert member("olga@example.org").user.pk == user.pk
    assert User.objects.get(pk=user.pk).check_password("correct horse battery")


def test_a_dry_run_reports_the_counts_and_writes_nothing(ana):
    before = database_state()

    report = roster_import(
        data=csv_file("email,team", "ana@example.org,Search", "new@example.org,"), dry_run=True
    )

    assert (report.created, report.updated, report.unchanged, report.dry_run) == (1, 1, 0, True)
    assert database_state() == before


def test_invite_emails_imported_members_who_have_not_claimed_an_account(ana, ben):
    report = roster_import(
        data=csv_file("email", "ana@example.org", "new@example.org", "other@example.org"),
        invite=True,
    )

    assert report.invited == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "new@example.org",
        "other@example.org",
    ]


def test_without_invite_no_email_is_sent(db):
    report = roster_import(data=csv_file("email", "new@example.org"))

    assert report.invited == 0
    assert mail.outbox == []


def test_a_dry_run_with_invite_sends_nothing_and_says_so(db):
    report = roster_import(data=csv_file("email", "new@example.org"), dry_run=True, invite=True)

    assert report.invited == 0
    assert mail.outbox == []
    assert report.warnings == ["Dry run: no invitations were sent."]


# Refused files: the problem and its place, and nothing written ---------------------------


def test_it_reports_a_bad_email_with_line_and_column(refused):
    problems = refused(csv_file("email,name", "new@example.org,New", "not-an-email,Bad"))

    assert problems == [RosterProblem(3, "email", "'not-an-email' is not a valid e-mail address.")]


def test_it_reports_a_missing_email(refused):
    problems = refused(csv_file("email,name", ",Nobody"))

    assert problems == [RosterProblem(2, "email", "The e-mail address is missing.")]


def test_it_reports_a_duplicate_email_naming_the_line_that_had_it_first(refused):
    problems = refused(csv_file("email", "new@example.org", "ben@example.org", "NEW@example.org"))

    assert problems == [
        RosterProblem(4, "email", "new@example.org appears twice: it is already on line 2.")
    ]


def test_it_reports_an_unknown_manager_with_line_and_column(refused):
    problems = refused(
        csv_file(
            "email,manager_email",
            "new@example.org,ana@example.org",
            "x@example.org,who@example.org",
        )
    )

    assert problems == [
        RosterProblem(
            3,
            "manager_email",
            "No member has the e-mail who@example.org: it is neither in this file nor in Trellis.",
        )
    ]


def test_it_reports_a_manager_email_that_is_not_an_email(refused):
    problems = refused(csv_file("email,manager_email", "new@example.org,boss"))

    assert problems == [RosterProblem(2, "manager_email", "'boss' is not a valid e-mail address.")]


def test_it_reports_a_member_who_is_their_own_manager(refused):
    problems = refused(csv_file("email,manager_email", "ana@example.org,ANA@example.org"))

    assert problems == [RosterProblem(2, "manager_email", "A member cannot be their own manager.")]


def test_it_reports_every_row_on_a_reporting_cycle_in_the_file(refused):
    problems = refused(
        csv_file(
            "email,manager_email",
            "a@example.org,b@example.org",
            "b@example.org,c@example.org",
            "c@example.org,a@example.org",
            "d@example.org,a@example.org",
        )
    )

    assert problems == [
        RosterProblem(
            2,
            "manager_email",
            "This would make a reporting cycle: "
            "a@example.org → b@example.org → c@example.org → a@example.org.",
        ),
        RosterProblem(
            3,
            "manager_email",
            "This would make a reporting cycle: "
            "b@example.org → c@example.org → a@example.org → b@example.org.",
        ),
        RosterProblem(
            4,
            "manager_email",
            "This would make a reporting cycle: "
            "c@example.org → a@example.org → b@example.org → c@example.org.",
        ),
    ]


def test_it_reports_a_cycle_through_an_existing_member_the_file_does_not_change(
    make_member, refused, ana
):
    make_member("Cleo", email="cleo@example.org", manager=ana)  # ana manages cleo

    problems = refused(csv_file("email,manager_email", "ana@example.org,cleo@example.org"))

    assert problems == [
        RosterProblem(
            2,
            "manager_email",
            "This would make a reporting cycle: "
            "ana@example.org → cleo@example.org → ana@example.org.",
        )
    ]


def test_a_file_that_also_changes_the_existing_link_makes_no_cycle(make_member, ana):
    cleo = make_member("Cleo", email="cleo@example.org", manager=ana)

    roster_import(
        data=csv_file(
            "email,manager_email", "ana@example.org,cleo@example.org", "cleo@example.org,"
        )
    )

    assert member("ana@example.org").manager.pk == cleo.pk
    assert member("cleo@example.org").manager is None


def test_a_long_cycle_is_named_in_short(refused):
    rows = [f"m{i}@example.org,m{(i + 1) % 12}@example.org" for i in range(12)]

    problems = refused(csv_file("email,manager_email", *rows))

    assert len(problems) == 12
    assert problems[0].message == (
        "This would make a reporting cycle: "
        + " → ".join(f"m{i}@example.org" for i in range(9))
        + " → … (4 more)."
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("level", "senior", f"'senior' is not a whole number; use one from 0 to {MAX_LEVEL}."),
        ("level", "2.5", f"'2.5' is not a whole number; use one from 0 to {MAX_LEVEL}."),
        ("level", "-1", f"-1 is out of range; use a whole number from 0 to {MAX_LEVEL}."),
        (
            "level",
            str(MAX_LEVEL + 1),
            f"{MAX_LEVEL + 1} is out of range; use a whole number from 0 to {MAX_LEVEL}.",
        ),
        ("capacity", "lots", f"'lots' is not a whole number; use one from 0 to {MAX_CAPACITY}."),
        (
            "capacity",
            str(MAX_CAPACITY + 1),
            f"{MAX_CAPACITY + 1} is out of range; use a whole number from 0 to {MAX_CAPACITY}.",
        ),
    ],
)
def test_it_reports_a_level_or_capacity_that_is_not_a_whole_number_in_range(
    refused, column, value, message
):
    problems = refused(csv_file(f"email,{column}", "ana@example.org,1", f"new@example.org,{value}"))

    assert problems == [RosterProblem(3, column, message)]


def test_the_ends_of_the_ranges_are_accepted(db):
    roster_import(
        data=csv_file(
            "email,level,capacity",
            "low@example.org,0,0",
            f"high@example.org,{MAX_LEVEL},{MAX_CAPACITY}",
        )
    )

    assert (member("high@example.org").level, member("high@example.org").capacity) == (
        MAX_LEVEL,
        MAX_CAPACITY,
    )
    assert (member("low@example.org").level, member("low@example.org").capacity) == (0, 0)


def test_it_reports_a_row_with_more_cells_than_the_header(refused):
    problems = refused(csv_file("email,name", "new@example.org,Lima, Ana"))

    assert problems == [
        RosterProblem(
            2,
            None,
            "This row has 3 cells but the header has 2 columns. Does a value with a comma "
            "need quotes?",
        )
    ]


@pytest.mark.parametrize(("column", "limit"), [("name", 150), ("team", 100), ("discipline", 100)])
def test_it_reports_a_value_longer_than_the_field_allows(refused, column, limit):
    problems = refused(csv_file(f"email,{column}", f"new@example.org,{'x' * (limit + 1)}"))

    assert problems == [
        RosterProblem(2, column, f"This is {limit + 1} characters long; the limit is {limit}.")
    ]


def test_it_reports_an_email_longer_than_a_login_allows(refused):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"

    problems = refused(csv_file("email", email))

    assert problems == [
        RosterProblem(
            2, "email", f"The e-mail address is {len(email)} characters long; the limit is 254."
        )
    ]


def test_it_reports_an_unknown_column_naming_it(refused):
    problems = refused(csv_file("email,nmae", "new@example.org,New"))

    assert problems == [
        RosterProblem(
            1, "nmae", "Unknown column 'nmae'; the columns are: " + ", ".join(roster.COLUMNS) + "."
        )
    ]


def test_it_reports_a_duplicated_column(refused):
    problems = refused(csv_file("email,Team,team ", "new@example.org,A,B"))

    assert problems == [
        RosterProblem(1, "team", "The column 'team' appears twice (columns 2 and 3).")
    ]


def test_it_reports_a_missing_email_column(refused):
    problems = refused(csv_file("name,team", "New,Search"))

    assert problems == [RosterProblem(1, "email", "The required column 'email' is missing.")]


def test_it_reports_a_header_cell_with_no_name(refused):
    problems = refused(csv_file("email,,team", "new@example.org,,Search"))

    assert problems == [RosterProblem(1, None, "Column 2 has no name.")]


def test_it_reports_the_line_of_the_first_byte_that_is_not_utf8(refused):
    data = b"email,name\nana@example.org,Ana\n" + "zoe@example.org,Zoë\n".encode("latin-1")

    problems = refused(data)

    assert problems == [
        RosterProblem(
            3,
            None,
            "The file is not UTF-8 text: byte 0xEB on this line is not UTF-8. "
            'Export the roster as "CSV UTF-8".',
        )
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",  # the start of an .xlsx file
        "email,name\nana@example.org,Ana\n".encode("utf-16"),
    ],
)
def test_it_refuses_a_binary_file_as_not_csv(refused, data):
    problems = refused(data)

    assert len(problems) == 1
    assert problems[0].line == 1
    assert problems[0].message.startswith("This is not a CSV file: it contains NUL bytes")


def test_it_reports_the_line_of_a_nul_byte(refused):
    problems = refused(b"email,name\nana@example.org,A\x00na\n")

    assert problems[0].line == 2


def test_it_reports_broken_csv_quoting_at_its_line(refused):
    problems = refused(csv_file("email,name", "new@example.org,New", 'x@example.org,"Ana" Lima'))

    assert problems == [RosterProblem(3, None, "This is not valid CSV: ',' expected after '\"'.")]


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n", b"\xef\xbb\xbf", b",,\n,\n"])
def test_it_reports_an_empty_file(refused, data):
    assert refused(data) == [RosterProblem(1, None, "The file is empty.")]


def test_it_reports_a_header_without_data_rows(refused):
    problems = refused(csv_file("email,name", ""))

    assert problems == [RosterProblem(1, None, "The file has a header but no data rows.")]


def test_it_enforces_the_row_limit_naming_the_setting(refused, settings):
    settings.ROSTER_MAX_ROWS = 2

    problems = refused(csv_file("email", "a@example.org", "b@example.org", "c@example.org"))

    assert problems == [
        RosterProblem(
            4, None, "The file has 3 rows; the limit is 2 (setting TRELLIS_ROSTER_MAX_ROWS)."
        )
    ]


def test_it_enforces_the_size_limit_naming_the_setting(refused, settings):
    data = csv_file("email", "a@example.org")
    settings.ROSTER_MAX_BYTES = len(data) - 1

    problems = refused(data)

    assert problems == [
        RosterProblem(
            1,
            None,
            f"The file is {len(data)} bytes; the limit is {len(data) - 1} bytes "
            "(setting TRELLIS_ROSTER_MAX_BYTES).",
        )
    ]


def test_it_collects_every_problem_in_the_file_in_line_order(refused):
    problems = refused(
        csv_file(
            "email,level,manager_email",
            "a@example.org,x,nobody@example.org",
            "bad,3,",
            "c@example.org,200,c@example.org",
            "a@example.org,1,",
        )
    )

    assert [(p.line, p.column) for p in problems] == [
        (2, "level"),
        (2, "manager_email"),
        (3, "email"),
        (4, "level"),
        (4, "manager_email"),
        (5, "email"),
    ]


def test_a_login_added_by_someone_else_during_the_import_refuses_it_and_writes_nothing(
    db, monkeypatch
):
    create = writing._create

    def create_after_someone_else(plan):
        User.objects.create_user("new@example.org")  # between our checks and our writes
        create(plan)

    monkeypatch.setattr(writing, "_create", create_after_someone_else)

    with pytest.raises(RosterError) as caught:
        roster_import(data=csv_file("email", "new@example.org", "other@example.org"))

    assert caught.value.problems == [
        RosterProblem(
            1,
            None,
            "Trellis changed while the roster was being imported; nothing was written. "
            "Please try again.",
        )
    ]
    assert not User.objects.exists()
    assert not Member.objects.exists()


def test_a_problem_reads_as_line_column_and_message():
    problem = RosterProblem(12, "email", "'x' is not a valid e-mail address.")

    assert str(problem) == "line 12, column email: 'x' is not a valid e-mail address."
    assert str(RosterProblem(1, None, "The file is empty.")) == "line 1: The file is empty."


# Large files ------------------------------------------------------------------------------


def large_roster(rows: int, *, bad_line: int | None = None) -> bytes:
    """`rows` members in teams of managers; the row on `bad_line` has a bad manager_email."""
    lines = ["email,name,team,level,manager_email,background,working_on"]
    for i in range(rows):
        manager = f"p{(i - 10) // 5}@example.org" if i >= 10 else ""
        if i + 2 == bad_line:
            manager = "nobody@example.org"
        lines.append(
            f"p{i}@example.org,Person {i},Team {i % 10},{i % 7},{manager},physics;music,Python"
        )
    return csv_file(*lines)


def checksum() -> str:
    rows = Member.objects.order_by("id").values_list(*MEMBER_FIELDS)
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


@pytest.mark.slow
def test_a_large_file_with_one_bad_row_is_refused_naming_it_and_writes_nothing(ana, ben):
    roster_import(data=large_roster(100))
    counts, before = (User.objects.count(), Member.objects.count()), checksum()

    with pytest.raises(RosterError) as caught:
        roster_import(data=large_roster(10_000, bad_line=5_001))

    assert [(p.line, p.column) for p in caught.value.problems] == [(5_001, "manager_email")]
    assert (User.objects.count(), Member.objects.count()) == counts
    assert checksum() == before


@pytest.mark.slow
def test_a_large_valid_file_imports(db):
    report = roster_import(data=large_roster(10_000))

    assert (report.created, report.rows) == (10_000, 10_000)
    assert Member.objects.filter(manager__isnull=False).count() == 9_990
    assert member("p9999@example.org").manager.user.email == "p1997@example.org"
    assert ProfileTopic.objects.filter(statement="working_on").count() == 10_000


def test_it_refuses_more_background_tags_than_a_profile_may_have(db):
    tags = ";".join(f"tag {n}" for n in range(21))
    data = f'email,background\nmany@example.org,"{tags}"\n'.encode()

    with pytest.raises(RosterError) as error:
        roster_import(data=data)

    assert str(error.value.problems[0]) == (
        "line 2, column background: Use at most 20 tags; there are 21."
    )
    assert not Member.objects.filter(user__email="many@example.org").exists()
