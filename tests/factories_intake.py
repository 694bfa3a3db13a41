"""Data for the intake and conflict-check tests: valid Russian tax numbers, people, organisations, parties.

Rows are arranged with tests.factories; the behaviour under test goes through the services.
"""

import itertools

import factory

from clients.models import Client, ConflictCheck, Intake, PartyRole
from tests import factories as f

_serial = itertools.count(1)


def _check(digits: str, weights: tuple[int, ...]) -> str:
    return str(sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10)


def inn10(n: int | None = None) -> str:
    """A valid organisation INN (10 digits, check digit included), different for each n."""
    body = f"77{(n if n is not None else next(_serial)) % 10_000_000:07d}"
    return body + _check(body, (2, 4, 10, 3, 5, 9, 4, 6, 8))


def inn12(n: int | None = None) -> str:
    """A valid person's INN (12 digits, two check digits)."""
    body = f"50{(n if n is not None else next(_serial)) % 100_000_000:08d}"
    body += _check(body, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
    return body + _check(body, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))


def ogrn13(n: int | None = None) -> str:
    """A valid OGRN (13 digits: the first 12 as a number mod 11 mod 10)."""
    body = f"10277{(n if n is not None else next(_serial)) % 10_000_000:07d}"
    return body + str(int(body) % 11 % 10)


def bad_check_digit(number: str) -> str:
    """The same number with its last digit wrong."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def person(name: str, **fields) -> Client:
    return f.ClientFactory(kind=Client.Kind.PERSON, name=name, **fields)


def organisation(name: str, **fields) -> Client:
    return f.ClientFactory(kind=Client.Kind.ORGANISATION, name=name, **fields)


def matter_with(client: Client, *parties, lead=None, **fields):
    """A matter of `client` with parties given as names (opponents) or (name, role[, extra]) tuples."""
    matter = f.MatterFactory(client=client, lead=lead, **fields)
    for party in parties:
        if isinstance(party, str):
            party = (party, PartyRole.OPPONENT)
        name, role, *extra = party
        f.PartyFactory(matter=matter, name=name, role=role, **(extra[0] if extra else {}))
    return matter


def requisites(name: str = "ООО «Новый клиент»", **fields) -> dict:
    """A new organisation's requisites as the intake service takes them (valid by default)."""
    return {"kind": Client.Kind.ORGANISATION, "name": name, **fields}


class IntakeFactory(factory.django.DjangoModelFactory):
    """A client's request for a new matter awaiting a partner (pass status=…, lead=… to choose)."""

    class Meta:
        model = Intake

    kind = Intake.Kind.NEW_MATTER
    status = Intake.Status.BLOCKED
    client = factory.SubFactory(f.ClientFactory)
    title = "Новое дело"
    description = "Взыскать долг по договору поставки."
    lead = None
    requested_by = factory.LazyAttribute(lambda i: f.ClientUserFactory(client=i.client))


class ConflictCheckFactory(factory.django.DjangoModelFactory):
    """The evidence of a clear check of an intake, run by its lead (or a new lead)."""

    class Meta:
        model = ConflictCheck

    purpose = ConflictCheck.Purpose.NEW_MATTER
    intake = factory.SubFactory(IntakeFactory)
    searched = factory.LazyFunction(lambda: [{"name": "ООО «Оппонент»", "role": "opponent"}])
    outcome = ConflictCheck.Outcome.CLEAR
    created_by = factory.LazyAttribute(lambda c: (c.intake and c.intake.lead) or f.LeadFactory())
