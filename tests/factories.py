"""Every test's data comes from here. Factories arrange rows; behaviour under test goes through services."""

import datetime as dt
import itertools

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from clients.models import Client, Party, PartyRole, TermsAcceptance, TermsVersion
from matters.models import Assignment, Matter, Task
from users.models import ApiToken, Role, User

PASSWORD = "correct-horse-battery-9"
_numbers = itertools.count(1)


class ClientFactory(factory.django.DjangoModelFactory):
    """An active client, indexed for the conflict check as the services would index it."""

    class Meta:
        model = Client
        skip_postgeneration_save = True

    kind = Client.Kind.ORGANISATION
    name = factory.Sequence(lambda n: f"ООО «Клиент {n}»")
    language = "ru"

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            from clients.services.conflicts import index_client

            index_client(self)


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user with a verified e-mail and the password PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Иванов Иван Иванович {n}")
    role = Role.SPECIALIST
    language = "en"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class ClientUserFactory(UserFactory):
    """A client user who has accepted the current engagement terms (pass accept_terms=False to not)."""

    role = Role.CLIENT
    client = factory.SubFactory(ClientFactory)

    @factory.post_generation
    def accept_terms(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        current = TermsVersion.objects.order_by("-number").first()
        if current is not None:
            TermsAcceptance.objects.get_or_create(user=self, version=current, defaults={"language": self.language})


class SecretaryFactory(UserFactory):
    role = Role.SECRETARY


class SpecialistFactory(UserFactory):
    role = Role.SPECIALIST


class LeadFactory(UserFactory):
    role = Role.LEAD


class PartnerFactory(UserFactory):
    role = Role.PARTNER


class MatterFactory(factory.django.DjangoModelFactory):
    """A matter with a lead (pass lead=… to choose, lead=None for none)."""

    class Meta:
        model = Matter
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    number = factory.LazyFunction(lambda: f"T/{next(_numbers):06d}")
    title = factory.Sequence(lambda n: f"Дело о взыскании № {n}")

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Assignment.objects.create(matter=self, user=extracted or LeadFactory(), is_lead=True)

    @factory.post_generation
    def specialists(self, create, extracted, **kwargs):
        for user in extracted or ():
            Assignment.objects.create(matter=self, user=user)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    matter = factory.SubFactory(MatterFactory)
    client = factory.LazyAttribute(lambda t: t.matter.client if t.matter else ClientFactory())
    number = factory.LazyFunction(lambda: f"T-{next(_numbers):06d}")
    subject = "Проверить договор поставки"
    text = "Прошу проверить проект договора поставки и дать заключение о рисках."
    channel = Task.Channel.PORTAL
    registered_by = factory.LazyAttribute(lambda t: ClientUserFactory(client=t.client))
    requested_by_name = factory.LazyAttribute(lambda t: t.registered_by.full_name)
    created_at = factory.LazyFunction(timezone.now)


class PartyFactory(factory.django.DjangoModelFactory):
    """A party of a matter, indexed for the conflict check as the services would index it."""

    class Meta:
        model = Party
        skip_postgeneration_save = True

    matter = factory.SubFactory(MatterFactory)
    role = PartyRole.OPPONENT
    kind = "organisation"
    name = factory.Sequence(lambda n: f"ООО «Противник {n}»")

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            from clients.services.conflicts import index_party

            index_party(self)


class TermsVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsVersion

    number = factory.LazyFunction(
        lambda: (TermsVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    )
    text_ru = "<h2>Условия</h2><p>1. Клиент ставит задачи письменно.</p>"
    text_en = "<h2>Terms</h2><p>1. The Client sets tasks in writing.</p>"


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """An API token row (its key unknown: for listing and revoking; token_issue gives a usable key)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(ClientUserFactory)
    name = "integration"
    key_digest = factory.Sequence(lambda n: f"{n:064x}")
    prefix = factory.Sequence(lambda n: f"k{n:07d}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=90))
