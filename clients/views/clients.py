"""The firm's client list and client card. Thin views."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.errors import NotFound
from core.paging import page_of

from .. import selectors


@login_required
def client_list(request):
    if not request.user.is_firm:
        raise NotFound()
    query = request.GET.get("q", "").strip()
    page = page_of(selectors.client_list(user=request.user, query=query), request.GET.get("page"))
    return render(
        request,
        "clients/client_list.html",
        {"page": page, "query": query, "staff": selectors.is_intake_staff(request.user)},
    )


@login_required
def client_detail(request, pk):
    card = selectors.client_card(user=request.user, pk=pk)
    return render(
        request,
        "clients/client_detail.html",
        {"card": card, "client": card.client, "staff": selectors.is_intake_staff(request.user)},
    )
