"""The engine never reads more than a person may write (issue 14, item 2): a people file
with a longer text is refused, naming its line and field."""

from __future__ import annotations

import pytest

from trellis.matching.engine.people import read_people
from trellis.matching.engine.tests.test_people import lines, problems_of, record
from trellis.text import limits


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("working_on", limits.STATEMENT),
        ("learning", limits.STATEMENT),
        ("name", limits.DISPLAY_NAME),
        ("team", limits.TEAM),
    ],
)
def test_a_text_at_its_cap_is_read_and_one_more_is_refused(field, limit):
    [person] = read_people(lines(record(**{field: "x" * limit})))
    assert len(getattr(person, field)) == limit

    problems = problems_of(record(**{field: "x" * (limit + 1)}))

    assert problems == [f"line 1: field {field!r} has {limit + 1:,} characters; at most {limit:,}"]


def test_a_post_longer_than_a_post_may_be_is_refused():
    problems = problems_of(record(posts=["fine", "x" * (limits.POST_BODY + 1)]))

    assert problems == ["line 1: field 'posts': a post has more than 5,000 characters"]
