"""people.bulk: members and their topic links as member_create and profile_topics_link
write them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from trellis.accounts.bulk import NewUser, users_create
from trellis.people.bulk import NewMember, members_create, profile_topics_link
from trellis.people.models import STATEMENT_FIELDS, Member, ProfileTopic, Topic
from trellis.people.services import member_create

PROFILE = {
    "discipline": "Engineering",
    "team": "Platform",
    "level": 4,
    "timezone": "Europe/Lisbon",
    "languages": ["English", "Portuguese"],
    "background": ["physics"],
    "capacity": 3,
    "open_to_initiatives": False,
    "status": Member.Status.PAUSED,
    "working_on": "Kubernetes upgrades, on-call load",
    "curious_about": "",
    "can_help_with": "Terraform, incident reviews",
    "learning": "Go",
}
SKIPPED = {"id", "user", "created_at", "updated_at", "manager"}


def row(member_id: int) -> dict:
    fields = [f.attname for f in Member._meta.concrete_fields if f.name not in SKIPPED]
    return Member.objects.filter(pk=member_id).values(*fields).get()


def links(member_id: int) -> set[tuple[int, str]]:
    return set(ProfileTopic.objects.filter(member_id=member_id).values_list("topic", "statement"))


def login(email: str = "élodie@example.org") -> int:
    return users_create([NewUser(email)])[0]


def test_a_member_reads_back_as_member_create_writes_one(ana):
    made = member_create(email="ben@example.org", display_name="Élodie Durand", **PROFILE)

    (pk,) = members_create([NewMember(login(), "Élodie Durand", ana.pk, PROFILE)])

    assert row(pk) == row(made.pk)
    assert row(pk)["search_name"] == "elodie durand"
    assert Member.objects.get(pk=pk).manager == ana


def test_left_out_fields_take_their_defaults(db):
    made = member_create(email="ben@example.org", display_name="Ben")

    (pk,) = members_create([NewMember(login(), "Ben")])

    assert row(pk) == row(made.pk)


def test_topic_links_read_back_as_profile_topics_link_writes_them(db):
    made = member_create(email="ben@example.org", display_name="Ben", **PROFILE)
    (pk,) = members_create([NewMember(login(), "Ben")])
    statements = {name: PROFILE[name] for name in STATEMENT_FIELDS}

    (named,) = profile_topics_link([(pk, statements)])

    assert links(pk) == links(made.pk) and links(pk)
    by_statement = dict(zip(STATEMENT_FIELDS, named, strict=True))
    assert by_statement["curious_about"] == ()
    for statement, topics in by_statement.items():
        assert set(topics) == {t for t, s in links(pk) if s == statement}


def test_texts_already_matched_are_not_matched_again(db):
    first, second = members_create(
        [NewMember(login(f"p{n}@example.org"), f"P {n}") for n in range(2)]
    )
    seen: dict[str, tuple[int, ...]] = {}
    profile_topics_link([(first, {"working_on": "Kubernetes upgrades"})], seen=seen)
    assert seen["Kubernetes upgrades"] == tuple(t for t, _ in links(first))
    terraform = Topic.objects.get(slug="terraform").pk
    seen["Go"] = (terraform,)  # what the caller remembers is used as it is

    profile_topics_link([(second, {"learning": "Go"})], seen=seen)

    assert links(second) == {(terraform, "learning")}


def test_a_new_member_needs_an_existing_manager(db):
    with pytest.raises(ValidationError, match="managers first"):
        members_create([NewMember(login(), "Ben", manager_id=10_000)])

    assert not Member.objects.exists()


@pytest.mark.parametrize(
    "profile",
    [
        {"nickname": "Benny"},
        {"display_name": "Ben"},
        {"timezone": "Mars/Olympus_Mons"},
        {"capacity": 21},
        {"level": 101},
        {"status": "gone"},
        {"background": ["x"] * 21},
        {"languages": ["a" * 61]},
    ],
    ids=lambda profile: next(iter(profile)),
)
def test_it_refuses_what_member_create_refuses_and_writes_nothing(db, profile):
    good = NewMember(login("ana@example.org"), "Ana")

    with pytest.raises(ValidationError):
        members_create([good, NewMember(login(), "Ben", profile=profile)])

    assert not Member.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 151])
def test_it_refuses_a_name_that_is_not_one(db, name):
    with pytest.raises(ValidationError, match="Member 0"):
        members_create([NewMember(login(), name)])

    assert not Member.objects.exists()


def test_it_refuses_to_link_a_member_twice_and_writes_nothing(db):
    (pk,) = members_create([NewMember(login(), "Ben")])
    statements = {"working_on": "Kubernetes upgrades"}

    with pytest.raises(ValidationError, match="twice"):
        profile_topics_link([(pk, statements), (pk, statements)])
    profile_topics_link([(pk, statements)])
    with pytest.raises(ValidationError, match="already"):
        profile_topics_link([(pk, {"learning": "Go"})])

    assert {statement for _, statement in links(pk)} == {"working_on"}


def test_it_refuses_what_is_not_a_statement(db):
    (pk,) = members_create([NewMember(login(), "Ben")])

    with pytest.raises(ValidationError, match="display_name"):
        profile_topics_link([(pk, {"display_name": "Kubernetes"})])

    assert not ProfileTopic.objects.exists()
