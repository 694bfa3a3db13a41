"""Russian requisites and their check digits: clients.requisites. No database."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise

from clients.requisites import (
    BikValidator,
    InnValidator,
    KppValidator,
    OgrnValidator,
    PassportValidator,
    account_key_is_valid,
    check_requisites,
    validate_account,
    validate_bik,
    validate_corr_account,
    validate_inn,
    validate_kpp,
    validate_ogrn,
    validate_ogrn_any,
    validate_ogrnip,
    validate_passport,
)

# Published requisites of PAO Sberbank.
SBER_INN = "7707083893"
SBER_KPP = "773601001"
SBER_OGRN = "1027700132195"
SBER_BIK = "044525225"
SBER_CORR = "30101810400000000225"
# Other banks' published BIK / correspondent account pairs.
BANK_PAIRS = [("044525974", "30101810145250000974"), ("044525593", "30101810200000000593")]
# The worked examples of the Bank of Russia's "Порядок расчета контрольного ключа" (letter No. 515, 1997).
CBR_CORR_EXAMPLE = ("30101810800000000746", "049805000")
CBR_ACCOUNT_EXAMPLE = ("40602810700000000025", "049805746")


# --- Independent computation of check digits, to build valid numbers from prefixes ---------------


def _inn_digit(digits: str, weights) -> str:
    return str(sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10)


def make_inn10(prefix9: str) -> str:
    return prefix9 + _inn_digit(prefix9, (2, 4, 10, 3, 5, 9, 4, 6, 8))


def make_inn12(prefix10: str) -> str:
    eleven = prefix10 + _inn_digit(prefix10, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
    return eleven + _inn_digit(eleven, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))


def make_ogrn(prefix12: str) -> str:
    return prefix12 + str(int(prefix12) % 11 % 10)


def make_ogrnip(prefix14: str) -> str:
    return prefix14 + str(int(prefix14) % 13 % 10)


def make_account(account_with_key_x: str, prefix3: str) -> str:
    """Fill the key (the 9th digit, written as "K") by the Bank of Russia's own recipe."""
    zeroed = account_with_key_x.replace("K", "0")
    weights = (7, 1, 3) * 8
    total = sum(int(d) * w % 10 for d, w in zip(prefix3 + zeroed, weights, strict=False))
    key = total % 10 * 3 % 10
    return account_with_key_x.replace("K", str(key))


def _bump_last(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def _code(excinfo) -> str:
    return excinfo.value.code


# --- INN ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "inn",
    [SBER_INN, "500100732259", make_inn10("773601234"), make_inn12("7701234567"), make_inn12("0000000001")],
)
def test_valid_inn(inn):
    assert validate_inn(inn) == inn


def test_inn_spaces_are_stripped():
    assert validate_inn(" 7707 083\u00a0893 ") == SBER_INN
    assert validate_inn("5001 0073 2259\n") == "500100732259"


@pytest.mark.parametrize("inn", ["", "123", "77070838931", "7707083893123", "12345678901234"])
def test_inn_of_wrong_length(inn):
    with pytest.raises(ValidationError) as e:
        validate_inn(inn)
    assert _code(e) == "inn_length"
    assert "10 digits" in str(e.value.message)


@pytest.mark.parametrize("inn", ["77070838A3", "7707-083893", "７７０７０８３８９３", "770708389²"])
def test_inn_with_letters_or_other_signs(inn):
    with pytest.raises(ValidationError) as e:
        validate_inn(inn)
    assert _code(e) == "inn_format"


@pytest.mark.parametrize("inn", [_bump_last(SBER_INN), "7707083839", _bump_last("500100732259"), "500100732295"])
def test_inn_wrong_check_digit(inn):
    with pytest.raises(ValidationError) as e:
        validate_inn(inn)
    assert _code(e) == "inn_checksum"
    assert str(e.value.message) == "The INN's check digit is wrong: please check the number."


def test_inn12_checks_both_digits():
    good = make_inn12("7701234567")
    eleventh_wrong = good[:10] + str((int(good[10]) + 1) % 10) + good[11]
    with pytest.raises(ValidationError):
        validate_inn(eleventh_wrong)


def test_inn_kind_is_enforced():
    assert validate_inn(SBER_INN, kind="organisation") == SBER_INN
    assert validate_inn("500100732259", kind="person") == "500100732259"
    with pytest.raises(ValidationError) as e:
        validate_inn(SBER_INN, kind="person")
    assert _code(e) == "inn_kind"
    assert "12 digits" in str(e.value.message)
    with pytest.raises(ValidationError) as e:
        validate_inn("500100732259", kind="organisation")
    assert _code(e) == "inn_kind"


def test_inn_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        validate_inn(SBER_INN, kind="company")


def test_messages_are_translatable():
    with pytest.raises(ValidationError) as e:
        validate_inn("123")
    with translation.override("en"):
        assert "INN" in str(e.value.message)


# --- KPP ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kpp", [SBER_KPP, "7736AB001", "77360Z001", "773 601 001"])
def test_valid_kpp(kpp):
    assert validate_kpp(kpp) == kpp.replace(" ", "")


@pytest.mark.parametrize("kpp", ["", "77360100", "7736010011"])
def test_kpp_of_wrong_length(kpp):
    with pytest.raises(ValidationError) as e:
        validate_kpp(kpp)
    assert _code(e) == "kpp_length"


@pytest.mark.parametrize("kpp", ["7736ab001", "7736АВ001", "A73601001", "77360100Z", "7736-1001"])
def test_kpp_bad_characters(kpp):
    """Lower case, Cyrillic look-alikes (А, В) and letters outside positions 5–6 are refused."""
    with pytest.raises(ValidationError) as e:
        validate_kpp(kpp)
    assert _code(e) == "kpp_format"
    assert "KPP" in str(e.value.message)


# --- OGRN / OGRNIP --------------------------------------------------------------------------------


@pytest.mark.parametrize("ogrn", [SBER_OGRN, make_ogrn("102770013219"), make_ogrn("117746012345")])
def test_valid_ogrn(ogrn):
    assert validate_ogrn(ogrn) == ogrn


def test_ogrn_errors():
    with pytest.raises(ValidationError) as e:
        validate_ogrn(_bump_last(SBER_OGRN))
    assert _code(e) == "ogrn_checksum"
    with pytest.raises(ValidationError) as e:
        validate_ogrn(SBER_OGRN[:-1])
    assert _code(e) == "ogrn_length"
    with pytest.raises(ValidationError) as e:
        validate_ogrn("10277OO132195")
    assert _code(e) == "ogrn_format"
    assert validate_ogrn("1 027 700 132 195") == SBER_OGRN


def test_ogrn_whose_remainder_is_ten_has_check_digit_zero():
    prefix = next(str(n) for n in range(100000000000, 100000000100) if n % 11 == 10)
    assert validate_ogrn(prefix + "0") == prefix + "0"


@pytest.mark.parametrize("ogrnip", ["304500116000157", make_ogrnip("31877460012345"), make_ogrnip("32150000000001")])
def test_valid_ogrnip(ogrnip):
    assert validate_ogrnip(ogrnip) == ogrnip


def test_ogrnip_errors():
    with pytest.raises(ValidationError) as e:
        validate_ogrnip(_bump_last("304500116000157"))
    assert _code(e) == "ogrnip_checksum"
    with pytest.raises(ValidationError) as e:
        validate_ogrnip(SBER_OGRN)
    assert _code(e) == "ogrnip_length"
    with pytest.raises(ValidationError) as e:
        validate_ogrnip("30450011600015X")
    assert _code(e) == "ogrnip_format"


def test_ogrnip_uses_mod_13_not_mod_11():
    prefix = "32150000000001"
    assert int(prefix) % 11 % 10 != int(prefix) % 13 % 10
    with pytest.raises(ValidationError):
        validate_ogrnip(prefix + str(int(prefix) % 11 % 10))


def test_ogrn_any():
    assert validate_ogrn_any(SBER_OGRN) == SBER_OGRN
    assert validate_ogrn_any("304500116000157") == "304500116000157"
    assert validate_ogrn_any(SBER_OGRN, kind="organisation") == SBER_OGRN
    assert validate_ogrn_any("304500116000157", kind="person") == "304500116000157"
    with pytest.raises(ValidationError) as e:
        validate_ogrn_any("12345678901234")
    assert _code(e) == "ogrn_length"
    with pytest.raises(ValidationError) as e:
        validate_ogrn_any(SBER_OGRN, kind="person")
    assert _code(e) == "ogrn_kind"
    assert "OGRNIP" in str(e.value.message)
    with pytest.raises(ValidationError) as e:
        validate_ogrn_any("304500116000157", kind="organisation")
    assert _code(e) == "ogrn_kind"
    with pytest.raises(ValidationError) as e:
        validate_ogrn_any(_bump_last("304500116000157"))
    assert _code(e) == "ogrnip_checksum"


# --- BIK and accounts -----------------------------------------------------------------------------


def test_bik():
    assert validate_bik(SBER_BIK) == SBER_BIK
    assert validate_bik("04 45 25 225") == SBER_BIK
    assert validate_bik("004525988") == "004525988"  # the Treasury (UFK), for state duties
    for bik, code in [("04452522", "bik_length"), ("04452522X", "bik_format"), ("144525988", "bik_country")]:
        with pytest.raises(ValidationError) as e:
            validate_bik(bik)
        assert _code(e) == code
    assert validate_bik("017003983") == "017003983"  # a Treasury office's BIK since 2021 (UFK for Moscow)
    with pytest.raises(ValidationError) as e:
        validate_bik("024525988")
    assert "04" in str(e.value.message)


def test_treasury_accounts_have_no_bank_key():
    # A state duty: the treasury account 03100… at the UFK's BIK, the single treasury account 40102… beside it.
    assert validate_account("03100643000000017300", "017003983") == "03100643000000017300"
    assert validate_corr_account("40102810545370000003", "017003983") == "40102810545370000003"
    with pytest.raises(ValidationError):
        validate_account("0310064300000001730", "017003983")  # 19 digits


def test_corr_account_of_sberbank_and_other_banks():
    assert validate_corr_account(SBER_CORR, SBER_BIK) == SBER_CORR
    for bik, corr in BANK_PAIRS:
        assert validate_corr_account(corr, bik) == corr
    assert validate_corr_account("3010 1810 4000 0000 0225", " 044525225") == SBER_CORR


def test_official_examples_of_the_bank_of_russia():
    assert validate_corr_account(*CBR_CORR_EXAMPLE) == CBR_CORR_EXAMPLE[0]
    assert validate_account(*CBR_ACCOUNT_EXAMPLE) == CBR_ACCOUNT_EXAMPLE[0]
    # The documented sums of the products' last digits with the key set to 0 (36 and 59), plus the key.
    assert account_key_is_valid("30101810800000000746", "005")
    assert account_key_is_valid("40602810700000000025", "746")


def test_corr_account_wrong():
    wrong_key = SBER_CORR[:8] + "5" + SBER_CORR[9:]
    with pytest.raises(ValidationError) as e:
        validate_corr_account(wrong_key, SBER_BIK)
    assert _code(e) == "corr_account_checksum"
    with pytest.raises(ValidationError) as e:
        validate_corr_account(SBER_CORR, "044030653")  # a bank in another region (St Petersburg)
    assert _code(e) == "corr_account_checksum"
    with pytest.raises(ValidationError) as e:
        validate_corr_account(SBER_CORR[:-1], SBER_BIK)
    assert _code(e) == "corr_account_length"
    with pytest.raises(ValidationError) as e:
        validate_corr_account("3010181040000000022O", SBER_BIK)
    assert _code(e) == "corr_account_format"
    with pytest.raises(ValidationError) as e:
        validate_corr_account(SBER_CORR, "123")
    assert _code(e) == "bik_length"


def test_settlement_account_built_by_the_recipe():
    account = make_account("40702810K38000000001", SBER_BIK[-3:])
    assert account == "40702810938000000001"
    assert validate_account(account, SBER_BIK) == account
    assert validate_account("4070 2810 9380 0000 0001", SBER_BIK) == account
    for bik, _corr in BANK_PAIRS:
        other = make_account("40817810K00012345678", bik[-3:])
        assert validate_account(other, bik) == other


def test_settlement_account_has_exactly_one_key():
    keys = [k for k in "0123456789" if account_key_is_valid(f"40702810{k}38000000001", "225")]
    assert keys == ["9"]


def test_settlement_account_wrong():
    account = make_account("40702810K38000000001", "225")
    for wrong in (_bump_last(account), account[:8] + str((int(account[8]) + 1) % 10) + account[9:]):
        with pytest.raises(ValidationError) as e:
            validate_account(wrong, SBER_BIK)
        assert _code(e) == "account_checksum"
        assert "settlement account" in str(e.value.message)
    with pytest.raises(ValidationError) as e:
        validate_account(account[:-1], SBER_BIK)
    assert _code(e) == "account_length"
    with pytest.raises(ValidationError) as e:
        validate_account("40702810938OOOOOOOO1", SBER_BIK)
    assert _code(e) == "account_format"
    # A settlement account is keyed with the BIK's last 3 digits, not the correspondent-account prefix.
    assert not account_key_is_valid(account, "0" + SBER_BIK[4:6])
    with pytest.raises(ValidationError):
        validate_corr_account(account, SBER_BIK)


# --- Passport -------------------------------------------------------------------------------------


def test_passport():
    assert validate_passport("4508 123456") == "4508123456"
    assert validate_passport("45 08 123456") == "4508123456"
    for bad, code in [
        ("4508 12345", "passport_length"),
        ("45O8 123456", "passport_format"),
        ("", "passport_length"),
    ]:
        with pytest.raises(ValidationError) as e:
            validate_passport(bad)
        assert _code(e) == code


# --- Field validators -----------------------------------------------------------------------------


def test_field_validators():
    InnValidator()(SBER_INN)
    InnValidator(kind="organisation")(SBER_INN)
    KppValidator()(SBER_KPP)
    OgrnValidator()(SBER_OGRN)
    OgrnValidator(kind="person")("304500116000157")
    BikValidator()(SBER_BIK)
    PassportValidator()("4508 123456")
    with pytest.raises(ValidationError) as e:
        InnValidator(kind="person")(SBER_INN)
    assert _code(e) == "inn_kind"
    with pytest.raises(ValidationError):
        OgrnValidator(kind="organisation")("304500116000157")
    with pytest.raises(ValidationError):
        BikValidator()("144525988")


def test_field_validators_deconstruct_for_migrations():
    path, _args, kwargs = InnValidator(kind="organisation").deconstruct()
    assert path == "clients.requisites.InnValidator"
    assert kwargs == {"kind": "organisation"}
    assert InnValidator(kind="organisation") == InnValidator(kind="organisation")
    assert InnValidator() != InnValidator(kind="person")
    assert KppValidator() == KppValidator()
    assert KppValidator() != BikValidator()


def test_field_validators_work_on_a_model_field():
    from django.db import models

    field = models.CharField(max_length=12, validators=[InnValidator()])
    field.run_validators(SBER_INN)
    with pytest.raises(ValidationError) as e:
        field.run_validators(_bump_last(SBER_INN))
    assert e.value.error_list[0].code == "inn_checksum"


# --- check_requisites -----------------------------------------------------------------------------


def test_check_requisites_all_fine():
    assert (
        check_requisites(
            kind="organisation",
            inn=SBER_INN,
            kpp=SBER_KPP,
            ogrn=SBER_OGRN,
            bik=SBER_BIK,
            account="40702810938000000001",
            corr_account=SBER_CORR,
        )
        == {}
    )
    assert check_requisites(kind="person", inn="500100732259", ogrn="304500116000157") == {}


def test_check_requisites_empty_values_are_fine():
    assert check_requisites(kind="organisation") == {}
    assert check_requisites(kind="person", inn="  ", kpp="", ogrn="", bik="", account="", corr_account="") == {}


def test_check_requisites_collects_every_bad_field():
    errors = check_requisites(
        kind="organisation",
        inn=_bump_last(SBER_INN),
        kpp="7736ab001",
        ogrn="304500116000157",
        bik=SBER_BIK,
        account=_bump_last("40702810938000000001"),
        corr_account="30101810400000000226",
    )
    assert set(errors) == {"inn", "kpp", "ogrn", "account", "corr_account"}
    assert all(isinstance(messages, list) and len(messages) == 1 for messages in errors.values())
    assert str(errors["inn"][0]) == "The INN's check digit is wrong: please check the number."
    assert "OGRN" in str(errors["ogrn"][0])
    assert "settlement account" in str(errors["account"][0])
    assert "correspondent account" in str(errors["corr_account"][0])


def test_check_requisites_kind():
    errors = check_requisites(kind="person", inn=SBER_INN, kpp=SBER_KPP, ogrn=SBER_OGRN)
    assert set(errors) == {"inn", "kpp", "ogrn"}
    assert "12 digits" in str(errors["inn"][0])
    assert "KPP" in str(errors["kpp"][0])
    with pytest.raises(ValueError):
        check_requisites(kind="")


def test_check_requisites_account_without_a_usable_bik():
    errors = check_requisites(kind="organisation", account="40702810938000000001", corr_account=SBER_CORR)
    assert set(errors) == {"bik"}
    assert len(errors["bik"]) == 2
    assert "BIK" in str(errors["bik"][0])

    errors = check_requisites(kind="organisation", bik="12345", account="4070281093800000000")
    assert set(errors) == {"bik", "account"}
    assert [e for e in errors["bik"] if "9 digits" in str(e)]
    assert "20 digits" in str(errors["account"][0])

    # With a wrong BIK the account's key cannot be judged: only the BIK is reported.
    assert set(check_requisites(kind="organisation", bik="144525988", account="40702810938000000001")) == {"bik"}


def test_check_requisites_messages_are_lazy():
    """The messages are rendered in the reader's language at display time, as core.errors expects."""
    errors = check_requisites(kind="organisation", inn="123")
    message = errors["inn"][0]
    assert isinstance(message, Promise)
    with translation.override("en"):
        assert str(message) == "The INN must have 10 digits for an organisation or 12 for a person."
