"""Charts drawn on the server as SVG: data in, SVG text out (no ORM, no clock, no JavaScript, no CDN).

Every text is escaped before it goes into the markup, and only then is the whole marked safe. The charts use
SVG presentation attributes (fill="…", font-size="…"), never style attributes, so the Content-Security-Policy
holds; a viewBox with width 100% lets them shrink to a phone's width and print into a PDF. The same data gives
the same bytes (no random ids, numbers rounded to two decimals).
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 480  # narrow enough that the text stays legible when a phone shrinks the chart
LABEL_WIDTH = 150  # the left column of a horizontal chart
VALUE_WIDTH = 92  # the right column ("12/40 · 30%"), at least; wider when its texts need it (value_width)
BAR_HEIGHT = 18
ROW_GAP = 8
TOP = 34  # room for the title
AXIS_HEIGHT = 22
# A label of the left column wraps after this many characters, over as many lines as it needs: never cut.
LABEL_LINE = 21
LINE_HEIGHT = 14
TITLE_LINE = 60  # characters of a title line (14 px bold across the chart's width)
TITLE_HEIGHT = 18
# The PDF declares the Tinos faces (pdf_fonts.css); a browser falls back to the page's sans-serif. No quotes:
# WeasyPrint's SVG text splits this list at the commas and strips quotes only where no space precedes them, so
# "'Tinos Vietnamese'" after ", " was a family nobody has, and Vietnamese letters fell back to DejaVu Sans.
FONT = "Tinos Latin,Tinos Vietnamese,Tinos Latin Ext,system-ui,sans-serif"
BAR_COLOUR = "#1d5fae"
TEXT_COLOUR = "#212529"
GRID_COLOUR = "#ced4da"
EMPTY_TEXT = "Chưa có số liệu"
# The stages of the yearly cycle, from not yet registered to recognised: one colour each.
STAGE_COLOURS = ("#adb5bd", "#9ec5fe", "#6ea8fe", "#1d5fae", "#198754")
SERIES_COLOURS = ("#1d5fae", "#198754", "#fd7e14", "#6f42c1", "#d63384")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int  # the bar shows value/total as a share; total 0 draws an empty bar


def esc(text) -> str:
    return escape(str(text), quote=True)


def number(value: float) -> str:
    """Coordinates with at most two decimals, the same text on every run ("12.5", "40")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(value: int, total: int) -> float:
    return 100.0 * value / total if total else 0.0


def percent_text(value: int, total: int) -> str:
    """Vietnamese percent with a decimal comma: "37,5%"; "—" when there is nothing to divide by."""
    if not total:
        return "—"
    share = round(percent(value, total), 1)
    text = f"{share:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}%"


# Advance widths in em of the widest face a chart may be drawn in: a browser without Tinos falls back to its
# sans-serif (DejaVu Sans on Linux), wider than Tinos; estimated a little high so a value is never clipped.
_NARROW = set(" ·,.:;/|!'")
_WIDE = set("%mwMW—")


def text_width(text: str, size: float = 12) -> float:
    """An upper estimate of the width of `text` in the chart's font at `size` px."""
    em = sum(0.34 if c in _NARROW else 0.96 if c in _WIDE else 0.66 for c in str(text))
    return em * size


def value_width(texts) -> float:
    """The right column's width: room for the longest value text and a gap before it."""
    return max([VALUE_WIDTH, *(text_width(t) + 8 for t in texts)])


def shorten(label: str, limit: int) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def wrap(text: str, limit: int) -> list[str]:
    """The text over as many lines of about `limit` characters as it needs, broken between words."""
    return textwrap.wrap(" ".join(str(text).split()), limit, break_long_words=False) or [""]


def _svg(title: str, height: float, body: list[str], description: str = "") -> SafeString:
    label = esc(title if not description else f"{title}. {description}")
    title_lines = wrap(title, TITLE_LINE)
    extra = (len(title_lines) - 1) * TITLE_HEIGHT  # a long title pushes the chart down instead of being cut
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {number(height + extra)}" width="100%" '
        f'role="img" aria-label="{label}" font-family="{esc(FONT)}" font-size="12" fill="{TEXT_COLOUR}" '
        f'preserveAspectRatio="xMinYMin meet" class="chart">',
        f"<title>{esc(title)}</title>",
    ]
    if description:
        parts.append(f"<desc>{esc(description)}</desc>")
    for index, line in enumerate(title_lines):
        y = 16 + index * TITLE_HEIGHT
        parts.append(f'<text x="0" y="{y}" font-size="14" font-weight="bold">{esc(line)}</text>')
    parts.extend([f'<g transform="translate(0 {extra})">', *body, "</g>"] if extra else body)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text above went through esc()


def _row_label(label: str, x: float, y: float) -> tuple[list[str], float]:
    """The label of a bar whose row starts at `y`, right-aligned at `x` over as many lines as it needs, and the
    height of the row (the bar is centred on the label)."""
    lines = wrap(label, LABEL_LINE)
    height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT)
    first = y + height / 2 + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
    texts = [
        f'<text x="{number(x)}" y="{number(first + i * LINE_HEIGHT)}" text-anchor="end">{esc(line)}</text>'
        for i, line in enumerate(lines)
    ]
    return texts, height


def _percent_axis(x0: float, width: float, y_top: float, y_bottom: float) -> list[str]:
    """Grid lines and labels at 0, 25, 50, 75 and 100 %."""
    out = []
    for step in range(0, 101, 25):
        x = x0 + width * step / 100
        out.append(
            f'<line x1="{number(x)}" y1="{number(y_top)}" x2="{number(x)}" y2="{number(y_bottom)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{number(x)}" y="{number(y_bottom + 14)}" text-anchor="middle" font-size="10">{step}%</text>'
        )
    return out


def _empty(title: str) -> SafeString:
    body = [f'<text x="{WIDTH // 2}" y="52" text-anchor="middle">{esc(EMPTY_TEXT)}</text>']
    return _svg(title, 70, body, EMPTY_TEXT)


def bar_chart(title: str, bars: Sequence[Bar]) -> SafeString:
    """Horizontal bars, one per label, each as long as its share value/total on a 0–100 % axis."""
    if not bars:
        return _empty(title)
    values = [f"{bar.value}/{bar.total} · {percent_text(bar.value, bar.total)}" for bar in bars]
    x0 = LABEL_WIDTH
    span = WIDTH - LABEL_WIDTH - value_width(values)
    body, y = [], float(TOP)
    for bar, value in zip(bars, values, strict=True):
        label, height = _row_label(bar.label, x0 - 6, y)
        y_bar = y + (height - BAR_HEIGHT) / 2
        share = min(percent(bar.value, bar.total), 100.0)
        length = span * share / 100
        tip = f"{bar.label}: {bar.value}/{bar.total} ({percent_text(bar.value, bar.total)})"
        body.extend(label)
        body.append(
            f'<rect x="{x0}" y="{number(y_bar)}" width="{number(length)}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}">'
            f"<title>{esc(tip)}</title></rect>"
        )
        # Right-aligned at the edge: a value never runs out of the picture ("96/109 · 88,1%" was clipped).
        body.append(f'<text x="{WIDTH}" y="{number(y_bar + BAR_HEIGHT - 5)}" text-anchor="end">{esc(value)}</text>')
        y += height + ROW_GAP
    body = _percent_axis(x0, span, TOP - 4, y) + body
    description = "; ".join(f"{b.label}: {b.value}/{b.total} ({percent_text(b.value, b.total)})" for b in bars)
    return _svg(title, y + AXIS_HEIGHT, body, description)


def _legend(y: float, names: Sequence[str], colours: Sequence[str]) -> list[str]:
    """Legend entries, wrapped over as many lines as the width needs."""
    out, x, line = [], 0.0, 0
    for name, colour in zip(names, colours, strict=False):
        width = 24 + 6.8 * len(name)
        if x and x + width > WIDTH:
            x, line = 0.0, line + 1
        top = y + line * 18
        out.append(f'<rect x="{number(x)}" y="{number(top)}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{number(x + 16)}" y="{number(top + 10)}">{esc(name)}</text>')
        x += width
    return out


def _legend_height(names: Sequence[str]) -> float:
    x, lines = 0.0, 1
    for name in names:
        width = 24 + 6.8 * len(name)
        if x and x + width > WIDTH:
            x, lines = 0.0, lines + 1
        x += width
    return lines * 18


def stacked_bar_chart(title: str, segments: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]]) -> SafeString:
    """One full-width bar per row, split into its segments' shares (counts per segment, in `segments` order)."""
    if not rows:
        return _empty(title)
    colours = [STAGE_COLOURS[i % len(STAGE_COLOURS)] for i in range(len(segments))]
    legend_height = _legend_height(segments)
    top = TOP + legend_height + 4
    x0 = LABEL_WIDTH
    span = WIDTH - LABEL_WIDTH - value_width(f"{sum(counts)} đơn vị" for _, counts in rows)
    body, y = [], float(top)
    for label, counts in rows:
        texts, height = _row_label(label, x0 - 6, y)
        y_bar = y + (height - BAR_HEIGHT) / 2
        total = sum(counts)
        body.extend(texts)
        x = float(x0)
        for name, count, colour in zip(segments, counts, colours, strict=False):
            length = span * percent(count, total) / 100
            if length > 0:
                tip = f"{label} – {name}: {count}/{total} ({percent_text(count, total)})"
                body.append(
                    f'<rect x="{number(x)}" y="{number(y_bar)}" width="{number(length)}" height="{BAR_HEIGHT}" '
                    f'fill="{colour}"><title>{esc(tip)}</title></rect>'
                )
            x += length
        body.append(f'<text x="{WIDTH}" y="{number(y_bar + BAR_HEIGHT - 5)}" text-anchor="end">{total} đơn vị</text>')
        y += height + ROW_GAP
    body = _legend(TOP - 8, segments, colours) + _percent_axis(x0, span, top - 4, y) + body
    description = "; ".join(
        f"{label}: " + ", ".join(f"{name} {count}" for name, count in zip(segments, counts, strict=False))
        for label, counts in rows
    )
    return _svg(title, y + AXIS_HEIGHT, body, description)


def grouped_bar_chart(
    title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]
) -> SafeString:
    """Vertical bars grouped by category (e.g. years), one bar per series, heights in percent (0–100)."""
    if not categories or not series:
        return _empty(title)
    colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(series))]
    names = [name for name, _ in series]
    legend_height = _legend_height(names)
    plot_top = TOP + legend_height + 6
    plot_height = 180.0
    x0, x1 = 40.0, float(WIDTH - 10)
    bottom = plot_top + plot_height
    body = _legend(TOP - 8, names, colours)
    for step in range(0, 101, 25):
        y = bottom - plot_height * step / 100
        body.append(
            f'<line x1="{number(x0)}" y1="{number(y)}" x2="{number(x1)}" y2="{number(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        body.append(f'<text x="{number(x0 - 4)}" y="{number(y + 4)}" text-anchor="end" font-size="10">{step}%</text>')
    group_width = (x1 - x0) / len(categories)
    bar_width = group_width * 0.8 / len(series)
    for c_index, category in enumerate(categories):
        gx = x0 + c_index * group_width + group_width * 0.1
        for s_index, ((name, values), colour) in enumerate(zip(series, colours, strict=False)):
            value = values[c_index] if c_index < len(values) else 0.0
            value = max(0.0, min(float(value or 0), 100.0))
            height = plot_height * value / 100
            x = gx + s_index * bar_width
            tip = f"{category} – {name}: {number(value).replace('.', ',')}%"
            body.append(
                f'<rect x="{number(x)}" y="{number(bottom - height)}" width="{number(bar_width)}" '
                f'height="{number(height)}" fill="{colour}"><title>{esc(tip)}</title></rect>'
            )
        body.append(
            f'<text x="{number(gx + bar_width * len(series) / 2)}" y="{number(bottom + 14)}" '
            f'text-anchor="middle">{esc(shorten(category, 12))}</text>'
        )
    description = "; ".join(
        f"{category}: "
        + ", ".join(
            f"{name} {number(values[i] if i < len(values) else 0).replace('.', ',')}%" for name, values in series
        )
        for i, category in enumerate(categories)
    )
    return _svg(title, bottom + AXIS_HEIGHT, body, description)
