"""`seed_demo` (make run's demo) on a bare SQLite database, run twice: billing's part comes through its
services — an act of last month's work issued by the partner and published in the portal (the client's
dashboard asks to accept it), a partly paid invoice, the client's open claim about a delay, the work
report ready — and the second run (and billing's seeder called again) adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing.demo import last_month, seed_billing
from billing.models import Act, ActDispatch, Claim, Invoice, Payment, TimeEntry, WorkReport
from clients.services.terms import terms_accept, terms_current
from tests.conftest import login
from users.models import User

pytestmark = pytest.mark.django_db

COUNTED = (Act, ActDispatch, Claim, Invoice, Payment, TimeEntry, WorkReport)


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seed_demo_twice_gives_billing_s_demo_once(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    today = timezone.localdate()
    start, end = last_month(today)

    act = Act.objects.get()
    assert (act.period_start, act.period_end, act.act_date) == (start, end, today)
    assert act.issued_by.email == "partner@poruchenie.test" and act.answer == ""
    assert act.gross == 26500  # 2 h × 7 000 + 2.5 h × 5 000, no VAT
    assert act.dispatches.get().channel == ActDispatch.Channel.PORTAL and act.acceptance_due >= today

    invoice = Invoice.objects.get()
    assert invoice.status == Invoice.Status.PARTLY_PAID
    assert (invoice.gross, invoice.paid) == (14950, 10000)

    claim = Claim.objects.get()
    assert claim.status == Claim.Status.OPEN and claim.subject == Claim.Subject.TIMELINESS
    assert claim.filed_by.email == "petrov@client.test" and claim.response_due_on >= today

    report = WorkReport.objects.get()
    assert report.status == WorkReport.Status.READY and report.pdf and report.pages >= 1

    before = _counts()
    call_command("seed_demo", "--quiet-logins")
    people = {u.email: u for u in User.objects.filter(email__endswith=".test")}
    matter = act.matter
    seed_billing(
        matter=matter,
        lead=people["lead@poruchenie.test"],
        specialist=people["specialist@poruchenie.test"],
        client_user=people["petrov@client.test"],
        partner=people["partner@poruchenie.test"],
        hearing=None,
    )
    assert _counts() == before

    # The demo leaves the engagement terms for the client to accept on first sign-in (its first page).
    terms_accept(user=people["petrov@client.test"], version=terms_current(), language="ru")
    login(client, people["petrov@client.test"])
    dashboard = client.get("/", follow=True).content.decode()
    assert f"/acts/{act.pk}/" in dashboard
    for url in ("/acts/", "/claims/", f"/acts/{act.pk}/"):
        assert client.get(url).status_code == 200, url
    login(client, people["partner@poruchenie.test"])
    assert client.get("/", follow=True).status_code == 200
    assert "Ожидают ответа: 1; просрочено: 0." in client.get("/claims/").content.decode()  # the partner reads Russian
    for url in ("/acts/", "/claims/", f"/acts/{act.pk}/", f"/claims/{claim.pk}/"):
        assert client.get(url).status_code == 200, url
