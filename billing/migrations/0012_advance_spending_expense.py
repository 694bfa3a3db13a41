"""A spending from an advance is the Expense it paid: a spending recorded before this (a sum and a
description only) gets its expense now — of the advance's matter, dated and described as the spending,
for its amount, recorded by whoever recorded the spending and approved by them (it was money actually
paid) — so that the balance's "spent" stays the same figures and every spending has its expense."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

CATEGORIES = {"state_duty", "expert", "notary", "travel"}


def expenses_for_spendings(apps, schema_editor):
    AdvanceSpending = apps.get_model("billing", "AdvanceSpending")
    Expense = apps.get_model("billing", "Expense")
    for spending in AdvanceSpending.objects.filter(expense__isnull=True).select_related("advance"):
        advance = spending.advance
        now = timezone.now()
        spending.expense = Expense.objects.create(
            matter_id=advance.matter_id,
            specialist_id=spending.recorded_by_id,
            created_by_id=spending.recorded_by_id,
            date=spending.spent_on,
            description=spending.description,
            category=advance.category if advance.category in CATEGORIES else "other",
            amount=spending.amount,
            status="approved",
            submitted_at=now,
            reviewed_at=now,
            reviewed_by_id=spending.recorded_by_id,
        )
        spending.save(update_fields=["expense"])


class Migration(migrations.Migration):
    dependencies = [("billing", "0011_invoice_draft_lines")]

    operations = [
        migrations.AddField(
            model_name="advancespending",
            name="expense",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="advance_spending",
                to="billing.expense",
                verbose_name="expense",
            ),
        ),
        migrations.RunPython(expenses_for_spendings, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="advancespending",
            name="expense",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="advance_spending",
                to="billing.expense",
                verbose_name="expense",
            ),
        ),
    ]
