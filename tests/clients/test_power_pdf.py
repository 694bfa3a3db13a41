"""The draft power of attorney: Russian, the client's requisites, each specialist's identification, the scope."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from clients.models import Client
from clients.services.powers import poa_draft
from tests import factories as f
from tests.conftest import login
from tests.conftest import pdf_text as _pdf_text
from tests.factories_powers import ProfileFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text in one line: the checks below read phrases the layout may wrap."""
    return _pdf_text(data, one_line=True)


def download(client, poa) -> bytes:
    response = client.get(reverse("clients:power_draft_pdf", args=[poa.pk]))
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def person_client():
    return f.ClientFactory(
        kind=Client.Kind.PERSON,
        name="Петров Игорь Николаевич",
        birth_date=dt.date(1979, 5, 14),
        passport="паспорт 65 04 987654, выдан УВД Кировского р-на г. Екатеринбурга 20.06.2004",
        address="620014, г. Екатеринбург, ул. Малышева, д. 5, кв. 12",
        inn="667101234549",
    )


def organisation_client():
    return f.ClientFactory(
        kind=Client.Kind.ORGANISATION,
        name="Общество с ограниченной ответственностью «Уральские самоцветы»",
        short_name="ООО «Уральские самоцветы»",
        inn="6670000014",
        kpp="667001001",
        ogrn="1026600000019",
        address="620075, г. Екатеринбург, ул. Ленина, д. 24",
        signatory="генерального директора Смирновой Ольги Андреевны, действующей на основании Устава",
    )


def drafted(client_, *, notarised, lawyers, matters=()):
    return poa_draft(
        by=f.PartnerFactory(),
        client=client_,
        specialists=lawyers,
        scope="вести дела во всех судебных учреждениях со всеми правами истца и ответчика",
        issued_on=dt.date.today(),
        valid_until=dt.date.today() + dt.timedelta(days=364),
        notarised=notarised,
        matters=matters,
    )


@pytest.fixture
def lawyers(db):
    advocate = ProfileFactory(
        user=f.LeadFactory(full_name="Орлов Дмитрий Сергеевич"),
        is_advocate=True,
        advocate_registry_number="66/2345",
        birth_date=dt.date(1985, 2, 3),
        id_document="паспорт 65 09 111222, выдан ОУФМС России по Свердловской обл. 10.03.2009",
    ).user
    plain = ProfileFactory(
        user=f.SpecialistFactory(full_name="Белова Мария Игоревна"),
        birth_date=dt.date(1993, 7, 21),
        id_document="паспорт 65 13 333444, выдан ОУФМС России по Свердловской обл. 01.08.2013",
    ).user
    return [advocate, plain]


def test_person_client_simple_power_carries_requisites_identification_and_scope(client, lawyers):
    customer = person_client()
    poa = drafted(customer, notarised=False, lawyers=lawyers)
    user = f.ClientUserFactory(client=customer)
    text = pdf_text(download(login(client, user), poa))
    assert f"ДОВЕРЕННОСТЬ № {poa.number}" in text
    assert "Я, Петров Игорь Николаевич, 14.05.1979 г. р." in text
    assert "65 04 987654" in text and "ул. Малышева" in text and "ИНН 667101234549" in text
    assert "Орлов Дмитрий Сергеевич, 03.02.1985 г. р., паспорт 65 09 111222" in text
    assert "адвокат (регистрационный номер в реестре адвокатов 66/2345)" in text
    assert "Белова Мария Игоревна, 21.07.1993 г. р., паспорт 65 13 333444" in text
    assert "совместно или каждого в отдельности" in text
    assert "со всеми правами истца и ответчика" in text
    assert "без права передоверия" in text
    assert "нотариус" not in text
    assert not AccessLogEntry.objects.exists()  # the client's own download is not logged


def test_organisation_notarised_power_names_its_signatory_and_the_notary_visit(client, lawyers):
    customer = organisation_client()
    matter = f.MatterFactory(client=customer, title="Выездная налоговая проверка")
    poa = drafted(customer, notarised=True, lawyers=lawyers[:1], matters=[matter])
    partner = f.PartnerFactory()
    text = pdf_text(download(login(client, partner), poa))
    assert "Общество с ограниченной ответственностью «Уральские самоцветы»" in text
    assert "ИНН 6670000014, КПП 667001001, ОГРН 1026600000019" in text
    assert "в лице генерального директора Смирновой Ольги Андреевны" in text
    assert f"{matter.number} — Выездная налоговая проверка" in text
    assert "подлежит нотариальному удостоверению" in text
    assert "лично посетить нотариуса" in text
    assert "М. П." in text
    assert AccessLogEntry.objects.get().user == partner  # the firm's download is logged


def test_draft_is_russian_even_for_an_english_reader(client, lawyers):
    customer = person_client()
    poa = drafted(customer, notarised=False, lawyers=lawyers)
    reader = f.ClientUserFactory(client=customer, language="en")
    assert "ДОВЕРЕННОСТЬ" in pdf_text(download(login(client, reader), poa))


def test_a_lawyer_without_a_profile_is_still_named(client):
    customer = person_client()
    bare = f.SpecialistFactory(full_name="Зайцев Олег Петрович")
    poa = drafted(customer, notarised=False, lawyers=[bare])
    text = pdf_text(download(login(client, f.PartnerFactory()), poa))
    assert "Зайцев Олег Петрович" in text
