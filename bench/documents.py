"""Documents against the bare WeasyPrint floor of the same HTML (`python -m bench.documents`).

The act of services rendered (billing.pdf_acts.act_pdf: the template, the amounts in words, the
static-only fetcher, the document stylesheet) against WeasyPrint writing the very HTML the act
produced, with a cached font configuration and the same stylesheet — the design card's **pdf** floor.
Budget: 1.2×. The act is built in memory (no database): the render does no queries of its own.
Interleaved rounds, medians; the figures are printed, never asserted (shared, noisy machines).
"""

import argparse
import datetime as dt
import os
import statistics
import time
from decimal import Decimal

BUDGET = 1.2


def _act(lines: int):
    from billing.models import Act, ActLine
    from clients.models import Client
    from matters.models import Matter

    client = Client(name="Общество с ограниченной ответственностью «Альфа»", inn="7701234567", kpp="770101001")
    matter = Matter(client=client, number="2026/000123", title="Взыскание задолженности по договору поставки")
    act = Act(
        matter=matter, client=client, year=2026, seq=1, number="2026-0001", act_date=dt.date(2026, 4, 2),
        period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 3, 31), language="ru",
        requisites={"name": "ООО «Северный берег»", "short_name": "ООО «Северный берег»", "inn": "6671415928",
                    "kpp": "667101001", "ogrn": "1166658001234", "address": "620014, г. Екатеринбург",
                    "bank_name": "ПАО «Банк»", "bik": "046577964", "corr_account": "30101810100000000964",
                    "account": "40702810316540001234"},
        customer={"name": client.name, "inn": client.inn, "kpp": client.kpp, "address": "г. Москва"},
        vat_rate=Decimal("22"), signatory_name="Партнёров Пётр Петрович", signatory_position="Партнёр",
        acceptance_days=5,
    )  # fmt: skip
    rows = []
    for n in range(1, lines + 1):
        gross = Decimal(4500 + n * 37).quantize(Decimal("0.01"))
        vat = (gross * 22 / 122).quantize(Decimal("0.01"))
        rows.append(
            ActLine(
                act=act, matter=matter, position=n, source="time", unit="356", quantity=Decimal("1.5"),
                minutes=90, unit_price=gross / Decimal("1.5"), vat_rate=Decimal("22"), net=gross - vat, vat=vat,
                gross=gross, description=f"{n:02d}.03.2026 Иванов И. И.: подготовка процессуальных документов",
            )
        )  # fmt: skip
    act.gross = sum(r.gross for r in rows)
    act.vat = sum(r.vat for r in rows)
    act.net = act.gross - act.vat
    return act, rows


def measure(*, lines: int = 60, rounds: int = 5, per_round: int = 2) -> dict:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    from billing import pdf_acts
    from core import pdf

    act, rows = _act(lines)
    with translation.override("ru"):
        html = render_to_string("billing/act_pdf.html", {**pdf_acts._context(act, rows, "ru"), "firm": settings.FIRM})

    def floor() -> bytes:
        from weasyprint import HTML

        return HTML(string=html, base_url=pdf.STATIC_BASE).write_pdf(
            stylesheets=[pdf._stylesheet()], font_config=pdf._fonts()
        )

    def act_render() -> bytes:
        return pdf_acts.act_pdf(act, rows)

    floor(), act_render()  # warm: the font configuration, the templates
    times: dict[str, list[float]] = {"floor": [], "act": []}
    for _round in range(rounds):
        for name, fn in (("floor", floor), ("act", act_render)):
            for _ in range(per_round):
                started = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - started)
    pages = len(__import__("pypdf").PdfReader(__import__("io").BytesIO(act_render())).pages)
    floor_p50, act_p50 = statistics.median(times["floor"]), statistics.median(times["act"])
    return {"pages": pages, "floor": floor_p50, "act": act_p50, "ratio": act_p50 / floor_p50}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=60, help="lines on the act (60 ≈ 3 pages)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from .__main__ import BENCH_ENV

    for name, value in BENCH_ENV.items():  # the production settings, as the rest of make bench (DEBUG off)
        os.environ.setdefault(name, value)
    import django

    django.setup()
    result = measure(lines=args.lines, rounds=args.rounds)
    verdict = "ok" if result["ratio"] <= BUDGET else "OVER BUDGET"
    print(f"{'document':<28}{'pages':>6}{'p50, s':>10}{'floor p50, s':>14}{'ratio':>8}  budget {BUDGET}×")
    print(
        f"{'act of services rendered':<28}{result['pages']:>6}{result['act']:>10.3f}{result['floor']:>14.3f}"
        f"{result['ratio']:>8.2f}  {verdict}"
    )


if __name__ == "__main__":
    main()
