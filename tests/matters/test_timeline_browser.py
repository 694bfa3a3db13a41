"""In a real browser, in Russian: the lead moves the stage and promises a report; the client sees both on
its dashboard as news since its last visit, opens the timeline and filters it; the firm searches."""

import datetime as dt

import pytest
from django.utils import timezone

from matters.models import Matter
from tests import factories as f
from tests import factories_timeline as ft
from tests.conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_steers_the_matter_and_the_client_sees_it_on_the_dashboard_and_timeline(browser_page, live_server):
    page, base = browser_page, live_server.url
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    matter = f.MatterFactory(client=client_user.client, lead=lead, title="Взыскание неустойки")
    litigation = ft.MatterTypeFactory(
        name_ru="Спор", name_en="Dispute", stages=[("Анализ", "Analysis"), ("Претензия", "Claim"), ("Суд", "Court")]
    )
    report_on = timezone.localdate() + dt.timedelta(days=6)

    # The lead chooses the type, then moves the stage and sets the report date from the matter page.
    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/steer/")
    page.locator("#id_matter_type").select_option(str(litigation.pk))
    page.locator("button[name=form][value=type]").click()
    page.wait_for_url(f"{base}/matters/{matter.pk}/")
    page.locator("#quick-stage").select_option(label="Претензия")
    page.locator("button[name=form][value=stage]").click()
    page.wait_for_url(f"{base}/matters/{matter.pk}/")
    page.locator("#quick-report").fill(report_on.isoformat())
    page.locator("button[name=form][value=report]").click()
    page.wait_for_url(f"{base}/matters/{matter.pk}/")
    stored = Matter.objects.get(pk=matter.pk)
    assert stored.stage.name_ru == "Претензия" and stored.next_report_on == report_on
    # The search in the header finds the matter by a form of a word of its title.
    page.locator("#top-search-q").fill("неустойку")
    page.locator("#top-search-q").press("Enter")
    page.locator("#found-matters + ul a", has_text="Взыскание неустойки").wait_for()
    sign_out(page)

    # The client's first page: the news, the stage now and next, the report date.
    sign_in(page, base, client_user)
    card = page.locator("article.dash-matter")
    card.wait_for()
    assert card.locator(".stage-current").inner_text().strip().startswith("Претензия")
    assert card.locator(".badge-new").is_visible()
    assert "Претензия" in card.locator(".q4-new").inner_text()
    assert report_on.strftime("%Y") in card.locator(".q4-report time").inner_text()

    # The timeline: everything, then only the stage lines.
    card.locator(f".dash-links a[href='/matters/{matter.pk}/timeline/']").click()
    page.wait_for_url(f"{base}/matters/{matter.pk}/timeline/")
    assert page.locator(".tl-item").count() == 3
    page.locator("nav.filters a[href='?kind=stage']").click()
    page.wait_for_url("**kind=stage**")
    assert page.locator(".tl-item").count() == 2

    # Back on the dashboard nothing is new any more: the visit was recorded.
    page.goto(f"{base}/")
    assert page.locator("article.dash-matter .badge-new").count() == 0
