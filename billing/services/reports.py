"""The work report (rule 6): asked for at any time, rendered once in the worker, stored.

`report_request` answers at once: the stored report when one for the same matter, period and
language was made from the same data (the fingerprint), a report already on its way, or a new row
queued for the worker. `report_render` (the job) moves the row's progress as it goes and stores the
PDF; a failure is recorded on the row so the page stops waiting and offers to try again.
"""

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.errors import NotFound, ValidationError
from notices.services import notice_to_user

from ..access import report_matters
from ..models import WorkReport
from ..selectors.reports import fingerprint, report_data

log = logging.getLogger(__name__)

# A report still "queued" or "being prepared" after this long is taken as lost (a worker died).
STALE = dt.timedelta(minutes=15)
LANGUAGES = ("ru", "en")
MAX_DAYS = 366 * 30


def _language(by) -> str:
    language = (getattr(by, "language", "") or "ru")[:2]
    return language if language in LANGUAGES else "ru"


def _period(matter, start, end) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = start or timezone.localtime(matter.opened_at).date()
    end = end or today
    errors = {}
    if end > today:
        errors["period_end"] = [_("The report covers work done: the period cannot end in the future.")]
    if start > end:
        errors["period_start"] = [_("The period starts after it ends.")]
    elif (end - start).days > MAX_DAYS:
        errors["period_start"] = [_("The period is too long.")]
    if errors:
        raise ValidationError(fields=errors)
    return start, end


def report_request(*, by, matter, period_start: dt.date | None = None, period_end: dt.date | None = None) -> WorkReport:
    """The report of `matter` for the period in `by`'s language: stored, on its way, or newly queued.

    The period defaults to the matter's opening up to today."""
    if not report_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    start, end = _period(matter, period_start, period_end)
    language = _language(by)
    digest = fingerprint(matter, start, end)
    same = WorkReport.objects.filter(
        matter=matter, period_start=start, period_end=end, language=language, fingerprint=digest
    )
    ready = same.filter(status=WorkReport.Status.READY).exclude(pdf="").first()
    if ready is not None:
        return ready
    pending = same.filter(
        status__in=(WorkReport.Status.QUEUED, WorkReport.Status.RENDERING), requested_at__gte=timezone.now() - STALE
    ).first()
    if pending is not None:
        return pending
    with transaction.atomic():
        report = WorkReport.objects.create(
            matter=matter,
            period_start=start,
            period_end=end,
            language=language,
            fingerprint=digest,
            requested_by=by,
        )
        from ..jobs import render_work_report

        pk = report.pk
        transaction.on_commit(lambda: render_work_report.delay(pk))
    return report


def _progress(report: WorkReport, percent: int, status: str = WorkReport.Status.RENDERING) -> None:
    WorkReport.objects.filter(pk=report.pk).update(progress=percent, status=status)


def report_html(report: WorkReport) -> str:
    """The report's HTML in its language (rendered by the worker; the bench renders it too)."""
    from ..reports_pdf import work_report_html

    data = report_data(report.matter, report.period_start, report.period_end)
    return work_report_html(report, data)


def report_render(report_id: int) -> bool:
    """Render a queued report and store its PDF (the worker calls it); False when there is nothing to do."""
    from core.pdf import html_to_document

    report = WorkReport.objects.select_related("matter__client", "matter__stage").filter(pk=report_id).first()
    if report is None or report.status == WorkReport.Status.READY:
        return False
    try:
        _progress(report, 5)
        with translation.override(report.language):
            from ..reports_pdf import work_report_html

            data = report_data(report.matter, report.period_start, report.period_end)
            _progress(report, 25)
            html = work_report_html(report, data)
            _progress(report, 40)
            document = html_to_document(html)
            pages = len(document.pages)
            _progress(report, 80)
            content = document.write_pdf()
        _progress(report, 95)
    except Exception as error:  # recorded on the row: the page must stop waiting
        log.exception("work report %s failed", report_id)
        WorkReport.objects.filter(pk=report.pk).update(
            status=WorkReport.Status.FAILED, error=str(error)[:500], progress=0
        )
        return False
    with transaction.atomic():
        locked = WorkReport.objects.select_for_update().get(pk=report.pk)
        if locked.status == WorkReport.Status.READY:
            return False
        locked.pdf.save(f"report-{locked.pk}.pdf", ContentFile(content), save=False)
        locked.status, locked.progress, locked.pages, locked.ready_at = (
            WorkReport.Status.READY,
            100,
            max(pages, 0),
            timezone.now(),
        )
        locked.error = ""
        locked.save(update_fields=["pdf", "status", "progress", "pages", "ready_at", "error"])
        # In the inbox (and by e-mail unless turned off): the requester may have left the page.
        notice_to_user(
            user=locked.requested_by,
            kind="work_report_ready",
            template="work_report_ready",
            context={"report": locked, "matter": report.matter},
            link=reverse("billing:report_detail", args=[locked.pk]),
            key=f"work_report:{locked.pk}:ready",
        )
    return True
