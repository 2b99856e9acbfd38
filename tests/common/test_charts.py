"""The SVG charts: bar geometry proportional to the data, empty data, long labels, escaping, determinism."""

import re
import xml.etree.ElementTree as ET

import pytest

from common import charts
from common.charts import Bar

SVG = "{http://www.w3.org/2000/svg}"
SPAN = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH


def parse(svg: str):
    return ET.fromstring(str(svg))


def data_rects(svg: str) -> list:
    """The bars: rects that carry a <title> (legend swatches have none)."""
    return [r for r in parse(svg).iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


@pytest.mark.parametrize(
    "bars, widths",
    [
        ([Bar("A", 10, 10)], [SPAN]),
        ([Bar("A", 5, 10), Bar("B", 1, 4)], [SPAN / 2, SPAN / 4]),
        ([Bar("A", 0, 10)], [0]),
        ([Bar("A", 3, 0)], [0]),  # nothing to divide by: an empty bar, no error
        ([Bar("A", 12, 10)], [SPAN]),  # more than the total is capped at the full axis
    ],
)
def test_bar_lengths_are_proportional_to_the_share(bars, widths):
    rects = data_rects(charts.bar_chart("Tỷ lệ", bars))
    assert [float(r.get("width")) for r in rects] == pytest.approx(widths, abs=0.01)


@pytest.mark.parametrize(
    "rows, widths",
    [
        ([("Huyện đoàn Lắk", [1, 1, 0, 2, 0])], [SPAN / 4, SPAN / 4, SPAN / 2]),
        ([("X", [0, 0, 0, 0, 3])], [SPAN]),
        ([("X", [0, 0, 0, 0, 0])], []),
    ],
)
def test_stacked_segments_fill_the_bar_by_share(rows, widths):
    svg = charts.stacked_bar_chart("Tiến độ", ["a", "b", "c", "d", "e"], rows)
    rects = data_rects(svg)
    assert [float(r.get("width")) for r in rects] == pytest.approx(widths, abs=0.01)
    xs = [float(r.get("x")) for r in rects]
    assert xs == sorted(xs)  # segments follow each other left to right


@pytest.mark.parametrize("values, heights", [([100, 50], [180, 90]), ([0, 25], [0, 45]), ([150, -3], [180, 0])])
def test_grouped_bar_heights_follow_the_percent(values, heights):
    svg = charts.grouped_bar_chart("So sánh", ["2024", "2025"], [("Đạt", values)])
    assert [float(r.get("height")) for r in data_rects(svg)] == pytest.approx(heights)


@pytest.mark.parametrize(
    "svg",
    [
        charts.bar_chart("Trống", []),
        charts.stacked_bar_chart("Trống", ["a"], []),
        charts.grouped_bar_chart("Trống", [], [("a", [])]),
    ],
)
def test_empty_data_says_so(svg):
    root = parse(svg)
    assert charts.EMPTY_TEXT in "".join(root.itertext())
    assert data_rects(svg) == []


def test_text_is_escaped_and_diacritics_kept():
    svg = charts.bar_chart('<script>alert("x")</script> & Đoàn', [Bar("Chi đoàn <b>Ấp 1</b> & 2", 1, 2)])
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp; Đoàn" in svg
    root = parse(svg)  # still well-formed XML
    assert "Chi đoàn <b>Ấp 1</b> & 2" in "".join(root.itertext())


def test_accessible_and_sized_for_a_phone():
    root = parse(charts.bar_chart("Đăng ký", [Bar("Huyện đoàn Krông Pắc", 3, 4)]))
    assert root.get("role") == "img"
    assert "Huyện đoàn Krông Pắc: 3/4 (75%)" in root.get("aria-label")
    assert root.find(f"{SVG}title").text == "Đăng ký"
    assert root.get("width") == "100%" and re.fullmatch(rf"0 0 {charts.WIDTH} [\d.]+", root.get("viewBox"))
    assert "style=" not in str(charts.stacked_bar_chart("a", ["b"], [("c", [1])]))


@pytest.mark.parametrize("draw", [
    lambda label: charts.bar_chart("Dài", [Bar(label, 1, 1), Bar("Đoàn xã Ea Phê", 1, 2)]),
    lambda label: charts.stacked_bar_chart("Dài", ["a", "b"], [(label, [1, 1]), ("Đoàn xã Ea Phê", [0, 2])]),
])  # fmt: skip
def test_long_labels_wrap_over_lines_and_are_never_cut(draw):
    label = "Đoàn trường Cao đẳng nghề Thanh niên Dân tộc Tây Nguyên"
    svg = draw(label)
    # The label column's lines (the values are right-aligned too, at the picture's edge).
    texts = [t for t in parse(svg).iter(f"{SVG}text") if t.get("x") == str(charts.LABEL_WIDTH - 6)]
    assert " ".join(t.text for t in texts[:-1]) == label  # whole, over three lines
    assert len(texts) == 4 and all(len(t.text) <= charts.LABEL_WIDTH / 7 for t in texts)
    assert "…" not in str(svg)
    assert label in data_rects(svg)[0].find(f"{SVG}title").text
    ys = [float(t.get("y")) for t in texts]
    assert ys == sorted(ys) and ys[1] - ys[0] == charts.LINE_HEIGHT
    bars = data_rects(svg)
    first_bar, last_bar = float(bars[0].get("y")), float(bars[-1].get("y"))
    assert ys[0] - 10 < first_bar + charts.BAR_HEIGHT / 2 < ys[2]  # the bar sits beside its label's lines
    assert last_bar > ys[2]  # the next row starts below the wrapped label


def test_a_long_title_wraps_and_pushes_the_chart_down():
    title = "Tiến độ hiện nay – Đoàn trường Cao đẳng nghề Thanh niên Dân tộc Tây Nguyên"
    root = parse(charts.stacked_bar_chart(title, ["a"], [("X", [1])]))
    lines = [t.text for t in root.findall(f"{SVG}text")]
    assert " ".join(lines) == title
    short = parse(charts.stacked_bar_chart("Tiến độ", ["a"], [("X", [1])]))
    grow = float(root.get("viewBox").split()[3]) - float(short.get("viewBox").split()[3])
    assert grow == charts.TITLE_HEIGHT
    assert root.find(f"{SVG}g").get("transform") == f"translate(0 {charts.TITLE_HEIGHT})"


def test_the_font_list_names_every_tinos_face_without_quotes():
    # WeasyPrint's SVG text keeps a quote after ", " as part of the name: the face is missed, DejaVu drawn instead.
    family = parse(charts.bar_chart("a", [Bar("b", 1, 1)])).get("font-family")
    assert family.split(",")[:3] == ["Tinos Latin", "Tinos Vietnamese", "Tinos Latin Ext"]
    assert "'" not in family and '"' not in family


def test_same_data_same_bytes():
    def make():
        return charts.grouped_bar_chart("Năm", ["2023", "2024"], [("A", [10, 20.5]), ("B", [30, 1 / 3])])

    assert make() == make()


@pytest.mark.parametrize("value, total, text", [(1, 3, "33,3%"), (3, 4, "75%"), (0, 0, "—"), (2, 2, "100%")])
def test_percent_text(value, total, text):
    assert charts.percent_text(value, total) == text


@pytest.mark.parametrize("total", [109, 1000])
def test_values_stand_whole_inside_the_picture_and_clear_of_the_bars(total):
    """ "96/109 · 88,1%" was clipped at the right edge: the value column is as wide as its longest text."""
    svg = charts.bar_chart("Tỷ lệ", [Bar("Huyện đoàn Krông Pắc", 96, total), Bar("Huyện đoàn Lắk", 1, 2)])
    root = parse(svg)
    values = [t for t in root.iter(f"{SVG}text") if "·" in (t.text or "")]
    assert [v.text for v in values][0] == f"96/{total} · {charts.percent_text(96, total)}"
    bar_end = max(float(r.get("x")) + float(r.get("width")) for r in data_rects(svg))
    for value in values:
        assert value.get("text-anchor") == "end" and float(value.get("x")) <= charts.WIDTH
        assert float(value.get("x")) - charts.text_width(value.text) > bar_end
    assert charts.text_width("96/109 · 88,1%") > charts.VALUE_WIDTH - 6  # what the old fixed column left for it


def test_a_short_value_keeps_the_usual_column():
    assert charts.value_width(["10/10 · 100%"]) == charts.VALUE_WIDTH
