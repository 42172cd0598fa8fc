"""Reads for people: the directory search, topics, reporting lines, the matcher."""

import pytest
from django.contrib.auth.models import AnonymousUser

from trellis.accounts.models import User
from trellis.people import selectors
from trellis.people.models import Member, ProfileTopic, Topic
from trellis.people.services import member_update
from trellis.text.vocabulary import alias_key, load_vocabulary


def names(members) -> list[str]:
    return [m.display_name for m in members]


# member_for_user


def test_member_for_user_finds_the_profile_of_a_signed_in_user(ana, ben):
    assert selectors.member_for_user(ana.user) == ana
    assert selectors.member_for_user(ben.user) == ben


@pytest.mark.django_db
def test_member_for_user_finds_nothing_for_anonymous_or_profileless_users():
    assert selectors.member_for_user(AnonymousUser()) is None
    assert selectors.member_for_user(None) is None
    assert selectors.member_for_user(User.objects.create_user("op@example.org")) is None


# member_detail and topics_by_statement


def test_member_detail_raises_for_an_unknown_member(ana):
    with pytest.raises(Member.DoesNotExist):
        selectors.member_detail(member_id=ana.pk + 1000)


def test_topics_by_statement_groups_a_members_topics_by_statement(ana):
    grouped = selectors.topics_by_statement(selectors.member_detail(member_id=ana.pk))

    assert {statement: [t.name for t in topics] for statement, topics in grouped.items()} == {
        "working_on": ["Kubernetes", "On-call"],
        "curious_about": [],
        "can_help_with": ["Terraform"],
        "learning": ["Go programming"],
    }


def test_topics_by_statement_never_mixes_two_members(ana, ben):
    grouped = selectors.topics_by_statement(selectors.member_detail(member_id=ben.pk))

    assert [t.name for t in grouped["working_on"]] == ["Accessibility"]
    assert [t.name for t in grouped["learning"]] == ["Kubernetes"]


# Reporting lines


@pytest.fixture
def chain(make_member):
    """A reports to B, B reports to C."""
    a, b, c = make_member("A"), make_member("B"), make_member("C")
    member_update(member=a, manager=b)
    member_update(member=b, manager=c)
    return a, b, c


def test_management_chain_lists_everyone_above_nearest_first(chain):
    a, b, c = chain

    assert selectors.management_chain(Member.objects.get(pk=a.pk)) == [b, c]
    assert selectors.management_chain(Member.objects.get(pk=c.pk)) == []


def test_management_chain_stops_at_a_cycle_written_around_the_services(chain):
    a, b, c = chain
    Member.objects.filter(pk=c.pk).update(manager=a)

    assert selectors.management_chain(Member.objects.get(pk=a.pk)) == [b, c]


def test_would_create_cycle_sees_direct_and_indirect_loops(chain):
    a, b, c = chain

    assert selectors.would_create_cycle(member_id=b.pk, manager_id=a.pk)
    assert selectors.would_create_cycle(member_id=c.pk, manager_id=a.pk)
    assert selectors.would_create_cycle(member_id=a.pk, manager_id=a.pk)


def test_would_create_cycle_allows_managers_outside_the_members_reports(chain, ana):
    a, _, c = chain

    assert not selectors.would_create_cycle(member_id=a.pk, manager_id=c.pk)
    assert not selectors.would_create_cycle(member_id=c.pk, manager_id=ana.pk)
    assert not selectors.would_create_cycle(member_id=None, manager_id=a.pk)
    assert not selectors.would_create_cycle(member_id=a.pk, manager_id=None)


# topic_for_query


@pytest.mark.parametrize(
    "text",
    ["kubernetes", "Kubernetes", "KUBERNETES", " k8s ", "kube", "container orchestration"],
)
@pytest.mark.django_db
def test_topic_for_query_understands_name_slug_synonym_and_abbreviation(text):
    assert selectors.topic_for_query(text).name == "Kubernetes"


@pytest.mark.django_db
def test_topic_for_query_respects_case_sensitive_abbreviations():
    assert selectors.topic_for_query("Go").name == "Go programming"
    assert selectors.topic_for_query("go-programming").name == "Go programming"


@pytest.mark.parametrize("text", ["", "   ", "underwater basket weaving"])
@pytest.mark.django_db
def test_topic_for_query_finds_nothing_outside_the_vocabulary(text):
    assert selectors.topic_for_query(text) is None


# directory_search


def test_directory_search_lists_members_by_name(ana, ben, make_member):
    make_member("Aaron Able")

    assert names(selectors.directory_search()) == ["Aaron Able", "Ana Lima", "Ben Okafor"]


def test_directory_search_leaves_out_members_who_left(ana, make_member):
    make_member("Lee Left", status=Member.Status.LEFT)
    make_member("Pat Paused", status=Member.Status.PAUSED)

    assert names(selectors.directory_search()) == ["Ana Lima", "Pat Paused"]


def test_directory_search_matches_every_word_of_the_name(ana, ben, make_member):
    make_member("Ana Okafor")

    assert names(selectors.directory_search(query="ana okafor")) == ["Ana Okafor"]
    assert names(selectors.directory_search(query="OKAFOR")) == ["Ana Okafor", "Ben Okafor"]


def test_directory_search_finds_an_unaccented_name_from_an_accented_query(make_member):
    make_member("Jose Silva")

    assert names(selectors.directory_search(query="José")) == ["Jose Silva"]


def test_directory_search_ignores_accents_both_ways(make_member):
    make_member("José Silva", email="jose@example.org")
    make_member("Élodie Durand", email="elodie@example.org")

    assert names(selectors.directory_search(query="jose")) == ["José Silva"]
    assert names(selectors.directory_search(query="ELODIE")) == ["Élodie Durand"]


def test_directory_search_finds_a_member_by_the_name_they_changed_to(ana):
    member_update(member=ana, display_name="Ana Lima-Souza")

    assert names(selectors.directory_search(query="souza")) == ["Ana Lima-Souza"]


def test_directory_search_by_topic_lists_each_member_once(ana, ben, make_member):
    make_member("Cara Diaz", working_on="k8s", learning="Kubernetes", can_help_with="kube")
    kubernetes = Topic.objects.get(slug="kubernetes")

    result = names(selectors.directory_search(topic=kubernetes))

    assert result == ["Ana Lima", "Ben Okafor", "Cara Diaz"]


def test_directory_search_by_team_is_exact(ana, ben):
    assert names(selectors.directory_search(team="Checkout")) == ["Ben Okafor"]
    assert names(selectors.directory_search(team="Check")) == []


def test_directory_search_prefetches_topics(ana, ben, django_assert_num_queries):
    with django_assert_num_queries(2):
        members = list(selectors.directory_search())
        topics = [[link.topic.name for link in m.profile_topics.all()] for m in members]

    assert topics[1] == ["Accessibility", "Kubernetes", "Usability testing"]


# team_suggestions and popular_topics


def test_team_suggestions_name_each_team_once_alphabetically(ana, ben, make_member):
    make_member(team="Checkout")
    make_member(team="")
    make_member(team="Gone", status=Member.Status.LEFT)

    assert selectors.team_suggestions(text="o") == ["Checkout", "Platform"]


def test_team_suggestions_stop_at_the_limit(make_member):
    for team in ("Alpha", "Beta", "Gamma"):
        make_member(team=team)

    assert selectors.team_suggestions(text="a", limit=2) == ["Alpha", "Beta"]


def test_team_suggestions_take_a_percent_sign_literally(make_member):
    make_member(team="100% Uptime")
    make_member(team="Uptime")

    assert selectors.team_suggestions(text="0%") == ["100% Uptime"]


def test_popular_topics_puts_the_most_mentioned_first(ana, ben, make_member):
    make_member(working_on="Terraform")
    make_member(working_on="Terraform", learning="terraform modules")

    popular = list(selectors.popular_topics(limit=3))

    assert [(t.name, t.n) for t in popular] == [
        ("Terraform", 3),
        ("Kubernetes", 2),
        ("Accessibility", 1),
    ]


@pytest.mark.django_db
def test_popular_topics_leaves_out_topics_nobody_mentions():
    assert list(selectors.popular_topics()) == []


# topic_matcher


@pytest.mark.django_db
def test_the_topic_matcher_is_reused_while_the_vocabulary_is_unchanged():
    assert selectors.topic_matcher() is selectors.topic_matcher()


def test_the_topic_matcher_is_rebuilt_when_the_vocabulary_changes(make_member):
    before = selectors.topic_matcher()
    topic = Topic.objects.create(name="Zettelkasten", slug="zettelkasten", area="research")
    topic.aliases.create(
        text="Zettelkasten", kind="name", key=alias_key("Zettelkasten", case_sensitive=False)
    )

    after = selectors.topic_matcher()

    assert after is not before
    assert after.topics("my zettelkasten") == ["zettelkasten"]
    member = make_member(learning="Zettelkasten")
    assert ProfileTopic.objects.filter(member=member, topic=topic).exists()


@pytest.mark.django_db
def test_the_vocabulary_reads_back_from_the_database_as_the_file_wrote_it(settings):
    def as_sets(entries):
        return {(e.name, e.slug, e.area, frozenset(e.aliases)) for e in entries}

    from_file = load_vocabulary(settings.TOPICS_FILE)

    assert as_sets(selectors.vocabulary_entries()) == as_sets(from_file)
