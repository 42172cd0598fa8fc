"""member_create and member_update: profiles, their topic links, and reporting lines."""

import pytest
from django.core.exceptions import ValidationError

from trellis.accounts.models import User
from trellis.people.models import MAX_CAPACITY, Member, ProfileTopic
from trellis.people.services import member_create, member_update


def linked(member) -> set[tuple[str, str]]:
    """(statement, topic name) for every topic link of `member`, read from the database."""
    return set(ProfileTopic.objects.filter(member=member).values_list("statement", "topic__name"))


def link_ids(member) -> set[int]:
    return set(ProfileTopic.objects.filter(member=member).values_list("pk", flat=True))


def stored(member) -> dict:
    """The member's row as the database has it, whatever the instance says."""
    return Member.objects.filter(pk=member.pk).values().get()


# member_create


@pytest.mark.django_db
def test_member_create_makes_a_login_and_a_profile():
    member = member_create(
        email="Cara@Example.org", display_name="Cara Diaz", password="a long passphrase 9"
    )

    assert member.user.email == "cara@example.org"
    assert member.user.check_password("a long passphrase 9")
    assert Member.objects.get(user__email="cara@example.org").display_name == "Cara Diaz"


@pytest.mark.django_db
def test_member_create_without_a_password_leaves_the_account_to_be_claimed():
    member = member_create(email="ivo@example.org", display_name="Ivo Imported")

    assert not member.user.has_usable_password()


def test_member_create_links_each_statement_to_the_topics_it_mentions(ana):
    assert linked(ana) == {
        ("working_on", "Kubernetes"),
        ("working_on", "On-call"),
        ("can_help_with", "Terraform"),
        ("learning", "Go programming"),
    }


@pytest.mark.parametrize(
    ("statement", "topic"),
    [
        ("k8s", "Kubernetes"),
        ("container orchestration", "Kubernetes"),
        ("a11y", "Accessibility"),
        ("screen reader testing", "Accessibility"),
        ("golang", "Go programming"),
        ("ML", "Machine learning"),
    ],
)
def test_member_create_understands_synonyms_and_abbreviations(make_member, statement, topic):
    member = make_member(learning=statement)

    assert linked(member) == {("learning", topic)}


def test_member_create_links_nothing_for_words_outside_the_vocabulary(make_member):
    member = make_member(working_on="the quarterly potluck")

    assert linked(member) == set()


def test_member_create_can_name_a_manager(make_member, ana):
    member = make_member(manager=ana)

    assert stored(member)["manager_id"] == ana.pk


@pytest.mark.django_db
def test_member_create_refuses_an_unknown_profile_field_and_writes_nothing():
    with pytest.raises(TypeError, match="salary"):
        member_create(email="cara@example.org", display_name="Cara Diaz", salary=1)

    assert not User.objects.filter(email="cara@example.org").exists()


@pytest.mark.django_db
def test_member_create_refuses_a_capacity_above_the_maximum_and_writes_nothing():
    with pytest.raises(ValidationError) as error:
        member_create(email="cara@example.org", display_name="Cara Diaz", capacity=MAX_CAPACITY + 1)

    assert "capacity" in error.value.message_dict
    assert not User.objects.filter(email="cara@example.org").exists()
    assert not Member.objects.filter(display_name="Cara Diaz").exists()


@pytest.mark.django_db
def test_member_create_refuses_an_unknown_time_zone_and_writes_nothing():
    with pytest.raises(ValidationError) as error:
        member_create(email="cara@example.org", display_name="Cara Diaz", timezone="Mars/Olympus")

    assert "timezone" in error.value.message_dict
    assert not User.objects.filter(email="cara@example.org").exists()


def test_member_create_refuses_an_email_address_already_in_use(ana):
    with pytest.raises(ValidationError) as error:
        member_create(email="ANA@example.org", display_name="Another Ana")

    assert "email" in error.value.message_dict
    assert Member.objects.filter(user__email="ana@example.org").count() == 1
    assert not Member.objects.filter(display_name="Another Ana").exists()


# member_update


def test_member_update_saves_the_changes(ana):
    member_update(member=ana, team="Infrastructure", capacity=MAX_CAPACITY, timezone="Asia/Tokyo")

    row = stored(ana)
    assert (row["team"], row["capacity"], row["timezone"]) == ("Infrastructure", 20, "Asia/Tokyo")


def test_member_update_relinks_topics_when_a_statement_changes(ana):
    member_update(member=ana, working_on="a11y of the admin screens")

    assert ("working_on", "Accessibility") in linked(ana)
    assert ("working_on", "Kubernetes") not in linked(ana)
    assert ("can_help_with", "Terraform") in linked(ana)


def test_member_update_keeps_the_links_when_no_statement_changes(ana):
    before = link_ids(ana)

    member_update(member=ana, team="Infrastructure", working_on=ana.working_on)

    assert link_ids(ana) == before


def test_member_update_relinks_even_when_the_form_already_changed_the_instance(ana):
    # A bound ModelForm copies the new values onto the instance before the service runs.
    ana.learning = "a11y"

    member_update(member=ana, learning="a11y")

    assert ("learning", "Accessibility") in linked(ana)
    assert ("learning", "Go programming") not in linked(ana)


def test_member_update_refuses_an_unknown_field_and_writes_nothing(ana):
    before = stored(ana)

    with pytest.raises(TypeError, match="user"):
        member_update(member=ana, team="Elsewhere", user=None)

    assert stored(ana) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": MAX_CAPACITY + 1}, "capacity"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"display_name": ""}, "display_name"),
        ({"status": "retired"}, "status"),
    ],
)
def test_member_update_refuses_bad_values_and_writes_nothing(ana, changes, field):
    before, before_links = stored(ana), link_ids(ana)

    with pytest.raises(ValidationError) as error:
        member_update(member=ana, working_on="a11y", **changes)

    assert field in error.value.message_dict
    assert stored(ana) == before
    assert link_ids(ana) == before_links


# Reporting lines


def test_a_member_cannot_be_their_own_manager(ana):
    before = stored(ana)

    with pytest.raises(ValidationError) as error:
        member_update(member=ana, manager=ana)

    assert "manager" in error.value.message_dict
    assert stored(ana) == before


def test_it_refuses_a_manager_who_reports_to_the_member(ana, ben):
    member_update(member=ben, manager=ana)

    with pytest.raises(ValidationError) as error:
        member_update(member=ana, manager=ben)

    assert "cycle" in error.value.message_dict["manager"][0]
    assert stored(ana)["manager_id"] is None
    assert stored(ben)["manager_id"] == ana.pk


def test_it_refuses_a_reporting_cycle_through_a_chain_and_writes_nothing(make_member):
    a, b, c = make_member("A"), make_member("B"), make_member("C")
    member_update(member=a, manager=b)
    member_update(member=b, manager=c)
    before, before_links = stored(c), link_ids(c)

    with pytest.raises(ValidationError) as error:
        member_update(member=c, manager=a, team="Elsewhere", working_on="Terraform")

    assert "manager" in error.value.message_dict
    assert stored(c) == before
    assert link_ids(c) == before_links
    assert [stored(m)["manager_id"] for m in (a, b)] == [b.pk, c.pk]


def test_it_accepts_a_manager_higher_up_in_the_same_chain(make_member):
    a, b, c = make_member("A"), make_member("B"), make_member("C")
    member_update(member=a, manager=b)
    member_update(member=b, manager=c)

    member_update(member=a, manager=c)

    assert stored(a)["manager_id"] == c.pk


def test_two_members_can_share_a_manager(ana, ben, make_member):
    boss = make_member("Boss")

    member_update(member=ana, manager=boss)
    member_update(member=ben, manager=boss)

    assert {stored(ana)["manager_id"], stored(ben)["manager_id"]} == {boss.pk}


def test_the_manager_can_be_removed(ana, ben):
    member_update(member=ana, manager=ben)

    member_update(member=ana, manager=None)

    assert stored(ana)["manager_id"] is None
