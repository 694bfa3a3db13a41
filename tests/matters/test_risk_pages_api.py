"""Recommendations and risk notices through the pages and the API, as the people who use them and as attackers."""

import hashlib

import pytest
from django.urls import reverse

from matters.models import Recommendation, RiskAcknowledgement, RiskNotice
from matters.services import risk as services
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_error, login, page_queries
from tests.factories_messages import RecommendationFactory, RiskNoticeFactory

pytestmark = pytest.mark.django_db

INSTRUCTION = "Уволить главного бухгалтера до окончания проверки."
WARNING = "Увольнение будет оспорено; инспекция расценит его как сокрытие документов."


def risks_url(matter):
    return reverse("matters:risks", args=[matter.pk])


# --- pages -------------------------------------------------------------------------------------


def test_the_lead_warns_the_client_acknowledges_and_the_lead_sees_the_exact_text(client, world):
    login(client, world.a.lead)
    assert (
        reverse("matters:risk_warn", args=[world.a.matter.pk]) in client.get(risks_url(world.a.matter)).content.decode()
    )
    response = client.post(
        reverse("matters:risk_warn", args=[world.a.matter.pk]), {"subject": INSTRUCTION, "text": WARNING}
    )
    notice = RiskNotice.objects.get()
    assert response["Location"] == reverse("matters:risk_detail", args=[notice.pk]) + "#notice"

    login(client, world.a.user)
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert 'id="open-risks">1<' in matter_page
    page = client.get(reverse("matters:risk_detail", args=[notice.pk])).content.decode()
    text = services.acknowledgement_text(notice, language="en")
    fingerprint = hashlib.sha256(text.encode()).hexdigest()
    assert fingerprint in page and "I understand the risk and insist on my instruction" in page
    assert 'id="withdraw-instruction"' in page
    response = client.post(
        reverse("matters:risk_acknowledge", args=[notice.pk]),
        {"text_sha256": fingerprint, "confirm": "on"},
        REMOTE_ADDR="198.51.100.4",
        HTTP_USER_AGENT="Chromium test",
    )
    assert response.status_code == 302
    ack = RiskAcknowledgement.objects.get()
    assert (ack.text, ack.text_sha256, ack.ip_address, ack.user_agent) == (
        text,
        fingerprint,
        "198.51.100.4",
        "Chromium test",
    )

    login(client, world.a.lead)
    page = client.get(reverse("matters:risk_detail", args=[notice.pk])).content.decode()
    assert f"Acknowledged by {world.a.user.full_name}" in page and fingerprint in page and "198.51.100.4" in page
    assert INSTRUCTION in page and "acknowledge-risk" not in page


def test_acknowledging_without_ticking_the_box_changes_nothing(client, world):
    notice = RiskNoticeFactory(matter=world.a.matter)
    login(client, world.a.user)
    fingerprint = services.text_fingerprint(services.acknowledgement_text(notice, language="en"))
    response = client.post(reverse("matters:risk_acknowledge", args=[notice.pk]), {"text_sha256": fingerprint})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == "open" and not RiskAcknowledgement.objects.exists()


def test_the_client_withdraws_the_instruction_on_the_page(client, world):
    notice = RiskNoticeFactory(matter=world.a.matter)
    login(client, world.a.user)
    response = client.post(reverse("matters:risk_withdraw", args=[notice.pk]), follow=True)
    assert "Your instruction is withdrawn" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == "withdrawn" and notice.withdrawn_by == world.a.user


def test_the_lead_publishes_a_corrected_text_and_the_old_one_can_no_longer_be_acknowledged(client, world):
    old = RiskNoticeFactory(matter=world.a.matter, created_by=world.a.lead)
    login(client, world.a.lead)
    url = reverse("matters:risk_supersede", args=[old.pk])
    assert old.text in client.get(url).content.decode()
    response = client.post(url, {"subject": old.subject, "text": old.text + " Штраф до 500 000 рублей."})
    new = RiskNotice.objects.exclude(pk=old.pk).get()
    assert response["Location"] == reverse("matters:risk_detail", args=[new.pk])
    login(client, world.a.user)
    page = client.get(reverse("matters:risk_detail", args=[old.pk])).content.decode()
    assert "can no longer be acknowledged" in page and reverse("matters:risk_detail", args=[new.pk]) in page
    assert 'id="acknowledge-risk"' not in page
    response = client.post(
        reverse("matters:risk_acknowledge", args=[old.pk]), {"text_sha256": "x", "confirm": "on"}, follow=True
    )
    assert "replaced by a corrected text" in response.content.decode()
    assert not RiskAcknowledgement.objects.exists()


def test_the_client_reports_acting_alone_and_is_led_to_acknowledge(client, world):
    login(client, world.a.user)
    page = client.get(risks_url(world.a.matter)).content.decode()
    assert 'id="record-warning"' not in page and 'name="details"' not in page
    response = client.post(
        reverse("matters:risk_acting_alone", args=[world.a.matter.pk]),
        {"subject": "Сам подписал дополнительное соглашение с арендатором."},
        follow=True,
    )
    notice = RiskNotice.objects.get()
    assert notice.reported_by_client and services.NON_INTERFERENCE_CLAUSE["ru"] in notice.text
    page = response.content.decode()
    assert "I understand the risk of acting on the matter without the firm" in page
    assert 'id="withdraw-instruction"' not in page


def test_the_lead_records_that_the_client_acted_alone_with_details(client, world):
    login(client, world.a.lead)
    client.post(
        reverse("matters:risk_acting_alone", args=[world.a.matter.pk]),
        {"subject": "Клиент сам подал ходатайство.", "details": "Ходатайство противоречит позиции по делу."},
    )
    notice = RiskNotice.objects.get()
    assert not notice.reported_by_client and notice.text.endswith("Ходатайство противоречит позиции по делу.")


def test_forms_on_the_risks_page_show_their_errors(client, world):
    login(client, world.a.lead)
    response = client.post(reverse("matters:risk_warn", args=[world.a.matter.pk]), {"subject": INSTRUCTION})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = client.post(reverse("matters:recommendation_new", args=[world.a.matter.pk]), {"text": ""})
    assert response.status_code == 400
    assert not RiskNotice.objects.exists() and not Recommendation.objects.exists()


def test_a_client_user_or_secretary_cannot_warn_from_the_page(client, world):
    login(client, world.a.user)
    assert (
        client.post(reverse("matters:risk_warn", args=[world.a.matter.pk]), {"subject": "x", "text": "y"}).status_code
        == 403
    )
    assert not RiskNotice.objects.exists()


def test_recommendation_and_its_answer_on_the_page(client, world):
    login(client, world.a.user)
    client.post(reverse("matters:recommendation_new", args=[world.a.matter.pk]), {"text": "Привлеките оценщика."})
    item = Recommendation.objects.get()
    assert item.side == "client"
    page = client.get(risks_url(world.a.matter)).content.decode()
    assert "Привлеките оценщика." in page and reverse("matters:recommendation_respond", args=[item.pk]) not in page
    login(client, world.a.lead)
    page = client.get(risks_url(world.a.matter)).content.decode()
    assert reverse("matters:recommendation_respond", args=[item.pk]) in page
    response = client.post(
        reverse("matters:recommendation_respond", args=[item.pk]), {"decision": "decline", "comment": ""}, follow=True
    )
    assert "Say why the recommendation is not accepted." in response.content.decode()
    client.post(reverse("matters:recommendation_respond", args=[item.pk]), {"decision": "accept", "comment": "Да"})
    item.refresh_from_db()
    assert item.accepted is True and item.responded_by == world.a.lead


@pytest.mark.parametrize("who", ["b_user", "b_lead", "secretary"])
def test_outsiders_get_404_on_every_risk_page(client, world, who):
    notice = RiskNoticeFactory(matter=world.a.matter)
    item = RecommendationFactory(matter=world.a.matter)
    login(client, {"b_user": world.b.user, "b_lead": world.b.lead, "secretary": world.secretary}[who])
    for url in (
        risks_url(world.a.matter),
        reverse("matters:risk_detail", args=[notice.pk]),
        reverse("matters:risk_supersede", args=[notice.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (reverse("matters:risk_acknowledge", args=[notice.pk]), {"text_sha256": "x", "confirm": "on"}),
        (reverse("matters:risk_withdraw", args=[notice.pk]), {}),
        (reverse("matters:risk_supersede", args=[notice.pk]), {"subject": "x", "text": "y"}),
        (reverse("matters:risk_warn", args=[world.a.matter.pk]), {"subject": "x", "text": "y"}),
        (reverse("matters:risk_acting_alone", args=[world.a.matter.pk]), {"subject": "x"}),
        (reverse("matters:recommendation_new", args=[world.a.matter.pk]), {"text": "x"}),
        (reverse("matters:recommendation_respond", args=[item.pk]), {"decision": "accept"}),
    ):
        assert client.post(url, data).status_code == 404, url
    notice.refresh_from_db()
    item.refresh_from_db()
    assert notice.status == "open" and item.responded_at is None and RiskNotice.objects.count() == 1


@pytest.mark.parametrize("count", [1, 30])
def test_the_risks_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for i in range(count):
        notice = RiskNoticeFactory(matter=world.a.matter, created_by=world.a.lead)
        if i % 2:
            services.risk_acknowledge(notice=notice, by=world.a.user)
        RecommendationFactory(matter=world.a.matter, author=world.a.user if i % 2 else world.a.lead)
    login(client, world.a.user)
    # the matter; recommendations with their people; notices with theirs; acknowledgements with their users
    with django_assert_num_queries(page_queries(4, client_user=True)):
        response = client.get(risks_url(world.a.matter))
    assert response.content.decode().count('class="risk risk-') == count


# --- API ---------------------------------------------------------------------------------------


def test_the_warning_flow_through_the_api(world):
    created = api_for(world.a.lead).post(
        f"/api/matters/{world.a.matter.pk}/risks/",
        {"kind": "warning", "subject": INSTRUCTION, "text": WARNING},
        format="json",
    )
    assert created.status_code == 201, created.content
    notice = created.json()
    assert notice["status"] == "open" and notice["text_to_acknowledge"] is None  # the firm does not acknowledge
    seen = api_for(world.a.user).get(f"/api/risks/{notice['id']}/").json()
    assert INSTRUCTION in seen["text_to_acknowledge"]
    assert seen["text_to_acknowledge_sha256"] == hashlib.sha256(seen["text_to_acknowledge"].encode()).hexdigest()
    done = api_for(world.a.user).post(
        f"/api/risks/{notice['id']}/acknowledge/", {"text_sha256": seen["text_to_acknowledge_sha256"]}, format="json"
    )
    assert done.status_code == 200, done.content
    [ack] = done.json()["acknowledgements"]
    assert ack["text"] == seen["text_to_acknowledge"] and ack["user"]["id"] == world.a.user.pk
    assert ack["text_sha256"] == seen["text_to_acknowledge_sha256"] and ack["ip_address"] == "127.0.0.1"
    assert done.json()["status"] == "acknowledged" and done.json()["text_to_acknowledge"] is None
    assert_error(api_for(world.a.user).post(f"/api/risks/{notice['id']}/acknowledge/"), 409, "invalid_state")
    assert_error(
        api_for(world.a.lead).post(
            f"/api/risks/{notice['id']}/supersede/", {"subject": "x", "text": "y"}, format="json"
        ),
        409,
        "invalid_state",
    )


def test_supersede_and_withdraw_through_the_api(world):
    notice = RiskNoticeFactory(matter=world.a.matter)
    new = api_for(world.a.lead).post(
        f"/api/risks/{notice.pk}/supersede/", {"subject": notice.subject, "text": "Исправленный текст"}, format="json"
    )
    assert new.status_code == 201 and new.json()["supersedes"] == notice.pk
    old = api_for(world.a.user).get(f"/api/risks/{notice.pk}/").json()
    assert (
        old["status"] == "superseded"
        and old["superseded_by"] == new.json()["id"]
        and old["text_to_acknowledge"] is None
    )
    assert_error(api_for(world.a.user).post(f"/api/risks/{notice.pk}/acknowledge/"), 409, "invalid_state")
    withdrawn = api_for(world.a.user).post(f"/api/risks/{new.json()['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


def test_the_client_reports_acting_alone_through_the_api_but_cannot_warn(world):
    api = api_for(world.a.user)
    report = api.post(
        f"/api/matters/{world.a.matter.pk}/risks/",
        {"kind": "non_interference", "subject": "Провёл переговоры с ответчиком сам."},
        format="json",
    )
    assert report.status_code == 201 and report.json()["reported_by_client"] is True
    assert services.NON_INTERFERENCE_CLAUSE["ru"] in report.json()["text"]
    assert_error(
        api.post(
            f"/api/matters/{world.a.matter.pk}/risks/", {"kind": "warning", "subject": "x", "text": "y"}, format="json"
        ),
        403,
        "not_permitted",
    )
    assert_error(
        api.post(f"/api/matters/{world.a.matter.pk}/risks/", {"kind": "rumour", "subject": ""}, format="json"),
        400,
        "invalid",
        fields=("kind", "subject"),
    )
    assert_error(api_for(world.a.lead).post(f"/api/risks/{report.json()['id']}/acknowledge/"), 403, "not_permitted")


def test_recommendations_through_the_api(world):
    made = api_for(world.a.specialist).post(
        f"/api/matters/{world.a.matter.pk}/recommendations/",
        {"text": "Соберите переписку с поставщиком."},
        format="json",
    )
    assert made.status_code == 201 and made.json()["side"] == "firm" and made.json()["accepted"] is None
    pk = made.json()["id"]
    assert_error(
        api_for(world.a.lead).post(f"/api/recommendations/{pk}/respond/", {"accepted": True}, format="json"),
        403,
        "not_permitted",
    )
    assert_error(api_for(world.a.user).post(f"/api/recommendations/{pk}/respond/", {}, format="json"), 400, "invalid")
    answered = api_for(world.a.user).post(
        f"/api/recommendations/{pk}/respond/", {"accepted": False, "comment": "Переписки нет."}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["accepted"] is False
    assert answered.json()["responded_by"]["id"] == world.a.user.pk
    assert_error(
        api_for(world.a.user).post(f"/api/recommendations/{pk}/respond/", {"accepted": True}, format="json"),
        409,
        "invalid_state",
    )
    listed = api_for(world.a.user).get(f"/api/matters/{world.a.matter.pk}/recommendations/").json()["results"]
    assert [row["id"] for row in listed] == [pk]


@pytest.mark.parametrize("who", ["b_user", "b_lead", "secretary"])
def test_outsiders_get_404_everywhere_in_the_risk_api(world, who):
    notice = RiskNoticeFactory(matter=world.a.matter)
    item = RecommendationFactory(matter=world.a.matter)
    api = api_for({"b_user": world.b.user, "b_lead": world.b.lead, "secretary": world.secretary}[who])
    m = world.a.matter.pk
    assert_error(api.get(f"/api/matters/{m}/risks/"), 404, "not_found")
    assert_error(api.get(f"/api/matters/{m}/recommendations/"), 404, "not_found")
    assert_error(api.get(f"/api/risks/{notice.pk}/"), 404, "not_found")
    assert_error(
        api.post(f"/api/matters/{m}/risks/", {"kind": "non_interference", "subject": "x"}, format="json"),
        404,
        "not_found",
    )
    assert_error(api.post(f"/api/matters/{m}/recommendations/", {"text": "x"}, format="json"), 404, "not_found")
    assert_error(api.post(f"/api/risks/{notice.pk}/acknowledge/"), 404, "not_found")
    assert_error(api.post(f"/api/risks/{notice.pk}/withdraw/"), 404, "not_found")
    assert_error(
        api.post(f"/api/risks/{notice.pk}/supersede/", {"subject": "x", "text": "y"}, format="json"), 404, "not_found"
    )
    assert_error(
        api.post(f"/api/recommendations/{item.pk}/respond/", {"accepted": True}, format="json"), 404, "not_found"
    )
    notice.refresh_from_db()
    assert notice.status == "open" and RiskNotice.objects.count() == 1 and Recommendation.objects.count() == 1


@pytest.mark.parametrize("count", [1, 30])
def test_the_risk_api_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for i in range(count):
        notice = RiskNoticeFactory(matter=world.a.matter, created_by=world.a.lead)
        if i % 2:
            services.risk_acknowledge(notice=notice, by=world.a.user)
    colleague = f.ClientUserFactory(client=world.a.client)
    # the matter; the notices with their people; their acknowledgements with users
    with django_assert_num_queries(api_queries(3, client_user=True)):
        response = api_for(colleague).get(f"/api/matters/{world.a.matter.pk}/risks/")
    assert len(response.json()["results"]) == count
