"""Pages of the engagement terms: read and accept them, publish a new version, download the agreement."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotPermitted, ValidationError
from core.views import show_refusal

from ..forms.disclosures import TermsAcceptForm, TermsPublishForm
from ..services import terms as services


def _safe_next(request, candidate: str | None) -> str:
    """Where to go after accepting: the page the user was sent from, if it is ours; else the start page."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


def _render(request, *, form=None, status=200):
    user = request.user
    current = services.terms_current()
    language = services.terms_language(get_language())
    acceptances = services.terms_acceptances_of(user) if user.is_client_user else []
    accepted = next((a for a in acceptances if current and a.version_id == current.pk), None)
    earlier = next((a for a in acceptances if current and a.version_id != current.pk), None)
    next_url = request.POST.get("next") if request.method == "POST" else request.GET.get("next")
    if current is not None and user.is_client_user and accepted is None and form is None:
        form = TermsAcceptForm(
            initial={"version": current.number, "language": language, "next": _safe_next(request, next_url)}
        )
    return render(
        request,
        "clients/terms.html",
        {
            "current": current,
            # The firm's own text, stored as HTML: sanitised when stored and again on the way out.
            "terms_html": services.terms_safe_html(current, language),
            "accepted": accepted,
            "earlier": earlier,
            "form": form if accepted is None else None,
            "may_publish": user.sees_everything,
        },
        status=status,
    )


@login_required
def terms(request):
    """The current engagement terms in the reader's language; a client user accepts them here."""
    return _render(request)


@login_required
@require_POST
def terms_accept(request):
    form = TermsAcceptForm(request.POST)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    data = form.cleaned_data
    current = services.terms_current()
    if current is None or current.number != data["version"]:
        messages.error(request, _("The terms have changed while you were reading them. Please read the new version."))
        return redirect(f"{reverse('clients:terms')}?{_next_query(request, data['next'])}")
    # Only a bad value is shown on the form; a person who may not accept gets the 403 page.
    with show_refusal(request, form, only=(ValidationError,)):
        services.terms_accept(user=request.user, version=current, language=data["language"], request=request)
        messages.success(
            request, _("Thank you. You have accepted version %(number)s of the terms.") % {"number": current.number}
        )
        return redirect(_safe_next(request, data["next"]))
    return _render(request, form=form, status=400)


def _next_query(request, next_url: str) -> str:
    return urlencode({"next": _safe_next(request, next_url)})


@login_required
@require_http_methods(["GET", "POST"])
def terms_publish(request):
    """A partner publishes a new version of the terms; every client user accepts it again at the next visit."""
    if not request.user.sees_everything:
        raise NotPermitted(_("Only a partner publishes new engagement terms."))
    current = services.terms_current()
    initial = {"text_ru": current.text_ru, "text_en": current.text_en} if current else {}
    form = TermsPublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form, only=(ValidationError,)):
            version = services.terms_publish(
                by=request.user, text_ru=form.cleaned_data["text_ru"], text_en=form.cleaned_data["text_en"]
            )
            messages.success(
                request,
                _("Version %(number)s of the terms is published. Client users will be asked to accept it.")
                % {"number": version.number},
            )
            return redirect("clients:terms")
    return render(
        request,
        "clients/terms_publish.html",
        {"form": form, "current": current},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def agreement_pdf(request, client_pk):
    """The client's engagement agreement as a PDF; a download by the firm is written to the access log."""
    client = services.agreement_client_get(user=request.user, pk=client_pk)
    document = services.agreement_file(user=request.user, client=client, request=request)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"agreement-{client.pk}-v{document.version.number}.pdf",
        content_type="application/pdf",
    )
