"""Pages of invoices: a matter's invoices (with the staff's draft form), the firm's list, an invoice, its PDF."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import NotFound
from core.views import show_refusal
from matters.selectors import matter_get

from ..access import invoice_matters, restrict_invoices
from ..forms.invoices import InvoiceDraftForm
from ..models import Expense, Invoice, TimeEntry, WorkStatus
from ..selectors import invoices as sel


def _draft_form(request, matter, data=None):
    if not invoice_matters(request.user, "prepare").filter(pk=matter.pk).exists():
        return None
    approved = {"matter": matter, "status": WorkStatus.APPROVED}
    return InvoiceDraftForm(
        data,
        time_entries=TimeEntry.objects.filter(**approved).order_by("date", "pk"),
        expenses=Expense.objects.filter(**approved).order_by("date", "pk"),
    )


def _matter_page(request, matter, *, form=None, status=200):
    qs = sel.invoice_list(user=request.user, matter=matter)
    return render(
        request,
        "billing/invoices.html",
        {
            "matter": matter,
            "invoices": list(qs[:200]),
            "totals": sel.invoice_totals(qs),
            "form": form if form is not None else _draft_form(request, matter),
        },
        status=status,
    )


@login_required
def matter_invoices(request, pk):
    """The matter's invoices with what is billed, paid and due; its lawyers draft a new one here."""
    return _matter_page(request, matter_get(user=request.user, pk=pk, action="read"))


@login_required
@require_POST
def invoice_new(request, pk):
    from ..services.invoices import invoice_draft

    matter = matter_get(user=request.user, pk=pk, action="read")
    form = _draft_form(request, matter, request.POST)
    if form is None:
        raise NotFound()
    if form.is_valid():
        with show_refusal(request, form):
            invoice = invoice_draft(matter, request.user, **form.cleaned_data)
            flash.success(request, _("The draft invoice is saved."))
            return redirect("billing:invoice_detail", pk=invoice.pk)
    return _matter_page(request, matter, form=form, status=400)


@login_required
def firm_invoices(request):
    """Every invoice the user may see (a partner: the firm's), newest first."""
    qs = sel.invoice_list(user=request.user)
    return render(request, "billing/invoice_list.html", {"invoices": list(qs[:200]), "totals": sel.invoice_totals(qs)})


@login_required
def invoice_detail(request, pk):
    invoice = sel.invoice_get(user=request.user, pk=pk)
    can = {
        action: restrict_invoices(request.user, action).filter(pk=pk).exists()
        for action in ("prepare", "issue", "cancel")
    }
    return render(
        request, "billing/invoice_detail.html", {"invoice": invoice, "lines": list(invoice.lines.all()), "can": can}
    )


def _act(service, done):
    @login_required
    @require_POST
    def view(request, pk):
        from ..services import invoices as services

        invoice = sel.invoice_get(user=request.user, pk=pk)
        with show_refusal(request):
            getattr(services, service)(invoice, request.user)
            flash.success(request, done())
            if service == "invoice_delete":
                return redirect("billing:matter_invoices", pk=invoice.matter_id)
        return redirect("billing:invoice_detail", pk=pk)

    return view


invoice_issue = _act("invoice_issue", lambda: _("The invoice is issued; its PDF is being prepared."))
invoice_cancel = _act("invoice_cancel", lambda: _("The invoice is cancelled; its number stays used."))
invoice_delete = _act("invoice_delete", lambda: _("The draft invoice is deleted."))


@login_required
def invoice_pdf(request, pk):
    invoice = sel.invoice_get(user=request.user, pk=pk)
    handle = sel.invoice_pdf_file(invoice) if invoice.status != Invoice.Status.DRAFT else None
    if handle is None:
        flash.info(request, _("The invoice's PDF is being prepared; try again in a minute."))
        return redirect("billing:invoice_detail", pk=pk)
    return FileResponse(
        handle, as_attachment=True, filename=f"invoice-{invoice.number}.pdf", content_type="application/pdf"
    )
