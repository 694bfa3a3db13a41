"""Forms of the advances' pages: they parse; billing.services.advances checks and decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Advance


class AdvanceForm(forms.Form):
    amount = forms.CharField(label=_("Amount, ₽"), max_length=20)
    purpose = forms.CharField(label=_("Purpose"), max_length=500)
    category = forms.ChoiceField(label=_("Category"), choices=Advance.Category.choices)
    due_on = forms.DateField(label=_("Pay by"), widget=forms.DateInput(attrs={"type": "date"}))
    task = forms.TypedChoiceField(label=_("Task it funds"), required=False, coerce=int, empty_value=None)
    hearing = forms.TypedChoiceField(label=_("Hearing it funds"), required=False, coerce=int, empty_value=None)
    filing = forms.CharField(label=_("Or a filing it funds"), max_length=300, required=False)
    payer = forms.ChoiceField(label=_("Who is paid"), choices=Advance.Payer.choices, widget=forms.RadioSelect)
    recipient_name = forms.CharField(label=_("Recipient"), max_length=300, required=False)
    recipient_inn = forms.CharField(label=_("Recipient's INN"), max_length=12, required=False)
    recipient_kpp = forms.CharField(label=_("Recipient's KPP"), max_length=9, required=False)
    recipient_account = forms.CharField(label=_("Account"), max_length=20, required=False)
    recipient_bik = forms.CharField(label=_("Bank BIK"), max_length=9, required=False)
    recipient_corr_account = forms.CharField(label=_("Correspondent account"), max_length=20, required=False)
    recipient_bank = forms.CharField(label=_("Bank"), max_length=300, required=False)
    kbk = forms.CharField(label=_("KBK"), max_length=20, required=False)
    oktmo = forms.CharField(label=_("OKTMO"), max_length=11, required=False)
    uin = forms.CharField(label=_("UIN"), max_length=25, required=False)

    def __init__(self, *args, tasks=(), hearings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", "—"), *[(t.pk, f"{t.number} {t.subject}") for t in tasks]]
        self.fields["hearing"].choices = [("", "—"), *[(h.pk, str(h)) for h in hearings]]


class PaidForm(forms.Form):
    paid_amount = forms.CharField(label=_("Amount paid, ₽"), max_length=20)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    payment_order = forms.FileField(label=_("Payment order"))


class ConfirmForm(forms.Form):
    confirmed_amount = forms.CharField(label=_("Amount received, ₽"), max_length=20, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class SpendingForm(forms.Form):
    """An expense the advance paid: one already recorded and approved, or a new one (amount, date, what)."""

    expense = forms.ModelChoiceField(
        label=_("An expense already recorded"),
        queryset=None,
        required=False,
        empty_label=_("— a new expense, below —"),
    )
    amount = forms.CharField(label=_("Amount, ₽"), max_length=20, required=False)
    spent_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    description = forms.CharField(label=_("What it paid for"), max_length=500, required=False)

    def __init__(self, *args, expenses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expense"].queryset = expenses
        self.fields["expense"].label_from_instance = lambda e: (
            f"{e.date:%d.%m.%Y} · {e.amount} ₽ · {e.description[:80]}"
        )
        if not expenses.exists():
            del self.fields["expense"]
