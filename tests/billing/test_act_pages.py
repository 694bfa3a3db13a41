"""The acts' pages: the issue form with the period prefilled (also ?final=1 from the termination), the
preview the lead sees, the partner's issue, the detail, the client's accept and objections, a correction."""

import datetime as dt
from decimal import Decimal

import pytest

from billing.models import Act, TaxRegime, WorkStatus
from tests.conftest import login
from tests.factories_billing import FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    FirmProfileFactory(valid_from=dt.date(2024, 6, 1), tax_regime=TaxRegime.NO_VAT)
    FeeArrangementFactory(
        matter=world.a.matter, kind="hourly", fixed_amount=None, default_rate=Decimal("6000"),
        created_by=world.a.lead, valid_from=dt.date(2020, 1, 1),
    )  # fmt: skip
    return TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.specialist, minutes=60, date=dt.date(2026, 3, 3),
        status=WorkStatus.APPROVED, description="Анализ договора поставки",
    )  # fmt: skip


def test_the_lead_previews_the_partner_issues_the_client_accepts(
    client, world, entry, django_capture_on_commit_callbacks
):
    url = f"/matters/{world.a.matter.pk}/acts/new/?period_start=2026-03-01&period_end=2026-03-31"
    login(client, world.a.lead)
    page = client.get(url)
    assert page.status_code == 200 and "Анализ договора поставки" in page.content.decode()
    assert b"A partner issues the act; this is its preview." in page.content
    login(client, world.partner)
    page = client.get(url + "&final=1")
    assert b'name="final"' in page.content and b"checked" in page.content
    bad = client.post(
        f"/matters/{world.a.matter.pk}/acts/new/",
        {"issue": "1", "period_start": "2026-03-01", "period_end": "2026-03-31", "act_date": "2099-01-01",
         "keys": [f"time:{entry.pk}"], "acceptance_days": "5"},
    )  # fmt: skip
    assert bad.status_code == 400 and not Act.objects.exists()
    with django_capture_on_commit_callbacks(execute=False):
        ok = client.post(
            f"/matters/{world.a.matter.pk}/acts/new/",
            {"issue": "1", "period_start": "2026-03-01", "period_end": "2026-03-31", "act_date": "2026-04-02",
             "keys": [f"time:{entry.pk}"], "acceptance_days": "5"},
        )  # fmt: skip
    act = Act.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/acts/{act.pk}/"
    detail = client.get(f"/acts/{act.pk}/").content.decode()
    assert "2026-0001" in detail and "Correct the act" in detail and "The PDF is being prepared." in detail
    assert (
        client.post(f"/acts/{act.pk}/dispatch/", {"channel": "portal", "sent_on": dt.date.today()}).status_code == 302
    )
    # The client sees its act and accepts it; the other client does not see it.
    login(client, world.a.user)
    page = client.get(f"/acts/{act.pk}/").content.decode()
    assert "Accept the act" in page and "Send objections" in page
    assert client.post(f"/acts/{act.pk}/accept/").status_code == 302
    act.refresh_from_db()
    assert act.answer == Act.Answer.ACCEPTED
    assert act.pk and client.get("/acts/").status_code == 200
    login(client, world.b.user)
    assert client.get(f"/acts/{act.pk}/").status_code == 404
    assert str(act.number) not in client.get("/acts/").content.decode()


def test_a_partner_corrects_an_act_on_its_page(client, world, entry):
    from billing.services.acts import act_issue

    act = act_issue(by=world.partner, matter=world.a.matter, period_start=dt.date(2026, 3, 1),
                    period_end=dt.date(2026, 3, 31), act_date=dt.date(2026, 4, 2))  # fmt: skip
    login(client, world.partner)
    form = client.get(f"/acts/{act.pk}/correct/")
    assert form.status_code == 200 and b"line_1_quantity" in form.content
    empty = client.post(f"/acts/{act.pk}/correct/", {})
    assert empty.status_code == 400
    ok = client.post(
        f"/acts/{act.pk}/correct/",
        {"reason": "Время", "act_date": dt.date.today(), "line_1_description": "Анализ", "line_1_quantity": "0.5",
         "line_1_price": "6000"},
    )  # fmt: skip
    correction = Act.objects.get(corrects=act)
    assert ok.status_code == 302 and correction.gross == Decimal("3000.00")
    assert b"Correction No. 1 to act No. 2026-0001" in client.get(f"/acts/{correction.pk}/").content
    # The lists' rows (a Jinja2 fragment): the link, the correction's badge, the matter, the total, the answer.
    rows = client.get("/acts/").content.decode()
    assert f'<tr id="act-{correction.pk}"><td><a href="/acts/{correction.pk}/">{correction.number}</a>' in rows
    assert '<span class="badge">correction 1 to 2026-0001</span>' in rows and world.a.matter.number in rows
    assert "3\u00a0000,00\u00a0₽" in rows or "3,000.00\u00a0₽" in rows
    assert '<span class="badge badge-waiting">awaiting the client&#39;s answer</span>' in rows
    matter_rows = client.get(f"/matters/{world.a.matter.pk}/acts/").content.decode()
    assert f'<tr id="act-{act.pk}">' in matter_rows and f"<td>{world.a.matter.number} · " not in matter_rows
    login(client, world.a.lead)
    assert client.get(f"/acts/{act.pk}/correct/").status_code == 404


def test_the_clients_dashboard_asks_to_accept_and_the_timeline_tells_of_the_act(client, world, entry):
    from billing.services.acts import act_issue
    from timeline.models import TimelineEvent

    act = act_issue(by=world.partner, matter=world.a.matter, period_start=dt.date(2026, 3, 1),
                    period_end=dt.date(2026, 3, 31), act_date=dt.date(2026, 4, 2))  # fmt: skip
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert 'class="needed-act"' in page and f"/acts/{act.pk}/" in page
    assert "Accept act No. 2026-0001 or send objections" in page
    event = TimelineEvent.objects.get(matter=world.a.matter, ref_type="act")
    assert event.client_visible and event.params["number"] == "2026-0001"
    timeline = client.get(f"/matters/{world.a.matter.pk}/timeline/").content.decode()
    assert "Act of services rendered No. 2026-0001" in timeline and f"/acts/{act.pk}/" in timeline
    login(client, world.b.user)
    assert f"/acts/{act.pk}/" not in client.get("/").content.decode()


def test_the_termination_links_to_a_final_act_with_the_period_prefilled(client, world, entry):
    # No act yet: the final act's period starts at the matter's opening and ends where the link says.
    login(client, world.partner)
    page = client.get(f"/matters/{world.a.matter.pk}/acts/new/?final=1&period_end=2026-03-31").content.decode()
    opened = world.a.matter.opened_at.date().isoformat()
    assert f'value="{opened}"' in page and 'value="2026-03-31"' in page
    assert 'name="final" value="1" checked' in page
