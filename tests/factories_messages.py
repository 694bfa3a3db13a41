"""Factories of messages, recommendations and risk notices (rules 3, 9, 10).

They arrange rows directly (fast, for lists and access tests); the behaviour under test goes
through matters.services.messages / recommendations / risk.
"""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from matters.models import (
    Message,
    MessageAttachment,
    MessageReceipt,
    MessageRevision,
    Recommendation,
    RiskNotice,
)
from matters.services.risk import non_interference_text
from tests import factories as f


class MessageFactory(factory.django.DjangoModelFactory):
    """A message on a matter; `recipients=[…]` gives it unread receipts, `files=n` attachments, `revisions=n`."""

    class Meta:
        model = Message
        skip_postgeneration_save = True

    matter = factory.SubFactory(f.MatterFactory)
    author = factory.LazyAttribute(lambda m: f.ClientUserFactory(client=m.matter.client))
    side = factory.LazyAttribute(lambda m: Message.Side.CLIENT if m.author.is_client_user else Message.Side.FIRM)
    body = factory.Sequence(lambda n: f"Сообщение {n}: ответчик предложил мировое соглашение.")
    material = False
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        if create and extracted:
            MessageReceipt.objects.bulk_create([MessageReceipt(message=self, user=user) for user in extracted])

    @factory.post_generation
    def files(self, create, extracted, **kwargs):
        for i in range(extracted or 0):
            MessageAttachment.objects.create(
                message=self,
                file=SimpleUploadedFile(f"письмо-{i}.pdf", b"%PDF-1.4 letter", content_type="application/pdf"),
                original_name=f"письмо-{i}.pdf",
                size=15,
                content_type="application/pdf",
            )

    @factory.post_generation
    def revisions(self, create, extracted, **kwargs):
        for i in range(extracted or 0):
            MessageRevision.objects.create(message=self, body=f"Прежний текст {i}")
        if create and extracted:
            Message.objects.filter(pk=self.pk).update(edited_at=timezone.now())


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    matter = factory.SubFactory(f.MatterFactory)
    author = factory.LazyAttribute(lambda r: f.LeadFactory())
    side = factory.LazyAttribute(lambda r: Recommendation.Side.CLIENT if r.author.is_client_user else "firm")
    text = "Рекомендуем не подписывать акт сверки до получения оригиналов накладных."


class RiskNoticeFactory(factory.django.DjangoModelFactory):
    """An open warning by default; kind=RiskNotice.Kind.NON_INTERFERENCE for the rule-3 notice."""

    class Meta:
        model = RiskNotice

    matter = factory.SubFactory(f.MatterFactory)
    kind = RiskNotice.Kind.WARNING
    subject = "Подать встречный иск без доказательств оплаты."
    text = factory.LazyAttribute(
        lambda r: (
            "Иск будет отклонён, судебные расходы лягут на клиента."
            if r.kind == RiskNotice.Kind.WARNING
            else non_interference_text(language=r.matter.client.language)
        )
    )
    created_by = factory.LazyAttribute(lambda r: f.LeadFactory())
