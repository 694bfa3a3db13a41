"""The GOST R 56042-2014 payment QR code: payload rules, and the code read back from PNG and from a PDF page."""

import base64
import io
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from billing import qr
from core.errors import ValidationError

FIRM = {
    "name": "АО «Адвокатское бюро „Право“»",
    "personal_acc": "40702810938000000001",
    "bank_name": "ПАО Сбербанк",
    "bic": "044525225",
    "corresp_acc": "30101810400000000225",
    "payee_inn": "7707083893",
    "kpp": "773601001",
}


def _payload(**changes):
    return qr.build_payload(**{**FIRM, "purpose": "Оплата по счёту № 2026-0012 от 06.12.2026", **changes})


def _decode(image: Image.Image) -> str:
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1, results
    return results[0].bytes.decode("utf-8")


def _decode_data_uri(uri: str) -> str:
    assert uri.startswith("data:image/png;base64,")
    return _decode(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))))


def test_payload_order_and_sum_in_kopecks():
    payload = _payload(amount=Decimal("1200.05"), DocNo="2026-0012", DocDate="06.12.2026", PayerINN="500100732259")
    assert payload.startswith("ST00012|Name=АО «Адвокатское бюро „Право“»|PersonalAcc=40702810938000000001|")
    fields = qr.parse_payload(payload)
    assert list(fields) == [*qr.MANDATORY, "PayeeINN", "KPP", "Purpose", "Sum", "PayerINN", "DocNo", "DocDate"]
    assert fields["Sum"] == "120005"
    assert fields["BIC"] == "044525225"


def test_whitespace_is_collapsed_and_spaces_removed_from_numbers():
    payload = _payload(name="  АО\n«Бюро»  ", personal_acc="40702 810 938 000 000 001", purpose="")
    fields = qr.parse_payload(payload)
    assert fields["Name"] == "АО «Бюро»"
    assert fields["PersonalAcc"] == "40702810938000000001"
    assert "Purpose" not in fields


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"purpose": "Оплата | счёт 12"}, "Purpose", "qr_separator"),
        ({"name": "А|Б"}, "Name", "qr_separator"),
        ({"name": "Я" * 161}, "Name", "qr_length"),
        ({"bank_name": "Б" * 46}, "BankName", "qr_length"),
        ({"purpose": "П" * 211}, "Purpose", "qr_length"),
        ({"DocNo": "1" * 16}, "DocNo", "qr_length"),
        ({"UIN": "1" * 26}, "UIN", "qr_length"),
        ({"name": "  "}, "Name", "qr_required"),
        ({"personal_acc": "40702810900000000001"}, "PersonalAcc", "qr_requisites"),
        ({"corresp_acc": "30101810400000000226"}, "CorrespAcc", "qr_requisites"),
        ({"bic": "12345678"}, "BIC", "qr_requisites"),
        ({"payee_inn": "7707083894"}, "PayeeINN", "qr_requisites"),
        ({"kpp": "77360100"}, "KPP", "qr_requisites"),
        ({"amount": Decimal(0)}, "Sum", "qr_sum"),
        ({"DocDate": "2026-12-06"}, "DocDate", "qr_date"),
        ({"OKTMO": "4538x000"}, "OKTMO", "qr_digits"),
    ],
)
def test_bad_values_are_refused_naming_the_field(changes, field, code):
    with pytest.raises(ValidationError) as caught:
        _payload(**changes)
    assert caught.value.code == code
    assert field in caught.value.fields


def test_sum_limits_and_types():
    assert qr.parse_payload(_payload(amount=Decimal("9999999999999999.99")))["Sum"] == "9" * 18
    with pytest.raises(ValidationError):
        _payload(amount=Decimal("10000000000000000.00"))  # 19 digits of kopecks
    with pytest.raises(TypeError):
        _payload(amount=12.5)
    with pytest.raises(ValueError):
        _payload(amount=Decimal("1.001"))
    with pytest.raises(TypeError):
        _payload(Unknown="x")


def test_treasury_payee_for_a_state_duty():
    """A Treasury office (BIK 00…): its accounts checked for form; CBC, OKTMO and UIN carried."""
    payload = qr.build_payload(
        name="Казначейство России (ФНС России)",
        personal_acc="03100643000000018500",
        bank_name="ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ",
        bic="017003983",
        corresp_acc="40102810445370000059",
        payee_inn="7727406020",
        kpp="770801001",
        purpose="Государственная пошлина за подачу искового заявления",
        amount=Decimal("4000"),
        CBC="18210803010011060110",
        OKTMO="45383000",
        UIN="0",
        LastName="Иванов",
    )
    fields = qr.parse_payload(payload)
    assert fields["CBC"] == "18210803010011060110" and fields["Sum"] == "400000"


def test_parse_payload_reads_cp1251_bytes_and_refuses_garbage():
    cp1251 = "ST00011|Name=Бюро|PersonalAcc=1|BankName=Б|BIC=044525225|CorrespAcc=0".encode("cp1251")
    assert qr.parse_payload(cp1251)["Name"] == "Бюро"
    for bad in ("hello", "ST00012|Name=x", "ST00012|PersonalAcc=1|Name=2|BankName=3|BIC=4|CorrespAcc=5", b"ST00019|x"):
        with pytest.raises(qr.PayloadError):
            qr.parse_payload(bad)


def test_png_round_trip_field_by_field():
    payload = _payload(amount=Decimal("1200.05"), DocNo="2026-0012", DocDate="06.12.2026")
    assert qr.parse_payload(_decode_data_uri(qr.qr_png_data_uri(payload))) == qr.parse_payload(payload)


def test_svg_is_inline_svg():
    svg = qr.qr_svg(_payload())
    assert svg.startswith("<svg") and "path" in svg
    assert qr.qr_svg_data_uri(_payload()).startswith("data:image/svg+xml")


def test_symbol_settings():
    code = qr.make_qr(_payload(purpose="П" * 210))
    assert code.error == "M" and not code.is_micro


purposes = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="|", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    max_size=210,
)


@settings(max_examples=25, deadline=None)
@given(purposes, st.integers(min_value=1, max_value=10**12))
def test_any_purpose_and_sum_survive_the_image(purpose, kopecks):
    payload = _payload(purpose=purpose, amount=Decimal(kopecks) / 100)
    assert qr.parse_payload(_decode_data_uri(qr.qr_png_data_uri(payload, scale=3))) == qr.parse_payload(payload)


def test_pdf_round_trip(tmp_path: Path):
    """The code as an invoice carries it: WeasyPrint PDF → pdftoppm PNG → decoded → the same fields."""
    from weasyprint import HTML

    payload = _payload(amount=Decimal("98765.43"), DocNo="2026-0012", DocDate="06.12.2026")
    html = f"""<html><body style="font-family: sans-serif"><h1>Счёт № 2026-0012</h1>
        <img src="{qr.qr_png_data_uri(payload)}" style="width: 45mm; height: 45mm"></body></html>"""
    HTML(string=html).write_pdf(tmp_path / "invoice.pdf")
    subprocess.run(
        ["/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "invoice.pdf", tmp_path / "page"],
        check=True,
        timeout=60,
    )
    decoded = _decode(Image.open(tmp_path / "page.png"))
    assert qr.parse_payload(decoded) == qr.parse_payload(payload)


def test_pdf_round_trip_of_inline_svg(tmp_path: Path):
    from weasyprint import HTML

    payload = _payload(amount=Decimal("1.00"))
    HTML(string=f"<html><body>{qr.qr_svg(payload)}</body></html>").write_pdf(tmp_path / "svg.pdf")
    subprocess.run(
        ["/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "svg.pdf", tmp_path / "page"],
        check=True,
        timeout=60,
    )
    assert qr.parse_payload(_decode(Image.open(tmp_path / "page.png"))) == qr.parse_payload(payload)
