"""Factories of the disclosures & terms area: disclosures, follow-up questions, access-log entries, attachments."""

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from audit.models import AccessLogEntry
from clients.models import Disclosure, DisclosureQuestion, DisclosureRevision
from matters.models import TaskAttachment
from tests import factories as f


class DisclosureFactory(factory.django.DjangoModelFactory):
    """A disclosure as the client first wrote it (revision 1); changes go through disclosure_save."""

    class Meta:
        model = Disclosure

    matter = factory.SubFactory(f.MatterFactory)
    updated_by = factory.LazyAttribute(lambda d: f.ClientUserFactory(client=d.matter.client))
    doubts = "Подозреваю, что бухгалтер контрагента подделал акт сверки."
    risk_points = "Пропущен срок претензии по одному из договоров."


class DisclosureQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureQuestion

    matter = factory.SubFactory(f.MatterFactory)
    question = "Кто подписывал акт сверки со стороны контрагента?"
    asked_by = factory.LazyAttribute(lambda q: f.LeadFactory())


class AccessLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLogEntry

    user = factory.SubFactory(f.SpecialistFactory)
    client = factory.SubFactory(f.ClientFactory)
    action = AccessLogEntry.Action.VIEW
    kind = AccessLogEntry.Kind.DISCLOSURE
    description = factory.Sequence(lambda n: f"Disclosure questionnaire of matter T/{n:06d}")
    at = factory.LazyFunction(timezone.now)
    ip_address = "10.0.0.7"


class TaskAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskAttachment

    task = factory.SubFactory(f.TaskFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 secret", name="secret.pdf"))
    original_name = "договор.pdf"
    size = 15
    content_type = "application/pdf"
    uploaded_by = factory.LazyAttribute(lambda a: a.task.registered_by)


class DisclosureRevisionFactory(factory.django.DjangoModelFactory):
    """An earlier text of a disclosure (disclosure_save keeps them; this is for reading them back)."""

    class Meta:
        model = DisclosureRevision

    disclosure = factory.SubFactory(DisclosureFactory)
    revision = factory.LazyAttribute(lambda r: r.disclosure.revisions.count() + 1)
    answers = factory.LazyFunction(lambda: dict.fromkeys(Disclosure.ANSWER_FIELDS, "Раньше"))
    saved_at = factory.LazyFunction(timezone.now)
    saved_by = factory.LazyAttribute(lambda r: r.disclosure.updated_by)
