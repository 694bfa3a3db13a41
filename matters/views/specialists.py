"""Pages of the firm's directory, the profiles and the client's requests for a specialist (rule 12)."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound, NotPermitted
from core.paging import page_of
from core.views import panel_post, show_refusal

from .. import selectors
from ..access import allowed
from ..forms.specialists import ProfileForm, RequestAnswerForm, SpecialistRequestForm
from ..models import SpecialistRequest
from ..selectors import specialists as sel
from ..services import specialists as services


@login_required
def specialist_list(request):
    areas = list(sel.practice_areas())
    area = next((a for a in areas if str(a.pk) == request.GET.get("area")), None)
    language = request.GET.get("language", "").strip()[:60]
    page = page_of(sel.specialist_directory(user=request.user, area=area, language=language), request.GET.get("page"))
    return render(
        request,
        "matters/specialists/list.html",
        {"page": page, "areas": areas, "area": area, "language": language},
    )


@login_required
def specialist_detail(request, pk):
    profile = sel.specialist_get(user=request.user, pk=pk)
    matters = []
    if request.user.is_client_user:
        matters = list(selectors.matter_choices_for_task(user=request.user))
    may_edit = allowed(request.user, profile, "change")
    return render(
        request,
        "matters/specialists/detail.html",
        {"profile": profile, "person": profile.user, "matters": matters, "may_edit": may_edit},
    )


@login_required
def specialist_photo(request, pk):
    profile = sel.specialist_get(user=request.user, pk=pk)
    if not profile.photo:
        raise NotFound()
    try:
        handle = profile.photo.open("rb")
    except FileNotFoundError:
        raise NotFound() from None
    content_type = mimetypes.guess_type(profile.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk=None):
    """/specialists/me/ for the lawyer themself; /specialists/<pk>/edit/ for a partner (or oneself)."""
    person = sel.profile_owner_get(user=request.user, pk=pk)
    instance = getattr(person, "profile", None)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            services.specialist_profile_save(specialist=person, by=request.user, **form.service_arguments())
            messages.success(request, _("The profile is saved."))
            return redirect("matters:specialist_detail", pk=person.pk)
    return render(request, "matters/specialists/edit.html", {"form": form, "person": person, "profile": instance})


@login_required
@require_http_methods(["GET", "POST"])
def specialist_request_new(request, matter_pk):
    """A client user asks for a named specialist on the matter or for one hearing or meeting."""
    if not request.user.is_client_user:
        raise NotPermitted(_("The client asks for a specialist; the firm assigns its people directly."))
    matter = selectors.matter_get(user=request.user, pk=matter_pk)
    initial = {"specialist": request.GET.get("specialist")} if request.GET.get("specialist") else {}
    form = SpecialistRequestForm(
        request.POST or None, specialists=sel.specialist_choices(user=request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form):
            item = services.specialist_request_create(
                matter=matter,
                by=request.user,
                specialist=data["specialist"].user,
                event=data["event"],
                note=data["note"],
            )
            messages.success(request, _("Your request is sent. A partner of the firm will answer it."))
            return redirect("matters:specialist_request_detail", pk=item.pk)
    return render(request, "matters/specialists/request_new.html", {"form": form, "matter": matter})


@login_required
def specialist_request_list(request):
    page = page_of(sel.specialist_request_list(user=request.user), request.GET.get("page"))
    return render(request, "matters/specialists/request_list.html", {"page": page})


@login_required
def specialist_request_detail(request, pk):
    item = sel.specialist_request_get(user=request.user, pk=pk)
    return _render_request(request, item)


def _render_request(request, item, *, form=None, status=200):
    may_answer = request.user.sees_everything and item.status == SpecialistRequest.Status.PENDING
    return render(
        request,
        "matters/specialists/request_detail.html",
        {"item": item, "may_answer": may_answer, "form": form or RequestAnswerForm()},
        status=status,
    )


@login_required
@require_POST
def specialist_request_answer(request, pk):
    item = sel.specialist_request_get(user=request.user, pk=pk)
    grant = request.POST.get("decision") == "grant"

    def act(data):
        services.specialist_request_answer(request=item, by=request.user, grant=grant, reason=data["reason"])
        messages.success(
            request, _("The request is granted.") if grant else _("The request is refused; the client sees why.")
        )

    return panel_post(
        request,
        RequestAnswerForm(request.POST),
        act,
        back=reverse("matters:specialist_request_detail", args=[item.pk]),
        again=lambda form: _render_request(request, item, form=form, status=400),
    )
