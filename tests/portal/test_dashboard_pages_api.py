"""The dashboards: the client's four answers per matter, the firm's waiting work; fixed query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from clients.models import Intake
from matters.models import Deliverable, DocumentSubmission, Matter, MatterVisit, RiskNotice, SpecialistRequest, Task
from matters.services.stages import matter_next_report_set, matter_stage_set, matter_type_set
from portal.selectors.dashboard import COUNT_CAP, client_dashboard, staff_dashboard
from tests import factories as f
from tests import factories_timeline as ft
from tests.conftest import api_for, api_queries, login, page_queries
from tests.factories_advances import AdvanceFactory
from tests.factories_claims import ClaimFactory
from tests.factories_disclosures import DisclosureFactory, DisclosureQuestionFactory
from tests.factories_invoices import InvoiceFactory
from tests.factories_messages import RecommendationFactory
from tests.factories_payments import PaymentFactory
from tests.factories_powers import PowerFactory, SubcontractFactory

pytestmark = pytest.mark.django_db

# … of which 2 for hearings (portal.selectors.hearings); billing's: 1 for advances, 1 for invoices to
# pay and 1 for acts to answer (needed from you), 3 for the Money card (invoices by matter, the advance
# balance's two)
CLIENT_QUERIES = 21

NOW = timezone.now


def card_of(board, matter):
    return next(c for c in board.matters if c.matter.pk == matter.pk)


def accepted(matter, by, **fields):
    return f.TaskFactory(
        **{"matter": matter, "status": Task.Status.ACCEPTED, "accepted_by": by, "accepted_at": NOW(), **fields}
    )


def visit(user, matter, at):
    MatterVisit.objects.update_or_create(user=user, matter=matter, defaults={"seen_at": at})


def sent_document(user, matter, requested):
    return DocumentSubmission.objects.create(
        matter=matter,
        requested=requested,
        file=ContentFile(b"%PDF-1.4\n", name="scan.pdf"),
        original_name="scan.pdf",
        size=9,
        uploaded_by=user,
    )


# --- the client: since my last visit ---------------------------------------------------------------


def test_lines_after_the_last_visit_are_counted_and_the_latest_three_shown(world):
    visit(world.a.user, world.a.matter, NOW() - dt.timedelta(days=2))
    ft.TimelineEventFactory(matter=world.a.matter, occurred_at=NOW() - dt.timedelta(days=3), summary="Old news")
    for n in range(4):
        ft.TimelineEventFactory(
            matter=world.a.matter, occurred_at=NOW() - dt.timedelta(hours=10 - n), summary=f"News {n}"
        )
    ft.TimelineEventFactory(matter=world.a.matter, summary="Internal", client_visible=False)
    ft.TimelineEventFactory(matter=world.a.matter, summary="My own act", actor=world.a.user)
    card = card_of(client_dashboard(user=world.a.user), world.a.matter)
    assert card.new_count == 4
    assert [line.text for line in card.new_lines] == ["News 3", "News 2", "News 1"]


def test_never_visited_counts_everything_and_visiting_resets(client, world):
    for n in range(2):
        ft.TimelineEventFactory(matter=world.a.matter, occurred_at=NOW() - dt.timedelta(hours=n + 1))
    assert card_of(client_dashboard(user=world.a.user), world.a.matter).new_count == 2
    login(client, world.a.user)
    client.get(reverse("matters:timeline", args=[world.a.matter.pk]))
    card = card_of(client_dashboard(user=world.a.user), world.a.matter)
    assert card.new_count == 0 and card.new_lines == [] and card.seen_at is not None
    ft.TimelineEventFactory(matter=world.a.matter, occurred_at=NOW() + dt.timedelta(seconds=1), summary="Fresh")
    card = card_of(client_dashboard(user=world.a.user), world.a.matter)
    assert card.new_count == 1 and [line.text for line in card.new_lines] == ["Fresh"]


def test_each_client_user_has_its_own_last_visit(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    ft.TimelineEventFactory(matter=world.a.matter, occurred_at=NOW() - dt.timedelta(hours=1))
    visit(world.a.user, world.a.matter, NOW())
    assert card_of(client_dashboard(user=world.a.user), world.a.matter).new_count == 0
    assert card_of(client_dashboard(user=colleague), world.a.matter).new_count == 1


# --- the client: what is needed now --------------------------------------------------------------


def test_needed_from_me_lists_receipts_risks_messages_questions_and_documents_with_links(world):
    delivery = ft.DeliveryFactory(deliverable__matter=world.a.matter, deliverable__title="Заключение по ДДУ")
    ft.DeliveryFactory(deliverable__matter=world.a.matter, confirmed_at=NOW(), confirmed_by=world.a.user)
    risk = ft.RiskNoticeFactory(matter=world.a.matter, subject="Подписать акт без юриста")
    ft.RiskNoticeFactory(matter=world.a.matter, status=RiskNotice.Status.ACKNOWLEDGED)
    receipt = ft.MessageReceiptFactory(message__matter=world.a.matter, user=world.a.user, message__body="Нужна копия")
    ft.MessageReceiptFactory(message__matter=world.a.matter, user=world.a.user, read_at=NOW())
    ft.MessageReceiptFactory(message__matter=world.a.matter, user=f.ClientUserFactory(client=world.a.client))
    DisclosureQuestionFactory(matter=world.a.matter, question="Кто подписывал акт сверки?")
    DisclosureQuestionFactory(matter=world.a.matter, answered_at=NOW(), answer="Я", answered_by=world.a.user)
    DisclosureFactory(matter=world.a.matter, missing_documents="Платёжное поручение — запросить в банке")
    card = card_of(client_dashboard(user=world.a.user), world.a.matter)
    by_kind = {item.kind: item for item in card.needed}
    assert [item.kind for item in card.needed] == ["confirm", "risk", "message", "question", "documents"]
    assert by_kind["confirm"].text == "Confirm that you received «Заключение по ДДУ»"
    assert by_kind["confirm"].url == reverse("matters:deliverable_detail", args=[delivery.deliverable_id])
    assert by_kind["risk"].text == "Acknowledge the risk: Подписать акт без юриста"
    assert by_kind["risk"].url == reverse("matters:risk_detail", args=[risk.pk])
    assert "Нужна копия" in by_kind["message"].text
    assert by_kind["message"].url == reverse("matters:message_detail", args=[receipt.message_id])
    assert by_kind["question"].text == "Answer the firm's question: Кто подписывал акт сверки?"
    assert by_kind["question"].url == reverse("clients:disclosure", args=[world.a.matter.pk])
    assert "Платёжное поручение" in by_kind["documents"].text


def test_a_draft_result_or_another_clients_items_are_never_asked_of_me(world):
    ft.DeliveryFactory(deliverable__matter=world.a.matter, deliverable__status=Deliverable.Status.DRAFT)
    ft.DeliveryFactory(deliverable__matter=world.b.matter)
    ft.RiskNoticeFactory(matter=world.b.matter)
    ft.MessageReceiptFactory(message__matter=world.b.matter, user=world.b.user)
    DisclosureQuestionFactory(matter=world.b.matter)
    board = client_dashboard(user=world.a.user)
    assert [m.matter.pk for m in board.matters] == [world.a.matter.pk]
    assert board.matters[0].needed == [] and board.needed_total == 0


def test_the_page_shows_the_needed_items_and_says_so_when_nothing_is_needed(client, world):
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert "Nothing is needed from you right now" in page and "Nothing right now." in page
    ft.RiskNoticeFactory(matter=world.a.matter, subject="Подписать мировое")
    page = client.get("/").content.decode()
    assert "The firm needs one thing from you" in page and "Acknowledge the risk: Подписать мировое" in page


# --- the client: what happens next, the next report ------------------------------------------------


def test_stage_next_stage_and_next_report_date(client, world):
    litigation = ft.MatterTypeFactory(stages=[("Анализ", "Analysis"), ("Суд", "Court"), ("Исполнение", "Enforcement")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    matter_stage_set(matter=world.a.matter, by=world.a.lead, stage=ft.stages_of(litigation)[1])
    report = timezone.localdate() + dt.timedelta(days=5)
    matter_next_report_set(matter=world.a.matter, by=world.a.lead, on=report)
    card = card_of(client_dashboard(user=world.a.user), world.a.matter)
    assert [s.state for s in card.steps] == ["done", "current", "next"]
    assert card.current.name == "Court" and card.next_step.name == "Enforcement"
    assert card.next_report_on == report and not card.report_due
    assert card.upcoming == []  # hearings come with their own issue
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert "Now: <strong>Court</strong>" in page and "Then: Enforcement" in page
    assert report.isoformat() in page


def test_without_a_stage_or_report_date_the_client_is_told_so(client, world):
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert "The firm has not set the stage yet." in page and "The firm has not set the date yet." in page


def test_closed_matters_are_not_on_the_dashboard_and_no_matters_offers_a_request(client, world):
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert "dash-matter" not in page and "You have no open matters" in page
    assert reverse("clients:matter_request") in page


def test_the_clients_tasks_awaiting_the_firm(world):
    in_work = accepted(world.a.matter, world.a.lead, registered_by=world.a.user)
    accepted(
        world.a.matter,
        world.a.lead,
        registered_by=world.a.user,
        status=Task.Status.ANSWERED,
        answered_by=world.a.lead,
        answered_at=NOW(),
    )
    f.TaskFactory(matter=world.b.matter, registered_by=world.b.user)
    assert {t.pk for t in client_dashboard(user=world.a.user).tasks} == {world.a.task.pk, in_work.pk}


# --- the firm --------------------------------------------------------------------------------------


def test_the_lead_sees_the_work_waiting_on_the_matters_they_lead(world):
    draft = ft.DeliverableFactory(matter=world.a.matter, title="Проект иска")
    ft.DeliverableFactory(matter=world.b.matter)  # another lead's
    overdue = ft.DeliveryFactory(deliverable__matter=world.a.matter, confirm_by=NOW() - dt.timedelta(days=1))
    ft.DeliveryFactory(deliverable__matter=world.a.matter)  # not due yet
    ft.DeliveryFactory(deliverable__matter=world.b.matter, confirm_by=NOW() - dt.timedelta(days=1))
    unread = ft.MessageReceiptFactory(message__matter=world.a.matter, user=world.a.lead)
    ft.MessageReceiptFactory(message__matter=world.a.matter, user=world.a.lead, message__material=False)
    accepted(world.a.matter, world.a.lead)
    board = staff_dashboard(user=world.a.lead)
    assert [m.pk for m in board.matters] == [world.a.matter.pk]
    assert board.to_accept.total == 1 and board.to_accept.items[0].pk == world.a.task.pk
    assert board.to_answer.total == 1
    assert [d.pk for d in board.to_release.items] == [draft.pk]
    assert board.to_release.items[0].url == reverse("matters:deliverable_detail", args=[draft.pk])
    assert [d.pk for d in board.overdue.items] == [overdue.pk]
    assert [m.pk for m in board.unread.items] == [unread.message_id]
    assert board.intake is None and board.registered is None


def test_a_specialist_has_nothing_to_release_on_matters_they_do_not_lead(world):
    ft.DeliverableFactory(matter=world.a.matter)
    board = staff_dashboard(user=world.a.specialist)
    assert board.to_release.total == 0 and board.overdue.total == 0


def test_the_partner_sees_the_same_across_the_firm(world):
    ft.DeliverableFactory(matter=world.a.matter)
    ft.DeliverableFactory(matter=world.b.matter)
    ft.DeliveryFactory(deliverable__matter=world.b.matter, confirm_by=NOW() - dt.timedelta(days=1))
    accepted(world.b.matter, world.b.lead)
    board = staff_dashboard(user=world.partner)
    assert {m.pk for m in board.matters} == {world.a.matter.pk, world.b.matter.pk}
    assert board.to_accept.total == 2 and board.to_release.total == 2
    assert board.overdue.total == 1 and board.to_answer.total == 1
    assert board.intake is not None


def test_matters_come_nearest_report_first_and_a_due_report_is_flagged(world):
    soon = f.MatterFactory(lead=world.a.lead)
    Matter.objects.filter(pk=soon.pk).update(next_report_on=timezone.localdate() - dt.timedelta(days=1))
    Matter.objects.filter(pk=world.a.matter.pk).update(next_report_on=timezone.localdate() + dt.timedelta(days=9))
    later = f.MatterFactory(lead=world.a.lead)  # no date: last
    board = staff_dashboard(user=world.a.lead)
    assert [m.pk for m in board.matters] == [soon.pk, world.a.matter.pk, later.pk]
    assert board.matters[0].report_due and not board.matters[1].report_due


def test_the_secretary_sees_the_intake_queue_and_the_tasks_it_registered(client, world):
    requested = Intake.objects.create(
        kind=Intake.Kind.NEW_MATTER, status=Intake.Status.REQUESTED, client=world.a.client, requested_by=world.a.user
    )
    Intake.objects.create(
        kind=Intake.Kind.NEW_CLIENT, status=Intake.Status.BLOCKED, client=world.b.client, requested_by=world.secretary
    )
    Intake.objects.create(
        kind=Intake.Kind.NEW_CLIENT, status=Intake.Status.OPENED, client=world.b.client, requested_by=world.secretary
    )
    mine = f.TaskFactory(matter=world.a.matter, registered_by=world.secretary, channel=Task.Channel.PHONE)
    board = staff_dashboard(user=world.secretary)
    assert board.intake_counts == {"requested": 1, "blocked": 1}
    assert board.intake.items[0].pk == requested.pk
    assert [t.pk for t in board.registered.items] == [mine.pk]
    assert board.to_accept is None and board.matters == []
    login(client, world.secretary)
    page = client.get("/").content.decode()
    assert "Requested by clients: 1 · awaiting a partner: 1" in page and mine.number in page


def test_home_is_the_dashboard_for_everyone_and_sign_in_first(client, world):
    assert client.get("/")["Location"].startswith(reverse("account_login"))
    for user in (world.a.user, world.a.lead, world.a.specialist, world.partner, world.secretary):
        login(client, user)
        response = client.get("/")
        assert response.status_code == 200
        assert b"Hello," in response.content


def test_the_expiring_powers_panel_is_on_the_firms_dashboard(client, world):
    PowerFactory(client=world.a.client, valid_until=timezone.localdate() + dt.timedelta(days=3))
    login(client, world.a.lead)
    assert "Powers of attorney expiring soon" in client.get("/").content.decode()


# --- fixed number of queries -------------------------------------------------------------------------


def client_data(world, count):
    """`count` open matters for client A, each with something of everything."""
    litigation = ft.MatterTypeFactory()
    stage = ft.stages_of(litigation)[1]
    for n in range(count):
        matter = f.MatterFactory(client=world.a.client, lead=world.a.lead)
        Matter.objects.filter(pk=matter.pk).update(matter_type=litigation, stage=stage)
        for h in range(4):
            ft.TimelineEventFactory(matter=matter, occurred_at=NOW() - dt.timedelta(hours=h), actor=world.a.lead)
        ft.DeliveryFactory(deliverable__matter=matter)
        ft.RiskNoticeFactory(matter=matter)
        ft.MessageReceiptFactory(message__matter=matter, user=world.a.user)
        DisclosureQuestionFactory(matter=matter)
        DisclosureFactory(matter=matter, missing_documents="Выписка из ЕГРН\nДоговор аренды")
        f.TaskFactory(matter=matter, registered_by=world.a.user)
        SubcontractFactory(matter=matter)
        RecommendationFactory(matter=matter, author=world.a.lead)
        SpecialistRequest.objects.create(
            matter=matter,
            specialist=world.a.specialist,
            requested_by=world.a.user,
            status=SpecialistRequest.Status.GRANTED,
            answered_by=world.partner,
            answered_at=NOW(),
        )
        sent_document(world.a.user, matter, "Выписка из ЕГРН")
        InvoiceFactory(matter=matter)
        AdvanceFactory(matter=matter)
        Intake.objects.create(
            kind=Intake.Kind.NEW_MATTER,
            status=Intake.Status.BLOCKED if n % 2 else Intake.Status.REQUESTED,
            client=world.a.client,
            requested_by=world.a.user,
            title=f"Новое дело {n}",
        )
        if n % 2:
            visit(world.a.user, matter, NOW() - dt.timedelta(hours=2))


@pytest.mark.parametrize("count", [1, 30])
def test_the_client_dashboard_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    client_data(world, count)
    login(client, world.a.user)
    # matters, stages, new lines; needed: receipts, risks, subcontracts, recommendations, messages,
    # questions, answered specialist requests, documents sent; tasks; requests for new matters
    with django_assert_num_queries(page_queries(CLIENT_QUERIES, client_user=True)):
        response = client.get("/")
    assert response.content.decode().count('class="card dash-matter"') == min(count + 1, 20)


def staff_data(world, count):
    for n in range(count):
        matter = f.MatterFactory(client=world.a.client, lead=world.a.lead, specialists=[world.a.specialist])
        f.TaskFactory(matter=matter)
        accepted(matter, world.a.lead)
        ft.DeliverableFactory(matter=matter)
        ft.DeliveryFactory(deliverable__matter=matter, confirm_by=NOW() - dt.timedelta(days=1))
        ft.MessageReceiptFactory(message__matter=matter, user=world.a.lead)
        ft.MessageReceiptFactory(message__matter=matter, user=world.partner)  # every section has rows
        PowerFactory(client=world.a.client, valid_until=timezone.localdate() + dt.timedelta(days=n % 30))
        Intake.objects.create(
            kind=Intake.Kind.NEW_MATTER,
            status=Intake.Status.REQUESTED,
            client=world.a.client,
            requested_by=world.a.user,
        )
        f.TaskFactory(matter=matter, registered_by=world.secretary)
        PaymentFactory(recorded_by=world.partner)
        ClaimFactory(matter=matter, response_due_on=timezone.localdate() - dt.timedelta(days=n % 3))
        terminated(matter, world.a.lead, timezone.localdate())


def terminated(matter, by, day):
    from decimal import Decimal

    from billing.models import Termination

    settlement = {"start": None, "end": day.isoformat(), "lines": [], "balance": "0.00"}
    return Termination.objects.create(matter=matter, terminated_on=day, channel=Termination.Channel.PORTAL,
                                      recorded_by=by, balance=Decimal("0.00"), settlement=settlement)  # fmt: skip


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    ("who", "content"),
    [
        # matters; accept, answer, release, unread, overdue (the first ids, then their rows by key —
        # a section with nothing waiting reads no rows); powers; my deadlines; hearings (this week, unanswered)
        ("lead", 15),
        # … and the intake (counts + rows); billing's panels: the payments to match, the claims awaiting
        # an answer (open and overdue counts), the final acts to issue (the terminations with their rows)
        ("partner", 20),
        ("secretary", 5),  # intake (counts + rows), tasks registered, powers, the payments to match
    ],
)
def test_the_firms_dashboards_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, count, who, content
):
    staff_data(world, count)
    user = {"lead": world.a.lead, "partner": world.partner, "secretary": world.secretary}[who]
    login(client, user)
    with django_assert_num_queries(page_queries(content)):
        response = client.get("/")
    assert response.status_code == 200


def test_a_partner_sees_the_claims_and_the_final_acts_waiting(client, world):
    today = timezone.localdate()
    ClaimFactory(matter=world.a.matter, response_due_on=today - dt.timedelta(days=1))
    ClaimFactory(matter=world.a.matter, response_due_on=today + dt.timedelta(days=3))
    ClaimFactory(matter=world.b.matter, response_due_on=today)
    t = terminated(world.b.matter, world.b.lead, today - dt.timedelta(days=2))
    page = login(client, world.partner).get("/").content.decode()
    claims = page.split('id="panel-claims"')[1].split("</section>")[0]
    assert "Claims awaiting an answer" in claims and '<span class="badge badge-submitted">3</span>' in claims
    assert "1 past the deadline for the answer" in claims and 'href="/claims/?overdue=1"' in claims
    finals = page.split('id="panel-final_acts"')[1].split("</section>")[0]
    assert "Final acts to issue" in finals and '<span class="badge badge-submitted">1</span>' in finals
    assert f'href="/matters/{t.matter_id}/termination/"' in finals and world.b.matter.number in finals
    assert client.get("/claims/?overdue=1").status_code == 200
    assert client.get(f"/matters/{t.matter_id}/termination/").status_code == 200


def test_no_claim_overdue_links_to_the_open_ones_and_others_get_no_such_panels(client, world):
    ClaimFactory(matter=world.a.matter)
    page = login(client, world.partner).get("/").content.decode()
    claims = page.split('id="panel-claims"')[1].split("</section>")[0]
    assert "0 past the deadline for the answer" in claims and 'href="/claims/?status=open"' in claims
    assert '<span class="badge">0</span>' in page.split('id="panel-final_acts"')[1].split("</section>")[0]
    for user in (world.a.lead, world.a.specialist, world.secretary):
        page = login(client, user).get("/").content.decode()
        assert 'id="panel-claims"' not in page and 'id="panel-final_acts"' not in page


def test_the_staff_dashboard_api_gives_billings_panels(world):
    ClaimFactory(matter=world.a.matter, response_due_on=timezone.localdate() - dt.timedelta(days=5))
    t = terminated(world.a.matter, world.a.lead, timezone.localdate())
    body = api_for(world.partner).get("/api/dashboard/").json()
    panels = {p["key"]: p for p in body["panels"]}
    assert (panels["claims"]["total"], panels["claims"]["url"]) == (1, "/claims/?overdue=1")
    assert panels["claims"]["note"] == "1 past the deadline for the answer" and panels["claims"]["items"] == []
    (item,) = panels["final_acts"]["items"]
    assert panels["final_acts"]["total"] == 1 and item["url"] == f"/matters/{t.matter_id}/termination/"
    assert item["text"].startswith(world.a.matter.number)


# --- the API ---------------------------------------------------------------------------------------


def test_the_client_dashboard_api_gives_the_four_answers(world):
    litigation = ft.MatterTypeFactory(stages=[("Анализ", "Analysis"), ("Суд", "Court")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    matter_next_report_set(matter=world.a.matter, by=world.a.lead, on=timezone.localdate())
    ft.RiskNoticeFactory(matter=world.a.matter, subject="Подписать мировое")
    body = api_for(world.a.user).get("/api/dashboard/").json()
    assert body["role"] == "client"
    [matter] = body["matters"]
    assert matter["number"] == world.a.matter.number
    assert matter["since_last_visit"]["count"] == 2 and matter["since_last_visit"]["seen_at"] is None
    assert matter["since_last_visit"]["latest"][0]["text"].startswith("The firm will next report by")
    assert matter["needed"][0]["kind"] == "risk" and matter["needed"][0]["url"]
    assert matter["next"]["stage"]["name"] == "Analysis" and matter["next"]["next_stage"]["name"] == "Court"
    assert [s["state"] for s in matter["next"]["stages"]] == ["current", "next"]
    assert matter["next_report_on"] == timezone.localdate().isoformat()
    assert [t["number"] for t in body["tasks_awaiting_firm"]] == [world.a.task.number]


def test_the_staff_dashboard_api_gives_the_waiting_work(world):
    ft.DeliverableFactory(matter=world.a.matter, title="Проект иска")
    body = api_for(world.a.lead).get("/api/dashboard/").json()
    assert body["role"] == "lead"
    assert body["to_accept"]["total"] == 1 and body["to_accept"]["items"][0]["number"] == world.a.task.number
    assert body["to_release"]["items"][0]["title"] == "Проект иска"
    assert body["intake"] is None and body["registered_tasks"] is None
    assert [m["number"] for m in body["matters"]] == [world.a.matter.number]
    secretary = api_for(world.secretary).get("/api/dashboard/").json()
    assert secretary["to_accept"] is None and secretary["intake"] == {"requested": 0, "blocked": 0, "items": []}


@pytest.mark.parametrize("count", [1, 30])
def test_the_dashboard_api_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    client_data(world, count)
    with django_assert_num_queries(api_queries(CLIENT_QUERIES, client_user=True)):
        api_for(world.a.user).get("/api/dashboard/")


def test_a_section_counts_up_to_the_cap_and_shows_the_oldest_first(world):
    # The first COUNT_CAP + 1 ids in the section's order give the count and the rows shown (portal's _section).
    now = NOW()
    tasks = [
        f.TaskFactory(matter=world.a.matter, client=world.a.client, created_at=now - dt.timedelta(minutes=i))
        for i in range(COUNT_CAP + 2)
    ]
    board = staff_dashboard(user=world.a.lead)
    assert board.to_accept.total == COUNT_CAP + 1 and board.to_accept.label == f"{COUNT_CAP}+"
    oldest = sorted([*tasks, world.a.task], key=lambda t: (t.created_at, t.pk))[:5]
    assert [t.pk for t in board.to_accept.items] == [t.pk for t in oldest]
    assert board.to_accept.items[0].url == reverse("matters:task_detail", args=[oldest[0].pk])
