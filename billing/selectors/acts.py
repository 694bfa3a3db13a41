"""Scoped reads of acts of services rendered and their УПД."""

from core.selectors import get_visible

from ..access import restrict_acts
from ..models import Act


def act_list(*, user, matter=None):
    qs = restrict_acts(user, "view").select_related("matter", "client", "corrects", "upd")
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs


def act_get(*, user, pk) -> Act:
    return get_visible(act_list(user=user).prefetch_related("lines", "dispatches", "corrections"), pk=pk)


def _open(field):
    if not field:
        return None
    try:
        return field.open("rb")
    except FileNotFoundError:
        return None


def act_pdf_file(act):
    """The stored PDF opened for reading, or None while the worker has not rendered it yet."""
    return _open(act.pdf)


def upd_pdf_file(act):
    upd = getattr(act, "upd", None) if hasattr(act, "upd") else None
    return _open(upd.pdf) if upd is not None else None
