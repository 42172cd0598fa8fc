"""Reciprocity: units each way per exchange, months, the one-way nudge, the chart."""

import datetime
from xml.etree import ElementTree

from trellis.connections import reciprocity

ANA, BEN = 1, 2
TODAY = datetime.date(2025, 6, 15)


def ex(author, day, *, shared="", learned=""):
    return {"author_id": author, "date": day, "what_i_shared": shared, "what_i_learned": learned}


def test_what_the_author_shared_flows_to_the_other_and_what_they_learned_flows_back():
    exchange = ex(ANA, TODAY, shared="checklist", learned="usability tests")

    assert reciprocity.units(exchange, ANA) == (1, 1)
    assert reciprocity.units(ex(ANA, TODAY, shared="x"), ANA) == (1, 0)
    assert reciprocity.units(ex(ANA, TODAY, shared="x"), BEN) == (0, 1)
    assert reciprocity.units(ex(BEN, TODAY, learned="x"), ANA) == (1, 0)


def test_months_run_from_the_first_exchange_to_today_with_empty_months_kept():
    exchanges = [
        ex(ANA, datetime.date(2025, 3, 2), shared="x"),
        ex(BEN, datetime.date(2025, 3, 20), shared="y"),
        ex(BEN, datetime.date(2025, 5, 1), learned="z"),
    ]

    months = reciprocity.monthly(exchanges, ANA, today=TODAY)

    assert [(m.start.month, m.gave, m.received) for m in months] == [
        (3, 1, 1),
        (4, 0, 0),
        (5, 1, 0),
        (6, 0, 0),
    ]


def test_at_most_twelve_months_are_shown_across_a_new_year():
    exchanges = [ex(ANA, datetime.date(2023, 1, 1), shared="x")]

    months = reciprocity.monthly(exchanges, ANA, today=TODAY)

    assert len(months) == 12
    assert months[0].start == datetime.date(2024, 7, 1)
    assert months[-1].start == datetime.date(2025, 6, 1)


def test_no_exchanges_gives_this_month_alone():
    assert [m.start for m in reciprocity.monthly([], ANA, today=TODAY)] == [
        datetime.date(2025, 6, 1)
    ]


def test_a_relationship_is_one_way_after_three_recent_units_with_nothing_back():
    learned = [ex(ANA, TODAY - datetime.timedelta(days=d), learned="x") for d in (1, 10, 20)]

    assert reciprocity.one_way(learned, ANA, today=TODAY) == "received"
    assert reciprocity.one_way(learned, BEN, today=TODAY) == "gave"
    assert reciprocity.one_way(learned[:2], ANA, today=TODAY) is None


def test_value_back_or_old_exchanges_are_not_one_way():
    recent = [ex(ANA, TODAY, learned="x") for _ in range(3)]

    assert reciprocity.one_way([*recent, ex(ANA, TODAY, shared="y")], ANA, today=TODAY) is None
    old = [ex(ANA, TODAY - datetime.timedelta(days=200), learned="x") for _ in range(3)]
    assert reciprocity.one_way(old, ANA, today=TODAY) is None


def test_the_chart_draws_given_above_the_axis_and_received_below_with_words_for_each_month():
    months = [
        reciprocity.Month(datetime.date(2025, 5, 1), gave=2, received=0),
        reciprocity.Month(datetime.date(2025, 6, 1), gave=1, received=2),
    ]

    svg = ElementTree.fromstring(reciprocity.chart(months, title="You & Ben", chart_id="c"))

    assert svg.get("class") == "reciprocity-chart" and svg.get("aria-labelledby") == "c c-desc"
    assert svg.find("title").text == "You & Ben"
    assert svg.find("desc").text.endswith("Up to 2 a month.")
    axis = float(svg.find("line").get("y1"))
    may, june = svg.findall("g")
    assert may.find("title").text == "May 2025: 2 given, 0 received"
    assert [rect.get("class") for rect in may.findall("rect")] == ["gave"]
    gave = may.find("rect")
    assert float(gave.get("y")) + float(gave.get("height")) == axis
    assert [rect.get("class") for rect in june.findall("rect")] == ["gave", "received"]
    assert float(june.findall("rect")[1].get("y")) == axis
    assert [g.find("text").text for g in (may, june)] == ["May", "Jun"]
