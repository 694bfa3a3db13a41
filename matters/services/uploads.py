"""How much a client's people have uploaded, against the quota the firm sets for the client.

Checked by matters.services.tasks.check_files — the one place every upload is validated — before
anything is stored, inside the caller's transaction; the client's row is locked so that two
uploads at once cannot both slip under the quota.
"""

from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from core.errors import ValidationError
from users.models import Role


def client_upload_usage(client_id: int) -> int:
    """Bytes uploaded by the client's own people: task and message attachments, documents sent."""
    from ..models import DocumentSubmission, MessageAttachment, TaskAttachment

    total = 0
    for qs in (
        TaskAttachment.objects.filter(uploaded_by__client_id=client_id),
        MessageAttachment.objects.filter(message__author__client_id=client_id),
        DocumentSubmission.objects.filter(uploaded_by__client_id=client_id),
    ):
        total += qs.aggregate(total=Sum("size"))["total"] or 0
    return total


def check_upload_quota(*, uploader, files, field: str = "files") -> None:
    """Refuse the upload when it would take the uploader's client over its quota (the firm's own
    uploads are not counted: the quota bounds what the portal accepts from outside)."""
    if uploader is None or getattr(uploader, "role", None) != Role.CLIENT or not uploader.client_id:
        return
    incoming = sum(f.size or 0 for f in files)
    if not incoming:
        return
    client = Client.objects.select_for_update().only("pk", "upload_quota_bytes").get(pk=uploader.client_id)
    used = client_upload_usage(client.pk)
    if used + incoming > client.upload_quota_bytes:
        left = max(client.upload_quota_bytes - used, 0)
        raise ValidationError(
            fields={
                field: [
                    _(
                        "Your organisation's upload limit of %(quota)s is reached (%(left)s left). "
                        "Please send large files to the firm another way or ask the firm to raise the limit."
                    )
                    % {"quota": filesizeformat(client.upload_quota_bytes), "left": filesizeformat(left)}
                ]
            }
        )
