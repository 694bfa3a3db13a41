"""The partner's view as a partner sees it (English and Russian), its charts with their tables, the
accountants' exports parsed back (XLSX with openpyxl, CSV with csv), the API, and everyone else refused."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from billing.models import Act, Claim, Invoice, Payment, Termination, WorkStatus
from tests import factories as f
from tests.conftest import api_for, assert_error, login, page_queries
from tests.factories_acts import ActFactory
from tests.factories_advances import AdvanceFactory
from tests.factories_billing import FeeArrangementFactory, TimeEntryFactory
from tests.factories_claims import ClaimFactory
from tests.factories_invoices import InvoiceFactory
from tests.factories_payments import PaymentFactory

pytestmark = pytest.mark.django_db

D = Decimal
PAGE = "/partner/"
EXPORTS = [f"/partner/exports/{k}.{fmt}" for k in ("invoices", "payments", "acts") for fmt in ("csv", "xlsx")]
API = ["/api/partner/"] + ["/api" + url for url in EXPORTS]


@pytest.fixture
def books(world):
    """An issued invoice overdue, a payment, unbilled approved time, an overdue advance, an act objected to
    and its correction, an overdue claim under the consumer law, a termination awaiting its final act."""
    today = timezone.localdate()
    invoice = InvoiceFactory(
        matter=world.a.matter,
        issue_date=today.replace(day=1),
        due_date=today - dt.timedelta(days=40),
        net=D("12345.67"),
        gross=D("12345.67"),
        paid=D("345.67"),
        status=Invoice.Status.PARTLY_PAID,
        payer={"name": "ООО «Альфа» (при выставлении)", "inn": "6671000009", "kpp": "", "address": ""},
    )
    payment = PaymentFactory(date=today.replace(day=1), amount=D("345.67"), payer_name="ООО «Альфа»",
                             payer_inn="6671000001", status=Payment.Status.MATCHED, matched_invoice_id=invoice.pk,
                             client=world.a.client)  # fmt: skip
    FeeArrangementFactory(matter=world.b.matter, kind="hourly", fixed_amount=None, default_rate=D("6000"),
                          created_by=world.b.lead, valid_from=dt.date(2020, 1, 1))  # fmt: skip
    TimeEntryFactory(matter=world.b.matter, specialist=world.b.specialist, minutes=90, status=WorkStatus.APPROVED,
                     date=today.replace(day=1))  # fmt: skip
    advance = AdvanceFactory(matter=world.a.matter, due_on=today - dt.timedelta(days=3), purpose="Пошлина за иск",
                             filing="Исковое заявление")  # fmt: skip
    customer = {"name": "ООО «Альфа» (в акте)", "inn": "6671000009"}
    act = ActFactory(matter=world.a.matter, act_date=today.replace(day=1), period_start=today.replace(day=1),
                     period_end=today.replace(day=1), net=D("1000.00"), vat=D("220.00"), gross=D("1220.00"),
                     vat_rate=D("22"), customer=customer, answer=Act.Answer.OBJECTED,
                     objection="Лишние часы")  # fmt: skip
    correction = ActFactory(matter=world.a.matter, act_date=today, period_start=act.period_start,
                            period_end=act.period_end, net=D("500.00"), vat=D("110.00"), gross=D("610.00"),
                            vat_rate=D("22"), customer=customer, corrects=act, correction_no=1)  # fmt: skip
    claim = ClaimFactory(matter=world.a.matter, response_due_on=today - dt.timedelta(days=2),
                         regime=Claim.Regime.CONSUMER, response_days=10)  # fmt: skip
    termination = Termination.objects.create(matter=world.b.matter, terminated_on=today,
                                             channel=Termination.Channel.PORTAL, recorded_by=world.b.lead,
                                             balance=D("0.00"))  # fmt: skip
    return {"invoice": invoice, "payment": payment, "advance": advance, "today": today, "act": act,
            "correction": correction, "claim": claim, "termination": termination}  # fmt: skip


def test_partner_sees_the_figures_charts_and_tables_in_english(client, world, books):
    login(client, world.partner)
    page = client.get(PAGE)
    body = page.content.decode()
    assert page.status_code == 200
    for title in ("Revenue by month", "Receivables by age", "Approved work not yet invoiced", "Overdue advances",
                  "Hours per specialist", "Exports for the accountants", "Acts of services",
                  "Open claims and final acts to issue"):  # fmt: skip
        assert title in body
    # Two server-rendered charts, each named and described, a <title> per bar, and the same figures as tables.
    assert body.count('role="img"') == 2 and 'id="chart-revenue"' in body and 'id="chart-receivables"' in body
    assert "<title>31–60: RUB\u00a012,000.00</title>" in body
    assert 'id="revenue-table"' in body and 'id="receivables-table"' in body
    assert "12,345.67" in body  # invoiced this month, in the table
    assert "9,000.00" in body  # 1 h 30 min at 6000 an hour, not yet invoiced
    assert f'href="/matters/{world.b.matter.pk}/invoices/"' in body
    assert f'href="/advances/{books["advance"].pk}/"' in body and "Исковое заявление" in body
    assert world.b.specialist.full_name in body and "1 h 30 min" in body
    assert "<script" not in body.split("<main", 1)[-1]  # nothing inline for the CSP to refuse
    # Acts: the correction stands for the act it corrects; the claim overdue, the final act to issue.
    assert 'id="acts-state-awaiting"' in body and "610.00" in body
    assert 'id="acts-objected"' not in body  # the act objected to was corrected: nothing left to settle
    assert f'id="open-claim-{books["claim"].pk}"' in body and "2 days overdue" in body
    assert "consumer protection law" in body and 'href="/claims/?overdue=1"' in body
    assert f'href="/matters/{world.b.matter.pk}/termination/"' in body
    assert f'href="/matters/{world.b.matter.pk}/acts/new/?final=1' in body


def test_partner_sees_the_page_in_russian(client, world, books):
    world.partner.language = "ru"
    world.partner.save(update_fields=["language"])
    login(client, world.partner)
    client.cookies["lang"] = "ru"
    body = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Выручка по месяцам" in body and "Дебиторская задолженность по срокам" in body
    assert "Акты оказанных услуг" in body and "Открытые претензии и заключительные акты к выставлению" in body
    assert "просрочено на 2 дня" in body
    assert "12\u00a0345,67" in body
    assert "31–60: 12\u00a0000,00\u00a0₽" in body


def test_the_page_runs_a_fixed_number_of_queries(client, world, books, django_assert_num_queries, settings):
    settings.PORTAL_CACHE = False  # the figures computed (with Redis they are then cached: test_partner_cache)
    login(client, world.partner)
    client.get(PAGE)
    with django_assert_num_queries(page_queries(16)):
        assert client.get(PAGE).status_code == 200


@pytest.mark.parametrize("role", ["lead", "specialist", "user", "secretary"])
def test_everyone_but_partners_is_refused(client, world, books, role):
    user = world.secretary if role == "secretary" else getattr(world.a, role)
    login(client, user)
    for url in [PAGE, *EXPORTS]:
        assert client.get(url).status_code == 403, url
    api = api_for(user)
    for url in API:
        assert_error(api.get(url), 403, "not_permitted")


def test_anonymous_is_sent_to_sign_in(client):
    for url in [PAGE, *EXPORTS]:
        assert client.get(url)["Location"].startswith("/accounts/login/")


def _xlsx(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_invoices_xlsx_has_headings_numbers_and_dates(client, world, books):
    login(client, world.partner)
    today = books["today"]
    response = client.get(EXPORTS[1], {"date_from": today.replace(day=1).isoformat(), "date_to": today.isoformat()})
    assert response.status_code == 200
    assert f'filename="invoices-{today:%Y%m01}-{today:%Y%m%d}.xlsx"' in response["Content-Disposition"]
    sheet = _xlsx(response)
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    assert header[:3] == ["Invoice number", "Issue date", "Due date"] and header[-3:] == ["Total", "Paid", "Due"]
    assert len(rows) == 2
    line = dict(zip(header, rows[1], strict=True))
    assert line["Invoice number"].value == books["invoice"].number
    assert line["Issue date"].is_date and line["Issue date"].value.date() == today.replace(day=1)
    assert line["Issue date"].number_format == "YYYY-MM-DD"
    assert line["Total"].data_type == "n" and D(str(line["Total"].value)) == D("12345.67")
    assert line["Total"].number_format == "#,##0.00"
    assert D(str(line["Due"].value)) == D("12000.00") and line["Status"].value == "partly paid"
    assert line["VAT rate, percent"].value is None  # without VAT
    # The payer as the invoice printed it at issue, not as the client's card says now.
    assert (line["Client"].value, line["Client's INN"].value) == ("ООО «Альфа» (при выставлении)", "6671000009")


def test_acts_xlsx_has_every_act_of_the_period_with_its_answer_and_correction(client, world, books):
    login(client, world.partner)
    today = books["today"]
    response = client.get(EXPORTS[5], {"date_from": today.replace(day=1).isoformat(), "date_to": today.isoformat()})
    assert response.status_code == 200
    assert f'filename="acts-{today:%Y%m01}-{today:%Y%m%d}.xlsx"' in response["Content-Disposition"]
    rows = list(_xlsx(response).iter_rows())
    header = [c.value for c in rows[0]]
    assert header == ["Act number", "Date of the act", "Matter", "Client", "Client's INN", "Period from", "Period to",
                      "Net", "VAT rate, percent", "VAT", "Total", "Status", "Corrects the act"]  # fmt: skip
    assert len(rows) == 3
    original, correction = (dict(zip(header, r, strict=True)) for r in rows[1:])
    assert original["Act number"].value == books["act"].number and original["Status"].value == "corrected"
    assert original["Date of the act"].is_date and original["Date of the act"].value.date() == today.replace(day=1)
    assert original["Corrects the act"].value is None
    assert (original["Client"].value, original["Client's INN"].value) == ("ООО «Альфа» (в акте)", "6671000009")
    assert original["Matter"].value == world.a.matter.number
    assert correction["Act number"].value == books["correction"].number
    assert correction["Corrects the act"].value == books["act"].number
    assert correction["Status"].value == "awaiting the client's answer"
    for column, amount in (("Net", "500.00"), ("VAT", "110.00"), ("Total", "610.00"), ("VAT rate, percent", "22")):
        assert correction[column].data_type == "n" and D(str(correction[column].value)) == D(amount), column
    assert correction["Total"].number_format == "#,##0.00"


def test_acts_csv_parsed_back(client, world, books):
    login(client, world.partner)
    raw = b"".join(client.get(EXPORTS[4]).streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    lines = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [(r["Act number"], r["Status"], r["Corrects the act"]) for r in lines] == [
        (books["act"].number, "corrected", ""),
        (books["correction"].number, "awaiting the client's answer", books["act"].number),
    ]
    first = lines[0]
    assert first["Date of the act"] == books["today"].replace(day=1).isoformat()
    assert (first["Net"], first["VAT rate, percent"], first["VAT"], first["Total"]) == (
        "1000.00", "22.00", "220.00", "1220.00"
    )  # fmt: skip
    assert first["Period from"] == first["Period to"] == books["today"].replace(day=1).isoformat()


def test_payments_csv_for_russian_excel(client, world, books):
    world.partner.language = "ru"
    world.partner.save(update_fields=["language"])
    login(client, world.partner)
    client.cookies["lang"] = "ru"
    response = client.get(EXPORTS[2], HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and rows[0][0] == "Дата" and rows[0][1] == "Сумма"
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Дата"] == books["today"].replace(day=1).strftime("%d.%m.%Y")
    assert line["Сумма"] == "345,67" and line["ИНН плательщика"] == "6671000001"
    assert line["Сопоставлен со счётом"] == books["invoice"].number


def test_payments_csv_in_english_uses_points_and_iso_dates(client, world, books):
    login(client, world.partner)
    raw = b"".join(client.get(EXPORTS[2]).streaming_content)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Date"] == books["today"].replace(day=1).isoformat() and line["Amount"] == "345.67"
    assert line["Invoice matched"] == books["invoice"].number and line["Status"] == "matched"


def test_the_period_filters_and_bad_periods_are_explained(client, world, books):
    login(client, world.partner)
    old = PaymentFactory(date=dt.date(2020, 5, 5), amount=D("1.00"))
    raw = b"".join(client.get(EXPORTS[2], {"date_from": "2020-05-01", "date_to": "2020-05-31"}).streaming_content)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["1.00"] and old.pk
    bad = client.get(EXPORTS[0], {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert bad.status_code == 400 and b"The end of the period is before its start." in bad.content
    garbage = client.get(EXPORTS[0], {"date_from": "yesterday"})
    assert garbage.status_code == 400 and b"Enter a valid date." in garbage.content


def test_exports_run_a_fixed_number_of_queries(client, world, books, django_assert_num_queries):
    for _ in range(5):
        InvoiceFactory(matter=world.b.matter, issue_date=books["today"])
        PaymentFactory(date=books["today"], client=world.b.client)
    login(client, world.partner)
    for url in EXPORTS:
        client.get(url)
        # The session, the user and one query of rows (a file has no page header, so no inbox count).
        with django_assert_num_queries(page_queries(1) - 1):
            b"".join(client.get(url).streaming_content)


def test_api_overview_gives_the_same_figures(world, books):
    response = api_for(world.partner).get("/api/partner/")
    assert response.status_code == 200
    data = response.json()
    assert data["as_of"] == books["today"].isoformat()
    assert set(data) == {"as_of", "revenue", "receivables", "acts", "unbilled", "advances", "hours", "claims_open"}
    this_month = data["revenue"]["months"][-1]
    assert this_month["invoiced"] == "12345.67" and this_month["received"] == "345.67" and this_month["invoices"] == 1
    buckets = {b["key"]: b for b in data["receivables"]["buckets"]}
    assert buckets["d31_60"] == {"key": "d31_60", "label": "31–60 days overdue", "amount": "12000.00", "invoices": 1}
    assert data["receivables"]["overdue"] == "12000.00"
    (row,) = data["unbilled"]["matters"]
    assert (row["matter"], row["number"], row["time"], row["minutes"]) == (world.b.matter.pk, world.b.matter.number,
                                                                           "9000.00", 90)  # fmt: skip
    (adv,) = data["advances"]["advances"]
    expected = (books["advance"].pk, "Исковое заявление", 3, "3000.00")
    assert (adv["id"], adv["action"], adv["days_overdue"], adv["amount"]) == expected
    (person,) = data["hours"]["people"]
    assert person["specialist"] == world.b.specialist.pk and person["this_billable"] + person["last_billable"] == 90
    acts = data["acts"]
    assert acts["months"][-1] == {"month": books["today"].replace(day=1).isoformat(), "count": 1, "net": "500.00",
                                  "vat": "110.00", "gross": "610.00"}  # fmt: skip
    assert {s["key"]: s["count"] for s in acts["states"]} == {"awaiting": 1, "accepted": 0, "deemed": 0, "objected": 0}
    assert acts["objected"] == [] and acts["unanswered"] == []
    claims = data["claims_open"]
    assert (claims["open"], claims["overdue"]) == (1, 1)
    (row,) = claims["claims"]
    assert (row["id"], row["regime"], row["overdue"], row["days"]) == (books["claim"].pk, "consumer", True, 2)
    (final,) = claims["final_acts"]
    assert final["matter"] == world.b.matter.pk and final["final_act_url"].startswith(
        f"/matters/{world.b.matter.pk}/acts/new/?final=1"
    )


def test_api_exports_are_files_and_check_the_period(world, books):
    api = api_for(world.partner)
    response = api.get("/api/partner/exports/invoices.xlsx", HTTP_ACCEPT="application/vnd.ms-excel")
    assert response.status_code == 200
    assert _xlsx(response).cell(row=2, column=1).value == books["invoice"].number
    csv_response = api.get("/api/partner/exports/payments.csv", {"date_from": "2022-01-01"}, HTTP_ACCEPT="text/csv")
    assert csv_response.status_code == 200 and b"".join(csv_response.streaming_content).startswith(b"\xef\xbb\xbf")
    bad = api.get("/api/partner/exports/invoices.csv", {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert_error(bad, 400, "invalid", fields=["date_to"])
    assert_error(api.get("/api/partner/exports/invoices.csv", {"date_from": "soon"}), 400, "invalid", ["date_from"])


def test_dashboard_links_partners_to_the_view(client, world):
    login(client, world.partner)
    assert b'href="/partner/"' in client.get("/").content
    login(client, world.a.lead)
    assert b'href="/partner/"' not in client.get("/").content


def test_nothing_to_show_reads_well(client, db):
    partner = f.PartnerFactory(language="en")
    login(client, partner)
    body = client.get(PAGE).content.decode()
    assert "All approved work is invoiced." in body and "No advance is overdue." in body
    assert "No time recorded this month or the last." in body


def _partners_only_routes():
    from tests.routes import PARTNERS_ONLY, all_routes

    prefixes = tuple(p.rstrip("*") for p in PARTNERS_ONLY)
    return [r for r in all_routes() if r.name.startswith(prefixes)]


def test_every_partners_only_route_refuses_every_other_role(client, world, books):
    """Generated from the resolver: a section or an export added later is covered the day it is added."""
    routes = _partners_only_routes()
    assert {r.name for r in routes} >= {"billing:partner", "api:partner_overview", "api:partner_export_invoices_xlsx"}
    for route in routes:
        url = route.url({})
        response = client.get(url)
        assert response.status_code in (401, 403) if route.is_api else response["Location"].startswith("/accounts/")
        for user in (world.a.user, world.a.specialist, world.a.lead, world.secretary):
            login(client, user)
            assert client.get(url).status_code == 403, (url, user.role)
            assert client.post(url).status_code in (403, 405), (url, user.role)
        client.logout()
        login(client, world.partner)
        assert client.get(url).status_code == 200, url
        client.logout()


def test_a_payers_formula_stays_text_in_both_formats(client, world, books):
    PaymentFactory(date=books["today"], payer_name='=HYPERLINK("http://evil.test","x")', purpose="-2+3")
    login(client, world.partner)
    raw = b"".join(client.get(EXPORTS[2]).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw), delimiter=";"))
    evil = next(r for r in rows if "HYPERLINK" in r["Payer"])
    assert evil["Payer"] == '\'=HYPERLINK("http://evil.test","x")' and evil["Purpose of payment"] == "'-2+3"
    sheet = _xlsx(client.get(EXPORTS[3]))
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert [(c.data_type, c.value) for c in cells] == [("s", '=HYPERLINK("http://evil.test","x")')]
