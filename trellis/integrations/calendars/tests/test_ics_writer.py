"""The feed's own iCalendar writer, read back by two independent parsers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import icalendar
import pytest
import vobject

from trellis.integrations.calendars.ics import folded, milestones_ics, text

TRICKY = "Ünïcode, commas; semicolons\\ back\\slashes\nand a new line " + "é日本" * 30


def initiative(title: str, note: str):
    stamp = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    step = SimpleNamespace(pk=7, title=title, due_on=date(2027, 1, 31), note=note)
    step.updated_at = stamp
    return SimpleNamespace(
        pk=3,
        title=title,
        ends_on=date(2027, 3, 1),
        updated_at=stamp,
        plan=[step],
        get_absolute_url=lambda: "/initiatives/3/",
    )


@pytest.fixture
def ics(settings) -> bytes:
    settings.SITE_URL = "https://trellis.example.org"
    return milestones_ics(initiatives=[initiative(TRICKY, TRICKY)], name="A, b; c")


def test_text_is_escaped_as_rfc_5545_asks():
    assert text("a,b;c\\d\ne\r\nf\x07g") == "a\\,b\\;c\\\\d\\ne\\nf g"


def test_lines_fold_before_75_octets_and_never_inside_a_character():
    line = "SUMMARY:" + "日" * 60

    out = folded(line)

    assert all(len(part) <= 75 for part in out.split(b"\r\n"))
    assert out.endswith(b"\r\n") and out.count(b"\r\n ") >= 2
    assert out.replace(b"\r\n ", b"").decode("utf-8") == line + "\r\n"


def test_icalendar_and_vobject_both_read_back_exactly_what_was_written(ics):
    assert b"\n" not in ics.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))

    first = icalendar.Calendar.from_ical(ics)
    events = first.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [f"{TRICKY} ({TRICKY})", f"Ends: {TRICKY}"]
    assert str(events[0]["DESCRIPTION"]).startswith(TRICKY)
    assert events[0].decoded("DTSTART") == date(2027, 1, 31)
    assert b"\r\nX-WR-CALNAME:A\\, b\\; c\r\n" in ics

    second = vobject.readOne(ics.decode("utf-8"), validate=True)
    (step, end) = second.vevent_list
    assert step.summary.value == f"{TRICKY} ({TRICKY})"
    assert step.uid.value == "trellis-milestone-7@trellis.example.org"
    assert step.dtstamp.value == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert (end.dtstart.value, end.dtend.value) == (date(2027, 3, 1), date(2027, 3, 2))
    assert end.uid.value == "trellis-initiative-3-ends@trellis.example.org"
