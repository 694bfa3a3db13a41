"""An advance paid to the firm shows the firm's bank details from the requisites in force (FirmProfile,
which the firm edits), not from settings; a third-party advance shows that party's."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from billing.models import Advance, FirmProfile
from billing.selectors.firm import firm_payee
from tests import factories_advances as fa
from tests.conftest import api_for, login
from tests.factories_billing import FirmProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles():
    FirmProfileFactory(valid_from=dt.date(2025, 1, 1), account="40702810316540001234")
    # A change of bank account from a date in the past: that version is in force today.
    return FirmProfileFactory(
        valid_from=dt.date(2026, 1, 1), account="40702810900000000001", name="ООО «Северный берег» (новый)"
    )


def test_firm_payee_is_the_version_in_force(profiles):
    assert firm_payee()["account"] == "40702810900000000001"
    assert firm_payee(dt.date(2025, 6, 1))["account"] == "40702810316540001234"
    assert firm_payee(dt.date(2000, 1, 1)) is None


def test_the_page_and_the_api_show_the_firms_bank_details(world, profiles, settings):
    settings.FIRM = {**settings.FIRM, "inn": "9999999999"}  # settings are not where the page looks
    to_firm = fa.AdvanceFactory(matter=world.a.matter)
    direct = fa.AdvanceFactory(matter=world.a.matter, payer=Advance.Payer.CLIENT_TO_THIRD_PARTY, **fa.REQUISITES)
    page = login(Client(), world.a.user).get(reverse("billing:advance_detail", args=[to_firm.pk])).content.decode()
    assert 'id="firm-requisites"' in page
    for value in ("40702810900000000001", profiles.bik, profiles.corr_account, profiles.inn, "(новый)"):
        assert value in page
    assert "9999999999" not in page
    other = login(Client(), world.a.user).get(reverse("billing:advance_detail", args=[direct.pk])).content.decode()
    assert 'id="firm-requisites"' not in other and fa.REQUISITES["recipient_account"] in other
    api = api_for(world.a.user)
    assert api.get(f"/api/advances/{to_firm.pk}/").json()["payee"]["account"] == "40702810900000000001"
    assert api.get(f"/api/advances/{direct.pk}/").json()["payee"] is None
    listed = {row["id"]: row["payee"] for row in api.get("/api/advances/").json()["results"]}
    assert listed[to_firm.pk]["bik"] == profiles.bik and listed[direct.pk] is None


def test_without_requisites_the_page_says_to_ask_the_firm(world):
    FirmProfile.objects.all().delete()  # the first version comes from a migration
    advance = fa.AdvanceFactory(matter=world.a.matter)
    page = login(Client(), world.a.user).get(reverse("billing:advance_detail", args=[advance.pk])).content.decode()
    assert 'id="firm-requisites"' not in page and "ask the firm" in page
