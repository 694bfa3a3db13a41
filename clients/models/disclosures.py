from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Disclosure(models.Model):
    """The client's candid account of a matter (rule 4): what the firm must know that only the client knows.

    One per matter. Every save keeps the earlier text as a revision (DisclosureRevision): the
    firm can always see what the client said, and when.
    """

    matter = models.OneToOneField(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="disclosure"
    )
    doubts = models.TextField(_("doubts and suspicions"), blank=True)
    risk_points = models.TextField(_("known risk points"), blank=True)
    opponent_status = models.TextField(_("the opponent's status"), blank=True)
    opponent_means = models.TextField(_("the opponent's means and resources"), blank=True)
    opponent_qualities = models.TextField(_("the opponent's qualities and conduct"), blank=True)
    opponent_image = models.TextField(_("the opponent's public image"), blank=True)
    missing_documents = models.TextField(_("documents missing and where to get them"), blank=True)
    other = models.TextField(_("anything else the firm should know"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)

    ANSWER_FIELDS = (
        "doubts",
        "risk_points",
        "opponent_status",
        "opponent_means",
        "opponent_qualities",
        "opponent_image",
        "missing_documents",
        "other",
    )

    class Meta:
        verbose_name = _("disclosure questionnaire")
        verbose_name_plural = _("disclosure questionnaires")

    def __str__(self) -> str:
        return f"{self.matter}"


class DisclosureRevision(models.Model):
    """An earlier state of a disclosure, kept when the client changes it (append-only)."""

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("disclosure"), on_delete=models.CASCADE, related_name="revisions"
    )
    revision = models.PositiveIntegerField(_("revision"))
    answers = models.JSONField(_("answers"))
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("disclosure revision")
        verbose_name_plural = _("disclosure revisions")
        ordering = ["disclosure", "-revision"]
        constraints = [models.UniqueConstraint(fields=["disclosure", "revision"], name="disclosure_revision_once")]

    def __str__(self) -> str:
        return f"{self.disclosure} r{self.revision}"


class DisclosureQuestion(models.Model):
    """A follow-up question the firm asks about a matter's disclosure, and the client's answer."""

    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter"),
        on_delete=models.CASCADE,
        related_name="disclosure_questions",
    )
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up question")
        verbose_name_plural = _("follow-up questions")
        ordering = ["matter", "asked_at", "id"]

    def __str__(self) -> str:
        return self.question[:80]
