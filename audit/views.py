"""Pages of the access log. Read-only: there is no way to change an entry, here or anywhere."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.errors import NotPermitted
from core.paging import page_of

from . import selectors
from .models import AccessLogEntry


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


@login_required
@require_GET
def my_access_log(request):
    """A client user: who at the firm has looked at the client's data — who, what, when, from where."""
    if request.user.sees_everything:
        return redirect("audit:access_log")
    if not request.user.is_client_user:
        raise NotPermitted(_("This page is for the firm's clients: it shows them who at the firm opened their data."))
    page = page_of(selectors.access_log_list(user=request.user), request.GET.get("page"))
    return render(request, "audit/my_access_log.html", {"page": page, "query": ""})


@login_required
@require_GET
def access_log(request):
    """Partners: the whole firm's access log, filtered by client, by person and by what was opened."""
    if not request.user.sees_everything:
        raise NotPermitted(_("Only partners read the whole firm's access log."))
    params = request.GET
    filters = {
        "client_id": _int(params.get("client")),
        "actor_id": _int(params.get("user")),
        "kind": params.get("kind") if params.get("kind") in AccessLogEntry.Kind.values else None,
        "client_query": (params.get("q") or "").strip()[:200],
    }
    page = page_of(selectors.access_log_list(user=request.user, **filters), params.get("page"))
    kept = {
        "client": filters["client_id"] or "",
        "user": filters["actor_id"] or "",
        "kind": filters["kind"] or "",
        "q": filters["client_query"],
    }
    return render(
        request,
        "audit/access_log.html",
        {
            "page": page,
            "filters": kept,
            "query": urlencode({k: v for k, v in kept.items() if v}),
            "people": selectors.access_log_people(user=request.user),
            "kinds": AccessLogEntry.Kind.choices,
            "filter_client": selectors.access_log_client(user=request.user, pk=filters["client_id"]),
        },
    )
