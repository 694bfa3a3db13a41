"""The conflict check (rule 13) at the service level: who is found, what blocks, what is recorded.

Every test runs on SQLite (rapidfuzz over the stored keys) and on PostgreSQL (pg_trgm `%` and `%>`
over the GIN-indexed keys): the same data must give the same hits on both.
"""

import pytest

from clients.matching import search_key
from clients.models import Client, ConflictCheck, ConflictHit, Intake, Party, PartyKey, PartyRole
from clients.services import candidates
from clients.services.conflicts import conflict_check_run, index_party, party_keys_sync
from clients.services.intake import intake_new_client, intake_new_matter, intake_request_matter
from core.errors import NotPermitted, ValidationError
from tests import factories as f
from tests import factories_intake as fi

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return f.PartnerFactory()


@pytest.fixture
def lead():
    return f.LeadFactory()


def adhoc(by, *names, **numbers):
    parties = [{"name": n} for n in names] or [{"name": ""}]
    if numbers:
        parties[0].update(numbers)
    return conflict_check_run(by=by, parties=parties)


def hits_of(check):
    return list(ConflictHit.objects.filter(conflict_check=check))


# --- who is found -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "searched", "reason"),
    [
        ("Иванов Иван Иванович", "IVANOV IVAN IVANOVICH", "transliteration"),
        ("Иванов Иван Иванович", "Иван Иванович Иванов", "different word order"),
        ("Петров Павел Сергеевич", "Петров П. С.", "initials"),
        ("Петров Павел Сергеевич", "Петров П.", "initials"),
        ("Иванов Иван Иванович", "Иванова Ивана Ивановича", "inflected"),
        ("ООО «Ромашка»", "ООО «Ромашки»", "inflected"),
        ("ООО «Ромашка»", "Romashka LLC", "transliteration"),
        ("Смирнов Алексей Петрович", "Смринов Алексей Петрович", "typo"),
        ("Щукин Юрий Андреевич", "Shchukin Iurii", "transliteration"),
    ],
)
def test_a_check_finds_a_party_however_its_name_is_written(partner, stored, searched, reason):
    client = fi.organisation("ООО «Альфа»")
    matter = fi.matter_with(client, stored)
    check = adhoc(partner, searched)
    [hit] = hits_of(check)
    assert (hit.matched_name, hit.matched_role, hit.client_id, hit.matter_id) == (
        stored,
        PartyRole.OPPONENT,
        client.pk,
        matter.pk,
    )
    assert 0.6 <= hit.score <= 1.0
    assert check.outcome == ConflictCheck.Outcome.HITS


@pytest.mark.parametrize(
    ("stored", "searched"),
    [
        ("Иванов Иван Иванович", "Иванов Иван Петрович"),
        ("Иванов Иван Иванович", "Иванова Мария Ивановна"),
        ("ООО «Ромашка»", "ООО «Ромашка-Плюс»"),
        ("ООО «Вектор»", "ООО «Виктор»"),
        ("Иванов Иван Иванович", "Иванов"),  # a surname alone is a lead, not a hit
    ],
)
def test_a_check_does_not_confuse_different_people_and_companies(partner, stored, searched):
    fi.matter_with(fi.organisation("ООО «Альфа»"), stored)
    check = adhoc(partner, searched)
    assert hits_of(check) == []
    assert check.outcome == ConflictCheck.Outcome.CLEAR


@pytest.mark.parametrize(
    ("stored", "searched"),
    [
        ("ООО «Ромашка»", 'Общество с ограниченной ответственностью "Ромашка"'),
        ("Общество с ограниченной  ответственностью «Ромашка»", "Romashka LLC"),
        ("Limited Liability Company Romashka", "ООО «Ромашка»"),
        ("АО «Бета»", "Joint Stock Company Beta"),
        ("Закрытое акционерное общество «Бета»", "CJSC Beta"),
        ("ПАО «Газпром нефть»", "Public Joint Stock Company Gazprom Neft"),
        ("ИП Кузнецов Андрей Викторович", "Индивидуальный предприниматель Кузнецов А. В."),
        ("Индивидуальный предприниматель Кузнецов Андрей Викторович", "Individual Entrepreneur Kuznetsov Andrey"),
        ("ООО «Урал-Самоцветы»", "Уралсамоцветы"),
        ("Уралсамоцветы", "Урал Самоцветы"),
        ("Урал Самоцветы", "Uralsamotsvety"),
        ("ООО «Транснефтегаз»", "Trans-Nefte-Gaz LLC"),
        ("Trans-Nefte-Gaz", "TransNefteGaz"),
        ("TransNefteGaz", "Транс Нефте Газ"),
        # without the words written together in the stored key, word similarity 0.43 < 0.5: not a candidate
        ("Бел-Газ-Пром-Банк", "Белгазпромбанк"),
        ("Ак-Барс", "Акбарс"),
    ],
)
def test_a_check_finds_a_spelt_out_legal_form_and_a_compound_written_otherwise(partner, stored, searched):
    """Issue 9, through the candidate search of either database (pg_trgm on PostgreSQL) and the scorer."""
    client = fi.organisation("ООО «Омега»")
    matter = fi.matter_with(client, stored)
    [hit] = hits_of(adhoc(partner, searched))
    assert (hit.matched_name, hit.client_id, hit.matter_id) == (stored, client.pk, matter.pk)
    assert hit.score >= 0.6


@pytest.mark.parametrize(
    ("stored", "searched"),
    [
        ("Общество с ограниченной ответственностью «Ромашка»", "Общество с ограниченной ответственностью «Василёк»"),
        ("Joint Stock Company Beta", "Joint Stock Company Gamma"),
        ("ООО «Уралсамоцветы»", "ООО «Урал»"),
        ("ООО «Урал-Самоцветы»", "Самоцветы"),
        ("Транснефтегаз", "Транснефть"),
        ("Trans-Nefte-Gaz", "TransNefteGaz Service"),
    ],
)
def test_a_shared_legal_form_or_part_of_a_compound_is_no_hit(partner, stored, searched):
    fi.matter_with(fi.organisation("ООО «Омега»"), stored)
    assert hits_of(adhoc(partner, searched)) == []


def test_a_client_itself_is_found_not_only_parties(partner):
    client = fi.person("Соколова Наталья Викторовна")
    [hit] = hits_of(adhoc(partner, "Natalya Sokolova"))
    assert (hit.matched_role, hit.client_id, hit.matter_id, hit.party_id) == ("client", client.pk, None, None)
    assert "missing patronymic" in hit.reason and "transliteration" in hit.reason


def test_an_equal_inn_is_always_a_hit_whatever_the_name(partner):
    inn = fi.inn10()
    client = fi.organisation("ООО «Альфа»", inn=inn)
    [hit] = hits_of(adhoc(partner, "ООО «Совсем другое имя»", inn=inn))
    assert (hit.client_id, hit.matched_role, hit.score, hit.reason) == (client.pk, "client", 1.0, "same INN")


def test_an_equal_ogrn_of_a_party_is_a_hit_even_without_a_name(partner):
    ogrn = fi.ogrn13()
    matter = fi.matter_with(fi.organisation("ООО «Альфа»"), ("ООО «Бета»", PartyRole.OPPONENT, {"ogrn": ogrn}))
    [hit] = hits_of(adhoc(partner, ogrn=ogrn))
    assert (hit.matter_id, hit.reason, hit.query) == (matter.pk, "same OGRN", "")


def test_inn_and_name_matching_the_same_row_make_one_hit(partner):
    inn = fi.inn10()
    fi.organisation("ООО «Ромашка»", inn=inn)
    [hit] = hits_of(adhoc(partner, "Romashka LLC", inn=inn))
    assert hit.score == 1.0 and hit.reason == "same INN"


def test_a_refused_client_is_not_a_candidate(partner):
    fi.person("Сидоров Пётр Николаевич", status=Client.Status.REFUSED, inn=fi.inn12())
    refused = Client.objects.get(name="Сидоров Пётр Николаевич")
    assert hits_of(adhoc(partner, "Сидоров Петр Николаевич", inn=refused.inn)) == []


def test_a_party_typed_as_an_organisation_still_meets_a_person(partner):
    """The party's kind is a hint picked at intake: a person's name mislabelled must still be found."""
    client = fi.organisation("ООО «Альфа»")
    fi.matter_with(client, ("Кузнецов Андрей Викторович", PartyRole.OPPONENT, {"kind": "organisation"}))
    [hit] = hits_of(adhoc(partner, "Кузнецов А. В."))
    assert hit.matched_name == "Кузнецов Андрей Викторович"


def _bulk_parties(matter, names):
    """Parties written as a bulk load would write them (around index_party), then the names searched synced."""
    rows = [Party(matter=matter, role=PartyRole.OPPONENT, name=n, search_key=search_key(n)) for n in names]
    Party.objects.bulk_create(rows)
    party_keys_sync()
    return rows


def test_initials_find_their_namesake_among_hundreds_of_the_same_surname(partner):
    """More Petrovs than the candidate cut (200 names): the initials decide which ones come first."""
    matter = fi.matter_with(fi.organisation("ООО «Альфа»"))
    given = ["Иван", "Андрей", "Дмитрий", "Михаил", "Олег", "Игорь", "Николай", "Константин", "Виктор", "Алексей"]
    given += ["Борис", "Григорий", "Евгений", "Кирилл", "Роман", "Семён", "Тимофей", "Фёдор", "Юрий", "Яков"]
    patronymics = ["Иванович", "Андреевич", "Дмитриевич", "Михайлович", "Олегович", "Игоревич"]
    patronymics += ["Борисович", "Григорьевич", "Евгеньевич", "Кириллович", "Романович"]
    names = [f"Петров {g} {p}" for g in given for p in patronymics]
    _bulk_parties(matter, [*names, "Петров Павел Сергеевич"])
    assert PartyKey.objects.count() > candidates.CANDIDATES_PER_NAME
    found = {h.matched_name for h in hits_of(adhoc(partner, "Петров П. С."))}
    assert found == {"Петров Павел Сергеевич"}


def test_every_party_of_a_name_is_found_however_many_share_it(partner):
    """The cut is of distinct names: more parties of one name than the cut are all hits, each its own."""
    matter = fi.matter_with(fi.organisation("ООО «Альфа»"))
    rows = _bulk_parties(matter, ["ООО «Ромашка»"] * (candidates.CANDIDATES_PER_NAME + 50) + ["ООО «Василёк»"])
    hits = hits_of(adhoc(partner, "Romashka LLC"))
    assert sorted(h.party_id for h in hits) == sorted(r.pk for r in rows[:-1])


def test_the_names_searched_follow_the_parties(partner):
    """index_party adds a name at once; party_keys_sync drops the names no party has any more and adds
    those written around index_party (nightly, and by reindex_conflict_keys)."""
    matter = fi.matter_with(fi.organisation("ООО «Альфа»"), "ООО «Вектор»", "ООО «Гранит»")
    assert set(PartyKey.objects.values_list("search_key", flat=True)) >= {"vektor", "granit"}
    vector = Party.objects.get(name="ООО «Вектор»")
    vector.name = "ООО «Сокол»"
    vector.save()
    index_party(vector)  # as the admin does after a change
    Party.objects.filter(name="ООО «Гранит»").delete()
    stray = Party.objects.create(matter=matter, role=PartyRole.OPPONENT, name="ООО «Кедр»", search_key="kedr")
    assert {"vektor", "granit", "sokol"} <= set(PartyKey.objects.values_list("search_key", flat=True))
    assert party_keys_sync() == {"added": 1, "dropped": 2}
    assert set(PartyKey.objects.values_list("search_key", flat=True)) == set(
        Party.objects.exclude(search_key="").values_list("search_key", flat=True)
    )
    assert [h.party_id for h in hits_of(adhoc(partner, "Kedr LLC"))] == [stray.pk]
    assert hits_of(adhoc(partner, "ООО «Вектор»")) == []
    assert party_keys_sync() == {"added": 0, "dropped": 0}


def test_probe_initials_skip_the_searched_words_themselves():
    from clients.matching import normalise_name

    probe = candidates.probe(normalise_name("Петров П."))
    assert probe.key == "petrov"
    [pattern] = probe.initials
    import re

    assert re.search(pattern, "pavel petrov sergeevich")
    assert not re.search(pattern, "ivan petrov sergeevich")  # "petrov" itself starts with p


# --- what blocks ------------------------------------------------------------------------------------


def test_a_new_client_who_is_an_existing_clients_opponent_blocks_intake(partner):
    existing = fi.organisation("ООО «Альфа»")
    matter = fi.matter_with(existing, "ООО «Вектор»")
    intake = intake_new_client(by=partner, client=fi.requisites("Общество с ограниченной ответственностью «Вектор»"))
    assert intake.status == Intake.Status.BLOCKED
    assert intake.matter is None
    assert Client.objects.get(pk=intake.client_id).status == Client.Status.INTAKE
    check = intake.checks.get()
    assert (check.purpose, check.blocking, check.created_by) == (ConflictCheck.Purpose.NEW_CLIENT, True, partner)
    [hit] = hits_of(check)
    assert (hit.query_role, hit.matched_role, hit.client_id, hit.matter_id, hit.blocking) == (
        "client",
        "opponent",
        existing.pk,
        matter.pk,
        True,
    )


def test_an_existing_client_as_the_new_matters_opponent_blocks_intake(partner, lead):
    existing = fi.person("Иванов Иван Иванович")
    intake = intake_new_client(
        by=partner,
        client=fi.requisites("ООО «Новый»"),
        title="Взыскание долга",
        lead=lead,
        parties=[{"name": "Ivanov I. I.", "role": "opponent", "kind": "person"}],
    )
    assert intake.status == Intake.Status.BLOCKED
    [hit] = hits_of(intake.checks.get())
    assert (hit.query_role, hit.matched_role, hit.client_id, hit.matter_id, hit.blocking) == (
        "opponent",
        "client",
        existing.pk,
        None,
        True,
    )


def test_a_new_opponent_who_is_an_existing_clients_director_blocks_intake(partner, lead):
    existing = fi.organisation("ООО «Альфа»")
    fi.matter_with(existing, ("Орлов Дмитрий Сергеевич", PartyRole.RELATED, {"note": "директор"}))
    intake = intake_new_client(
        by=partner,
        client=fi.requisites(),
        title="Спор",
        lead=lead,
        parties=[{"name": "Орлов Д. С.", "role": "opponent"}],
    )
    assert intake.status == Intake.Status.BLOCKED


def test_two_opponents_of_different_clients_do_not_block(partner, lead):
    """The firm is not against its client when the new matter's opponent is also somebody else's opponent."""
    fi.matter_with(fi.organisation("ООО «Альфа»"), "ООО «Вектор»")
    intake = intake_new_client(
        by=partner, client=fi.requisites(), title="Спор", lead=lead, parties=[{"name": "ООО Вектор"}]
    )
    assert intake.status == Intake.Status.OPENED
    check = intake.checks.get()
    assert (check.outcome, check.blocking) == (ConflictCheck.Outcome.HITS, False)
    [hit] = hits_of(check)
    assert (hit.matched_role, hit.query_role, hit.blocking) == ("opponent", "opponent", False)


def test_a_third_party_hit_is_shown_but_does_not_block(partner, lead):
    existing = fi.organisation("ООО «Альфа»")
    intake = intake_new_client(
        by=partner,
        client=fi.requisites(),
        title="Спор",
        lead=lead,
        parties=[{"name": "ООО «Альфа»", "role": "third_party"}],
    )
    assert intake.status == Intake.Status.OPENED
    [hit] = hits_of(intake.checks.get())
    assert (hit.client_id, hit.blocking) == (existing.pk, False)


def test_an_equal_inn_blocks_when_the_roles_oppose(partner):
    inn = fi.inn10()
    existing = fi.organisation("ООО «Альфа»")
    fi.matter_with(existing, ("ООО «Старое имя»", PartyRole.OPPONENT, {"inn": inn}))
    intake = intake_new_client(by=partner, client=fi.requisites("ООО «Новое имя»", inn=inn))
    assert intake.status == Intake.Status.BLOCKED
    [hit] = hits_of(intake.checks.get())
    assert (hit.reason, hit.blocking, hit.client_id) == ("same INN", True, existing.pk)


def test_a_clients_own_records_are_not_a_conflict_with_itself(partner, lead):
    client = fi.organisation("ООО «Альфа»")
    fi.matter_with(client, "ООО «Вектор»", ("Орлов Дмитрий Сергеевич", PartyRole.RELATED))
    intake = intake_new_matter(
        by=partner,
        client=client,
        title="Второй спор с Вектором",
        lead=lead,
        parties=[{"name": "ООО «Вектор»"}, {"name": "Орлов Д. С.", "role": "opponent"}],
    )
    assert intake.status == Intake.Status.OPENED
    assert intake.checks.get().outcome == ConflictCheck.Outcome.CLEAR


def test_an_ad_hoc_check_never_blocks_anything(partner):
    fi.matter_with(fi.organisation("ООО «Альфа»"), "ООО «Вектор»")
    check = adhoc(partner, "ООО «Вектор»")
    assert (check.purpose, check.outcome, check.blocking, check.intake) == ("adhoc", "hits", False, None)


# --- who may run a check, and what it takes -----------------------------------------------------------


@pytest.mark.parametrize("factory", [f.SecretaryFactory, f.SpecialistFactory, f.ClientUserFactory])
def test_only_partners_and_leads_run_ad_hoc_checks(factory):
    with pytest.raises(NotPermitted):
        adhoc(factory(), "ООО «Вектор»")
    assert not ConflictCheck.objects.exists()


def test_a_lead_runs_an_ad_hoc_check(lead):
    assert adhoc(lead, "ООО «Вектор»").created_by == lead


@pytest.mark.parametrize(
    ("parties", "message"),
    [
        ([], "at least one party"),
        ([{"name": f"ООО «Фирма {n}»"} for n in range(60)], "At most 50"),
        ([{"name": "ООО «Вектор»", "inn": "77O7O1234"}], "10 or 12 digits"),
        ([{"name": "ООО «Вектор»", "ogrn": "123"}], "OGRN 13 or 15"),
        ([{"name": ""}], "give a name, an INN or an OGRN"),
        ([{"name": "Я" * 501}], "at most 500"),
    ],
)
def test_bad_check_input_is_refused_and_nothing_is_recorded(partner, parties, message):
    with pytest.raises(ValidationError) as refused:
        conflict_check_run(by=partner, parties=parties)
    assert message in " ".join(str(m) for m in refused.value.fields["parties"])
    assert not ConflictCheck.objects.exists()


def test_the_check_records_what_was_searched_by_whom_and_how_long(partner):
    inn = fi.inn10()
    check = conflict_check_run(by=partner, parties=[{"name": "  ООО   «Вектор» ", "inn": f" {inn} "}])
    assert check.searched == [{"name": "ООО «Вектор»", "inn": inn, "ogrn": "", "role": ""}]
    assert check.created_by == partner and check.created_at is not None and check.duration_ms >= 0


def test_a_check_over_a_client_request_is_possible_before_the_client_has_users(partner, lead):
    client_user = f.ClientUserFactory()
    intake = intake_request_matter(
        client_user=client_user, title="Спор", description="Подробности", parties=[{"name": "ООО «Бета»"}]
    )
    assert intake.checks.count() == 0  # the firm runs the check when it takes the request up


# --- the index ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Иванов Иван Иванович", "Петров П. С."])
def test_postgresql_answers_the_candidate_query_from_the_trigram_index(name):
    """Both shapes of the candidate query (`%` for a name, `%>` for a lone surname) can use the GIN
    indexes of migrations 0003 (clients) and 0008 (the parties' keys): with sequential scans off, the
    plan must name them."""
    from django.db import connection, transaction

    from clients.matching import normalise_name

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    fi.matter_with(fi.organisation("ООО «Альфа»"), "Иванов Иван Иванович")
    with transaction.atomic(), connection.cursor() as cursor:
        candidates.set_thresholds(cursor)
        cursor.execute("SET LOCAL enable_seqscan = off")
        for qs, index in (
            (PartyKey.objects.all(), "partykey_search_key_trgm"),
            (Client.objects.all(), "client_search_key_trgm"),
        ):
            sql, params = candidates.near(qs, candidates.probe(normalise_name(name))).query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {index}" in plan, plan


@pytest.mark.parametrize(
    ("searched", "stored"),
    [
        ("Петроф П. С.", "Петров Павел Сергеевич"),
        ("Смирнав А. П.", "Смирнов Алексей Петрович"),
        ("Ivanof I. I.", "Иванов Иван Иванович"),
    ],
)
def test_a_surname_with_a_typo_and_initials_is_found_on_either_database(partner, searched, stored):
    fi.matter_with(fi.organisation("ООО «Альфа»"), stored)
    [hit] = hits_of(adhoc(partner, searched))
    assert hit.matched_name == stored and "typo" in hit.reason


def test_stale_search_keys_are_recomputed_by_the_command(partner):
    """The keys are stored: after a change to the normalisation, migration 0007 and the command
    `reindex_conflict_keys` recompute them (only the changed rows are written)."""
    from io import StringIO

    from django.core.management import call_command

    client = fi.organisation("ООО «Омега»")
    fi.matter_with(client, "Общество с ограниченной\nответственностью «Урал-Самоцветы»", "ООО «Вектор»")
    stale = Party.objects.get(name__contains="Самоцветы")
    # the key as the old normalisation stored it: legal form not cut over a line break, words not joined
    Party.objects.filter(pk=stale.pk).update(search_key="obshestvo ogranicheni otvetstvenost s samotsvet ural")
    Client.objects.filter(pk=client.pk).update(search_key="")
    out = StringIO()
    call_command("reindex_conflict_keys", batch_size=1, stdout=out)
    assert out.getvalue().strip() == "2 search keys recomputed."
    stale.refresh_from_db()
    client.refresh_from_db()
    assert (stale.search_key, client.search_key) == ("samotsvet ural uralsamotsvet", "omega")
    [hit] = hits_of(adhoc(partner, "Уралсамоцветы"))
    assert hit.party_id == stale.pk
