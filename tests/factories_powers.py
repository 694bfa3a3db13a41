"""Factories of specialists' profiles, powers of attorney and subcontracting (rules 5, 11, 12)."""

import datetime as dt
import io
import itertools

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from clients.models import PowerOfAttorney
from matters.models import PracticeArea, SpecialistProfile, SpecialistRequest, Subcontract
from tests import factories as f

_numbers = itertools.count(1)


class PracticeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeArea
        django_get_or_create = ("name_ru",)

    name_ru = factory.Sequence(lambda n: f"Область права {n}")
    name_en = factory.Sequence(lambda n: f"Practice area {n}")


class ProfileFactory(factory.django.DjangoModelFactory):
    """A listed profile of a lawyer (pass user=… to choose, areas=[…] for practice areas)."""

    class Meta:
        model = SpecialistProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(f.SpecialistFactory)
    position = "Юрист"
    position_en = "Associate"
    practising_since = 2015
    languages = "русский, English"
    biography = "Ведёт арбитражные споры."
    biography_en = "Handles commercial litigation."
    birth_date = dt.date(1988, 4, 12)
    id_document = "паспорт 65 10 123456, выдан ОУФМС России по Свердловской обл. 01.02.2010"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.practice_areas.set(extracted)


class PowerFactory(factory.django.DjangoModelFactory):
    """A power of attorney in the given status (signed by default), valid from today for a year."""

    class Meta:
        model = PowerOfAttorney
        skip_postgeneration_save = True

    client = factory.SubFactory(f.ClientFactory)
    number = factory.LazyFunction(lambda: f"Д-T-{next(_numbers):05d}")
    scope = "представлять интересы доверителя в арбитражных судах"
    issued_on = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyAttribute(lambda o: o.issued_on + dt.timedelta(days=365))
    status = PowerOfAttorney.Status.SIGNED
    created_by = factory.SubFactory(f.LeadFactory)

    @factory.post_generation
    def specialists(self, create, extracted, **kwargs):
        if create and extracted:
            self.specialists.set(extracted)

    @factory.post_generation
    def matters(self, create, extracted, **kwargs):
        if create and extracted:
            self.matters.set(extracted)


class SubcontractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subcontract

    matter = factory.SubFactory(f.MatterFactory)
    kind = Subcontract.Kind.LAWYER
    contractor = "Адвокат Сидоров Пётр Петрович"
    contractor_details = "рег. № 66/1234 в реестре адвокатов Свердловской области"
    scope = "участие в судебном заседании в Арбитражном суде г. Москвы"
    reason = "заседание в Москве; командировка обойдётся клиенту дороже"
    proposed_by = factory.LazyAttribute(lambda o: o.matter.assignments.get(is_lead=True).user)


class SpecialistRequestFactory(factory.django.DjangoModelFactory):
    """A client's request for a specialist on its matter, awaiting the firm's answer."""

    class Meta:
        model = SpecialistRequest

    matter = factory.SubFactory(f.MatterFactory)
    specialist = factory.SubFactory(f.SpecialistFactory)
    requested_by = factory.LazyAttribute(lambda r: f.ClientUserFactory(client=r.matter.client))


def pdf_scan(name="signed.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% signed scan\n", content_type="application/pdf")


def png_bytes(size=(8, 8), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_photo(name="photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")
