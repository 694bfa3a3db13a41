"""Pages of the disclosure questionnaire (rule 4): the client writes, the firm reads and asks, the client answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import InvalidState, NotFound, ValidationError
from core.paging import page_of
from core.views import show_refusal

from ..forms.disclosures import DisclosureAnswerForm, DisclosureForm, DisclosureQuestionForm
from ..models import Disclosure
from ..ports import matter_get
from ..services import disclosures as services


def _answers(disclosure: Disclosure | None, form: DisclosureForm) -> list[dict]:
    """The eight questions with the client's answers, in the questionnaire's order (for reading)."""
    return [
        {
            "name": name,
            "label": form.fields[name].label,
            "hint": form.fields[name].help_text,
            "text": getattr(disclosure, name) if disclosure else "",
        }
        for name in Disclosure.ANSWER_FIELDS
    ]


def _render(request, matter, *, form=None, ask_form=None, answer_forms=None, status=200):
    user = request.user
    disclosure = services.disclosure_read(user=user, matter=matter, request=request)
    questions = list(services.disclosure_questions(user=user, matter=matter))
    may_write = user.is_client_user and matter.status != matter.Status.CLOSED
    if form is None:
        initial = {name: getattr(disclosure, name) for name in Disclosure.ANSWER_FIELDS} if disclosure else {}
        form = DisclosureForm(initial=initial)
    answer_forms = answer_forms or {}
    for question in questions:
        if question.answered_at is None and may_write:
            question.form = answer_forms.get(question.pk) or DisclosureAnswerForm(prefix=f"q{question.pk}")
    return render(
        request,
        "clients/disclosure.html",
        {
            "matter": matter,
            "disclosure": disclosure,
            "answers": _answers(disclosure, form),
            "form": form if may_write else None,
            "questions": questions,
            "unanswered": sum(1 for q in questions if q.answered_at is None),
            # A client with questions waiting reads them first, above its own answers.
            "questions_first": may_write and any(q.answered_at is None for q in questions),
            "ask_form": (ask_form or DisclosureQuestionForm())
            if user.is_lawyer and matter.status != matter.Status.CLOSED
            else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure(request, matter_pk):
    """Read the disclosure (everyone with access); the client's people also fill it in and change it here."""
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    if request.method == "GET":
        return _render(request, matter)
    form = DisclosureForm(request.POST)
    if form.is_valid():
        with (refusal := _show_refusal(request, form)):
            saved = services.disclosure_save(matter=matter, by=request.user, answers=form.cleaned_data)
            if not saved.changed:
                messages.info(request, _("Nothing has changed since your last save."))
            else:
                messages.success(
                    request,
                    _("Your answers are saved (revision %(revision)s). The lawyers on the matter are told.")
                    % {"revision": saved.revision},
                )
            return redirect("clients:disclosure", matter_pk=matter.pk)
        if refusal.flashed:
            return redirect(_page_url(matter))
    return _render(request, matter, form=form, status=400)


@login_required
@require_POST
def disclosure_ask(request, matter_pk):
    """A lawyer on the matter asks the client a follow-up question."""
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    form = DisclosureQuestionForm(request.POST)
    if form.is_valid():
        with (refusal := _show_refusal(request, form)):
            services.disclosure_question_ask(matter=matter, by=request.user, question=form.cleaned_data["question"])
            messages.success(request, _("Your question is sent to the client."))
            return redirect(f"{_page_url(matter)}#questions")
        if refusal.flashed:
            return redirect(_page_url(matter))
    return _render(request, matter, ask_form=form, status=400)


@login_required
@require_POST
def disclosure_answer(request, matter_pk, pk):
    """The client answers one of the firm's follow-up questions."""
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    question = services.disclosure_question_get(user=request.user, pk=pk)
    if question.matter_id != matter.pk:
        raise NotFound()
    form = DisclosureAnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        with (refusal := _show_refusal(request, form)):
            services.disclosure_question_answer(question=question, by=request.user, answer=form.cleaned_data["answer"])
            messages.success(request, _("Your answer is sent to the firm."))
            return redirect(f"{_page_url(matter)}#question-{question.pk}")
        if refusal.flashed:
            return redirect(_page_url(matter))
    return _render(request, matter, answer_forms={question.pk: form}, status=400)


@login_required
def disclosure_revisions(request, matter_pk):
    """The earlier texts of the disclosure, newest first: what the client said, and when."""
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    page = page_of(
        services.disclosure_revisions(user=request.user, matter=matter, request=request),
        request.GET.get("page"),
        per_page=10,
    )
    form = DisclosureForm()
    for revision in page.items:
        revision.rows = [
            {"label": form.fields[name].label, "text": revision.answers.get(name, "")}
            for name in Disclosure.ANSWER_FIELDS
        ]
    return render(request, "clients/disclosure_revisions.html", {"matter": matter, "page": page})


def _page_url(matter) -> str:
    return reverse("clients:disclosure", kwargs={"matter_pk": matter.pk})


def _show_refusal(request, form):
    """A bad answer goes on its form; what the present state does not allow (a closed matter, a question
    answered meanwhile) is a flash message on the page (`.flashed`: redirect to it); a person who may
    not write here gets the 403 page (the refusal leaves the block)."""
    return show_refusal(request, form, only=(InvalidState, ValidationError), flash=(InvalidState,))
