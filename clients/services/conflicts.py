"""Rule 13: before new work is accepted, every party is searched against every client and every party.

Candidates come from an index (clients.services.candidates: pg_trgm over the stored search keys on
PostgreSQL, rapidfuzz over the keys in memory on SQLite), then clients.matching scores each one
precisely. An INN or OGRN that matches is always a hit. The check is recorded as evidence and never
changed: this module creates checks and hits, nothing updates them.
"""

import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted, ValidationError

from ..access import allowed
from ..matching import THRESHOLD, match, normalise_name, search_key
from ..models import Client, ConflictCheck, ConflictHit, Party, PartyKey, PartyRole
from . import candidates

CLIENT = "client"
# The searched party stands with the (new) client, or against it.
OUR_SIDE = frozenset({CLIENT, PartyRole.CO_PARTY, PartyRole.RELATED})
THEIR_SIDE = frozenset({PartyRole.OPPONENT})
MAX_PARTIES = 50
MAX_NAME = 500


@dataclass(frozen=True)
class Searched:
    name: str
    inn: str = ""
    ogrn: str = ""
    role: str = ""  # "client" or a PartyRole when known (intake); empty for an ad hoc check
    kind: str | None = None  # only when certain (a client's recorded kind); otherwise guessed from the name


@dataclass(frozen=True)
class Candidate:
    name: str
    kind: str | None  # a client's recorded kind; None for a party (its kind is a hint typed at intake)
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
        Candidate(name, None, inn, ogrn, role, client_id, matter_id, pk)
        for pk, name, inn, ogrn, role, matter_id, client_id in qs.values_list(
            "pk", "name", "inn", "ogrn", "role", "matter_id", "matter__client_id"
        )
    ]


def _candidate_clients():
    """A refused client was never the firm's client: nobody to protect."""
    return Client.objects.exclude(status=Client.Status.REFUSED)


def _by_tax_numbers(searched: Searched) -> list[Candidate]:
    numbers = Q()
    if searched.inn:
        numbers |= Q(inn=searched.inn)
    if searched.ogrn:
        numbers |= Q(ogrn=searched.ogrn)
    if not numbers:
        return []
    return _client_candidates(_candidate_clients().filter(numbers)) + _party_candidates(Party.objects.filter(numbers))


def _by_name(probe: candidates.Probe) -> list[Candidate]:
    if probe.empty:
        return []
    # The nearest of the parties' distinct names first (PartyKey), then every party with one of them and
    # its matter's client: by key, for those few names only (joining every row the trigram index lets
    # through would cost more than the search itself).
    nearest = candidates.near(PartyKey.objects.all(), probe).values("search_key")
    return _client_candidates(candidates.near(_candidate_clients(), probe)) + _party_candidates(
        Party.objects.filter(search_key__in=nearest).order_by()
    )


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
    # The stored keys are computed without a kind (index_client, index_party): the probe's too.
    name = normalise_name(searched.name, kind=searched.kind) if searched.name else None
    if name is not None and not name.is_empty:
        probe = candidates.probe(name if searched.kind is None else normalise_name(searched.name))
        for candidate in _by_name(probe):
            result = match(name, candidate.name, kind_b=candidate.kind)
            if result is not None and result.score >= THRESHOLD:
                add(candidate, result.score, result.reason)
    return sorted(found.values(), key=lambda h: (not h["blocking"], -h["score"], h["matched_name"]))


def _clean(parties, *, allow_empty: bool = False) -> list[Searched]:
    if not parties:
        if allow_empty:
            return []  # a new matter with nobody else in it: recorded as checked, clear
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
        if len(name) > MAX_NAME:
            problems.append(_("Party %(n)d: a name of at most 500 characters.") % {"n": number})
            continue
        if (inn and (not inn.isdigit() or len(inn) not in (10, 12))) or (
            ogrn and (not ogrn.isdigit() or len(ogrn) not in (13, 15))
        ):
            problems.append(_("Party %(n)d: an INN has 10 or 12 digits, an OGRN 13 or 15.") % {"n": number})
            continue
        kind = party.get("kind") if party.get("kind") in (Client.Kind.PERSON, Client.Kind.ORGANISATION) else None
        cleaned.append(Searched(name, inn, ogrn, party.get("role") or "", kind))
    if problems:
        raise ValidationError(fields={"parties": problems})
    return cleaned


@transaction.atomic
def conflict_check_run(*, by, parties, purpose=ConflictCheck.Purpose.ADHOC, intake=None, exclude_client_id=None):
    """Search every party, record the check with its hits, and return it.

    `parties`: dicts of name, inn, ogrn, and at intake the role ("client" or a PartyRole) and the kind
    when it is certain (a client's). An ad hoc check (no role) never blocks anything.
    """
    if purpose == ConflictCheck.Purpose.ADHOC and not allowed(by, ConflictCheck, "run"):
        raise NotPermitted(_("Conflict checks are run by partners and lead specialists."))
    searched = _clean(parties, allow_empty=purpose != ConflictCheck.Purpose.ADHOC)
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            candidates.set_thresholds(cursor)
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
    key = search_key(client.name)[:MAX_NAME]
    Client.objects.filter(pk=client.pk).update(search_key=key)
    client.search_key = key


def index_party(party: Party) -> None:
    """Store the party's search key, and the key among the names the conflict check searches (PartyKey)."""
    key = search_key(party.name)[:MAX_NAME]
    Party.objects.filter(pk=party.pk).update(search_key=key)
    party.search_key = key
    if key:
        PartyKey.objects.bulk_create([PartyKey(search_key=key)], ignore_conflicts=True)


@transaction.atomic
def party_keys_sync() -> dict[str, int]:
    """Make PartyKey the parties' distinct search keys again: add the missing, drop those no party has.

    index_party adds keys as parties are written; a party renamed or deleted (the admin, a matter
    deleted with its parties) leaves its old key behind, and rows written around index_party (a
    bulk load) have none. Run nightly (clients.tasks.party_keys_sync) and by reindex_conflict_keys.
    On PostgreSQL the parties are locked against writes meanwhile (SHARE mode waits for the
    transactions writing them and holds new ones back): otherwise a key could be dropped as orphaned
    while a transaction not yet committed was adding a party with it, and that party would never be found.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Party._meta.db_table} IN SHARE MODE")
    used = Party.objects.filter(search_key=OuterRef("search_key"))
    dropped, _by_model = PartyKey.objects.filter(~Exists(used)).delete()
    known = PartyKey.objects.filter(search_key=OuterRef("search_key"))
    missing = (
        Party.objects.exclude(search_key="").filter(~Exists(known)).values_list("search_key", flat=True).distinct()
    )
    added = len(
        PartyKey.objects.bulk_create(
            (PartyKey(search_key=key) for key in missing.order_by().iterator(chunk_size=5000)),
            ignore_conflicts=True,
            batch_size=5000,
        )
    )
    return {"added": added, "dropped": dropped}


def reindex_search_keys(*models, batch_size: int = 1000) -> int:
    """Recompute the stored search key of every client and party whose key the current normalisation
    (clients.matching.search_key) computes differently; returns how many rows changed.

    Run it after every change to the normalisation (the keys are stored, and the trigram index is over
    them): migration 0007 does, and so does ``manage.py reindex_conflict_keys``. `models` are Client
    and Party by default; a migration passes its historical versions. Rows are read in batches by
    primary key and only the changed keys are written.
    """
    changed = 0
    for model in models or (Client, Party):
        rows = model._base_manager.order_by("pk")
        last = None
        while True:
            batch = list(
                (rows if last is None else rows.filter(pk__gt=last)).values_list("pk", "name", "search_key")[
                    :batch_size
                ]
            )
            if not batch:
                break
            last = batch[-1][0]
            stale = []
            for pk, name, key in batch:
                fresh = search_key(name)[:MAX_NAME]
                if fresh != key:
                    stale.append(model(pk=pk, search_key=fresh))
            model._base_manager.bulk_update(stale, ["search_key"])
            changed += len(stale)
    return changed
