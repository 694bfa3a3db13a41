from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Recommendation(models.Model):
    """A recommendation either side makes on a matter (rule 10: mutual recommendations)."""

    class Side(models.TextChoices):
        FIRM = "firm", _("the firm")
        CLIENT = "client", _("the client")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="recommendations"
    )
    side = models.CharField(_("from"), max_length=8, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("recommendation"))
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    accepted = models.BooleanField(
        _("accepted"), null=True, blank=True, help_text=_("The other side's answer: accepted or not.")
    )
    response = models.TextField(_("response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:80]


class RiskNotice(models.Model):
    """A risk the client takes on itself, written down for the client to acknowledge.

    Two kinds, both from the firm's rules: a WARNING that an instruction of the client is unlawful
    or harmful, with its consequences, which the client acknowledges if it insists (rule 10); and
    NON_INTERFERENCE, when the client acted on the matter alone (rule 3). The text never changes
    once written; a corrected text is a new notice that supersedes the old one.
    """

    class Kind(models.TextChoices):
        WARNING = "warning", _("warning about an instruction")
        NON_INTERFERENCE = "non_interference", _("the client acted alone")

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting the client's acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("acknowledged by the client")
        WITHDRAWN = "withdrawn", _("the client withdrew the instruction")
        SUPERSEDED = "superseded", _("replaced by a corrected text")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="risk_notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.TextField(
        _("the instruction or action"), help_text=_("What the client instructed, or what the client did alone.")
    )
    text = models.TextField(_("the firm's warning and the consequences"))
    reported_by_client = models.BooleanField(_("reported by the client"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )

    class Meta:
        verbose_name = _("risk notice")
        verbose_name_plural = _("risk notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["matter", "status"], name="risk_notice_matter_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject[:60]}"


class RiskAcknowledgement(models.Model):
    """Evidence that a client user acknowledged a risk: who, when, from where, and the exact text."""

    notice = models.ForeignKey(
        RiskNotice, verbose_name=_("risk notice"), on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("when"), default=timezone.now)
    text = models.TextField(_("the text acknowledged"))
    text_sha256 = models.CharField(_("fingerprint of the text"), max_length=64)
    language = models.CharField(
        _("language of the text"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the client user read and acknowledged the text in."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("acknowledgement of a risk")
        verbose_name_plural = _("acknowledgements of risks")
        ordering = ["-acknowledged_at"]
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="risk_acknowledged_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.acknowledged_at:%Y-%m-%d %H:%M}"
