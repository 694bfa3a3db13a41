"""Rule 13: before new work is accepted, every party is searched against every client and every party.

Candidates come from an index (pg_trgm over the stored search keys on PostgreSQL; rapidfuzz over
the keys in memory on SQLite), then clients.matching scores each one precisely. An INN or OGRN
that matches is always a hit. The check is recorded as evidence and never changed.
"""

import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted, ValidationError

from ..access import may_run_conflict_checks
from ..matching import THRESHOLD, match, search_key
from ..models import Client, ConflictCheck, ConflictHit, Party, PartyRole

CLIENT = "client"
# The searched party stands with the (new) client, or against it.
OUR_SIDE = frozenset({CLIENT, PartyRole.CO_PARTY, PartyRole.RELATED})
THEIR_SIDE = frozenset({PartyRole.OPPONENT})
CANDIDATES_PER_NAME = 200
TRIGRAM_THRESHOLD = 0.3
MAX_PARTIES = 50


@dataclass(frozen=True)
class Searched:
    name: str
    inn: str = ""
    ogrn: str = ""
    role: str = ""  # "client" or a PartyRole when known (intake); empty for an ad hoc check
    kind: str | None = None


@dataclass(frozen=True)
class Candidate:
    name: str
    kind: str
    inn: str
    ogrn: str
    role: str  # "client" or a PartyRole
    client_id: int
    matter_id: int | None
    party_id: int | None


def _client_candidates(qs) -> list[Candidate]:
    return [
        Candidate(name, kind, inn, ogrn, CLIENT, pk, None, None)
        for pk, name, kind, inn, ogrn in qs.values_list("pk", "name", "kind", "inn", "ogrn")
    ]


def _party_candidates(qs) -> list[Candidate]:
    return [
        Candidate(name, kind, inn, ogrn, role, client_id, matter_id, pk)
        for pk, name, kind, inn, ogrn, role, matter_id, client_id in qs.values_list(
            "pk", "name", "kind", "inn", "ogrn", "role", "matter_id", "matter__client_id"
        )
    ]


def _by_tax_numbers(searched: Searched) -> list[Candidate]:
    numbers = Q()
    if searched.inn:
        numbers |= Q(inn=searched.inn)
    if searched.ogrn:
        numbers |= Q(ogrn=searched.ogrn)
    if not numbers:
        return []
    return _client_candidates(Client.objects.exclude(status=Client.Status.REFUSED).filter(numbers)) + (
        _party_candidates(Party.objects.filter(numbers))
    )


def _by_name(key: str) -> list[Candidate]:
    if not key:
        return []
    clients = Client.objects.exclude(status=Client.Status.REFUSED)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        def near(qs):
            # `%` uses the GIN index; the threshold is set for this transaction in _similarity_threshold.
            return (
                qs.filter(search_key__trigram_similar=key)
                .annotate(similarity=TrigramSimilarity("search_key", key))
                .order_by("-similarity")[:CANDIDATES_PER_NAME]
            )

        return _client_candidates(near(clients)) + _party_candidates(near(Party.objects.all()))
    return _client_candidates(_near_in_memory(clients, key)) + _party_candidates(_near_in_memory(Party.objects, key))


def _near_in_memory(qs, key: str):
    """SQLite has no trigram index: compare the stored keys in memory (slower, same answers)."""
    from rapidfuzz import fuzz, process

    keys = dict(qs.values_list("pk", "search_key"))
    best = process.extract(key, keys, scorer=fuzz.token_set_ratio, limit=CANDIDATES_PER_NAME, score_cutoff=45)
    return qs.filter(pk__in=[pk for _value, _score, pk in best])


def _blocking(searched: Searched, candidate: Candidate) -> bool:
    """A hit blocks intake when the firm would act against its own client (rule 13)."""
    # The newcomer is (on the side of) an existing client's opponent, or the new matter's opponent
    # is an existing client (or stands with one).
    return (searched.role in OUR_SIDE and candidate.role in THEIR_SIDE) or (
        searched.role in THEIR_SIDE and candidate.role in OUR_SIDE
    )


def find_hits(searched: Searched, *, exclude_client_id: int | None = None) -> list[dict]:
    found: dict[tuple, dict] = {}

    def add(candidate: Candidate, score: float, reason: str):
        if exclude_client_id is not None and candidate.client_id == exclude_client_id:
            return  # the client's own earlier records are not a conflict with itself
        key = (candidate.role, candidate.client_id, candidate.matter_id, candidate.party_id)
        if key in found and found[key]["score"] >= score:
            return
        found[key] = {
            "query": searched.name,
            "query_role": searched.role,
            "matched_name": candidate.name,
            "matched_role": candidate.role,
            "score": round(score, 3),
            "reason": reason,
            "client_id": candidate.client_id,
            "matter_id": candidate.matter_id,
            "party_id": candidate.party_id,
            "blocking": _blocking(searched, candidate),
        }

    for candidate in _by_tax_numbers(searched):
        pairs = (("INN", searched.inn, candidate.inn), ("OGRN", searched.ogrn, candidate.ogrn))
        same = [label for label, ours, theirs in pairs if ours and ours == theirs]
        add(candidate, 1.0, f"same {' and '.join(same)}")
    for candidate in _by_name(search_key(searched.name)):
        result = match(searched.name, candidate.name, kind_a=searched.kind, kind_b=candidate.kind)
        if result is not None and result.score >= THRESHOLD:
            add(candidate, result.score, result.reason)
    return sorted(found.values(), key=lambda h: (not h["blocking"], -h["score"], h["matched_name"]))


def _clean(parties) -> list[Searched]:
    if not parties:
        raise ValidationError(fields={"parties": [_("Name at least one party to check.")]})
    if len(parties) > MAX_PARTIES:
        raise ValidationError(fields={"parties": [_("At most 50 parties in one check.")]})
    cleaned, problems = [], []
    for number, party in enumerate(parties, start=1):
        name = " ".join(str(party.get("name") or "").split())
        inn = "".join(str(party.get("inn") or "").split())
        ogrn = "".join(str(party.get("ogrn") or "").split())
        if not name and not inn and not ogrn:
            problems.append(_("Party %(n)d: give a name, an INN or an OGRN.") % {"n": number})
            continue
        if (inn and (not inn.isdigit() or len(inn) not in (10, 12))) or (
            ogrn and (not ogrn.isdigit() or len(ogrn) not in (13, 15))
        ):
            problems.append(_("Party %(n)d: an INN has 10 or 12 digits, an OGRN 13 or 15.") % {"n": number})
            continue
        cleaned.append(Searched(name, inn, ogrn, party.get("role", ""), party.get("kind")))
    if problems:
        raise ValidationError(fields={"parties": problems})
    return cleaned


@transaction.atomic
def conflict_check_run(*, by, parties, purpose=ConflictCheck.Purpose.ADHOC, intake=None, exclude_client_id=None):
    """Search every party, record the check with its hits, and return it."""
    if purpose == ConflictCheck.Purpose.ADHOC and not may_run_conflict_checks(by):
        raise NotPermitted(_("Conflict checks are run by partners and lead specialists."))
    searched = _clean(parties)
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TRIGRAM_THRESHOLD)])
    hits = [hit for s in searched for hit in find_hits(s, exclude_client_id=exclude_client_id)]
    elapsed = int((time.perf_counter() - started) * 1000)
    check = ConflictCheck.objects.create(
        purpose=purpose,
        intake=intake,
        searched=[{"name": s.name, "inn": s.inn, "ogrn": s.ogrn, "role": s.role} for s in searched],
        outcome=ConflictCheck.Outcome.HITS if hits else ConflictCheck.Outcome.CLEAR,
        blocking=any(h["blocking"] for h in hits),
        created_by=by,
        duration_ms=elapsed,
    )
    ConflictHit.objects.bulk_create([ConflictHit(conflict_check=check, **hit) for hit in hits])
    return check


def index_client(client: Client) -> None:
    """Store the client's search key (its full name; the short name normalises to the same words)."""
    key = search_key(client.name)
    Client.objects.filter(pk=client.pk).update(search_key=key[:500])
    client.search_key = key[:500]


def index_party(party: Party) -> None:
    key = search_key(party.name)
    Party.objects.filter(pk=party.pk).update(search_key=key[:500])
    party.search_key = key[:500]
