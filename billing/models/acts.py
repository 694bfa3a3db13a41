"""Acts of services rendered (Акт об оказанных услугах, rule 1) and the УПД a VAT-paying firm issues with them.

An act is issued once, by a partner, for a matter and a period: its number (gapless per year, key
"act:YYYY"), the firm's requisites, the customer's requisites, the VAT rate and the totals are fixed
at issue and never change. A mistake is corrected by a new act (`corrects` → the original, with its
own number and `correction_no` 1, 2, …) carrying the corrected lines in full. What an act covers
(a time entry, an expense, a stage's fee, a month of a retainer, a fixed fee) is keyed per matter
(`ActLine.key`), and the database lets an original act cover each key once.

The client's answer (accepted / objected) and the dispatches (post, e-mail, portal) are the only
things recorded after issue; an act left unanswered past `acceptance_due` counts as accepted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .fees import MONEY


def act_pdf_path(instance, filename: str) -> str:
    return f"billing/acts/{instance.year}/{instance.number}.pdf"


def upd_pdf_path(instance, filename: str) -> str:
    return f"billing/upd/{instance.year}/{instance.number}.pdf"


class Act(models.Model):
    class Answer(models.TextChoices):
        NONE = "", pgettext_lazy("act", "awaiting the client's answer")
        ACCEPTED = "accepted", pgettext_lazy("act", "accepted")
        OBJECTED = "objected", pgettext_lazy("act", "objected to")
        DEEMED = "deemed", pgettext_lazy("act", "deemed accepted")

    matter = models.ForeignKey("matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("number"), max_length=16, unique=True)
    act_date = models.DateField(_("date of the act"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    is_final = models.BooleanField(_("final act"), default=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects the act"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    correction_no = models.PositiveIntegerField(_("correction number"), null=True, blank=True)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="ru")
    firm_profile = models.ForeignKey(
        "billing.FirmProfile", verbose_name=_("firm requisites"), on_delete=models.PROTECT, related_name="+"
    )
    requisites = models.JSONField(_("the firm's requisites on the act"), default=dict)
    customer = models.JSONField(_("the customer's requisites on the act"), default=dict)
    vat_rate = models.DecimalField(_("VAT rate, percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    vat_ground = models.CharField(_("ground for no VAT"), max_length=300, blank=True)
    net = models.DecimalField(_("net"), default=0, **MONEY)
    vat = models.DecimalField(_("VAT"), default=0, **MONEY)
    gross = models.DecimalField(_("total"), default=0, **MONEY)
    signatory_name = models.CharField(_("signs for the firm"), max_length=255)
    signatory_position = models.CharField(_("position of the firm's signatory"), max_length=255)
    client_signatory = models.CharField(_("signs for the client"), max_length=300, blank=True)
    acceptance_days = models.PositiveSmallIntegerField(_("acceptance period, working days"), default=5)
    acceptance_due = models.DateField(_("answer due by"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=act_pdf_path, max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    answer = models.CharField(_("the client's answer"), max_length=16, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    objection = models.TextField(_("objections"), blank=True)

    class Meta:
        verbose_name = _("act of services rendered")
        verbose_name_plural = _("acts of services rendered")
        ordering = ["-act_date", "-pk"]
        indexes = [
            models.Index(fields=["matter", "-act_date"], name="act_matter_date"),
            models.Index(fields=["answer", "acceptance_due"], name="act_answer_due"),
            # The firm's list, newest first (a partner's /acts/): read in order, 200 rows, no sort of the table.
            models.Index(fields=["-act_date", "-id"], name="act_date_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="act_year_seq_unique"),
            models.UniqueConstraint(fields=["corrects", "correction_no"], name="act_correction_no_unique"),
            models.CheckConstraint(condition=Q(period_start__lte=models.F("period_end")), name="act_period_order"),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True, correction_no__isnull=True)
                | Q(corrects__isnull=False, correction_no__isnull=False),
                name="act_correction_numbered",
            ),
            models.CheckConstraint(condition=Q(gross__gte=0), name="act_gross_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    def deemed_accepted_on(self, today=None):
        """The day from which the unanswered act counts as accepted, or None (answered, or not yet sent)."""
        return self.deemed_on(self.answer, self.acceptance_due, today)

    def answer_on(self, today=None) -> str:
        """The answer as of today: an unanswered act past its period reads as deemed accepted."""
        return self.answer_as_of(self.answer, self.acceptance_due, today)

    # The same two rules for an act's fields without the act (the lists read rows, not models).
    @classmethod
    def deemed_on(cls, answer: str, acceptance_due, today=None):
        if answer in (cls.Answer.ACCEPTED, cls.Answer.OBJECTED) or acceptance_due is None:
            return None
        today = today or timezone.localdate()
        return acceptance_due if today > acceptance_due else None

    @classmethod
    def answer_as_of(cls, answer: str, acceptance_due, today=None) -> str:
        if answer:
            return answer
        return cls.Answer.DEEMED if cls.deemed_on(answer, acceptance_due, today) else cls.Answer.NONE

    def answer_label(self) -> str:
        return str(self.Answer(self.answer_on()).label)


class ActLine(models.Model):
    class Source(models.TextChoices):
        TIME = "time", _("time")
        EXPENSE = "expense", _("expense")
        STAGE = "stage", _("stage fee")
        RETAINER = "retainer", _("monthly retainer")
        FIXED = "fixed", _("fixed fee")
        ADJUSTMENT = "adjustment", _("adjustment")

    class Unit(models.TextChoices):
        # OKEI codes (ОК 015-94), printed in the УПД's column 2.
        HOUR = "356", _("h")
        MONTH = "362", _("month")
        SERVICE = "876", _("service")

    act = models.ForeignKey(Act, verbose_name=_("act"), on_delete=models.CASCADE, related_name="lines")
    matter = models.ForeignKey("matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("position"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    description = models.CharField(_("description"), max_length=500)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    # Time is priced from the minutes (minutes × hourly rate / 60, rounded once): `quantity` shows hours.
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    unit_price = models.DecimalField(_("price"), **MONEY)
    vat_rate = models.DecimalField(_("VAT rate, percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    net = models.DecimalField(_("net"), default=0, **MONEY)
    vat = models.DecimalField(_("VAT"), default=0, **MONEY)
    gross = models.DecimalField(_("total"), default=0, **MONEY)
    # What the line covers, e.g. "time:12", "expense:3", "stage:4", "retainer:2026-03", "fixed:1";
    # empty for an adjustment. An original act covers a key once (a correction repeats it).
    key = models.CharField(_("covers"), max_length=40, blank=True)
    correction = models.BooleanField(_("on a correction"), default=False)
    time_entry = models.ForeignKey(
        "billing.TimeEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expense = models.ForeignKey("billing.Expense", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    stage = models.ForeignKey("matters.Stage", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("act line")
        verbose_name_plural = _("act lines")
        ordering = ["act", "position"]
        constraints = [
            models.UniqueConstraint(fields=["act", "position"], name="act_line_position_unique"),
            models.UniqueConstraint(
                fields=["matter", "key"], condition=Q(correction=False) & ~Q(key=""), name="act_line_acted_once"
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="act_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.description}"


class ActDispatch(models.Model):
    class Channel(models.TextChoices):
        POST = "post", _("by post")
        EMAIL = "email", _("by e-mail")
        PORTAL = "portal", _("in the portal")

    act = models.ForeignKey(Act, verbose_name=_("act"), on_delete=models.CASCADE, related_name="dispatches")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    sent_on = models.DateField(_("sent on"))
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    address = models.CharField(_("address or e-mail"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dispatch of an act")
        verbose_name_plural = _("dispatches of acts")
        ordering = ["act", "sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="post") | ~Q(tracking_number=""), name="act_dispatch_post_tracked"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.act_id} {self.channel} {self.sent_on}"


class Upd(models.Model):
    """The УПД (universal transfer document, status 1: the счёт-фактура and the transfer document in one)
    a VAT-paying firm issues with each act, dated the act's date — so within the five days of
    art. 168(3) of the Tax Code by construction. Own gapless numbers per year ("upd:YYYY")."""

    act = models.OneToOneField(Act, verbose_name=_("act"), on_delete=models.PROTECT, related_name="upd")
    # An original УПД is numbered "upd:YYYY"; a correction's prints the original's number (no year/seq).
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("number in the year"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=16, unique=True)
    upd_date = models.DateField(_("date"))
    pdf = models.FileField(_("PDF"), upload_to=upd_pdf_path, max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("universal transfer document")
        verbose_name_plural = _("universal transfer documents")
        ordering = ["-upd_date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="upd_year_seq_unique")]

    def __str__(self) -> str:
        return self.number
