"""Pages of the ad hoc conflict check (partners and lead specialists). Thin views."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import NotPermitted
from core.views import show_refusal

from .. import selectors
from ..access import allowed
from ..forms import CheckFormSet, quiet, with_more_rows
from ..models import ConflictCheck
from ..services.conflicts import conflict_check_run

PARTIES = "parties"


@login_required
@require_http_methods(["GET", "POST"])
def conflict_check(request):
    if not allowed(request.user, ConflictCheck, "run"):
        raise NotPermitted(_("Conflict checks are run by partners and lead specialists."))
    data = request.POST if request.method == "POST" else None
    more = data is not None and "more_rows" in data
    if more:
        data = with_more_rows(data, PARTIES, CheckFormSet)
    parties = CheckFormSet(data, prefix=PARTIES)
    if more:
        quiet(parties)
    elif data is not None and parties.is_valid():
        with show_refusal(request, formsets={PARTIES: parties}):
            check = conflict_check_run(by=request.user, parties=parties.rows())
            return redirect("clients:conflict_check_detail", pk=check.pk)
    return render(
        request,
        "clients/conflicts/check.html",
        {"parties": parties, "recent": selectors.conflict_check_recent(user=request.user)},
        status=400 if data is not None and not more else 200,
    )


@login_required
def conflict_check_detail(request, pk):
    check = selectors.conflict_check_get(user=request.user, pk=pk)
    return render(request, "clients/conflicts/detail.html", {"check": check})
