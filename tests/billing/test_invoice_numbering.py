"""Two issues at the same moment get two consecutive numbers (PostgreSQL: the counter row is locked)."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from billing.services.invoices import invoice_draft, invoice_issue
from tests import factories as f
from tests.factories_billing import FirmProfileFactory


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_issues_get_two_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises the whole database anyway)")
    FirmProfileFactory(valid_from=dt.date(2024, 6, 1))
    lead = f.LeadFactory()
    matter = f.MatterFactory(lead=lead)
    drafts = [invoice_draft(matter=matter, by=lead, fixed_amount=Decimal("100")) for _ in range(2)]
    barrier, numbers, errors = threading.Barrier(2), [], []

    def issue(draft):
        try:
            barrier.wait(timeout=10)
            numbers.append(invoice_issue(invoice=draft, by=lead, issue_date=dt.date(2026, 5, 5)).number)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(numbers) == ["2026-0001", "2026-0002"]
