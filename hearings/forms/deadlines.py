"""The deadline form: a typed last day, or a rule and the date it is counted from (computed before saving)."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..period_rules import RULES, parse_rule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def rule_choices() -> list[tuple[str, str]]:
    return [("", _("No rule: I type the last day")), *((code, _(rule.label)) for code, rule in RULES.items())]


class DeadlineForm(forms.Form):
    title = forms.CharField(
        label=_("What is due"),
        max_length=300,
        help_text=_("For example: appeal against the decision of 15 January 2026."),
    )
    responsible = forms.TypedChoiceField(label=_("Responsible specialist"), coerce=int)
    rule = forms.ChoiceField(label=_("Rule"), required=False)
    amount = forms.IntegerField(
        label=pgettext_lazy("period length", "Length"),
        required=False,
        min_value=1,
        help_text=_("Only for a custom rule: how many months or days."),
    )
    trigger_date = forms.DateField(
        label=_("Counted from"),
        required=False,
        widget=DATE,
        help_text=_("The date of the decision in its final form, of entry into force, of receipt…"),
    )
    due_on = forms.DateField(
        label=_("Last day"), required=False, widget=DATE, help_text=_("Only when no rule is chosen.")
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the firm only."),
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["responsible"].choices = [(p.pk, p.full_name) for p in people]
        self.fields["rule"].choices = rule_choices()

    @classmethod
    def initial_for(cls, deadline) -> dict:
        rule, amount = deadline.rule, None
        if rule:
            try:
                known, count = parse_rule(rule)
                rule, amount = known.code, (count if known.custom else None)
            except ValueError:
                rule = ""
        return {
            "title": deadline.title,
            "responsible": deadline.responsible_id,
            "rule": rule,
            "amount": amount,
            "trigger_date": deadline.trigger_date,
            "due_on": deadline.due_on,
            "notes": deadline.notes,
        }

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "responsible": self.people.get(data["responsible"]),
            "rule": data.get("rule") or "",
            "amount": data.get("amount"),
            "trigger_date": data.get("trigger_date"),
            "due_on": data.get("due_on"),
            "notes": data.get("notes") or "",
        }


class DeadlinePreviewForm(forms.Form):
    """The "compute" part of the form alone: what the preview reads (no title or responsible needed)."""

    rule = forms.ChoiceField(label=_("Rule"), required=False)
    amount = forms.IntegerField(required=False, min_value=1)
    trigger_date = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = rule_choices()


def rule_label(code: str) -> str:
    rule = RULES.get(code)
    return gettext(rule.label) if rule else ""
