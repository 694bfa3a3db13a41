"""Results of work (rules 1, 2): who prepares, who releases, what releasing does; a released one never changes."""

import pytest

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.access import allowed
from matters.models import Deliverable, Matter, Task
from matters.services import deliverables as svc
from matters.services import task_accept
from notices.models import Notice
from tests import factories as f
from tests.factories_deliverables import DeliverableFactory, upload
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def prepare(side, by=None, **kwargs):
    fields = {"kind": "opinion", "title": "Заключение по договору", "summary": "Риски умеренные.", "files": [upload()]}
    return svc.deliverable_prepare(matter=side.matter, by=by or side.specialist, **(fields | kwargs))


def test_an_assigned_specialist_prepares_a_draft_with_files(world):
    draft = prepare(world.a)
    assert draft.status == Deliverable.Status.DRAFT
    assert draft.prepared_by == world.a.specialist
    [stored] = draft.files.all()
    assert stored.original_name == "заключение.pdf"
    assert stored.file.read() == b"%PDF-1.4\n% the firm's opinion\n"
    assert "заключение" not in stored.file.name  # the stored name never carries the client's file name


def test_the_lead_is_told_of_a_draft_to_release(world):
    draft = prepare(world.a)
    notice = Notice.objects.get(kind="deliverable_prepared")
    assert notice.recipient == world.a.lead
    assert draft.title in notice.body_text


def test_preparing_writes_an_internal_timeline_line(world):
    draft = prepare(world.a)
    event = TimelineEvent.objects.get(ref_type="deliverable", ref_id=draft.pk)
    assert not event.client_visible


@pytest.mark.parametrize("who", ["secretary", "client", "other_specialist", "other_lead"])
def test_only_lawyers_on_the_matter_prepare(world, who):
    by = {
        "secretary": f.SecretaryFactory(),
        "client": world.a.user,
        "other_specialist": world.b.specialist,
        "other_lead": world.b.lead,
    }[who]
    if who == "secretary":
        from matters.models import Assignment

        Assignment.objects.create(matter=world.a.matter, user=by)  # even assigned, a secretary is no lawyer
    with pytest.raises((NotPermitted, NotFound)):
        prepare(world.a, by=by)
    assert not Deliverable.objects.exists()


def test_a_partner_prepares_on_any_matter(world):
    assert prepare(world.a, by=world.partner).prepared_by == world.partner


def test_a_closed_matter_takes_no_new_results(world):
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    world.a.matter.refresh_from_db()
    with pytest.raises(InvalidState):
        prepare(world.a)


@pytest.mark.parametrize(
    "fields, bad",
    [
        ({"kind": "poem"}, "kind"),
        ({"title": "  "}, "title"),
        ({"summary": ""}, "summary"),
        ({"title": "x" * 301}, "title"),
        ({"files": [upload("virus.exe", b"MZ")]}, "files"),
        ({"files": [upload("empty.pdf", b"")]}, "files"),
        ({"files": [upload(f"{i}.pdf") for i in range(11)]}, "files"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(world, fields, bad):
    with pytest.raises(ValidationError) as error:
        prepare(world.a, **fields)
    assert bad in error.value.fields
    assert not Deliverable.objects.exists()


def test_too_large_a_file_is_refused(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        prepare(world.a, files=[upload(content=b"x" * 11)])
    assert "larger than" in str(error.value.fields["files"][0])


def test_a_result_answers_only_an_accepted_task_of_the_same_matter(world):
    with pytest.raises(ValidationError) as error:
        prepare(world.a, task=world.a.task)  # still submitted
    assert "accepted" in str(error.value.fields["task"][0])
    task_accept(task=world.b.task, by=world.b.lead)
    with pytest.raises(ValidationError):
        prepare(world.a, task=world.b.task)


# --- editing a draft ----------------------------------------------------------------------------


def test_the_author_changes_the_draft_and_replaces_its_files(world):
    draft = prepare(world.a)
    old = draft.files.get()
    svc.deliverable_update(
        deliverable=draft,
        by=world.a.specialist,
        kind="contract",
        title="Проект договора",
        summary="Новая редакция.",
        add_files=[upload("договор.docx", b"PK docx")],
        remove_file_ids=[old.pk],
    )
    draft.refresh_from_db()
    assert (draft.kind, draft.title, draft.summary) == ("contract", "Проект договора", "Новая редакция.")
    assert [x.original_name for x in draft.files.all()] == ["договор.docx"]


def test_the_lead_may_change_a_draft_a_colleague_may_not(world):
    draft = prepare(world.a)
    colleague = f.SpecialistFactory()
    from matters.models import Assignment

    Assignment.objects.create(matter=world.a.matter, user=colleague)
    with pytest.raises(NotPermitted):
        svc.deliverable_update(deliverable=draft, by=colleague, kind="opinion", title="T", summary="S")
    svc.deliverable_update(deliverable=draft, by=world.a.lead, kind="opinion", title="T", summary="S")


def test_a_draft_holds_at_most_ten_files(world):
    draft = prepare(world.a, files=[upload(f"{i}.pdf") for i in range(10)])
    with pytest.raises(ValidationError):
        svc.deliverable_update(
            deliverable=draft, by=world.a.specialist, kind="opinion", title="T", summary="S", add_files=[upload()]
        )


def test_a_file_of_another_draft_cannot_be_removed(world):
    draft = prepare(world.a)
    other = DeliverableFactory(matter=world.a.matter)
    with pytest.raises(ValidationError):
        svc.deliverable_update(
            deliverable=draft,
            by=world.a.specialist,
            kind="opinion",
            title="T",
            summary="S",
            remove_file_ids=[other.files.get().pk],
        )
    assert other.files.count() == 1


# --- release ------------------------------------------------------------------------------------


def test_the_lead_releases_and_the_client_is_told(world):
    draft = prepare(world.a)
    released = svc.deliverable_release(deliverable=draft, by=world.a.lead)
    assert released.status == Deliverable.Status.RELEASED
    assert released.released_by == world.a.lead and released.released_at is not None
    notice = Notice.objects.get(kind="deliverable_released")
    assert notice.recipient == world.a.user
    assert TimelineEvent.objects.filter(ref_type="deliverable", ref_id=draft.pk, client_visible=True).exists()


@pytest.mark.parametrize("who", ["specialist", "secretary", "client", "other_lead"])
def test_only_the_lead_or_a_partner_releases(world, who):
    draft = prepare(world.a)
    by = {
        "specialist": world.a.specialist,
        "secretary": world.secretary,
        "client": world.a.user,
        "other_lead": world.b.lead,
    }[who]
    with pytest.raises((NotPermitted, NotFound)):
        svc.deliverable_release(deliverable=draft, by=by)
    draft.refresh_from_db()
    assert draft.status == Deliverable.Status.DRAFT


def test_a_partner_releases(world):
    assert svc.deliverable_release(deliverable=prepare(world.a), by=world.partner).released_by == world.partner


def test_a_result_without_files_is_not_released(world):
    draft = prepare(world.a, files=[])
    with pytest.raises(ValidationError) as error:
        svc.deliverable_release(deliverable=draft, by=world.a.lead)
    assert "files" in error.value.fields


def test_a_result_is_released_once_and_never_changes_after(world):
    draft = prepare(world.a)
    svc.deliverable_release(deliverable=draft, by=world.a.lead)
    with pytest.raises(InvalidState):
        svc.deliverable_release(deliverable=draft, by=world.a.lead)
    with pytest.raises(InvalidState):
        svc.deliverable_update(deliverable=draft, by=world.a.lead, kind="other", title="Новое", summary="Новое")
    draft.refresh_from_db()
    assert draft.title == "Заключение по договору" and draft.files.count() == 1
    assert not allowed(world.partner, draft, "edit")


def test_releasing_a_result_answers_its_accepted_task_in_one_go(world):
    task = task_accept(task=world.a.task, by=world.a.lead)
    draft = prepare(world.a, task=task)
    svc.deliverable_release(deliverable=draft, by=world.a.lead)
    task.refresh_from_db()
    assert task.status == Task.Status.ANSWERED
    assert task.answered_by == world.a.lead and task.answered_at == Deliverable.objects.get().released_at
    notice = Notice.objects.get(kind="task_answered")
    assert notice.recipient == world.a.user  # the task's author
    assert not Notice.objects.filter(kind="deliverable_released").exists()
    assert TimelineEvent.objects.filter(
        kind="task", ref_type="task", ref_id=task.pk, summary__contains="answered"
    ).exists()


def test_a_failed_release_leaves_the_task_as_it_was(world):
    task = task_accept(task=world.a.task, by=world.a.lead)
    draft = prepare(world.a, task=task)
    with pytest.raises(ValidationError):  # the e-mail address is bad: the whole release is undone
        svc.deliverable_release(deliverable=draft, by=world.a.lead, channel="email", recipient="not an address")
    task.refresh_from_db()
    draft.refresh_from_db()
    assert task.status == Task.Status.ACCEPTED and draft.status == Deliverable.Status.DRAFT
    assert not Notice.objects.filter(kind="task_answered").exists()


def test_a_task_already_answered_in_writing_stays_as_it_was(world):
    from matters.services import task_answer

    task = task_accept(task=world.a.task, by=world.a.lead)
    draft = prepare(world.a, task=task)
    task_answer(task=task, by=world.a.lead, answer="Коротко: можно.")
    svc.deliverable_release(deliverable=draft, by=world.a.lead)
    task.refresh_from_db()
    assert task.answer == "Коротко: можно." and task.status == Task.Status.ANSWERED


def test_release_with_a_channel_records_the_delivery_in_the_same_step(world):
    draft = prepare(world.a)
    svc.deliverable_release(deliverable=draft, by=world.a.lead, channel="portal")
    [delivery] = draft.deliveries.all()
    assert delivery.channel == "portal" and delivery.recipient == world.a.client.name
    assert delivery.confirm_by is not None
    # the release notice already tells the client; no second mail for the portal
    assert Notice.objects.filter(recipient=world.a.user).count() == 1
