"""Pages of the notices app: the inbox, its e-mail preferences, and the staff's dead letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import NotPermitted
from core.paging import page_of
from core.views import show_refusal

from . import selectors, services
from .access import may_resend


def _safe_link(request, link: str) -> str:
    """A notice's link is a portal path; anything else (or nothing) leads back to the inbox."""
    if link and link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return link
    return ""


@login_required
@require_GET
def inbox(request):
    only_unread = request.GET.get("unread") == "1"
    page = page_of(
        selectors.inbox_list(user=request.user, unread=True if only_unread else None), request.GET.get("page")
    )
    return render(
        request,
        "notices/inbox.html",
        {"page": page, "only_unread": only_unread, "query": "unread=1" if only_unread else ""},
    )


@login_required
@require_GET
def notice_open(request, pk):
    """Open a notice: it is marked read and the user is taken to the thing it is about."""
    notice = services.notice_read(user=request.user, notice_id=pk)
    link = _safe_link(request, notice.link)
    if link:
        return redirect(link)
    return render(request, "notices/notice.html", {"notice": notice})


@login_required
@require_POST
def notice_mark_read(request, pk):
    services.notice_read(user=request.user, notice_id=pk)
    return redirect("notices:inbox")


@login_required
@require_POST
def notices_mark_all_read(request):
    count = services.notices_read_all(user=request.user)
    messages.success(
        request, ngettext("%(count)d notice marked read.", "%(count)d notices marked read.", count) % {"count": count}
    )
    return redirect("notices:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    if request.method == "POST":
        rows = selectors.preferences(user=request.user)
        chosen = {row["kind"]: f"email_{row['kind']}" in request.POST for row in rows if not row["mandatory"]}
        with show_refusal(request):
            services.notice_preferences_set(user=request.user, email=chosen)
            messages.success(request, _("Your choice of e-mails is saved."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"rows": selectors.preferences(user=request.user)})


@login_required
@require_GET
def dead_letters(request):
    if not may_resend(request.user):
        raise NotPermitted(_("Only partners and the portal's administrators see the notices that could not be sent."))
    page = page_of(selectors.dead_letters(user=request.user), request.GET.get("page"))
    return render(request, "notices/dead_letters.html", {"page": page, "query": ""})


@login_required
@require_POST
def dead_letter_resend(request, pk):
    services.notice_resend(notice_id=pk, by=request.user)  # not one of the dead letters: 404
    messages.success(request, _("The notice will be sent again."))
    return redirect("notices:dead_letters")
