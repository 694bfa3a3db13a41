"""The dashboards: what each person sees first every day.

A client sees, for each of its open matters, the four answers a client wants without asking:
what has happened since my last visit, what is needed from me now, what happens next and when,
and when the firm will next report. The firm's people see the work waiting for them.

Every list is bounded and every section is one or two queries across all matters (never one per
matter), so a dashboard costs the same number of queries whatever the size of the data.
The results of work, messages and risk notices come from the selectors of their areas
(matters.selectors.deliverables, .messages, .risk), which start from their scoping functions.

The client's dashboard is in `dashboard_client` (what waits on the client: `dashboard_needed`), the
firm's in `dashboard_staff`; import them from here.
"""

from .dashboard_client import ClientDashboard, ClientMatter, client_dashboard, upcoming_events_for_matters
from .dashboard_money import Money, money_for
from .dashboard_needed import NEEDED_KINDS, Needed, needed_from_client
from .dashboard_staff import COUNT_CAP, Panel, Section, StaffDashboard, staff_dashboard

__all__ = [
    "COUNT_CAP",
    "NEEDED_KINDS",
    "ClientDashboard",
    "ClientMatter",
    "Money",
    "Needed",
    "Panel",
    "Section",
    "StaffDashboard",
    "client_dashboard",
    "dashboard_for",
    "money_for",
    "needed_from_client",
    "staff_dashboard",
    "upcoming_events_for_matters",
]


def dashboard_for(*, user):
    return client_dashboard(user=user) if user.is_client_user else staff_dashboard(user=user)
