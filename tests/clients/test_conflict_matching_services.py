"""Name matching for the conflict check (rule 13): what must meet, what must not, and the search key."""

import re
import time

import pytest

from clients.matching import THRESHOLD, NormalisedName, match, normalise_name, search_key

# (a, b, id) — the same person or company, however written.
SAME = [
    # persons, Russian
    ("ИВАНОВ ИВАН ИВАНОВИЧ", "Иванов Иван Иванович", "case"),
    ("Соловьёв Пётр Алексеевич", "Соловьев Петр Алексеевич", "yo-e"),
    ("Иван Иванович Иванов", "Иванов Иван Иванович", "word-order"),
    ("Иванов И. И.", "Иван Иванович Иванов", "initials-after-surname"),
    ("И.И. Иванов", "Иванов Иван Иванович", "initials-before-surname"),
    ("Иванов И.И.", "Иванов Иван Иванович", "initials-no-spaces"),
    ("Иванов ИИ", "Иванов Иван Иванович", "initials-undotted"),
    ("Петров П.", "Петров Павел Сергеевич", "one-initial"),
    ("Иванов Иван", "Иванов Иван Иванович", "missing-patronymic"),
    ("Ивонов Иван Иванович", "Иванов Иван Иванович", "typo-1"),
    ("Смринов Алексей Петрович", "Смирнов Алексей Петрович", "typo-transposition"),
    ("Ходарковски Михаил Борисович", "Ходорковский Михаил Борисович", "typo-2"),
    ("Иванова Ивана Ивановича", "Иванов Иван Иванович", "genitive-masculine"),
    ("Петровой Анне Сергеевне", "Петрова Анна Сергеевна", "dative-feminine"),
    ("Сидоровым Петром Николаевичем", "Сидоров Петр Николаевич", "instrumental"),
    ("Иванову И. И.", "Иванов Иван Иванович", "dative-with-initials"),
    ("ИП Кузнецов Андрей Викторович", "Кузнецов Андрей Викторович", "sole-trader"),
    ("Римский-Корсаков Николай Андреевич", "Николай Андреевич Римский-Корсаков", "double-surname"),
    # persons, Latin and across scripts
    ("IVANOV IVAN IVANOVICH", "Иванов Иван Иванович", "passport-caps"),
    ("Ivanov I.I.", "Иван Иванович Иванов", "latin-initials"),
    ("Ivanov Ivan", "Иванов Иван Иванович", "latin-missing-patronymic"),
    ("Shchukin Iurii", "Щукин Юрий", "icao"),
    ("Yury Shchukin", "Щукин Юрий", "bgn-wikipedia"),
    ("Shhukin Yurij", "Щукин Юрий", "gost-779-b"),
    ("Ščukin Jurij", "Щукин Юрий", "scientific"),
    ("Schukin Yuriy", "Щукин Юрий", "informal-sch"),
    ("Aleksandr Zhukov", "Жуков Александр", "zhukov"),
    ("Alexander Jukov", "Жуков Александр", "jukov-alexander"),
    ("Žukov Aleksandr", "Жуков Александр", "zukov-caron"),
    ("Natalia Sokolova", "Соколова Наталья", "natalia"),
    ("Natalya Sokolova", "Соколова Наталья", "natalya"),
    ("Nataliya Sokolova", "Соколова Наталья", "nataliya"),
    ("Khodorkovsky Mikhail", "Ходорковский Михаил", "khodorkovsky"),
    ("Hodorkovskiy Mihail", "Ходорковский Михаил", "hodorkovskiy"),
    ("Chodorkowski Michail", "Ходорковский Михаил", "chodorkowski"),
    ("Yevgeny Solovyov", "Соловьёв Евгений", "yevgeny-solovyov"),
    ("Evgenii Solovev", "Соловьев Евгений", "evgenii-solovev"),
    ("Tsoi Viktor Robertovich", "Цой Виктор Робертович", "tsoi"),
    ("Maria Petrova", "Petrova Mariya", "latin-latin"),
    ("Ivonov Ivan Ivanovich", "Ivanov Ivan Ivanovich", "latin-typo"),
    ("Pyotr Fyodorov", "Фёдоров Пётр", "yo-latin"),
    ("Xasanov Ruslan", "Хасанов Руслан", "gost-779-b-x"),
    ("Tschaikowski Pjotr Iljitsch", "Чайковский Пётр Ильич", "german"),
    ("Ivanov E. P.", "Yevgeny Petrovich Ivanov", "latin-initial-e-for-ye"),
    ("IP Ivanov Ivan Ivanovich", "ИП Иванов Иван Иванович", "sole-trader-latin"),
    # organisations
    ("ООО «Ромашка»", "Romashka LLC", "org-translit-legal-form"),
    ("ООО «Ромашка»", 'Общество с ограниченной ответственностью "Ромашка"', "org-legal-form-spelt-out"),
    ("ООО «Ромашки»", "ООО «Ромашка»", "org-genitive"),
    ("ООО «Ромашка»", "ООО Ромашка", "org-no-quotes"),
    ("ООО „Вектор“", 'ООО "Вектор"', "org-other-quotes"),
    ("ООО «Ромашка»", "Romaska LLC", "org-typo-translit"),
    ("ООО «Ромашка»", "Ромашка", "org-legal-form-missing"),
    ("АО «Альфа»", "JSC Alfa", "org-jsc"),
    ("ЗАО «Бета»", "CJSC Beta", "org-cjsc"),
    ("ПАО «Газпром нефть»", "PJSC Gazprom Neft", "org-two-words"),
    ("ООО «Северной звезды»", "ООО «Северная звезда»", "org-genitive-adjective"),
    ("Общества с ограниченной ответственностью «Север»", "ООО «Север»", "org-legal-form-genitive"),
    ("Romashka GmbH", "ООО «Ромашка»", "org-gmbh"),
    ("ООО «СтройИнвест»", "ООО «Стройинвест»", "org-case"),
    ("АльфаБанк", "Альфа-Банк", "org-hyphenation"),
    ("Trading House Romashka", "Romashka Trading House", "org-word-order"),
    ("ООО «Pомашка»", "ООО «Ромашка»", "org-homoglyph"),
    ("ООО «Рога и копыта»", "Roga i Kopyta LLC", "org-inflected-word-translit"),
    ("ООО «Технологии»", "ООО «Техналогии»", "org-typo"),
    # organisations: legal forms spelt out (issue 9), in Russian, English and Latin letters
    ('Общество с ограниченной ответственностью "Ромашка"', "ООО Ромашка", "llc-spelt-out-unquoted"),
    ("Обществом с ограниченной ответственностью «Ромашка»", "ООО «Ромашка»", "llc-spelt-out-instrumental"),
    ("Обществу  с ограниченной\nответственностью «Ромашка»", "ООО «Ромашка»", "llc-spelt-out-odd-spacing"),
    ("Limited Liability Company Romashka", "Romashka LLC", "llc-english-spelt-out"),
    ('Limited Liability Company "Romashka"', "ООО «Ромашка»", "llc-english-vs-russian"),
    ("Romashka Limited Liability Company", "Общество с ограниченной ответственностью «Ромашка»", "llc-both-spelt-out"),
    ("Obshchestvo s ogranichennoy otvetstvennost'yu «Romashka»", "ООО «Ромашка»", "llc-transliterated"),
    ("Товарищество с ограниченной ответственностью «Алтын»", "ТОО «Алтын»", "too-spelt-out"),
    ("Акционерное общество «Альфа»", "АО «Альфа»", "jsc-spelt-out"),
    ("Акционерному обществу «Альфа»", "АО Альфа", "jsc-spelt-out-dative"),
    ("Непубличное акционерное общество «Альфа»", "АО «Альфа»", "jsc-non-public"),
    ("Joint Stock Company Alfa", "АО «Альфа»", "jsc-english"),
    ("Alfa Joint-Stock Co.", "Акционерное общество «Альфа»", "jsc-english-co"),
    ("Aktsionernoe obshchestvo «Alfa»", "АО «Альфа»", "jsc-transliterated"),
    ("Публичное акционерное общество «Газпром нефть»", "ПАО «Газпром нефть»", "pjsc-spelt-out"),
    ("Публичного акционерного общества «Газпром нефть»", "PJSC Gazprom Neft", "pjsc-genitive-vs-english"),
    ("Public Joint Stock Company Gazprom Neft", "ПАО «Газпром нефть»", "pjsc-english"),
    ("Закрытое акционерное общество «Бета»", "ЗАО «Бета»", "cjsc-spelt-out"),
    ("Closed Joint-Stock Company Beta", "Закрытым акционерным обществом «Бета»", "cjsc-english-vs-instrumental"),
    ("Открытое акционерное общество «Бета»", "ОАО «Бета»", "ojsc-spelt-out"),
    ("Open Joint Stock Company Beta", "OJSC Beta", "ojsc-english"),
    ("Индивидуальный предприниматель Кузнецов Андрей Викторович", "ИП Кузнецов А. В.", "sole-trader-spelt-out"),
    (
        "Индивидуального предпринимателя Кузнецова Андрея Викторовича",
        "ИП Кузнецов Андрей Викторович",
        "sole-trader-gen",
    ),
    ("Индивидуальным предпринимателем Кузнецовым Андреем", "Кузнецов Андрей Викторович", "sole-trader-instrumental"),
    ("Individual Entrepreneur Kuznetsov Andrey Viktorovich", "ИП Кузнецов Андрей Викторович", "sole-trader-english"),
    ("Individual Entrepreneur Kuznetsov A. V.", "Индивидуальный предприниматель Кузнецов Андрей", "sole-trader-both"),
    # organisations: a compound name written together, hyphenated or spaced (issue 9)
    ("Уралсамоцветы", "Урал-Самоцветы", "compound-joined-hyphenated"),
    ("Уралсамоцветы", "Урал Самоцветы", "compound-joined-spaced"),
    ("ООО «Урал-Самоцветы»", "Общество с ограниченной ответственностью «Урал Самоцветы»", "compound-hyphen-space"),
    ("АО «Уралсамоцветов»", "АО «Урал-Самоцветы»", "compound-inflected"),
    ("Uralsamotsvety LLC", "ООО «Урал-Самоцветы»", "compound-translit-joined"),
    ("Ural-Samotsvety", "Уралсамоцветы", "compound-translit-hyphenated"),
    ("TransNefteGaz", "Trans-Nefte-Gaz", "compound-latin-three-parts"),
    ("Trans Nefte Gaz LLC", "ООО «ТрансНефтеГаз»", "compound-latin-spaced-vs-cyrillic"),
    ("Транс-Нефте-Газ", "TransNefteGaz", "compound-cyrillic-hyphenated-vs-latin"),
    ("Транс-Нефтегаз", "Транснефте-Газ", "compound-hyphen-moved"),
    ("ООО «Урал-Самоцветы Плюс»", "ООО «Уралсамоцветы Плюс»", "compound-and-another-word"),
    ("Бел-Газ-Пром-Банк", "Белгазпромбанк", "compound-four-parts"),
]

# (a, b, id) — similar-looking but different people and companies.
DIFFERENT = [
    ("Иванов Иван Иванович", "Иванов Иван Петрович", "other-patronymic"),
    ("Иванов И. П.", "Иванов Иван Иванович", "other-patronymic-initial"),
    ("Петров П. И.", "Петров Иван Петрович", "initials-swapped"),
    ("Иванов Иван Иванович", "Иванов Игорь Иванович", "other-first-name"),
    ("Сидоров П. Н.", "Сидоров Иван Николаевич", "other-first-initial"),
    ("Сидоров Петр Николаевич", "Сидоров Павел Николаевич", "petr-pavel"),
    ("Смирнов Алексей Петрович", "Смирнов Алексей Павлович", "other-patronymic-2"),
    ("Смирнова Мария", "Смирнова Марина", "maria-marina"),
    ("Ivanova Maria", "Ivanova Marina", "maria-marina-latin"),
    ("Иванова Мария Ивановна", "Иванов Иван Иванович", "other-gender"),
    ("Иванова Мария", "Иванов Мария", "surname-gender"),
    ("Иванова Анна", "Иванов Андрей", "other-gender-2"),
    ("Petrov Ivan", "Petrova Irina", "petrov-petrova"),
    ("Александров Александр", "Александрова Александра", "alexander-alexandra"),
    ("Евгений Смирнов", "Евгения Смирнова", "evgeny-evgenia"),
    ("Zhukov Aleksandr", "Zhukova Aleksandra", "zhukov-zhukova"),
    ("Иванов Иван Иванович", "Иванов Иван Ивановна", "patronymic-gender"),
    ("Сергеев Олег", "Сергеенко Олег", "sergeev-sergeenko"),
    ("Шевчук Анна", "Шевченко Анна", "shevchuk-shevchenko"),
    ("Иванов Иван Иванович", "Ивановский Иван Иванович", "ivanov-ivanovsky"),
    ("Федоров Алексей", "Федотов Алексей", "two-real-surnames"),
    ("Сергеева Анна", "Сергеев Анатолий", "sergeeva-sergeev"),
    ("Yana Ivanova", "Анна Иванова", "yana-anna"),
    ("Petrov Ivan Ivanovich", "Petrov Ivan Ilyich", "latin-other-patronymic"),
    ("Ivanov I. P.", "Ivan Ivanovich Ivanov", "latin-other-initial"),
    ("Ivan Petrov", "Petr Ivanov", "ivan-petrov-petr-ivanov"),
    ("Иванов", "Иванов Иван Иванович", "surname-only"),
    ("Петров Иван", "Иван Петрович", "no-surname"),
    ("ООО «Ромашка»", "ООО «Ромашка-Плюс»", "org-extra-word"),
    ("Альфа", "Альфа-Банк", "alfa-alfa-bank"),
    ("ООО «Вектор»", "ООО «Вектор-М»", "org-extra-letter"),
    ("ООО «Вектор-1»", "ООО «Вектор-2»", "org-other-number"),
    ("ООО «Ромашка»", "ООО «Василёк»", "org-other-name"),
    ("ООО «Северная звезда»", "ООО «Южная звезда»", "org-other-adjective"),
    ("Romashka LLC", "Romashka Plus LLC", "org-latin-extra-word"),
    ("ООО «Альфа»", "ООО «Бета»", "alfa-beta"),
    ("АО «Газпром»", "ПАО «Газпром нефть»", "gazprom-gazprom-neft"),
    ("ООО «Стройинвест»", "ООО «Стройинвест-Групп»", "org-group"),
    ("ООО «Ромашка»", "Ромашкин Иван", "company-vs-person"),
    ("ИП Иванов Иван Иванович", "ООО «Иванов»", "sole-trader-vs-company"),
    ("ООО «Техно»", "ООО «Технология»", "techno-technology"),
    ("ООО «Мир»", "ООО «Мирра»", "short-name"),
    ("Сбербанк", "Сбер", "sber"),
    ("ООО «Лукойл»", "ООО «Лукойл-Коми»", "lukoil-komi"),
    ("ООО «Альфа»", "ООО «Альта»", "short-names-one-letter-apart"),
    ("ООО «Вектор»", "ООО «Виктор»", "two-real-words"),
    ("ООО «Вектор»", "Viktor LLC", "two-real-words-translit"),
    ("ООО «ТД Вектор»", "Вектор", "org-extra-abbreviation"),
    ("Иванов", "Иванов И.", "surname-vs-surname-and-initial"),
    # the same legal form spelt out, different companies or people (issue 9)
    (
        "Общество с ограниченной ответственностью «Ромашка»",
        "Общество с ограниченной ответственностью «Василёк»",
        "llc-other",
    ),
    ("Limited Liability Company Romashka", "Limited Liability Company Vasilek", "llc-english-other-name"),
    ("Limited Liability Company Romashka", "Limited Liability Company Romashka Plus", "llc-english-extra-word"),
    ("Акционерное общество «Альфа»", "Акционерное общество «Бета»", "jsc-spelt-out-other-name"),
    ("Joint Stock Company Alfa", "Joint Stock Company Alfa-Bank", "jsc-english-extra-word"),
    ("Публичное акционерное общество «Газпром»", "Публичное акционерное общество «Газпром нефть»", "pjsc-extra-word"),
    ("Закрытое акционерное общество «Бета»", "Закрытое акционерное общество «Вета»", "cjsc-one-letter"),
    ("Индивидуальный предприниматель Иванов Иван Иванович", "ИП Иванов Иван Петрович", "sole-trader-patronymic"),
    ("Individual Entrepreneur Ivanov Ivan", "Individual Entrepreneur Ivanova Irina", "sole-trader-english-other"),
    ("Индивидуальный предприниматель Иванов Иван", "Общество с ограниченной ответственностью «Иванов»", "ip-vs-llc"),
    ("Limited Liability Company Ivanov", "Ivanov Ivan", "llc-english-vs-person"),
    ("Общество охотников и рыболовов", "ООО «Охотник»", "society-is-not-a-legal-form"),
    # a compound and a part of it, or another compound (issue 9)
    ("ООО «Урал»", "ООО «Уралсамоцветы»", "compound-first-part-joined"),
    ("ООО «Урал»", "ООО «Урал-Самоцветы»", "compound-first-part-hyphenated"),
    ("Самоцветы", "Урал Самоцветы", "compound-last-part"),
    ("Уралсамоцветы", "Урал-Самоцветы-Плюс", "compound-extra-part"),
    ("Транснефть", "Транснефтегаз", "compound-prefix"),
    ("Trans-Nefte-Gaz", "Trans-Nefte-Prom", "compound-other-last-part"),
    ("TransNefteGaz", "TransNefteGaz Service", "compound-extra-word"),
    ("Альфа Бета", "Альфавета", "compound-one-letter"),
    ("Шукин Групп", "Щукингрупп", "compound-sh-shch"),
]


def _is_hit(a, b):
    result = match(a, b)
    return result is not None and result.score >= THRESHOLD, result


@pytest.mark.parametrize(("a", "b"), [(a, b) for a, b, _ in SAME], ids=[i for *_, i in SAME])
def test_same_names_match(a, b):
    hit, result = _is_hit(a, b)
    assert hit, f"{a!r} ~ {b!r}: {result}"
    assert result.reason
    assert match(b, a).score == pytest.approx(result.score), "matching is symmetric"


@pytest.mark.parametrize(("a", "b"), [(a, b) for a, b, _ in DIFFERENT], ids=[i for *_, i in DIFFERENT])
def test_different_names_do_not_match(a, b):
    for x, y in ((a, b), (b, a)):
        hit, result = _is_hit(x, y)
        assert not hit, f"{x!r} !~ {y!r}: {result}"


@pytest.mark.parametrize(
    ("a", "b", "score", "reason"),
    [
        ("Иванов Иван Иванович", "иванов иван иванович", 1.0, "exact"),
        ("Иван Иванович Иванов", "Иванов Иван Иванович", 0.95, "same name, different word order"),
        ("Иванова Ивана Ивановича", "Иванов Иван Иванович", 0.95, "inflected form"),
        ("Ivanov Ivan Ivanovich", "Иванов Иван Иванович", 0.95, "transliteration"),
        ("Иванов И. И.", "Иванов Иван Иванович", 0.85, "initials match full name"),
        ("Иванов Иван", "Иванов Иван Иванович", 0.85, "missing patronymic"),
        ("ООО «Ромашка»", "Ромашка", 0.95, "legal form ignored"),
    ],
    ids=["exact", "word-order", "inflected", "translit", "initials", "missing-patronymic", "legal-form"],
)
def test_scores_and_reasons(a, b, score, reason):
    result = match(a, b)
    assert result.score == pytest.approx(score)
    assert result.reason == reason


def test_typo_scores_fall_with_edits_and_stay_in_band():
    one, two = match("Ивонов Иван Иванович", "Иванов Иван Иванович"), match("Ходарковски", "Ходорковский")
    assert one.reason == "typo (1 edit)"
    assert "typo (2 edits)" in two.reason
    assert 0.7 <= two.score < one.score <= 0.9


def test_surname_alone_is_a_weak_lead_not_a_hit():
    result = match("Иванов", "Иванов Иван Иванович")
    assert result is not None and not result.is_hit and "surname only" in result.reason


def test_kind_can_be_given():
    assert match("Альфа", "Alfa", kind_a="organisation", kind_b="organisation").is_hit
    assert match("Роман Петров", "Петров Роман", kind_a="person").is_hit
    assert match("ООО «Иванов»", "Иванов Иван", kind_b="person") is None
    with pytest.raises(ValueError):
        normalise_name("Иванов", kind="company")


def test_match_accepts_normalised_names():
    query = normalise_name("Щукин Юрий")
    assert match(query, normalise_name("Shchukin Iurii")).is_hit
    assert match(query, "Schukin Yury").is_hit


# --- normalise_name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "canonical", "legal_form"),
    [
        ("Иванова Ивана Ивановича", "person", "иванов иван иванович", None),
        ("Петровой Анне Сергеевне", "person", "петрова анна сергеевна", None),
        ("Иванова Мария", "person", "иванова мария", None),
        ("Иванов И. И.", "person", "иванов и и", None),
        ("ИП Ёлкин Фёдор", "person", "елкин федор", "ip"),
        ("ООО «Ромашки»", "organisation", "ромашка", "llc"),
        ('Общество с ограниченной ответственностью "Ромашка"', "organisation", "ромашка", "llc"),
        ("Romashka Ltd.", "organisation", "romashka", "llc"),
        ("Публичное акционерное общество «Газпром нефть»", "organisation", "газпром нефть", "pjsc"),
        ("Acme Inc.", "organisation", "acme", "inc"),
        ("Siemens AG", "organisation", "siemens", "jsc"),
        ("Limited Liability Company Romashka", "organisation", "romashka", "llc"),
        ("Obshchestvo s ogranichennoy otvetstvennost'yu Romashka", "organisation", "romashka", "llc"),
        ("Общество с ограниченной\n ответственностью  «Ромашка»", "organisation", "ромашка", "llc"),
        ("Непубличное акционерное общество «Альфа»", "organisation", "альфа", "jsc"),
        ("Joint Stock Company Alfa", "organisation", "alfa", "jsc"),
        ("Public Joint-Stock Company Gazprom Neft", "organisation", "gazprom neft", "pjsc"),
        ("Индивидуальный предприниматель Кузнецов Андрей", "person", "кузнецов андрей", "ip"),
        ("Individual Entrepreneur Kuznetsov Andrey", "person", "kuznetsov andrey", "ip"),
        ("ООО «Урал-Самоцветы»", "organisation", "урал самоцвет", "llc"),
    ],
)
def test_normalise_name(name, kind, canonical, legal_form):
    result = normalise_name(name)
    assert isinstance(result, NormalisedName)
    assert (result.kind, result.canonical, result.legal_form) == (kind, canonical, legal_form)


@pytest.mark.parametrize("garbage", ["", "   ", "\t\n", "!!!", "«»", "ООО", "—", "12345", "🙂", "x" * 5000, None, 42])
def test_normalise_name_survives_garbage(garbage):
    result = normalise_name(garbage)
    assert isinstance(result.search_key, str)
    assert re.fullmatch(r"[a-z0-9 ]*", result.search_key)
    assert match(garbage, "Иванов Иван") is None or isinstance(match(garbage, "Иванов Иван").score, float)


def test_empty_names_never_match():
    assert match("", "") is None
    assert match("ООО", "ООО «Ромашка»") is None
    assert search_key("  ") == ""


# --- search_key and pg_trgm ----------------------------------------------------------------------


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): words padded with two spaces before and one after, 3-grams as sets."""

    def grams(text):
        out = set()
        for word in re.findall(r"[0-9a-zа-я]+", text.lower()):
            padded = f"  {word} "
            out |= {padded[i : i + 3] for i in range(len(padded) - 2)}
        return out

    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb) if ga | gb else 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Иван Иванович", "Ivan Ivanovich Ivanov"),
        ("Иванова Ивана Ивановича", "IVANOV IVAN IVANOVICH"),
        ("Щукин Юрий", "Shchukin Iurii"),
        ("Щукин Юрий", "Schukin Yury"),
        ("Щукин Юрий", "Shhukin Yurij"),
        ("Жуков Александр", "Alexander Jukov"),
        ("Соколова Наталья", "Natalya Sokolova"),
        ("Ходорковский Михаил", "Hodorkovskiy Mikhail"),
        ("ООО «Ромашка»", "Romashka LLC"),
        ("ООО «Ромашка»", "Romaska LLC"),
        ("Иванов И. И.", "Иванов Иван Иванович"),
        ("Иванов Иван", "Иванов Иван Иванович"),
        ("Ивонов Иван Иванович", "Иванов Иван Иванович"),
        ("ПАО «Газпром нефть»", "PJSC Gazprom Neft"),
        ("Общество с ограниченной ответственностью «Ромашка»", "Limited Liability Company Romashka"),
        ("Индивидуальный предприниматель Кузнецов Андрей", "Individual Entrepreneur Kuznetsov A."),
        ("Уралсамоцветы", "Урал-Самоцветы"),
        ("Uralsamotsvety", "Урал Самоцветы"),
        ("TransNefteGaz", "Trans-Nefte-Gaz"),
        ("Trans Nefte Gaz", "ООО «Транснефтегаз»"),
        ("Транс-Нефтегаз", "Транснефте-Газ"),
        ("ООО «Урал-Самоцветы Плюс»", "ООО «Уралсамоцветы Плюс»"),
        ("Бел Газ Пром Банк", "Белгазпромбанк"),
    ],
)
def test_search_key_brings_true_matches_above_trigram_threshold(a, b):
    assert trigram_similarity(search_key(a), search_key(b)) >= 0.3, (search_key(a), search_key(b))


def test_search_key_is_order_free_and_script_free():
    assert search_key("Иванов Иван Иванович") == search_key("Ivan Ivanovich Ivanov") == "ivan ivanov ivanovich"
    assert search_key("ООО «Ромашка»") == search_key("Romashka LLC") == "romashka"
    assert search_key("Наталья") == search_key("Nataliya") == search_key("Natalia")
    spelt_out = ["Общество с ограниченной ответственностью «Ромашка»", "Limited Liability Company Romashka"]
    assert {search_key(n) for n in spelt_out} == {"romashka"}


def test_a_company_key_has_its_words_written_together_too():
    """So that "Урал Самоцветы" and "Уралсамоцветы" meet in the trigram index: the one-word key is a
    word of the other key."""
    assert search_key("Урал-Самоцветы") == search_key("Урал Самоцветы") == "samotsvet ural uralsamotsvet"
    assert search_key("Уралсамоцветы") == "uralsamotsvet"
    assert (
        search_key("Trans-Nefte-Gaz") == "gaz nefte trans transneftegaz"
        and search_key("TransNefteGaz") == "transneftegaz"
    )
    assert search_key("Иванов Иван Иванович") == "ivan ivanov ivanovich"  # persons: the words only


def test_search_key_keeps_different_names_apart():
    assert trigram_similarity(search_key("ООО «Ромашка»"), search_key("ООО «Василёк»")) < 0.3
    assert trigram_similarity(search_key("Петров Иван"), search_key("Сидорова Анна")) < 0.3


def test_normalising_is_fast_after_warm_up():
    surnames = ["Иванов", "Петрова", "Сидоровой", "Smirnov", "Кузнецову", "Соколов", "Lebedeva", "Попов"]
    given = ["Иван", "Анна", "Сергея", "Yury", "Наталья", "Петром", "Olga", "Дмитрий"]
    patronymics = ["Иванович", "Сергеевна", "Петровича", "Ivanovich", "Юрьевна", "Олеговичем", "", "Ильич"]
    names = [f"{s} {g} {p}" for s in surnames for g in given for p in patronymics]
    normalise_name("Иванов Иван Иванович")  # loads the dictionary
    started = time.perf_counter()
    for name in names:
        normalise_name(name)
    per_name = (time.perf_counter() - started) / len(names)
    assert per_name < 0.002, f"{per_name * 1000:.2f} ms per name"


@pytest.mark.parametrize(
    "spellings",
    [
        ["Щукин", "Shchukin", "Schukin", "Ščukin", "Shhukin"],
        ["Юрий", "Yury", "Yuriy", "Iurii", "Jurij", "Iouri"],
        ["Александр", "Aleksandr", "Alexander"],
        ["Наталья", "Natalia", "Natalya", "Nataliya", "Natal'ja"],
        ["Жуков", "Zhukov", "Žukov"],
        ["Ходорковский", "Khodorkovsky", "Hodorkovskiy", "Khodorkovskii"],
        ["Соловьёв", "Solovyov", "Solovev", "Soloviev"],
        ["Цой", "Tsoi", "Tsoy", "Czoj"],
    ],
    ids=lambda spellings: spellings[1],
)
def test_latin_key_folds_the_usual_spellings_together(spellings):
    assert len({normalise_name(s, kind="person").latin for s in spellings}) == 1
