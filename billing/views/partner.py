"""The partner's view (issue 13): the firm's money on one page, and the accountants' exports. Partners only."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from core.caching import cached

from ..access.partner import require_partner_view
from ..caching import ALL as ALL_SCOPES
from ..caching import PARTNER_TIMEOUT, SECTION_SCOPES
from ..charts import receivables_chart, revenue_chart
from ..exports import EXPORTERS, FORMATS, export_response
from ..forms.partner import ExportPeriodForm, default_period
from ..selectors.partner import SECTIONS, partner_overview

CHARTS = {"revenue": revenue_chart, "receivables": receivables_chart}


def _sections(request, today) -> list[dict]:
    """Each section of the partner's view rendered (its figures, table and chart): token-free HTML kept per
    partner, day, language and time zone under the scopes its figures read (billing.caching), so that a
    page with nothing changed renders the layout and seven strings."""
    language = get_language() or "ru"
    shown = {section.key: section for section in SECTIONS}

    def render_all():
        return [
            (
                section.key,
                render_to_string(
                    section.template,
                    {"data": data, "chart": CHARTS[section.key](data, language) if section.key in CHARTS else ""},
                ),
            )
            for section, data in partner_overview(user=request.user, today=today)
        ]

    require_partner_view(request.user)  # before the cache: a value is only ever read by its owner, a partner
    rendered = cached(
        "partner_html",
        owner=f"user:{request.user.pk}",
        scopes=sorted({scope for key in shown for scope in SECTION_SCOPES.get(key, ALL_SCOPES)}),
        parts=(today.isoformat(), language, timezone.get_current_timezone_name(), *shown),
        compute=render_all,
        timeout=PARTNER_TIMEOUT,
    )
    return [{"section": shown[key], "html": html} for key, html in rendered if key in shown]


def _page(request, *, form=None, status=200):
    today = timezone.localdate()
    sections = _sections(request, today)
    if form is None:
        start, end = default_period(today)
        form = ExportPeriodForm(initial={"date_from": start, "date_to": end})
    exports = [
        {
            "key": key,
            "title": e.title,
            "links": [(fmt, reverse(f"billing:partner_export_{key}_{fmt}")) for fmt in FORMATS],
        }
        for key, e in EXPORTERS.items()
    ]
    return render(
        request,
        "billing/partner.html",
        {"sections": sections, "today": today, "form": form, "exports": exports},
        status=status,
    )


@login_required
@require_GET
def partner_view(request):
    """Revenue, receivables, unbilled work, overdue advances and hours, with the exports' form."""
    return _page(request)


def export_view(key: str, fmt: str):
    @login_required
    @require_GET
    def view(request):
        require_partner_view(request.user)
        form = ExportPeriodForm(request.GET)
        if not form.is_valid():
            return _page(request, form=form, status=400)
        return export_response(
            key=key,
            fmt=fmt,
            user=request.user,
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            language=get_language() or "ru",
        )

    view.__name__ = f"export_{key}_{fmt}"
    return view
