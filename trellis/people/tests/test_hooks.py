"""People's hooks: what one area offers about members reaches the areas that ask, unimported."""

from datetime import date

import pytest

from trellis.community.selectors import post_problems, recent_post_texts
from trellis.connections.selectors import blocked_pairs, help_given_in_exchanges, relationship_loads
from trellis.initiatives.helping import help_given_on_initiatives
from trellis.people import hooks
from trellis.people.hooks import HelpGiven, PostProblem

READERS = ("_writing_readers", "_pairs_readers", "_help_readers", "_load_readers")


@pytest.fixture
def no_readers(monkeypatch):
    """Hooks with nothing registered, so each test registers its own."""
    for name in (*READERS, "_problem_readers"):
        monkeypatch.setattr(hooks, name, [])


def test_the_areas_register_their_readers_when_django_starts():
    assert recent_post_texts in hooks._writing_readers
    assert blocked_pairs in hooks._pairs_readers
    assert help_given_in_exchanges in hooks._help_readers
    assert help_given_on_initiatives in hooks._help_readers
    assert relationship_loads in hooks._load_readers
    assert post_problems in hooks._problem_readers


def test_help_given_is_gathered_from_every_reader_newest_first(no_readers):
    june, july, may = date(2026, 6, 1), date(2026, 7, 1), date(2026, 5, 1)
    hooks.register_help_given(lambda member_ids: {1: [HelpGiven(june, "Terraform")]})
    hooks.register_help_given(
        lambda member_ids: {1: [HelpGiven(may, "Go")], 2: [HelpGiven(july, "SQL")]}
    )

    assert hooks.help_given(member_ids=[1, 2]) == {
        1: (HelpGiven(june, "Terraform"), HelpGiven(may, "Go")),
        2: (HelpGiven(july, "SQL"),),
    }


def test_relationship_load_adds_up_every_readers_count(no_readers):
    hooks.register_relationship_load(lambda member_ids: {1: 2})
    hooks.register_relationship_load(lambda member_ids: {1: 1, 3: 1})

    assert hooks.relationship_load(member_ids=[1, 3]) == {1: 3, 3: 1}


def test_post_problems_come_from_the_area_that_has_posts(no_readers):
    hooks.register_post_problems(lambda post_ids: {9: PostProblem(1, "Terraform drift")})

    assert hooks.post_problems(post_ids=[9]) == {9: PostProblem(1, "Terraform drift")}


def test_each_members_writing_is_gathered_from_every_reader_in_turn(no_readers):
    hooks.register_writing(lambda member_ids: {1: ("a post",), 2: ("another",)})
    hooks.register_writing(lambda member_ids: {1: ("a reply",)})

    assert hooks.member_writing(member_ids=[1, 2]) == {1: ("a post", "a reply"), 2: ("another",)}


def test_a_reader_registered_twice_is_asked_once(no_readers):
    def reader(member_ids):
        return {1: ("once",)}

    hooks.register_writing(reader)
    hooks.register_writing(reader)

    assert hooks.member_writing(member_ids=[1]) == {1: ("once",)}


def test_pairs_kept_apart_are_every_readers_pairs(no_readers):
    hooks.register_pairs_kept_apart(lambda member_ids: {("1", "2")})
    hooks.register_pairs_kept_apart(lambda member_ids: {("2", "3"), ("1", "2")})

    assert hooks.pairs_kept_apart(member_ids=[2]) == {("1", "2"), ("2", "3")}


def test_without_readers_there_is_nothing_to_read(no_readers):
    assert hooks.member_writing(member_ids=[1]) == {}
    assert hooks.pairs_kept_apart() == set()
    assert hooks.help_given(member_ids=[1]) == {}
    assert hooks.relationship_load(member_ids=[1]) == {}
    assert hooks.post_problems() == {}


@pytest.mark.parametrize("a, b", [(3, 12), ("12", "3"), (12, "3")])
def test_a_pair_is_named_lower_id_first_as_strings(a, b):
    assert hooks.pair_key(a, b) == ("3", "12")
