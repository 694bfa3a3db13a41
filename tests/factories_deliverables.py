"""Factories for results of work, deliveries and held documents. They arrange rows; tests act through services."""

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from matters.models import Deliverable, DeliverableFile, DocumentSubmission, HeldDocument
from tests import factories as f

PDF = b"%PDF-1.4\n% the firm's opinion\n"


def upload(name="заключение.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class DeliverableFactory(factory.django.DjangoModelFactory):
    """A draft with one PDF file (files=0 for none); prepared by the matter's lead unless told."""

    class Meta:
        model = Deliverable
        skip_postgeneration_save = True

    matter = factory.SubFactory(f.MatterFactory)
    kind = Deliverable.Kind.OPINION
    title = factory.Sequence(lambda n: f"Заключение о рисках № {n}")
    summary = "Договор можно подписывать после правки пункта 7."
    prepared_by = factory.LazyAttribute(lambda d: d.matter.assignments.filter(is_lead=True).first().user)
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def files(self, create, extracted, **kwargs):
        if not create:
            return
        for i in range(1 if extracted is None else extracted):
            DeliverableFile.objects.create(
                deliverable=self,
                file=ContentFile(PDF, name=f"opinion-{i}.pdf"),
                original_name=f"заключение-{i}.pdf",
                size=len(PDF),
                content_type="application/pdf",
                uploaded_by=self.prepared_by,
            )


class HeldDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeldDocument

    client = factory.SubFactory(f.ClientFactory)
    matter = None
    title = factory.Sequence(lambda n: f"Договор поставки № {n}")
    form = HeldDocument.Form.ORIGINAL
    pages = 12
    received_from = "Петров И. Н."
    location = "Сейф, папка 3"
    recorded_by = factory.SubFactory(f.LeadFactory)
    received_at = factory.LazyFunction(timezone.now)


class DocumentSubmissionFactory(factory.django.DjangoModelFactory):
    """A requested document the client sent as a file, awaiting the firm."""

    class Meta:
        model = DocumentSubmission

    matter = factory.SubFactory(f.MatterFactory)
    requested = "Устав"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n", name="scan.pdf"))
    original_name = "scan.pdf"
    size = 9
    uploaded_by = factory.LazyAttribute(lambda s: f.ClientUserFactory(client=s.matter.client))
