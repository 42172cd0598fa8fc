"""What matching reads from the database is bounded and checked (issue 14, items 2 and 5):
statements stored before the caps are cut to them; cohort values and type-ahead queries
with forbidden characters are refused or find nobody, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from trellis.matching.models import Cohort
from trellis.matching.selectors import people as selectors
from trellis.people.models import Member
from trellis.text import limits


def test_a_statement_stored_before_the_cap_reaches_the_engine_cut_to_it(ana):
    Member.objects.filter(pk=ana.pk).update(working_on="k8s " * 5_000_000)  # 20 MB

    [person] = selectors.engine_people(Member.objects.filter(pk=ana.pk))

    assert len(person.working_on) == limits.STATEMENT
    assert person.learning == "Go"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\u202e", "\n"])
def test_a_cohort_value_with_a_forbidden_character_is_refused_before_any_query(char):
    with pytest.raises(ValueError, match="“cohort”"):
        Cohort.parse(f"team:Plat{char}form")


def test_a_cohort_value_longer_than_a_team_name_is_refused():
    with pytest.raises(ValueError, match="at most 150 characters"):
        Cohort.parse("team:" + "x" * 151)


@pytest.mark.parametrize("query", ["An\x00a", "Ana\u202e", "A" * (limits.SEARCH + 1)])
def test_a_type_ahead_query_with_a_nul_or_too_long_finds_nobody_without_an_error(ana, query):
    assert selectors.members_named(query=query) == []


def test_a_type_ahead_query_still_finds_by_name(ana):
    assert selectors.members_named(query="Ana") == [ana]
