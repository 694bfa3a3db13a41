"""The evidence of every conflict check (rule 13): what was searched, what was found, what was decided.

Rows are written once and never changed: services have no update path and the admin is read-only.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConflictCheck(models.Model):
    class Purpose(models.TextChoices):
        NEW_CLIENT = "new_client", _("new client")
        NEW_MATTER = "new_matter", _("new matter")
        ADHOC = "adhoc", _("ad hoc check")

    class Outcome(models.TextChoices):
        CLEAR = "clear", _("clear")
        HITS = "hits", _("hits")

    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    intake = models.ForeignKey(
        "clients.Intake",
        verbose_name=_("intake"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checks",
    )
    searched = models.JSONField(_("searched"), help_text=_("The parties searched: name, INN, OGRN, role."))
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    blocking = models.BooleanField(_("blocks intake"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("checked"), default=timezone.now)
    duration_ms = models.PositiveIntegerField(_("duration, ms"), default=0)

    class Meta:
        verbose_name = _("conflict check")
        verbose_name_plural = _("conflict checks")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_purpose_display()}: {self.get_outcome_display()}"


class ConflictHit(models.Model):
    """One existing client or party that resembles a searched party, with the rule that matched."""

    conflict_check = models.ForeignKey(
        ConflictCheck, verbose_name=_("check"), on_delete=models.CASCADE, related_name="hits"
    )
    query = models.CharField(_("searched name"), max_length=500)
    query_role = models.CharField(_("searched as"), max_length=16, blank=True)
    matched_name = models.CharField(_("matched name"), max_length=500)
    matched_role = models.CharField(_("matched as"), max_length=16)
    score = models.FloatField(_("score"))
    reason = models.CharField(_("reason"), max_length=255)
    client = models.ForeignKey("clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    party = models.ForeignKey(
        "clients.Party",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    blocking = models.BooleanField(_("blocks intake"), default=False)

    class Meta:
        verbose_name = _("conflict hit")
        verbose_name_plural = _("conflict hits")
        ordering = ["conflict_check", "-blocking", "-score", "id"]

    def __str__(self) -> str:
        return f"{self.query} ~ {self.matched_name} ({self.score:.2f})"


class ConflictDecision(models.Model):
    """A partner's decision on a blocking check: clear a false hit, or decline the new work."""

    class Decision(models.TextChoices):
        CLEARED = "cleared", _("cleared: no conflict")
        DECLINED = "declined", _("declined: the firm refuses the work")

    conflict_check = models.OneToOneField(
        ConflictCheck, verbose_name=_("check"), on_delete=models.PROTECT, related_name="decision"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict decision")
        verbose_name_plural = _("conflict decisions")

    def __str__(self) -> str:
        return f"#{self.conflict_check_id}: {self.get_decision_display()}"
