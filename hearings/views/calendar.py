"""The calendar page (agenda and month), the feed's settings, and the secret iCalendar feed itself."""

import datetime as dt
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import parse_etags, patch_vary_headers
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.caching import cached

from ..access import CALENDAR_SCOPES
from ..calendar_grid import AGENDA_WEEKS, agenda_days, month_weeks, parse_day, parse_month, shift_month
from ..selectors.calendar import MAX_ENTRIES, calendar_entries
from ..selectors.feeds import feed_owner, feed_unless_known, feed_url
from ..services.feeds import feed_key_ensure, feed_key_reset

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@login_required
@require_GET
def calendar(request):
    """The hearings and deadlines the user may see: the agenda of the coming weeks, or a month."""
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    view = "month" if request.GET.get("view") == "month" else "agenda"
    context = {"view": view, "today": today, "zone_name": timezone.get_current_timezone_name()}
    if view == "month":
        first = parse_month(request.GET.get("month")) or today.replace(day=1)
        grid = _month_grid(request.user, first, today, zone)
        context.update(
            month=first,
            month_grid=mark_safe(grid["html"]),  # noqa: S308 — rendered by _calendar_month.html, escaped there
            month_empty=grid["empty"],
            prev_month=shift_month(first, -1),
            next_month=shift_month(first, 1),
            this_month=today.replace(day=1),
        )
        context["truncated"] = grid["truncated"]
        return render(request, "hearings/calendar.html", context)
    else:
        start = parse_day(request.GET.get("from")) or today
        end = start + dt.timedelta(weeks=AGENDA_WEEKS)
        entries = calendar_entries(user=request.user, start=start, end=end, zone=zone)
        context.update(
            start=start,
            end=end - dt.timedelta(days=1),
            days=agenda_days(entries, zone),
            prev_start=start - dt.timedelta(weeks=AGENDA_WEEKS),
            next_start=end,
            weeks=AGENDA_WEEKS,
        )
    context["truncated"] = len(entries) >= MAX_ENTRIES
    return render(request, "hearings/calendar.html", context)


def _month_grid(user, first: dt.date, today: dt.date, zone) -> dict:
    """The month's grid as HTML, whether the month itself is empty, and whether the entries were cut short.

    Kept per user in core.caching (the lead's month of 300 entries took ~25 ms to read and render;
    a hit is one Redis round trip): under the generations of CALENDAR_SCOPES, which every service
    that changes a hearing, a deadline or who sees a matter bumps, and with every input of the grid
    in its key — the month, today (the mark), the language, the zone, and the user's role and client
    (who sees what). The fragment has no form and nothing of the request.
    """

    def compute() -> dict:
        start, end = month_weeks(first)
        entries = calendar_entries(user=user, start=start, end=end, zone=zone)
        html = render_to_string(
            "hearings/_calendar_month.html", {"weeks": _weeks(entries, start, end, first, today, zone)}
        )
        return {
            "html": html,
            "empty": not any(e.day(zone).month == first.month for e in entries),
            "truncated": len(entries) >= MAX_ENTRIES,
        }

    parts = (
        translation.get_language(),
        timezone.get_current_timezone_name(),
        first.isoformat(),
        today.isoformat(),
        user.role,
        user.sees_everything,
        user.client_id,
    )
    return cached("calendar-month", owner=f"user:{user.pk}", scopes=CALENDAR_SCOPES, compute=compute, parts=parts)


def _weeks(entries, start, end, month_first, today, zone):
    """The month's grid: weeks of days, each with what the cells print already worked out.

    The cell's labels (the day's names, each entry's time) are formatted here once, not by template
    filters per entry: a lead's month has 300 entries (make bench: the template was most of the page).
    """
    by_day: dict[dt.date, list] = {}
    for entry in entries:
        by_day.setdefault(entry.day(zone), []).append(_cell_entry(entry, zone))
    weeks, day = [], start
    while day < end:
        week = []
        for _i in range(7):
            week.append(
                {
                    "date": day,
                    "iso": day.isoformat(),
                    "name": date_format(day, "l"),
                    "number": day.day,
                    "month_name": date_format(day, "E"),
                    "entries": by_day.get(day, []),
                    "in_month": day.month == month_first.month,
                    "today": day == today,
                }
            )
            day += dt.timedelta(days=1)
        weeks.append(week)
    return weeks


def _cell_entry(entry, zone) -> dict:
    """What a month cell shows of an entry (the agenda shows more, through hearings/_calendar_entry.html)."""
    css = "cal-entry cal-" + entry.kind
    if entry.cancelled:
        css += " is-cancelled"
    elif entry.done:
        css += " is-done"
    cell = {
        "css": css,
        "title": entry.title,
        "url": entry.url,
        "matter_number": entry.matter_number,
        "badge": "cancelled" if entry.cancelled else "done" if entry.done else "",
        "time": "",
    }
    if not entry.all_day:
        local = timezone.localtime(entry.starts_at, zone)
        cell["time"], cell["iso"] = local.strftime("%H:%M"), local.isoformat()
    return cell


@login_required
@require_GET
@never_cache
def feed_settings(request):
    """The user's secret feed URL, to paste into a calendar application, and the button that resets it."""
    key = feed_key_ensure(user=request.user)
    return render(request, "hearings/calendar_feed.html", {"feed_url": feed_url(key)})


@login_required
@require_POST
def feed_reset(request):
    feed_key_reset(user=request.user)
    messages.success(request, _("The calendar feed has a new address. The old one no longer works."))
    return redirect("hearings:calendar_feed_settings")


@require_GET
def feed(request, token):
    """The iCalendar feed behind a secret URL: no sign-in (calendar applications have no cookies).

    Built once and kept (hearings.selectors.feeds); answered 304 to a client that has it (its ETag in
    If-None-Match), and sent gzipped to one that accepts it — calendar applications do, and a lead's
    feed is megabytes of text.
    """
    owner = feed_owner(token)
    if owner is None:
        raise Http404()
    known = parse_etags(request.headers.get("If-None-Match", ""))
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        etag, document = feed_unless_known(user=owner, today=timezone.localdate(), known=known)
    if document is None:
        response = HttpResponseNotModified()
    elif document.gzipped and _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(document.content, content_type="text/calendar; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(document.body(), content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    patch_vary_headers(response, ["Accept-Encoding"])
    if document is not None:
        response["Content-Disposition"] = 'inline; filename="calendar.ics"'
        response["X-Robots-Tag"] = "noindex"
    return response
