"""The firm's search across matters, clients and tasks."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.errors import NotFound

from ..access import may_search
from ..selectors.search import PER_GROUP, staff_search


@login_required
def search(request):
    """Staff only: a client user has no search (404, as for any page that is not theirs)."""
    if not may_search(request.user):
        raise NotFound()
    results = staff_search(user=request.user, query=request.GET.get("q", ""))
    return render(request, "portal/search.html", {"results": results, "per_group": PER_GROUP})
