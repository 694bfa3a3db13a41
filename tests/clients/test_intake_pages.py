"""The intake pages: the front desk takes in clients and matters, a partner decides, a client asks."""

import pytest
from django.urls import reverse

from clients.models import Client, ConflictDecision, Intake, IntakeParty, Party
from clients.services import intake as services
from tests import factories_intake as fi
from tests.conftest import login, page_queries

pytestmark = pytest.mark.django_db


def formset(prefix="parties", rows=(), total=3):
    data = {f"{prefix}-TOTAL_FORMS": str(max(total, len(rows))), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    for i in range(max(total, len(rows))):
        data.setdefault(f"{prefix}-{i}-role", "opponent")
        data.setdefault(f"{prefix}-{i}-kind", "organisation")
    return data


def new_client_data(**fields):
    return {"kind": "organisation", "name": "ООО «Новый»", "language": "ru", **fields}


@pytest.fixture
def blocked(world):
    """A secretary took in ООО «Вектор», the opponent of Альфа's matter: blocked."""
    fi.matter_with(world.a.client, "ООО «Вектор»")
    intake = services.intake_new_client(
        by=world.secretary, client=fi.requisites("ООО «Вектор»"), title="Иск к Альфе", lead=world.a.lead
    )
    assert intake.status == Intake.Status.BLOCKED
    return intake


# --- new client -------------------------------------------------------------------------------------


def test_the_new_client_page_has_labelled_fields_and_spare_party_rows(client, world):
    login(client, world.secretary)
    page = client.get(reverse("clients:intake_new_client")).content.decode()
    for label in ("Full name", "INN", "OGRN / OGRNIP", "Settlement account", "Lead specialist", "Party 3"):
        assert label in page
    assert 'name="parties-TOTAL_FORMS" value="3"' in page
    assert world.a.lead.full_name in page  # among the leads to choose


def test_more_rows_adds_three_party_rows_without_errors_and_keeps_the_input(client, world):
    login(client, world.secretary)
    data = {**new_client_data(name=""), **formset(rows=[{"name": "ООО «Бета»"}]), "more_rows": "1"}
    response = client.post(reverse("clients:intake_new_client"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="parties-TOTAL_FORMS" value="6"' in page and "Party 6" in page
    assert "ООО «Бета»" in page
    assert 'class="error"' not in page
    assert not Client.objects.filter(name="ООО «Новый»").exists()


def test_a_secretary_opens_a_clear_client_and_its_matter_from_the_page(client, world):
    login(client, world.secretary)
    inn = fi.inn10()
    data = {
        **new_client_data(inn=inn, title="Сопровождение сделки", lead=world.a.lead.pk),
        **formset(rows=[{"name": "ООО «Продавец»", "role": "co_party"}]),
    }
    response = client.post(reverse("clients:intake_new_client"), data, follow=True)
    intake = Intake.objects.get(client__inn=inn)
    assert response.redirect_chain[-1][0] == reverse("clients:intake_detail", args=[intake.pk])
    page = response.content.decode()
    assert f"Matter {intake.matter.number} is opened" in page
    assert Party.objects.get(matter=intake.matter).name == "ООО «Продавец»"


def test_bad_requisites_show_next_to_their_fields_and_nothing_is_created(client, world):
    login(client, world.secretary)
    data = {
        **new_client_data(inn=fi.bad_check_digit(fi.inn10()), bik="04452522", title="Дело"),
        **formset(rows=[{"name": "", "inn": "7707083893"}]),
    }
    response = client.post(reverse("clients:intake_new_client"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="error"') >= 3  # INN, BIK, the party's row without a name
    assert "Give the party&#x27;s name." in page or "Give the party's name." in page
    assert not Client.objects.filter(name="ООО «Новый»").exists()


def test_service_errors_land_next_to_the_fields(client, world):
    """The form accepts the shape; the service refuses the lead-without-title: shown at the field."""
    login(client, world.secretary)
    data = {**new_client_data(lead=world.a.lead.pk), **formset()}
    page = client.post(reverse("clients:intake_new_client"), data).content.decode()
    assert "Give the new matter a title" in page
    assert not Intake.objects.exists()


def test_a_blocked_intake_says_so_and_shows_the_secretary_no_other_clients_name(client, world):
    login(client, world.secretary)
    fi.matter_with(world.a.client, "ООО «Вектор»")
    data = {**new_client_data(name="ООО «Вектор»", title="Иск", lead=world.a.lead.pk), **formset()}
    response = client.post(reverse("clients:intake_new_client"), data, follow=True)
    page = response.content.decode()
    assert "Nothing is opened until a partner decides" in page
    assert "Blocked — awaiting a partner" in page
    assert world.a.client.name not in page  # hits name other clients: not for a secretary
    assert reverse("clients:intake_clear", args=[Intake.objects.get().pk]) not in page


def test_specialists_and_clients_cannot_open_the_intake_forms(client, world):
    for user in (world.a.specialist, world.a.user):
        login(client, user)
        assert client.get(reverse("clients:intake_new_client")).status_code == 403
        assert client.post(reverse("clients:intake_new_client"), new_client_data()).status_code == 403
    assert not Client.objects.filter(name="ООО «Новый»").exists()


# --- the intake page and a partner's decision ---------------------------------------------------------


def test_a_partner_sees_the_hits_and_clears_the_false_one(client, world, blocked):
    login(client, world.partner)
    page = client.get(reverse("clients:intake_detail", args=[blocked.pk])).content.decode()
    assert world.a.client.name in page and world.a.matter.number not in page  # the opponent's own matter
    assert "ООО «Вектор»" in page and "blocks intake" in page
    assert reverse("clients:intake_clear", args=[blocked.pk]) in page
    response = client.post(
        reverse("clients:intake_clear", args=[blocked.pk]), {"clear-reason": "Другой «Вектор»"}, follow=True
    )
    blocked.refresh_from_db()
    assert blocked.status == Intake.Status.OPENED and blocked.matter is not None
    page = response.content.decode()
    assert f"Matter {blocked.matter.number} is opened" in page
    assert "Cleared: no conflict" in page and "Другой «Вектор»" in page


def test_a_partner_declines_from_the_page(client, world, blocked):
    login(client, world.partner)
    response = client.post(
        reverse("clients:intake_decline", args=[blocked.pk]), {"decline-reason": "Противник Альфы"}, follow=True
    )
    blocked.refresh_from_db()
    assert blocked.status == Intake.Status.REFUSED
    assert "The existing client is notified" in response.content.decode()


def test_a_decision_without_a_reason_shows_the_error_at_the_field(client, world, blocked):
    login(client, world.partner)
    response = client.post(reverse("clients:intake_clear", args=[blocked.pk]), {"clear-reason": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ConflictDecision.objects.exists()


def test_a_lead_who_leads_the_intake_sees_the_hits_but_cannot_decide(client, world, blocked):
    login(client, world.a.lead)
    page = client.get(reverse("clients:intake_detail", args=[blocked.pk])).content.decode()
    assert world.a.client.name in page
    assert reverse("clients:intake_clear", args=[blocked.pk]) not in page
    response = client.post(reverse("clients:intake_clear", args=[blocked.pk]), {"clear-reason": "x"}, follow=True)
    assert "Only a partner decides" in response.content.decode()
    blocked.refresh_from_db()
    assert blocked.status == Intake.Status.BLOCKED


# --- a client's request --------------------------------------------------------------------------------


def test_a_client_asks_for_a_matter_and_the_secretary_processes_it(client, world):
    login(client, world.a.user)
    data = {
        "title": "Спор с поставщиком",
        "description": "Не отгрузили товар",
        **formset(rows=[{"name": "ООО «Поставщик»"}]),
    }
    response = client.post(reverse("clients:matter_request"), data, follow=True)
    intake = Intake.objects.get(title="Спор с поставщиком")
    page = response.content.decode()
    assert "Your request is sent" in page and "under review" in page  # the same badge as when blocked
    assert IntakeParty.objects.get(intake=intake).name == "ООО «Поставщик»"
    listing = client.get(reverse("clients:intake_list")).content.decode()
    assert "Спор с поставщиком" in listing and "Lead" not in listing

    login(client, world.secretary)
    page = client.get(reverse("clients:intake_detail", args=[intake.pk])).content.decode()
    assert reverse("clients:intake_process", args=[intake.pk]) in page
    response = client.post(
        reverse("clients:intake_process", args=[intake.pk]),
        {"lead": world.a.lead.pk, "title": "Спор с поставщиком"},
        follow=True,
    )
    intake.refresh_from_db()
    assert intake.status == Intake.Status.OPENED
    assert "is opened" in response.content.decode()


def test_a_client_sees_no_check_details_of_its_blocked_request(client, world):
    fi.matter_with(world.b.client, "ООО «Альфа»")  # Альфа is Бета's opponent
    intake = services.intake_request_matter(
        client_user=world.a.user, title="Дело", description="Описание", parties=[{"name": "ООО «Бета»"}]
    )
    services.intake_process(intake=intake, by=world.partner, lead=world.a.lead)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.BLOCKED
    login(client, world.a.user)
    page = client.get(reverse("clients:intake_detail", args=[intake.pk])).content.decode()
    assert "under review" in page
    assert "Conflict check" not in page and "blocks intake" not in page
    assert world.b.matter.number not in page


def test_the_firm_cannot_use_the_client_request_page(client, world):
    login(client, world.secretary)
    assert client.get(reverse("clients:matter_request")).status_code == 403


def test_a_new_matter_for_an_existing_client_from_its_card(client, world):
    login(client, world.partner)
    card = client.get(reverse("clients:client_detail", args=[world.a.client.pk])).content.decode()
    assert reverse("clients:intake_new_matter", args=[world.a.client.pk]) in card
    data = {"title": "Второе дело", "lead": world.a.lead.pk, **formset(rows=[{"name": "ООО «Дельта»"}])}
    response = client.post(reverse("clients:intake_new_matter", args=[world.a.client.pk]), data, follow=True)
    intake = Intake.objects.get(title="Второе дело")
    assert intake.status == Intake.Status.OPENED
    assert "is opened" in response.content.decode()


# --- the list ----------------------------------------------------------------------------------------


def test_the_list_puts_blocked_intakes_first_then_requests(client, world, blocked):
    opened = services.intake_new_client(by=world.partner, client=fi.requisites("ООО «Открытый»"))
    requested = services.intake_request_matter(client_user=world.b.user, title="Просьба", description="Текст")
    login(client, world.secretary)
    page = client.get(reverse("clients:intake_list")).content.decode()
    positions = [page.index(f'href="/intake/{i.pk}/"') for i in (blocked, requested, opened)]
    assert positions == sorted(positions)


def make_intakes(world, n):
    for i in range(n):
        services.intake_new_client(by=world.partner, client=fi.requisites(f"ООО «Фирма {i}»"))
    services.intake_request_matter(client_user=world.a.user, title="Просьба", description="Текст")


@pytest.mark.parametrize("n", [1, 12])
def test_the_intake_list_costs_the_same_queries_for_one_row_or_many(client, world, django_assert_num_queries, n):
    make_intakes(world, n)
    login(client, world.secretary)
    with django_assert_num_queries(page_queries(1)):
        assert client.get(reverse("clients:intake_list")).status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_a_clients_request_list_costs_the_same_queries(client, world, django_assert_num_queries, n):
    for i in range(n):
        services.intake_request_matter(client_user=world.a.user, title=f"Просьба {i}", description="Текст")
    login(client, world.a.user)
    with django_assert_num_queries(page_queries(1, client_user=True)):
        assert client.get(reverse("clients:intake_list")).status_code == 200
