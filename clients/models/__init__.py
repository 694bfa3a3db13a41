"""Clients and everything the firm records about them before and around their matters."""

from .clients import Client
from .conflicts import ConflictCheck, ConflictDecision, ConflictHit
from .disclosures import Disclosure, DisclosureQuestion, DisclosureRevision
from .intake import Intake, IntakeParty
from .parties import Party, PartyKey, PartyKind, PartyRole
from .powers import PowerOfAttorney
from .terms import AgreementDocument, TermsAcceptance, TermsVersion

__all__ = [
    "AgreementDocument",
    "Client",
    "ConflictCheck",
    "ConflictDecision",
    "ConflictHit",
    "Disclosure",
    "DisclosureQuestion",
    "DisclosureRevision",
    "Intake",
    "IntakeParty",
    "Party",
    "PartyKey",
    "PartyKind",
    "PartyRole",
    "PowerOfAttorney",
    "TermsAcceptance",
    "TermsVersion",
]
