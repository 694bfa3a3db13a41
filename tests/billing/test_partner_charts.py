"""The server-rendered SVG bar chart (billing.charts): well-formed, named and described, a <title> per bar,
every text escaped, bars to scale, the value axis covering the largest value."""

import xml.etree.ElementTree as ET
from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from billing.charts import Series, bar_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def _chart(values, names=("Invoiced <b>", "Received")):
    return bar_chart(
        chart_id="c",
        title="Money & <script>",
        description="Bars",
        categories=[f"M{i}\n2026" for i in range(len(values[0]))],
        series=[Series(name, vals) for name, vals in zip(names, values, strict=False)],
        x_label="Month",
        y_label="Roubles",
        format_value=lambda v: f"{v} ₽",
    )


def test_the_chart_is_accessible_well_formed_svg():
    svg = _chart([[Decimal("100.50"), Decimal("0")], [Decimal("50"), Decimal("200")]])
    root = ET.fromstring(str(svg))  # noqa: S314
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Money & <script>" and "<script>" not in str(svg)
    bars = root.findall(f"{SVG}g[@class='bar']")
    assert [b.find(f"{SVG}title").text for b in bars] == [
        "M0 2026 — Invoiced <b>: 100.50 ₽",
        "M0 2026 — Received: 50 ₽",
        "M1 2026 — Invoiced <b>: 0 ₽",
        "M1 2026 — Received: 200 ₽",
    ]
    heights = [float(b.find(f"{SVG}rect").get("height")) for b in bars]
    assert heights[2] == 0 and abs(heights[0] / heights[3] - 100.5 / 200) < 0.01
    assert "Invoiced &lt;b&gt;" in str(svg)  # the legend, escaped


def test_an_empty_chart_still_draws():
    root = ET.fromstring(str(_chart([[Decimal(0)] * 3], names=("Due",))))  # noqa: S314
    assert len(root.findall(f"{SVG}g[@class='bar']")) == 3


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_the_ticks_start_at_zero_and_reach_the_top(top):
    ticks = nice_ticks(float(top))
    assert ticks[0] == 0 and ticks[-1] >= float(top) and len(ticks) <= 7
    steps = {round(b - a, 6) for a, b in pairwise(ticks)}
    assert len(steps) == 1
