"""The dashboard: the first page everyone sees (the home page)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ..selectors.dashboard import client_dashboard, staff_dashboard
from ..selectors.deadlines import my_deadlines
from ..selectors.hearings import staff_hearings


@login_required
def dashboard(request):
    user = request.user
    if user.is_client_user:
        return render(
            request,
            "portal/dashboard_client.html",
            {"board": client_dashboard(user=user), "today": timezone.localdate()},
        )
    board = staff_dashboard(user=user)
    return render(
        request,
        "portal/dashboard_staff.html",
        {
            "board": board,
            "expiring_powers": board.powers,
            "today": timezone.localdate(),
            "deadlines": my_deadlines(user=user),
            "hearings": staff_hearings(user=user),
        },
    )


@login_required
def home(request):
    """Everyone's first page is their dashboard (portal.views.dashboard)."""
    return dashboard(request)
