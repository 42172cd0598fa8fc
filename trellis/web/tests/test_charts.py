"""Charts: the geometry of stacked and diverging bars, and the SVG drawn from it."""

from xml.etree import ElementTree

from trellis.web import charts
from trellis.web.charts import Column, Frame, Series

SVG = "{http://www.w3.org/2000/svg}"
UP_DOWN = (Series("given", css_class="gave"), Series("received", css_class="received"))
INSIDE_OUTSIDE = (
    Series("inside", legend="From inside", fill="#aaa"),
    Series("outside", legend="From outside", fill="#333"),
)
IMAGE = Frame(640, 220, left=36, right=12, top=16, bottom=40)


def months(*values: tuple[int, int]) -> list[Column]:
    names = ["January", "February", "March", "April", "May", "June", "July", "August"]
    return [
        Column(name[:3], f"{name} 2025", pair) for name, pair in zip(names, values, strict=False)
    ]


def test_diverging_bars_stand_above_the_axis_and_hang_below_it_on_one_scale():
    columns = months((2, 0), (1, 2))
    frame = Frame(200, 118, top=6, bottom=24)
    top = charts.largest(columns)

    axis, (first, second) = charts.diverging(columns, UP_DOWN, frame=frame, top=top)

    (first_up, first_down), (second_up, second_down) = first.bars, second.bars
    assert top == 2
    assert first_up.y + first_up.height == axis
    assert first_up.height == second_down.height == 2 * second_up.height
    assert first_down.height == 0
    assert first.band.x < second.band.x < frame.width


def test_stacked_bars_pile_the_second_series_on_the_first():
    (column,) = charts.stacked(months((1, 3)), INSIDE_OUTSIDE, frame=IMAGE, top=4)

    inside, outside = column.bars
    assert inside.y + inside.height == IMAGE.baseline
    assert outside.y + outside.height == inside.y
    assert outside.height == 3 * inside.height
    assert IMAGE.baseline - outside.y == IMAGE.plot_height  # the top of the scale


def test_bars_are_centred_in_their_slots_within_the_widths_asked():
    wide = charts.bands(2, left=10, span=200, widest=32)
    narrow = charts.bands(400, left=0, span=200)

    assert [band.centre for band in wide] == [60, 160]
    assert wide[0].width == 32 and wide[0].x == 44
    assert narrow[0].width == charts.THINNEST_BAR and narrow[0].centre == 0.25
    assert charts.bands(4, left=0, span=200)[0].width == 30


def test_gridlines_reach_the_largest_stack_in_whole_steps():
    assert charts.gridlines(0) == [0, 1]
    assert charts.gridlines(4) == [0, 1, 2, 3, 4]
    assert charts.gridlines(5) == [0, 2, 4, 6]
    assert charts.largest([]) == 1


def test_a_stacked_image_is_well_formed_with_a_tooltip_per_bar_drawn_and_a_legend():
    svg = charts.stacked_chart(
        months((1, 0), (0, 0), (2, 1)), INSIDE_OUTSIDE, frame=IMAGE, title="Seen", chart_id="t"
    )

    root = ElementTree.fromstring(svg)
    assert root.get("width") == "640" and root.get("aria-labelledby") == "t"
    assert root.find(f"{SVG}title").text == "Seen"
    tooltips = [
        rect.find(f"{SVG}title").text
        for rect in root.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]
    assert tooltips == ["January 2025: 1 inside", "March 2025: 2 inside", "March 2025: 1 outside"]
    words = [text.text for text in root.iter(f"{SVG}text")]
    assert words[:4] == ["0", "1", "2", "3"]  # the gridlines' values
    assert words[4:] == ["Jan", "Feb", "Mar", "From outside", "From inside"]


def test_past_twelve_columns_every_other_one_is_labelled():
    columns = [Column(f"m{i}", f"month {i}", (1, 0)) for i in range(14)]

    svg = charts.stacked_chart(columns, INSIDE_OUTSIDE, frame=IMAGE, title="Seen", chart_id="t")

    labels = [text.text for text in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert [label for label in labels if label.startswith("m")] == [
        f"m{i}" for i in range(0, 14, 2)
    ]


def test_every_word_and_attribute_is_escaped():
    hostile = 'Zoë <b>&"Quotes"</b>'
    column = Column(hostile, hostile, (1, 1))

    svg = charts.diverging_chart(
        [column],
        UP_DOWN,
        frame=Frame(480, 180, top=6, bottom=24),
        title=hostile,
        desc=hostile,
        chart_id='x" onload="alert(1)',
        css_class="chart",
    )

    root = ElementTree.fromstring(svg)
    assert root.find("title").text == root.find("desc").text == hostile
    assert root.find("title").get("id") == 'x" onload="alert(1)'
    assert root.find("g/text").text == hostile
    assert "onload" not in root.attrib


def test_an_inline_chart_fills_its_container_and_takes_its_colours_from_the_stylesheet():
    svg = charts.diverging_chart(
        months((1, 2)),
        UP_DOWN,
        frame=Frame(480, 180, top=6, bottom=24),
        title="t",
        desc="d",
        chart_id="c",
        css_class="chart",
    )

    root = ElementTree.fromstring(svg)
    assert (root.get("class"), root.get("width"), root.get("xmlns")) == ("chart", "100%", None)
    assert [rect.get("class") for rect in root.iter("rect")] == ["gave", "received"]
    assert all(rect.get("fill") is None for rect in root.iter("rect"))
    assert "<script" not in svg and "href" not in svg
