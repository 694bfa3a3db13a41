"""Acts of services rendered through the services: the candidates, the issue (number, snapshot, VAT,
totals, nothing acted twice), the УПД, the final act, the correction, the dispatch and the answers,
and the act's text read back from its PDF against an independent amount in words."""

import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from billing.access import restrict_acts
from billing.models import Act, ActDispatch, ActLine, FeeRate, TaxRegime, Upd, WorkStatus
from billing.services.act_answers import act_accept, act_dispatch, act_object, acts_deem_accepted, add_working_days
from billing.services.acts import act_candidates, act_correct, act_issue, act_render
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Matter
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db
START, END, DAY = dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 2)


# --- an independent amount in words (no num2words): what the act must print -------------------------
_ONES_M = ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_ONES_F = ["ноль", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_TEENS = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
]
_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
_SCALES = [("", "", "", False), ("тысяча", "тысячи", "тысяч", True), ("миллион", "миллиона", "миллионов", False),
           ("миллиард", "миллиарда", "миллиардов", False)]  # fmt: skip


def _plural(n, one, few, many):
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many


def _triple(n, feminine):
    words = [_HUNDREDS[n // 100]] if n >= 100 else []
    rest = n % 100
    if 10 <= rest < 20:
        words.append(_TEENS[rest - 10])
    else:
        if rest >= 20:
            words.append(_TENS[rest // 10])
        if rest % 10:
            words.append((_ONES_F if feminine else _ONES_M)[rest % 10])
    return words


def roubles_in_words(amount: Decimal) -> str:
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    roubles, kopecks = int(amount), int((amount % 1) * 100)
    words, n, scale = [], roubles, 0
    while n:
        n, part = divmod(n, 1000)
        if part:
            one, few, many, feminine = _SCALES[scale]
            chunk = _triple(part, feminine) + ([_plural(part, one, few, many)] if one else [])
            words = chunk + words
        scale += 1
    text = " ".join(words) if words else "ноль"
    rouble = _plural(roubles, "рубль", "рубля", "рублей")
    text += f" {rouble} {kopecks:02d} {_plural(kopecks, 'копейка', 'копейки', 'копеек')}"
    return text[0].upper() + text[1:]


def test_the_independent_words_agree_on_known_amounts():
    assert roubles_in_words(Decimal("1200.05")) == "Одна тысяча двести рублей 05 копеек"
    assert roubles_in_words(Decimal("21.01")) == "Двадцать один рубль 01 копейка"
    assert roubles_in_words(Decimal("2002.22")) == "Две тысячи два рубля 22 копейки"


# --- the world -------------------------------------------------------------------------------------
@pytest.fixture
def hourly(world):
    FirmProfileFactory(tax_regime=TaxRegime.GENERAL)
    arrangement = FeeArrangementFactory(
        matter=world.a.matter, kind="hourly", fixed_amount=None, default_rate=Decimal("5000.00"),
        valid_from=dt.date(2025, 1, 1), created_by=world.a.lead,
    )  # fmt: skip
    FeeRate.objects.create(arrangement=arrangement, specialist=world.a.lead, rate=Decimal("9000.00"))
    return arrangement


def _work(world, day=dt.date(2026, 3, 10)):
    t1 = TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.specialist, minutes=90, date=day, status=WorkStatus.APPROVED
    )
    t2 = TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.lead, minutes=20, date=day, status=WorkStatus.BILLED
    )
    ex = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, date=day, status=WorkStatus.APPROVED)
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=60, date=day)  # a draft: never
    return t1, t2, ex


def _issue(world, **kw):
    return act_issue(by=world.partner, matter=world.a.matter, period_start=START, period_end=END, act_date=DAY, **kw)


def _pdf_text(act) -> str:
    act_render(act.pk)
    act.refresh_from_db()
    reader = PdfReader(io.BytesIO(act.pdf.read()))
    return " ".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def test_a_partner_issues_an_act_of_the_periods_approved_work(world, hourly, django_capture_on_commit_callbacks):
    t1, t2, ex = _work(world)
    with django_capture_on_commit_callbacks() as callbacks:
        act = _issue(world)
    lines = list(act.lines.all())
    # 90 min × 5000 = 7500; 20 min × 9000 (the lead's own rate) = 3000; the expense at cost (6000).
    assert [line.gross for line in lines] == [Decimal("7500.00"), Decimal("3000.00"), Decimal("6000.00")]
    assert [line.key for line in lines] == [f"time:{t1.pk}", f"time:{t2.pk}", f"expense:{ex.pk}"]
    assert act.number == "2026-0001" and act.vat_rate == Decimal("22")
    assert act.gross == Decimal("16500.00") and act.vat == Decimal("2975.41") and act.net == act.gross - act.vat
    assert act.requisites["inn"] and act.customer["name"] == world.a.client.name
    assert act.signatory_name == world.partner.full_name
    assert callbacks, "the PDF's rendering is queued once the transaction commits"
    assert act_render(act.pk) is True and act_render(act.pk) is False  # once
    act.refresh_from_db()
    upd = Upd.objects.get(act=act)
    assert act.pdf and upd.number == "2026-0001" and upd.upd_date == act.act_date and upd.pdf
    # Nothing is acted twice: the next act of the period has nothing to cover.
    assert act_candidates(matter=world.a.matter, period_start=START, period_end=END) == []
    with pytest.raises(ValidationError):
        _issue(world)
    # The database refuses a second line covering the same work on an original act.
    with pytest.raises(IntegrityError), transaction.atomic():
        ActLine.objects.create(
            act=act, matter=act.matter, position=9, source="time", description="x", quantity=1, unit="356",
            unit_price=1, key=f"time:{t1.pk}",
        )  # fmt: skip
    # The work keeps its status: approved stays approved (immutable), so it can still be invoiced.
    t1.refresh_from_db()
    assert t1.status == WorkStatus.APPROVED


def test_only_a_partner_issues_and_strangers_do_not_learn_of_the_matter(world, hourly):
    _work(world)
    with pytest.raises(NotPermitted):
        act_issue(by=world.a.lead, matter=world.a.matter, period_start=START, period_end=END)
    with pytest.raises(NotFound):
        act_issue(by=world.b.lead, matter=world.a.matter, period_start=START, period_end=END)
    with pytest.raises(NotPermitted):  # the client knows its matter, but does not issue acts
        act_issue(by=world.a.user, matter=world.a.matter, period_start=START, period_end=END)
    assert not Act.objects.exists()


def test_bad_periods_and_dates_are_refused_with_fields(world, hourly):
    with pytest.raises(ValidationError) as e:
        _issue(world, keys=None) if False else act_issue(
            by=world.partner, matter=world.a.matter, period_start=END, period_end=START
        )
    assert "period_end" in e.value.fields
    with pytest.raises(ValidationError) as e:
        act_issue(by=world.partner, matter=world.a.matter, period_start=START, period_end=END,
                  act_date=dt.date(2099, 1, 1))  # fmt: skip
    assert "act_date" in e.value.fields


def test_numbers_are_gapless_per_year(world, hourly):
    _work(world)
    first = _issue(world)
    _work(world, day=dt.date(2026, 4, 1))
    second = act_issue(
        by=world.partner, matter=world.a.matter, period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 4, 1),
        act_date=DAY,
    )  # fmt: skip
    assert [first.seq, second.seq] == [1, 2]
    assert [first.number, second.number] == ["2026-0001", "2026-0002"]


def test_a_firm_without_vat_prints_the_ground_and_issues_no_upd(world):
    FirmProfileFactory(tax_regime=TaxRegime.NO_VAT)
    FeeArrangementFactory(
        matter=world.a.matter, kind="retainer", fixed_amount=None, monthly_amount=Decimal("30000.00"),
        valid_from=dt.date(2025, 1, 1), created_by=world.a.lead,
    )  # fmt: skip
    act = act_issue(
        by=world.partner, matter=world.a.matter, period_start=dt.date(2026, 2, 15), period_end=END, act_date=DAY
    )
    assert [line.key for line in act.lines.all()] == ["retainer:2026-02", "retainer:2026-03"]
    assert act.vat_rate is None and act.vat == 0 and act.gross == Decimal("60000.00")
    assert act.vat_ground == "п. 1 ст. 145 НК РФ"
    assert not Upd.objects.filter(act=act).exists()


def test_a_final_act_closes_the_matter(world, hourly):
    _work(world)
    act = _issue(world, final=True)
    world.a.matter.refresh_from_db()
    assert act.is_final and world.a.matter.status == Matter.Status.CLOSED
    closing = TimelineEvent.objects.filter(matter=world.a.matter, kind=TimelineEvent.Kind.MATTER).latest("pk")
    assert closing.params == {"number": act.number}


def test_the_final_act_of_a_terminated_matter_settles_the_termination(world, hourly):
    from billing.models import Termination
    from billing.services.termination import matter_terminate

    _work(world)
    termination = matter_terminate(by=world.a.user, matter=world.a.matter)
    world.a.matter.refresh_from_db()
    assert world.a.matter.status == Matter.Status.SUSPENDED
    act = _issue(world, final=True)
    termination = Termination.objects.get(pk=termination.pk)
    assert termination.final_act == act and termination.final_act_issued_at is not None
    world.a.matter.refresh_from_db()
    assert world.a.matter.status == Matter.Status.CLOSED


def test_a_second_final_act_on_a_closed_matter_leaves_it_as_it_is(world, hourly):
    _work(world)
    _issue(world, final=True)
    closed = Matter.objects.get(pk=world.a.matter.pk).closed_at
    TimeEntryFactory(
        matter=world.a.matter,
        specialist=world.a.specialist,
        minutes=30,
        date=dt.date(2026, 3, 12),
        status=WorkStatus.APPROVED,
    )
    _issue(world, final=True)
    assert Matter.objects.get(pk=world.a.matter.pk).closed_at == closed


def test_the_act_pdf_says_number_date_totals_vat_and_the_amount_in_words(world, hourly, settings):
    _work(world)
    world.a.client.language = "ru"
    world.a.client.save()
    act = _issue(world)
    text = _pdf_text(act)
    assert "2026-0001" in text and "02.04.2026" in text
    assert "16 500,00 ₽" in text
    assert "2 975,41 ₽" in text and "22%" in text
    assert roubles_in_words(act.gross) in text  # "Шестнадцать тысяч пятьсот рублей 00 копеек"
    assert world.partner.full_name in text and world.a.client.name in text


def test_an_english_client_gets_the_act_in_english(world, hourly):
    _work(world)
    world.a.client.language = "en"
    world.a.client.save()
    act = _issue(world)
    text = _pdf_text(act)
    assert "Act of services rendered No. 2026-0001 of 02.04.2026" in text
    assert "Sixteen thousand, five hundred roubles 00 kopecks" in text


def test_a_correction_is_a_new_act_referencing_the_original(world, hourly):
    _work(world)
    act = _issue(world)
    with pytest.raises(NotPermitted):
        act_correct(by=world.a.lead, act=act, lines=[], reason="x")
    correction = act_correct(
        by=world.partner,
        act=act,
        reason="Неверно указано время",
        act_date=DAY,
        lines=[
            {"position": 1, "quantity": "1", "unit_price": "5000"},  # 1 h instead of 1.5 h
            {"position": 3, "quantity": "1", "unit_price": "6000"},  # line 2 dropped
            {"description": "Скидка по претензии", "quantity": "1", "unit_price": "-500"},
        ],
    )
    assert correction.corrects == act and correction.correction_no == 1 and correction.number == "2026-0002"
    assert correction.gross == Decimal("10500.00")
    act.refresh_from_db()
    assert act.gross == Decimal("16500.00"), "the original never changes"
    text = _pdf_text(correction)
    assert "Исправление № 1 от 02.04.2026 к акту № 2026-0001 от 02.04.2026" in text
    assert "10 500,00 ₽" in text and roubles_in_words(Decimal("10500")) in text
    assert Upd.objects.get(act=correction).number == "2026-0001/1"
    with pytest.raises(InvalidState):
        act_correct(by=world.partner, act=act, lines=[{"position": 1, "quantity": 1, "unit_price": 1}], reason="y")


def test_dispatch_by_post_needs_a_tracking_number_and_starts_the_period(world, hourly):
    _work(world)
    act = _issue(world)
    with pytest.raises(ValidationError) as e:
        act_dispatch(by=world.a.lead, act=act, channel="post", tracking_number="12", sent_on=DAY)
    assert "tracking_number" in e.value.fields
    dispatch = act_dispatch(by=world.a.lead, act=act, channel="post", tracking_number="62001493012345", sent_on=DAY)
    act.refresh_from_db()
    assert dispatch.tracking_number == "62001493012345"
    assert act.acceptance_due == add_working_days(DAY, 5)
    with pytest.raises(NotFound):
        act_dispatch(by=world.b.lead, act=act, channel="portal")


def test_the_client_accepts_or_objects_within_the_period(world, hourly):
    _work(world)
    act = _issue(world)
    act_dispatch(by=world.partner, act=act, channel="portal")  # today: the period is running
    with pytest.raises(NotPermitted):
        act_accept(by=world.a.lead, act=act)
    with pytest.raises(NotFound):
        act_accept(by=world.b.user, act=act)
    with pytest.raises(ValidationError):
        act_object(by=world.a.user, act=act, reason=" ")
    act_object(by=world.a.user, act=act, reason="Часы завышены")
    act.refresh_from_db()
    assert act.answer == Act.Answer.OBJECTED and act.objection == "Часы завышены"
    with pytest.raises(InvalidState):
        act_accept(by=world.a.user, act=act)


def test_silence_counts_as_acceptance_on_read_and_by_the_sweep(world, hourly):
    _work(world)
    act = _issue(world)
    act_dispatch(by=world.partner, act=act, channel="portal", sent_on=DAY)
    act.refresh_from_db()
    after = act.acceptance_due + dt.timedelta(days=1)
    assert act.answer_on(act.acceptance_due) == "" and act.answer_on(after) == Act.Answer.DEEMED
    assert act.deemed_accepted_on(after) == act.acceptance_due
    assert acts_deem_accepted(today=act.acceptance_due) == 0
    assert acts_deem_accepted(today=after) == 1
    act.refresh_from_db()
    assert act.answer == Act.Answer.DEEMED
    assert not restrict_acts(world.a.user, "answer").filter(pk=act.pk).exists()


def test_acts_are_scoped(world, hourly):
    _work(world)
    act = _issue(world)
    assert restrict_acts(world.a.user).filter(pk=act.pk).exists()
    assert restrict_acts(world.a.specialist).filter(pk=act.pk).exists()
    assert not restrict_acts(world.b.user).filter(pk=act.pk).exists()
    assert not restrict_acts(world.b.lead).filter(pk=act.pk).exists()
    assert ActDispatch.objects.count() == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    minutes=st.lists(st.integers(min_value=1, max_value=600), min_size=1, max_size=6),
    rate=st.decimals(min_value=Decimal("100.00"), max_value=Decimal("99999.99"), places=2),
)
def test_act_totals_are_the_sums_of_rounded_lines(world, hourly, minutes, rate):
    hourly.default_rate = rate
    hourly.save()
    day = dt.date(2026, 3, 5)
    with transaction.atomic():
        for m in minutes:
            TimeEntryFactory(
                matter=world.a.matter, specialist=world.a.specialist, minutes=m, date=day, status="approved"
            )
        act = act_issue(by=world.partner, matter=world.a.matter, period_start=day, period_end=day, act_date=DAY)
        lines = list(act.lines.all())
        assert act.gross == sum(line.gross for line in lines)
        assert act.vat == sum(line.vat for line in lines) and act.net + act.vat == act.gross
        for line, m in zip(lines, minutes, strict=True):
            exact = Decimal(m) * rate / 60
            assert abs(line.gross - exact) <= Decimal("0.005")
            assert line.vat == (line.gross * 22 / 122).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        transaction.set_rollback(True)


def test_dispatch_by_e_mail_sends_the_pdf_through_the_outbox(world, hourly):
    from notices.models import Notice

    _work(world)
    act = _issue(world)
    with pytest.raises(InvalidState):  # the PDF is not rendered yet
        act_dispatch(by=world.a.lead, act=act, channel="email")
    act_render(act.pk)
    act.refresh_from_db()
    dispatch = act_dispatch(by=world.a.lead, act=act, channel="email")
    notice = Notice.objects.get(recipient=world.a.user, kind="act")
    attachment = notice.attachments.get()
    assert attachment.path == act.pdf.name and attachment.filename == "act-2026-0001.pdf"
    assert world.a.user.email in dispatch.address


def test_a_corrected_act_is_answered_through_its_correction(world, hourly):
    _work(world)
    act = _issue(world)
    act_dispatch(by=world.partner, act=act, channel="portal", sent_on=DAY)
    first = act_correct(
        by=world.partner, act=act, reason="x", lines=[{"position": 1, "quantity": 1, "unit_price": 100}]
    )
    assert not restrict_acts(world.a.user, "answer").filter(pk=act.pk).exists()
    assert restrict_acts(world.a.user, "answer").filter(pk=first.pk).exists()
    # A correction corrected again gives way to the later one: only the latest is answered.
    second = act_correct(
        by=world.partner, act=first, reason="y", lines=[{"position": 1, "quantity": 1, "unit_price": 90}]
    )
    answerable = set(restrict_acts(world.a.user, "answer").values_list("pk", flat=True))
    assert second.pk in answerable and first.pk not in answerable and act.pk not in answerable
    assert acts_deem_accepted(today=dt.date(2027, 1, 1)) == 0  # corrections not yet sent: no period runs


def test_a_claims_fee_reduction_is_a_negative_line_applied_once(world, hourly):
    _work(world)
    reduction = {
        "description": "Снижение вознаграждения по претензии № 3",
        "amount": Decimal("-1500.00"),
        "key": "claim:3",
    }
    act = _issue(world, adjustments=[reduction])
    last = act.lines.order_by("-position").first()
    assert last.source == "adjustment" and last.gross == Decimal("-1500.00") and act.gross == Decimal("15000.00")
    _work(world, day=dt.date(2026, 4, 1))
    with pytest.raises(InvalidState):  # the same claim's reduction is not applied twice
        act_issue(by=world.partner, matter=world.a.matter, period_start=dt.date(2026, 4, 1),
                  period_end=dt.date(2026, 4, 1), act_date=DAY, adjustments=[reduction])  # fmt: skip
    with pytest.raises(ValidationError):  # an act never totals below zero
        act_issue(by=world.partner, matter=world.a.matter, period_start=dt.date(2026, 4, 1),
                  period_end=dt.date(2026, 4, 1), act_date=DAY,
                  adjustments=[{"description": "Штраф", "amount": Decimal("-1000000")}])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("999999999999.99"), places=2))
def test_the_amount_in_words_agrees_with_an_independent_implementation(amount):
    from billing.words import amount_in_words

    assert amount_in_words(amount, "ru") == roubles_in_words(amount)


def test_stage_fees_of_the_stages_passed_are_ticked_the_current_one_is_offered(world):
    from billing.models import FeeStageAmount
    from tests.factories_timeline import MatterTypeFactory, stages_of

    FirmProfileFactory(tax_regime=TaxRegime.NO_VAT)
    kind = MatterTypeFactory()
    first, second, third = stages_of(kind)
    matter = world.a.matter
    matter.matter_type, matter.stage = kind, second
    matter.save()
    arrangement = FeeArrangementFactory(
        matter=matter, kind="stages", fixed_amount=None, valid_from=dt.date(2025, 1, 1), created_by=world.a.lead
    )
    for stage, amount in ((first, "10000"), (second, "20000"), (third, "30000")):
        FeeStageAmount.objects.create(arrangement=arrangement, stage=stage, amount=Decimal(amount))
    found = act_candidates(matter=matter, period_start=START, period_end=END)
    assert [(c.key, c.ticked) for c in found] == [(f"stage:{first.pk}", True), (f"stage:{second.pk}", False)]
    act = _issue(world)
    assert act.gross == Decimal("10000.00") and first.name_ru in act.lines.get().description
    act2 = _issue(world, keys=[f"stage:{second.pk}"], final=True)
    assert act2.gross == Decimal("20000.00")


def test_a_fixed_fee_is_offered_and_ticked_on_the_final_act(world):
    FirmProfileFactory(tax_regime=TaxRegime.NO_VAT)
    FeeArrangementFactory(
        matter=world.a.matter, kind="fixed", fixed_amount=Decimal("50000.00"), valid_from=dt.date(2025, 1, 1),
        created_by=world.a.lead,
    )  # fmt: skip
    assert [(c.key, c.ticked) for c in act_candidates(matter=world.a.matter, period_start=START, period_end=END)] == [
        ("fixed", False)
    ]
    act = _issue(world, final=True)
    assert act.gross == Decimal("50000.00") and act.is_final
    assert act_candidates(matter=world.a.matter, period_start=START, period_end=END) == []
