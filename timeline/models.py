from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimelineEvent(models.Model):
    """One thing that happened on a matter, in the order it happened (rule 6: control at any time).

    Written by the service that does the thing, in the same transaction (timeline.services.timeline_record).
    `summary` is an English message id marked with gettext_noop and `params` its values: each reader
    sees the line in their own language. `search_text` holds it in every language plus the details,
    for the timeline's text search. The `ref_*` fields point at the object (task, deliverable,
    message…) so the timeline links to it. `client_visible` hides the firm's internal events.
    """

    class Kind(models.TextChoices):
        MATTER = "matter", _("matter")
        STAGE = "stage", _("stage")
        TASK = "task", _("task")
        DELIVERABLE = "deliverable", _("result of work")
        DELIVERY = "delivery", _("delivery")
        MESSAGE = "message", _("message")
        HEARING = "hearing", _("hearing")
        DOCUMENT = "document", _("document")
        WORK = "work", _("work done")
        ADVANCE = "advance", _("advance")
        INVOICE = "invoice", _("invoice")
        RECOMMENDATION = "recommendation", _("recommendation")
        RISK = "risk", _("risk")
        DISCLOSURE = "disclosure", _("disclosure")
        POWER = "power", _("power of attorney")
        REPORT = "report", _("report")
        CLAIM = "claim", _("claim")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="timeline"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.CharField(_("what happened"), max_length=500)
    params = models.JSONField(_("values"), default=dict, blank=True)
    detail = models.TextField(_("details"), blank=True)
    search_text = models.TextField(_("text for search"), blank=True, editable=False)
    client_visible = models.BooleanField(_("the client sees it"), default=True)
    ref_type = models.CharField(_("object type"), max_length=32, blank=True)
    ref_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)

    class Meta:
        # The table it had in matters, where it was born: moving the model moved no rows.
        db_table = "matters_timelineevent"
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["matter", "-occurred_at", "-id"], name="timeline_matter_idx"),
            models.Index(fields=["matter", "kind", "-occurred_at"], name="timeline_matter_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.summary}"
