"""Steering a matter: its type and stage, and the date of the next report (matters.services.stages)."""

import datetime as dt

import pytest
from django.utils import formats, timezone, translation

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Matter, MatterType
from matters.services.stages import matter_next_report_set, matter_stage_set, matter_type_set
from tests import factories as f
from tests import factories_timeline as ft
from timeline.models import TimelineEvent
from timeline.services import timeline_text

pytestmark = pytest.mark.django_db


def lines(matter):
    return list(TimelineEvent.objects.filter(matter=matter).order_by("id"))


@pytest.fixture
def litigation():
    return ft.MatterTypeFactory(
        name_ru="Спор",
        name_en="Dispute",
        stages=[("Анализ", "Analysis"), ("Досудебный этап", "Pre-trial"), ("Первая инстанция", "First instance")],
    )


def test_the_default_litigation_type_comes_with_five_stages_in_order():
    litigation = MatterType.objects.get(name_ru="Судебный спор")
    assert litigation.name_en == "Litigation"
    assert [s.name_en for s in ft.stages_of(litigation)] == [
        "Analysis and legal position",
        "Pre-trial settlement",
        "First instance",
        "Appeal",
        "Enforcement",
    ]


def test_setting_the_type_starts_at_its_first_stage_with_one_client_visible_line(world, litigation):
    matter = matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    first = ft.stages_of(litigation)[0]
    assert (matter.matter_type_id, matter.stage_id) == (litigation.pk, first.pk)
    stored = Matter.objects.get(pk=matter.pk)
    assert (stored.matter_type_id, stored.stage_id) == (litigation.pk, first.pk)
    [line] = lines(matter)
    assert line.kind == TimelineEvent.Kind.STAGE and line.client_visible and line.actor == world.a.lead
    assert timeline_text(line) == "The matter is run as «Dispute»; stage: Analysis"


def test_changing_the_type_resets_the_stage_and_the_same_type_changes_nothing(world, litigation):
    other = ft.MatterTypeFactory(stages=[("Проверка", "Audit"), ("Возражения", "Objections")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    matter_stage_set(matter=world.a.matter, by=world.a.lead, stage=ft.stages_of(litigation)[2])
    matter = matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=other)
    assert matter.stage == ft.stages_of(other)[0]
    before = len(lines(matter))
    matter_type_set(matter=matter, by=world.a.lead, matter_type=other)
    assert len(lines(matter)) == before
    assert Matter.objects.get(pk=matter.pk).stage == ft.stages_of(other)[0]


def test_a_type_without_stages_leaves_the_stage_empty(world):
    bare = ft.MatterTypeFactory(stages=[])
    matter = matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=bare)
    assert matter.stage_id is None
    assert timeline_text(lines(matter)[-1]).endswith("stage: —")


def test_moving_the_stage_writes_old_and_new_names_in_each_readers_language(world, litigation):
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    _analysis, pre_trial, first_instance = ft.stages_of(litigation)
    matter = matter_stage_set(matter=world.a.matter, by=world.a.lead, stage=first_instance)
    assert Matter.objects.get(pk=matter.pk).stage == first_instance
    line = lines(matter)[-1]
    assert line.kind == TimelineEvent.Kind.STAGE and line.client_visible
    assert timeline_text(line) == "Stage: Analysis → First instance"
    with translation.override("ru"):
        assert "Анализ → Первая инстанция" in timeline_text(line)
    # back to an earlier stage is allowed (a case returned for a new hearing)
    matter_stage_set(matter=matter, by=world.a.lead, stage=pre_trial)
    assert timeline_text(lines(matter)[-1]) == "Stage: First instance → Pre-trial"
    assert "Первая инстанция" in lines(matter)[-1].search_text and "First instance" in lines(matter)[-1].search_text


def test_the_same_stage_again_writes_nothing(world, litigation):
    matter = matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    before = len(lines(matter))
    matter_stage_set(matter=matter, by=world.a.lead, stage=ft.stages_of(litigation)[0])
    assert len(lines(matter)) == before


def test_a_stage_of_another_type_is_refused_and_nothing_changes(world, litigation):
    other = ft.MatterTypeFactory()
    matter = matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    with pytest.raises(ValidationError) as error:
        matter_stage_set(matter=matter, by=world.a.lead, stage=ft.stages_of(other)[1])
    assert "stage" in error.value.fields
    assert Matter.objects.get(pk=matter.pk).stage == ft.stages_of(litigation)[0]
    assert len(lines(matter)) == 1


def test_a_stage_needs_a_type_first(world, litigation):
    with pytest.raises(InvalidState):
        matter_stage_set(matter=world.a.matter, by=world.a.lead, stage=ft.stages_of(litigation)[0])
    assert lines(world.a.matter) == []


@pytest.mark.parametrize("who", ["specialist", "secretary", "client", "other_lead"])
def test_only_the_lead_or_a_partner_steers_the_matter(world, litigation, who):
    by = {
        "specialist": world.a.specialist,
        "secretary": world.secretary,
        "client": world.a.user,
        "other_lead": world.b.lead,
    }[who]
    errors = (NotPermitted, NotFound)
    with pytest.raises(errors):
        matter_type_set(matter=world.a.matter, by=by, matter_type=litigation)
    with pytest.raises(errors):
        matter_next_report_set(matter=world.a.matter, by=by, on=timezone.localdate())
    matter = Matter.objects.get(pk=world.a.matter.pk)
    assert matter.matter_type_id is None and matter.next_report_on is None
    assert lines(matter) == []


def test_a_partner_steers_any_matter(world, litigation):
    matter_type_set(matter=world.b.matter, by=world.partner, matter_type=litigation)
    matter_stage_set(matter=world.b.matter, by=world.partner, stage=ft.stages_of(litigation)[1])
    assert Matter.objects.get(pk=world.b.matter.pk).stage == ft.stages_of(litigation)[1]


def test_the_unassigned_lawyer_gets_not_found_and_the_assigned_specialist_not_permitted(world, litigation):
    with pytest.raises(NotFound):
        matter_type_set(matter=world.a.matter, by=world.b.lead, matter_type=litigation)
    with pytest.raises(NotPermitted):
        matter_type_set(matter=world.a.matter, by=world.a.specialist, matter_type=litigation)


def test_the_next_report_date_is_set_with_a_client_visible_line(world):
    on = timezone.localdate() + dt.timedelta(days=10)
    matter = matter_next_report_set(matter=world.a.matter, by=world.a.lead, on=on)
    assert Matter.objects.get(pk=matter.pk).next_report_on == on
    [line] = lines(matter)
    assert line.kind == TimelineEvent.Kind.REPORT and line.client_visible
    assert timeline_text(line) == f"The firm will next report by {formats.date_format(on, 'DATE_FORMAT')}"
    with translation.override("ru"):
        assert timeline_text(line).endswith(formats.date_format(on, "DATE_FORMAT"))
        russian = formats.date_format(on, "DATE_FORMAT")
    assert russian in line.search_text and formats.date_format(on, "DATE_FORMAT") in line.search_text
    assert russian != formats.date_format(on, "DATE_FORMAT")


def test_today_is_a_valid_report_date_and_the_same_date_again_writes_nothing(world):
    today = timezone.localdate()
    matter_next_report_set(matter=world.a.matter, by=world.a.lead, on=today)
    matter_next_report_set(matter=world.a.matter, by=world.a.lead, on=today)
    assert len(lines(world.a.matter)) == 1


@pytest.mark.parametrize("on", [None, "yesterday"])
def test_a_missing_or_past_report_date_is_refused_and_nothing_changes(world, on):
    if on == "yesterday":
        on = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        matter_next_report_set(matter=world.a.matter, by=world.a.lead, on=on)
    assert "on" in error.value.fields
    assert Matter.objects.get(pk=world.a.matter.pk).next_report_on is None
    assert lines(world.a.matter) == []


def test_a_closed_matter_is_not_steered(world, litigation):
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    with pytest.raises(InvalidState):
        matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    with pytest.raises(InvalidState):
        matter_next_report_set(matter=world.a.matter, by=world.partner, on=timezone.localdate())


def test_a_missing_type_is_a_field_error(world):
    with pytest.raises(ValidationError) as error:
        matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=None)
    assert "matter_type" in error.value.fields


def test_a_lead_who_is_a_partner_elsewhere_still_needs_to_lead_this_matter():
    lead = f.LeadFactory()
    matter = f.MatterFactory(lead=lead)
    other = f.MatterFactory()
    matter_next_report_set(matter=matter, by=lead, on=timezone.localdate())
    with pytest.raises(NotFound):
        matter_next_report_set(matter=other, by=lead, on=timezone.localdate())
