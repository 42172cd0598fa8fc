"""People's hooks: what one area offers about members reaches the areas that ask, unimported."""

import pytest

from trellis.community.selectors import recent_post_texts
from trellis.connections.selectors import blocked_pairs
from trellis.people import hooks


@pytest.fixture
def no_readers(monkeypatch):
    """Hooks with nothing registered, so each test registers its own."""
    monkeypatch.setattr(hooks, "_writing_readers", [])
    monkeypatch.setattr(hooks, "_pairs_readers", [])


def test_the_areas_register_their_readers_when_django_starts():
    assert recent_post_texts in hooks._writing_readers
    assert blocked_pairs in hooks._pairs_readers


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


@pytest.mark.parametrize("a, b", [(3, 12), ("12", "3"), (12, "3")])
def test_a_pair_is_named_lower_id_first_as_strings(a, b):
    assert hooks.pair_key(a, b) == ("3", "12")
