"""Server-rendered SVG bar charts for the partner's view: no script, no remote asset (the CSP allows neither).

The SVG is inline in the page, so it needs no request of its own; it uses presentation attributes only
(the CSP forbids inline `style`). For people who do not see it: the <svg> is `role="img"` named by its
<title> and described by its <desc>, every bar carries a <title> with its category, series and value
(a tooltip for the mouse, a name for screen readers), and the page prints the same figures as a table
next to the chart (billing/partner/_revenue.html, _receivables.html). Colours are told apart by the
legend's words too, and both pass 3:1 against the white background (WCAG 1.4.11).

Geometry is float (pixels); the values and their labels are formatted from the Decimals untouched.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1d5fa7", "#b35900", "#2f7d32", "#7b3fa0")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | int]
    color: str = ""


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5, 5 × 10^k) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    x_label: str,
    y_label: str,
    format_value: Callable[[Decimal | int], str],
    format_tick: Callable[[float], str] | None = None,
    width: int = 720,
    height: int = 320,
) -> SafeString:
    """A grouped bar chart (one group per category, one bar per series) as an accessible inline SVG."""
    format_tick = format_tick or (lambda v: format_value(Decimal(str(round(v)))))
    left, right, top, bottom = 96, 16, 40 if len(series) > 1 else 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((float(v) for s in series for v in s.values), default=0.0)
    ticks = nice_ticks(peak)
    scale = plot_h / ticks[-1] if ticks[-1] else 0
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    e = escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{e(chart_id)}" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
        f'font-family="sans-serif" font-size="12" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(description)}</desc>',
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]
    # The value axis: grid lines with their labels, and its name turned along it.
    for tick in ticks:
        y = top + plot_h - tick * scale
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d4da" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333333">{e(format_tick(tick))}</text>'
        )
    out.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" text-anchor="middle" fill="#333333" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.1f})">{e(y_label)}</text>'
    )
    # The bars, each with its own <title>.
    for c, category in enumerate(categories):
        for s_index, s in enumerate(series):
            value = s.values[c]
            h = float(value) * scale
            x = left + c * group_w + group_w * 0.1 + s_index * bar_w
            y = top + plot_h - h
            color = s.color or PALETTE[s_index % len(PALETTE)]
            name = category.replace("\n", " ")
            label = f"{name} — {s.name}: {format_value(value)}" if len(series) > 1 else f"{name}: {format_value(value)}"
            out.append(
                f'<g class="bar"><title>{e(label)}</title>'
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" height="{h:.1f}" '
                f'fill="{e(color)}"/></g>'
            )
        cx = left + c * group_w + group_w / 2
        lines = "".join(
            f'<tspan x="{cx:.1f}" dy="{0 if i == 0 else 14}">{e(part)}</tspan>'
            for i, part in enumerate(category.split("\n"))
        )
        out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="#333333">{lines}</text>')
    out.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333333"/>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" text-anchor="middle" fill="#333333">{e(x_label)}</text>'
    )
    # The legend, when there is more than one series.
    if len(series) > 1:
        x = left
        for s_index, s in enumerate(series):
            color = s.color or PALETTE[s_index % len(PALETTE)]
            out.append(
                f'<rect x="{x}" y="10" width="14" height="14" fill="{e(color)}"/>'
                f'<text x="{x + 20}" y="21" fill="#333333">{e(s.name)}</text>'
            )
            x += 40 + 8 * len(s.name)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above went through escape()


# --- the partner's view's two charts ---------------------------------------------------------------


def _tick_format(language: str):
    from django.utils import numberformat

    sep = "\u00a0" if language.split("-")[0] == "ru" else ","

    def fmt(value: float) -> str:
        return numberformat.format(round(value), ".", 0, 3, sep, force_grouping=True)

    return fmt


def revenue_chart(revenue: dict, language: str) -> SafeString:
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from .money import format_money

    months = revenue["months"]
    return bar_chart(
        chart_id="chart-revenue",
        title=_("Invoiced and received by month"),
        description=_("Bars per month for the last twelve months: invoices issued and payments received, in roubles."),
        categories=[f"{date_format(m['month'], 'M')}\n{m['month']:%Y}" for m in months],
        series=[
            Series(_("Invoiced"), [m["invoiced"] for m in months]),
            Series(pgettext("revenue", "Received"), [m["received"] for m in months]),
        ],
        x_label=_("Month"),
        y_label=_("Roubles"),
        format_value=lambda v: format_money(v, language),
        format_tick=_tick_format(language),
    )


SHORT_AGES = {"d1_30": "1–30", "d31_60": "31–60", "d61_90": "61–90", "d90_plus": "> 90"}


def receivables_chart(receivables: dict, language: str) -> SafeString:
    from django.utils.translation import gettext as _

    from .money import format_money

    buckets = receivables["buckets"]
    return bar_chart(
        chart_id="chart-receivables",
        title=_("Due on issued invoices by days past the due date"),
        description=_("What issued invoices still have due, by the days past their due date, in roubles."),
        categories=[_("not due") if b["key"] == "not_due" else SHORT_AGES.get(b["key"], b["key"]) for b in buckets],
        series=[Series(_("Due"), [b["amount"] for b in buckets], PALETTE[1])],
        x_label=_("Days past the due date"),
        y_label=_("Roubles"),
        format_value=lambda v: format_money(v, language),
        format_tick=_tick_format(language),
    )
