"""Factories of the timeline area: matter types and stages, timeline lines, visits; and rows of the
results-of-work, messages and risk models that the dashboard reads (their services live elsewhere)."""

import datetime as dt

import factory
from django.utils import timezone

from matters.models import Deliverable, Delivery, MatterType, MatterVisit, Message, MessageReceipt, RiskNotice, Stage
from tests import factories as f
from timeline.models import TimelineEvent

STAGES = [("Анализ", "Analysis"), ("Досудебный этап", "Pre-trial"), ("Первая инстанция", "First instance")]


class MatterTypeFactory(factory.django.DjangoModelFactory):
    """A matter type with three stages (pass stages=[(ru, en), …] to choose them)."""

    class Meta:
        model = MatterType
        skip_postgeneration_save = True

    name_ru = factory.Sequence(lambda n: f"Тип дела {n}")
    name_en = factory.Sequence(lambda n: f"Matter type {n}")

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (ru, en) in enumerate(extracted if extracted is not None else STAGES, start=1):
            Stage.objects.create(matter_type=self, order=order, name_ru=ru, name_en=en)


def stages_of(matter_type) -> list[Stage]:
    return list(matter_type.stages.order_by("order"))


class TimelineEventFactory(factory.django.DjangoModelFactory):
    """A line as a service would write it (services write through timeline_record; this is for volume)."""

    class Meta:
        model = TimelineEvent

    matter = factory.SubFactory(f.MatterFactory)
    kind = TimelineEvent.Kind.TASK
    summary = "Task %(number)s was accepted by %(name)s"
    params = factory.Sequence(lambda n: {"number": f"2026-{n:05d}", "name": "Орлов Дмитрий Сергеевич"})
    actor = None
    occurred_at = factory.LazyFunction(timezone.now)
    client_visible = True
    search_text = factory.LazyAttribute(lambda e: e.summary % e.params)


class MatterVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatterVisit

    user = factory.SubFactory(f.ClientUserFactory)
    matter = factory.SubFactory(f.MatterFactory)
    seen_at = factory.LazyFunction(timezone.now)


class DeliverableFactory(factory.django.DjangoModelFactory):
    """A result of work: a draft by default; status=RELEASED gives one released by the matter's lead."""

    class Meta:
        model = Deliverable

    matter = factory.SubFactory(f.MatterFactory)
    kind = Deliverable.Kind.OPINION
    title = factory.Sequence(lambda n: f"Заключение о рисках № {n}")
    summary = "Риски договора поставки и как их снизить."
    status = Deliverable.Status.DRAFT
    prepared_by = factory.LazyAttribute(lambda d: d.matter.assignments.get(is_lead=True).user)
    released_by = factory.LazyAttribute(lambda d: d.prepared_by if d.status == Deliverable.Status.RELEASED else None)
    released_at = factory.LazyAttribute(lambda d: timezone.now() if d.status == Deliverable.Status.RELEASED else None)


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A delivery of a released result, awaiting the client's confirmation (due in 3 days)."""

    class Meta:
        model = Delivery

    deliverable = factory.SubFactory(DeliverableFactory, status=Deliverable.Status.RELEASED)
    channel = Delivery.Channel.PORTAL
    recipient = "client@example.test"
    sent_by = factory.LazyAttribute(lambda d: d.deliverable.prepared_by)
    sent_at = factory.LazyFunction(timezone.now)
    confirm_by = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))


class RiskNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskNotice

    matter = factory.SubFactory(f.MatterFactory)
    kind = RiskNotice.Kind.WARNING
    subject = "Подписать мировое соглашение без согласования с юристом"
    text = "Подписание лишит вас права на неустойку; последствия несёт клиент."
    created_by = factory.LazyAttribute(lambda r: r.matter.assignments.get(is_lead=True).user)
    status = RiskNotice.Status.OPEN


class MessageFactory(factory.django.DjangoModelFactory):
    """A material message from the firm (author: the matter's lead)."""

    class Meta:
        model = Message

    matter = factory.SubFactory(f.MatterFactory)
    author = factory.LazyAttribute(lambda m: m.matter.assignments.get(is_lead=True).user)
    side = Message.Side.FIRM
    body = "Суд назначил заседание; нужна копия акта сверки."
    material = True


class MessageReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageReceipt

    message = factory.SubFactory(MessageFactory)
    user = factory.SubFactory(f.ClientUserFactory)
    read_at = None
