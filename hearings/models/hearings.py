import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Hearing(models.Model):
    """A hearing or a meeting on a matter where the client appears when needed (rule 8).

    Times are stored in UTC and shown in the viewer's zone; `time_zone` is the zone of the place
    (a court in Moscow for a firm in Yekaterinburg), the firm's by default. `sequence` is raised on
    every change that attendees must hear of (iCalendar's SEQUENCE), and voids the links that
    outside attendees received for an earlier version.
    """

    class Kind(models.TextChoices):
        COURT = "court", _("court hearing")
        AUTHORITY = "authority", _("session at an authority")
        NEGOTIATION = "negotiation", _("negotiations")
        MEETING = "meeting", _("meeting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="hearings"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COURT)
    title = models.CharField(_("title"), max_length=200, blank=True)
    venue = models.CharField(_("court or authority"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    room = models.CharField(_("room"), max_length=50, blank=True)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("expected end"), null=True, blank=True)
    time_zone = models.CharField(_("time zone of the place"), max_length=64, default=settings.TIME_ZONE)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("represents the client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearings_to_attend",
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("hearing or meeting")
        verbose_name_plural = _("hearings and meetings")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["matter", "starts_at"], name="hearing_matter_idx"),
            # The calendar's ranges and the dashboard's week: which hearings of the range are the
            # user's is answered from the index alone, and only the rows shown are read from the table.
            models.Index(fields=["starts_at", "id", "matter", "status", "representative"], name="hearing_range_idx"),
            models.Index(fields=["representative", "starts_at"], name="hearing_representative_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="hearing_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at, zoneinfo.ZoneInfo(self.time_zone)) if self.starts_at else None
        return self.title or f"{self.get_kind_display()} {date_format(when, 'SHORT_DATETIME_FORMAT') if when else ''}"


class Attendee(models.Model):
    """Somebody the hearing needs: a client user, or an outside contact (an employee, a witness) by e-mail.

    Each confirms attendance or says they cannot, with a reason. A reschedule sets every answer
    back to PENDING (the old confirmation was for another time).
    """

    class Kind(models.TextChoices):
        CLIENT_USER = "client_user", _("client's user")
        EMPLOYEE = "employee", _("client's employee")
        WITNESS = "witness", _("witness")

    class Response(models.TextChoices):
        PENDING = "pending", _("not answered yet")
        CONFIRMED = "confirmed", _("will attend")
        DECLINED = "declined", _("cannot attend")

    hearing = models.ForeignKey(Hearing, verbose_name=_("hearing"), on_delete=models.CASCADE, related_name="attendees")
    kind = models.CharField(_("who"), max_length=16, choices=Kind.choices, default=Kind.CLIENT_USER)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hearing_attendances",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language of the e-mails"), max_length=8, default=settings.LANGUAGE_CODE)
    response = models.CharField(_("answer"), max_length=16, choices=Response.choices, default=Response.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("required attendee")
        verbose_name_plural = _("required attendees")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email="")) | (Q(user__isnull=True) & ~Q(email="")),
                name="attendee_user_or_email",
            ),
            models.UniqueConstraint(
                fields=["hearing", "user"], condition=Q(user__isnull=False), name="attendee_user_once"
            ),
            models.UniqueConstraint(fields=["hearing", "email"], condition=~Q(email=""), name="attendee_email_once"),
        ]
        indexes = [models.Index(fields=["user", "response"], name="attendee_user_idx")]

    def __str__(self) -> str:
        return self.name or self.email or str(self.user)
