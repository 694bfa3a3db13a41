import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PracticeArea(models.Model):
    name_ru = models.CharField(_("name in Russian"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120)

    class Meta:
        verbose_name = _("practice area")
        verbose_name_plural = _("practice areas")
        ordering = ["name_ru"]

    def __str__(self) -> str:
        return self.name_ru

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ru


def photo_path(instance, filename):
    # The service has checked the image and named it with its real suffix (.jpg, .png, .webp).
    suffix = PurePosixPath(filename).suffix.lower()
    return f"specialists/{uuid.uuid4().hex}{suffix if suffix in ('.jpg', '.png', '.webp') else '.jpg'}"


class SpecialistProfile(models.Model):
    """What a client may know of a specialist to choose one (rule 12), and how the firm identifies them.

    The identification (`id_document`, `birth_date`) is printed in powers of attorney only; the
    directory shows the professional side.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    position_en = models.CharField(_("position in English"), max_length=120, blank=True)
    practising_since = models.PositiveSmallIntegerField(_("practising since (year)"), null=True, blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True)
    qualifications_en = models.TextField(_("qualifications in English"), blank=True)
    is_advocate = models.BooleanField(_("advocate status"), default=False)
    advocate_registry_number = models.CharField(_("number in the register of advocates"), max_length=64, blank=True)
    practice_areas = models.ManyToManyField(
        PracticeArea, verbose_name=_("practice areas"), blank=True, related_name="specialists"
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: русский, English.")
    )
    biography = models.TextField(_("biography"), blank=True)
    biography_en = models.TextField(_("biography in English"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, max_length=255, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    id_document = models.CharField(
        _("identity document"),
        max_length=255,
        blank=True,
        help_text=_("As printed in powers of attorney: passport series and number, issued by whom and when."),
    )
    is_listed = models.BooleanField(_("shown in the directory"), default=True)

    class Meta:
        verbose_name = _("specialist profile")
        verbose_name_plural = _("specialist profiles")
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return str(self.user)

    def years_of_practice(self, today=None) -> int | None:
        if not self.practising_since:
            return None
        return max(0, (today or timezone.localdate()).year - self.practising_since)


class SpecialistRequest(models.Model):
    """The client asks for a named specialist on a matter or for one event; a partner answers."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting an answer")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")

    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter"),
        on_delete=models.CASCADE,
        related_name="specialist_requests",
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("specialist"), on_delete=models.PROTECT, related_name="+"
    )
    event = models.CharField(
        _("for one event"),
        max_length=300,
        blank=True,
        help_text=_(
            "Leave empty to ask for the specialist on the whole matter; otherwise name the hearing or meeting."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("request for a specialist")
        verbose_name_plural = _("requests for a specialist")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="specialist_request_refusal_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter.number}: {self.specialist}"
