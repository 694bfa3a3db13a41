"""The checks every upload passes: how many files, which types, how large, and how much a client's
people have uploaded against the quota the firm sets for the client.

`check_files` is the one place every upload is validated (tasks, messages, results, documents sent),
before anything is stored, inside the caller's transaction; for the quota the client's row is locked
so that two uploads at once cannot both slip under it.
"""

from collections.abc import Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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


ALLOWED_EXTENSIONS = frozenset(
    [
        ".pdf",
        ".doc",
        ".docx",
        ".odt",
        ".rtf",
        ".txt",
        ".xls",
        ".xlsx",
        ".ods",
        ".csv",
        ".jpg",
        ".jpeg",
        ".png",
        ".tif",
        ".tiff",
        ".heic",
        ".zip",
        ".7z",
        ".eml",
        ".msg",
        ".xml",
    ]
)
MAX_ATTACHMENTS = 10


def check_files(
    files: Iterable[UploadedFile], *, field: str = "files", limit: int = MAX_ATTACHMENTS, uploader=None
) -> list[UploadedFile]:
    """The files a person attaches: how many, which types, how large (the rules of every upload);
    for a client user (`uploader`), also whether the client's upload quota has room for them."""
    files = [f for f in files if f]
    problems = []
    if len(files) > limit:
        problems.append(
            ngettext_lazy("Attach at most %(count)d file.", "Attach at most %(count)d files.", limit) % {"count": limit}
        )
    for f in files:
        name = PurePosixPath(f.name or "").name
        if PurePosixPath(name).suffix.lower() not in ALLOWED_EXTENSIONS:
            problems.append(_("«%(name)s»: this type of file is not accepted.") % {"name": name})
        elif f.size == 0:
            problems.append(_("«%(name)s» is empty.") % {"name": name})
        elif f.size > settings.ATTACHMENT_MAX_BYTES:
            problems.append(
                _("«%(name)s» is larger than %(mb)d MB.") % {"name": name, "mb": settings.ATTACHMENT_MAX_BYTES // 2**20}
            )
    if problems:
        raise ValidationError(fields={field: problems})
    check_upload_quota(uploader=uploader, files=files, field=field)
    return files
