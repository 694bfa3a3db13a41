"""Payment.matched_invoice_id (a plain bigint while invoices were built apart) becomes the foreign key
`matched_invoice` to billing.Invoice. The column keeps its name and its values: the field is pinned to
its column, renamed in the state only, then altered into the foreign key (PostgreSQL adds the
constraint and the index; SQLite remakes the table copying the rows). A reference to an invoice that
does not exist (only ever test data: the lookup answered real invoices) is cleared first and the
payment goes back to the queue, so that the constraint can be created."""

import django.db.models.deletion
from django.db import migrations, models


def clear_dangling(apps, schema_editor):
    Payment = apps.get_model("billing", "Payment")
    Invoice = apps.get_model("billing", "Invoice")
    dangling = Payment.objects.filter(matched_invoice_id__isnull=False).exclude(
        matched_invoice_id__in=Invoice.objects.values("pk")
    )
    dangling.update(matched_invoice_id=None, status="unmatched", matched_by=None, matched_at=None)


class Migration(migrations.Migration):
    dependencies = [("billing", "0008_termination_final_act")]

    operations = [
        migrations.RunPython(clear_dangling, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="payment",
            name="matched_invoice_id",
            field=models.BigIntegerField(
                blank=True, db_column="matched_invoice_id", null=True, verbose_name="matched invoice"
            ),
        ),
        migrations.RenameField(model_name="payment", old_name="matched_invoice_id", new_name="matched_invoice"),
        migrations.AlterField(
            model_name="payment",
            name="matched_invoice",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="payments",
                to="billing.invoice",
                verbose_name="matched invoice",
            ),
        ),
    ]
