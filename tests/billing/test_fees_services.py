"""The firm's requisites and VAT, fee arrangements and their versions, through the services."""

import datetime as dt
from decimal import Decimal

import pytest

from billing.access import restrict_fee_arrangements
from billing.models import FeeArrangement, FirmProfile, TaxRegime
from billing.selectors import current_arrangement, firm_profile_on, vat_rate_on
from billing.selectors.firm import document_vat
from billing.services import create_firm_profile, set_fee_arrangement
from core.errors import NotFound, NotPermitted, ValidationError
from matters.models import MatterType, Stage
from tests.factories_billing import BANK, FirmProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_profile():
    """The migration seeds a first version from settings.FIRM; these tests start from none."""
    FirmProfile.objects.all().delete()


REQUISITES = {
    "name": "ООО «Северный берег»",
    "short_name": "Северный берег",
    "inn": "6671415928",
    "kpp": "667101001",
    "ogrn": "1166658001234",
    "address": "Екатеринбург",
    "tax_regime": TaxRegime.GENERAL,
    "valid_from": dt.date(2025, 6, 1),
    **BANK,
}


def test_partner_creates_versions_and_the_date_picks_one(world):
    first = create_firm_profile(by=world.partner, data=REQUISITES)
    second = create_firm_profile(
        by=world.partner, data={**REQUISITES, "tax_regime": TaxRegime.SIMPLIFIED_7, "valid_from": dt.date(2026, 3, 1)}
    )
    assert firm_profile_on(dt.date(2025, 12, 31)) == first
    assert firm_profile_on(dt.date(2026, 3, 1)) == second
    assert FirmProfile.objects.count() == 2
    with pytest.raises(NotFound):
        firm_profile_on(dt.date(2025, 5, 31))


def test_vat_rate_follows_the_law_and_the_regime():
    FirmProfileFactory(valid_from=dt.date(2025, 1, 1), tax_regime=TaxRegime.GENERAL)
    FirmProfileFactory(valid_from=dt.date(2026, 6, 1), tax_regime=TaxRegime.SIMPLIFIED_5)
    FirmProfileFactory(valid_from=dt.date(2026, 9, 1), tax_regime=TaxRegime.NO_VAT)
    assert vat_rate_on(dt.date(2025, 12, 31)) == Decimal("20")
    assert vat_rate_on(dt.date(2026, 1, 1)) == Decimal("22")
    assert vat_rate_on(dt.date(2026, 6, 1)) == Decimal("5")
    assert vat_rate_on(dt.date(2026, 9, 1)) == Decimal("0")
    assert document_vat(dt.date(2026, 1, 15))["vat_rate"] == Decimal("22")


@pytest.mark.parametrize(
    ("field", "value"),
    [("inn", "6671415929"), ("ogrn", "1166658001235"), ("account", "40702810416540001234"), ("bik", "12345")],
)
def test_requisites_with_a_wrong_check_digit_are_refused(world, field, value):
    with pytest.raises(ValidationError) as e:
        create_firm_profile(by=world.partner, data={**REQUISITES, field: value})
    assert field in e.value.fields
    assert not FirmProfile.objects.exists()


def test_only_a_partner_edits_the_requisites(world):
    with pytest.raises(NotPermitted):
        create_firm_profile(by=world.a.lead, data=REQUISITES)


def test_two_versions_on_one_date_are_refused(world):
    create_firm_profile(by=world.partner, data=REQUISITES)
    with pytest.raises(ValidationError) as e:
        create_firm_profile(by=world.partner, data=REQUISITES)
    assert "valid_from" in e.value.fields


def test_lead_sets_versions_and_the_client_sees_which_applied(world):
    matter = world.a.matter
    v1 = set_fee_arrangement(
        by=world.a.lead,
        matter=matter,
        data={"kind": "fixed", "fixed_amount": "150000", "valid_from": dt.date(2026, 1, 1)},
    )
    v2 = set_fee_arrangement(
        by=world.a.lead,
        matter=matter,
        data={
            "kind": "hourly",
            "default_rate": "5000.50",
            "rates": {world.a.specialist.pk: "4000"},
            "success_fee_percent": "10",
            "success_fee_condition": "Иск удовлетворён",
            "valid_from": dt.date(2026, 3, 1),
            "reason": "Объём работы вырос",
        },
    )
    assert (v1.version, v2.version) == (1, 2)
    assert v2.rates.get().rate == Decimal("4000.00")
    assert current_arrangement(world.a.user, matter) == v2
    assert current_arrangement(world.a.user, matter, on=dt.date(2026, 2, 1)) == v1
    assert set(restrict_fee_arrangements(world.a.user)) == {v1, v2}
    assert not restrict_fee_arrangements(world.b.user).exists()


def test_by_stage_takes_only_the_matter_types_stages(world):
    kind = MatterType.objects.create(name_ru="Арбитраж тест", name_en="Arbitration test")
    s1 = Stage.objects.create(matter_type=kind, order=1, name_ru="Иск", name_en="Claim")
    other = Stage.objects.create(
        matter_type=MatterType.objects.create(name_ru="Другое", name_en="Other"), order=1, name_ru="x", name_en="x"
    )
    matter = world.a.matter
    matter.matter_type = kind
    matter.save()
    with pytest.raises(ValidationError) as e:
        set_fee_arrangement(
            by=world.partner,
            matter=matter,
            data={"kind": "stages", "stage_amounts": {other.pk: "100"}, "valid_from": dt.date(2026, 1, 1)},
        )
    assert "stage_amounts" in e.value.fields
    a = set_fee_arrangement(
        by=world.partner,
        matter=matter,
        data={"kind": "stages", "stage_amounts": {s1.pk: "100.10"}, "valid_from": dt.date(2026, 1, 1)},
    )
    assert a.stage_amounts.get().amount == Decimal("100.10")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "fixed", "fixed_amount": "0"}, "fixed_amount"),
        ({"kind": "fixed", "fixed_amount": "-5"}, "fixed_amount"),
        ({"kind": "fixed", "fixed_amount": "1.001"}, "fixed_amount"),
        ({"kind": "fixed", "fixed_amount": "abc"}, "fixed_amount"),
        ({"kind": "fixed", "fixed_amount": "NaN"}, "fixed_amount"),
        ({"kind": "retainer"}, "monthly_amount"),
        ({"kind": "barter"}, "kind"),
        (
            {
                "kind": "fixed",
                "fixed_amount": "1",
                "success_fee_amount": "5",
                "success_fee_percent": "5",
                "success_fee_condition": "x",
            },
            "success_fee_percent",
        ),
        ({"kind": "fixed", "fixed_amount": "1", "success_fee_amount": "5"}, "success_fee_condition"),
        ({"kind": "hourly", "default_rate": "1", "rates": {"999999": "5"}}, "rates"),
    ],
)
def test_bad_arrangements_are_refused(world, data, field):
    with pytest.raises(ValidationError) as e:
        set_fee_arrangement(by=world.a.lead, matter=world.a.matter, data={"valid_from": dt.date(2026, 1, 1), **data})
    assert field in e.value.fields
    assert not FeeArrangement.objects.exists()


def test_a_change_needs_a_reason_and_cannot_start_earlier(world):
    set_fee_arrangement(
        by=world.a.lead,
        matter=world.a.matter,
        data={"kind": "fixed", "fixed_amount": "1", "valid_from": dt.date(2026, 2, 1)},
    )
    with pytest.raises(ValidationError) as e:
        set_fee_arrangement(
            by=world.a.lead,
            matter=world.a.matter,
            data={"kind": "fixed", "fixed_amount": "2", "valid_from": dt.date(2026, 1, 1)},
        )
    assert {"reason", "valid_from"} <= set(e.value.fields)


@pytest.mark.parametrize("who", ["specialist", "user", "other_lead", "secretary"])
def test_only_the_lead_or_a_partner_sets_fees(world, who):
    user = {
        "specialist": world.a.specialist,
        "user": world.a.user,
        "other_lead": world.b.lead,
        "secretary": world.secretary,
    }[who]
    with pytest.raises(NotPermitted):
        set_fee_arrangement(
            by=user,
            matter=world.a.matter,
            data={"kind": "fixed", "fixed_amount": "1", "valid_from": dt.date(2026, 1, 1)},
        )
