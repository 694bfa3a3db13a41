"""Pages of hearings and meetings. Thin: read the input, call a selector or a service, render.

`attendance_link` is the one page open without signing in: an outside contact answers there through
the signed link of its e-mail (hearings.services.attendance). GET only shows; the answer is a POST.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound, NotPermitted, ValidationError
from core.paging import page_of
from core.views import button_post, show_refusal
from matters.selectors import matter_get

from ..access import may_manage_matter
from ..forms.hearings import AnswerForm, AttendeeAddForm, CancelForm, HearingForm, RescheduleForm, local_input
from ..selectors import hearings as sel
from ..services import attendance
from ..services import hearings as services
from ..zones import zone_label


def _refuse_scheduling(user):
    if user.is_client_user:
        raise NotFound()
    raise NotPermitted(_("Hearings are arranged by the firm's people on the matter, a secretary or a partner."))


@login_required
def hearing_list(request):
    """The user's hearings and meetings to come (or all with ?when=past), with the power-of-attorney warnings."""
    past = request.GET.get("when") == "past"
    now = timezone.now()
    qs = sel.hearing_list(user=request.user)
    qs = qs.filter(starts_at__lt=now).order_by("-starts_at", "-id") if past else qs.filter(starts_at__gte=now)
    page = page_of(qs, request.GET.get("page"))
    missing = sel.poa_missing(page.items) if request.user.is_firm else set()
    return render(request, "hearings/list.html", {"page": page, "past": past, "poa_missing": missing})


@login_required
@require_http_methods(["GET", "POST"])
def hearing_new(request, matter_pk):
    matter = matter_get(user=request.user, pk=matter_pk)
    if not may_manage_matter(request.user, matter):
        _refuse_scheduling(request.user)
    choices = sel.schedule_choices(matter=matter)
    lead = next((a.user_id for a in matter.assignments.all() if a.is_lead), None)
    form = HearingForm(request.POST or None, initial={"representative": lead}, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form):
            hearing = services.hearing_schedule(
                matter=matter,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                time_zone=data["time_zone"],
                client_users=list(data["client_users"]),
                contacts=form.contacts(),
                **form.details(),
            )
            messages.success(request, _("Scheduled. The attendees have been asked to confirm."))
            if sel.poa_missing_for(hearing):
                messages.warning(request, _poa_warning(hearing))
            return redirect("hearings:hearing_detail", pk=hearing.pk)
    return render(request, "hearings/form.html", {"form": form, "matter": matter}, status=400 if form.errors else 200)


def _poa_warning(hearing) -> str:
    return _(
        "%(name)s has no signed power of attorney from the client valid on %(day)s. "
        "Have one signed before the hearing, or choose another representative."
    ) % {
        "name": hearing.representative.full_name,
        "day": timezone.localtime(hearing.starts_at, timezone.get_default_timezone()).strftime("%d.%m.%Y"),
    }


def _detail(request, hearing, *, reschedule_form=None, cancel_form=None, add_form=None, answer_form=None, status=200):
    can = sel.hearing_permissions(user=request.user, hearing=hearing)
    client_users = sel.schedule_choices(matter=hearing.matter)["client_users"] if can["manage"] else None
    context = {
        "hearing": hearing,
        "matter": hearing.matter,
        "can": can,
        "attendees": list(hearing.attendees.all()),
        "poa_warning": _poa_warning(hearing) if request.user.is_firm and sel.poa_missing_for(hearing) else "",
        "place_zone_label": zone_label(hearing.time_zone),
        "other_zone": hearing.time_zone != timezone.get_current_timezone_name(),
        "answer_form": answer_form or AnswerForm(),
    }
    if can["manage"]:
        context["reschedule_form"] = reschedule_form or RescheduleForm(
            initial={
                "time_zone": hearing.time_zone,
                "starts_at": local_input(hearing.starts_at, hearing.time_zone),
                "ends_at": local_input(hearing.ends_at, hearing.time_zone),
            }
        )
        context["cancel_form"] = cancel_form or CancelForm()
        context["add_form"] = add_form or AttendeeAddForm(client_users=client_users)
    return render(request, "hearings/detail.html", context, status=status)


@login_required
def hearing_detail(request, pk):
    return _detail(request, sel.hearing_get(user=request.user, pk=pk))


def _managed(request, pk):
    hearing = sel.hearing_get(user=request.user, pk=pk)
    if not sel.hearing_permissions(user=request.user, hearing=hearing)["manage"]:
        if request.user.is_client_user:
            raise NotFound()
        raise NotPermitted(_("This hearing cannot be changed by you, or no longer (cancelled or already begun)."))
    return hearing


@login_required
@require_http_methods(["GET", "POST"])
def hearing_edit(request, pk):
    hearing = _managed(request, pk)
    choices = sel.schedule_choices(matter=hearing.matter)
    initial = {name: getattr(hearing, name) for name in services.DETAIL_FIELDS}
    form = HearingForm(request.POST or None, initial=initial, with_attendees=False, **choices)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            hearing = services.hearing_update(hearing=hearing, by=request.user, **form.details())
            messages.success(request, _("Saved. The attendees have been told of the change."))
            if sel.poa_missing_for(hearing):
                messages.warning(request, _poa_warning(hearing))
            return redirect("hearings:hearing_detail", pk=hearing.pk)
    return render(
        request,
        "hearings/form.html",
        {"form": form, "matter": hearing.matter, "hearing": hearing},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def hearing_reschedule(request, pk):
    hearing = _managed(request, pk)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form):
            hearing = services.hearing_reschedule(
                hearing=hearing,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                time_zone=data["time_zone"],
            )
            messages.success(request, _("Moved. Everyone has been asked to confirm the new time."))
            if sel.poa_missing_for(hearing):
                messages.warning(request, _poa_warning(hearing))
            return redirect("hearings:hearing_detail", pk=hearing.pk)
    return _detail(request, hearing, reschedule_form=form, status=400)


@login_required
@require_POST
def hearing_cancel(request, pk):
    hearing = _managed(request, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            services.hearing_cancel(hearing=hearing, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Cancelled. Everyone has been told, and the reminders withdrawn."))
            return redirect("hearings:hearing_detail", pk=hearing.pk)
    return _detail(request, hearing, cancel_form=form, status=400)


@login_required
@require_POST
def attendee_add(request, pk):
    hearing = _managed(request, pk)
    form = AttendeeAddForm(request.POST, client_users=sel.schedule_choices(matter=hearing.matter)["client_users"])
    if form.is_valid():
        with show_refusal(request, form):
            services.attendee_add(
                hearing=hearing, by=request.user, user=form.cleaned_data["user"], contact=form.contact()
            )
            messages.success(request, _("Added and asked to confirm."))
            return redirect("hearings:hearing_detail", pk=hearing.pk)
    return _detail(request, hearing, add_form=form, status=400)


@login_required
@require_POST
def attendee_remove(request, hearing_pk, pk):
    hearing = _managed(request, hearing_pk)
    attendee = sel.attendee_get(user=request.user, hearing=hearing, pk=pk)
    return button_post(
        request,
        lambda: services.attendee_remove(attendee=attendee, by=request.user),
        done=_("No longer required."),
        back=reverse("hearings:hearing_detail", args=[hearing.pk]),
    )


@login_required
@require_POST
def hearing_answer(request, pk):
    """A client user answers for itself: the button pressed says which."""
    hearing = sel.hearing_get(user=request.user, pk=pk)
    mine = sel.hearing_permissions(user=request.user, hearing=hearing)["respond"]
    if mine is None:
        raise NotFound()
    form = AnswerForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            attendance.attendance_respond(
                attendee=mine,
                by=request.user,
                confirmed=form.cleaned_data["answer"] == "confirm",
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Thank you, your answer is recorded."))
            if request.POST.get("next") == "dashboard":
                return redirect("home")
            return redirect("hearings:hearing_detail", pk=pk)
    return _detail(request, hearing, answer_form=form, status=400)


def _link_refusal_page(view):
    """An answer link that cannot be used (bad, expired, void, used) is its own page with its status."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except attendance.LinkRefused as refused:
            status = _LINK_STATUS[refused.reason]
            return render(request, "hearings/link_refused.html", {"refused": refused}, status=status)

    return wrapper


@require_http_methods(["GET", "POST"])
@_link_refusal_page
def attendance_link(request, token):
    """No account needed: the hearing's summary and two buttons; only a button's POST records the answer."""
    attendee = attendance.attendee_from_token(token)
    # The page speaks the language the firm chose for this person's e-mails (there is no account to ask).
    translation.activate(attendee.language)
    request.LANGUAGE_CODE = attendee.language
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A refused link (an InvalidState) leaves the block for the refusal page; a bad answer goes on the form.
        with show_refusal(request, form, only=(ValidationError,)):
            attendee = attendance.attendance_respond_by_link(
                token=token,
                confirmed=form.cleaned_data["answer"] == "confirm",
                reason=form.cleaned_data["reason"],
            )
            return render(request, "hearings/link_done.html", {"attendee": attendee, "hearing": attendee.hearing})
    hearing = attendee.hearing
    return render(
        request,
        "hearings/link.html",
        {
            "attendee": attendee,
            "hearing": hearing,
            "form": form,
            "place_zone_label": zone_label(hearing.time_zone),
            "other_zone": hearing.time_zone != timezone.get_current_timezone_name(),
        },
        status=400 if form.errors else 200,
    )


_LINK_STATUS = {"bad": 404, "void": 410, "expired": 410, "cancelled": 410, "used": 409}
