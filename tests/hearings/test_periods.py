"""Period arithmetic of the procedural codes against Russia's real production calendar (2024–2026)."""

import datetime as dt

import pytest
from django.utils import translation

from hearings import workdays
from hearings.periods import (
    ProductionCalendar,
    add_months,
    compute,
    explain,
    is_working_day,
    next_working_day,
    parse_rule,
)
from tests.factories_deadlines import WorkdayOverrideFactory

D = dt.date
CAL = ProductionCalendar({})

# Reading the steps names a holiday through the firm's calendar, which reads the admin's corrections:
# every test may touch the database, and each starts from a calendar read afresh.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    workdays.forget_calendar()
    yield
    workdays.forget_calendar()


def due(rule, trigger, cal=CAL):
    return compute(rule, trigger, calendar=cal).due_on


def lines(rule, trigger, language="en", cal=CAL):
    with translation.override(language):
        return explain(compute(rule, trigger, calendar=cal).steps)


# --- the calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day,working",
    [
        (D(2025, 11, 1), True),  # a Saturday made a working day (transfer to 3 November)
        (D(2025, 11, 3), False),  # the Monday off in its place
        (D(2025, 11, 4), False),  # National Unity Day
        (D(2025, 12, 31), False),  # transferred from 5 January 2025
        (D(2026, 1, 9), False),  # transferred from 3 January 2026
        (D(2026, 1, 12), True),
        (D(2026, 2, 23), False),
        (D(2026, 3, 6), True),
        (D(2026, 5, 11), False),  # Victory Day on a Saturday → Monday off
        (D(2026, 6, 15), True),
    ],
)
def test_working_days_follow_the_production_calendar(day, working):
    assert CAL.is_working_day(day) is working


def test_next_working_day_passes_the_new_year_holidays():
    assert CAL.next_working_day(D(2025, 12, 30)) == D(2026, 1, 12)
    assert CAL.next_working_day(D(2025, 10, 31)) == D(2025, 11, 1)  # the working Saturday
    assert CAL.next_working_day(D(2025, 11, 1)) == D(2025, 11, 5)


def test_a_correction_wins_over_the_package():
    cal = ProductionCalendar({D(2026, 6, 15): False, D(2026, 6, 13): True})
    assert not cal.is_working_day(D(2026, 6, 15))
    assert cal.is_working_day(D(2026, 6, 13))  # a Saturday declared working
    assert cal.next_working_day(D(2026, 6, 12)) == D(2026, 6, 13)


@pytest.mark.django_db
def test_a_correction_entered_in_the_database_is_used_at_once():
    workdays.forget_calendar()
    assert is_working_day(D(2026, 3, 10))
    WorkdayOverrideFactory(day=D(2026, 3, 10), is_working=False, note="Указ (тест)")
    assert not is_working_day(D(2026, 3, 10))
    assert next_working_day(D(2026, 3, 9)) == D(2026, 3, 11)
    # 10 March 2026 + 1 month... a month period triggered 10 February ends on the corrected day → moves on
    assert compute("apk_appeal", D(2026, 2, 10)).due_on == D(2026, 3, 11)
    override = workdays.firm_calendar().overrides
    assert override == {D(2026, 3, 10): False}
    from hearings.models import WorkdayOverride

    WorkdayOverride.objects.all().delete()
    assert is_working_day(D(2026, 3, 10))


# --- months: the same-numbered day of the last month, or its last day -----------------------------


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (D(2026, 1, 15), 1, D(2026, 2, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 12, 29), 2, D(2024, 2, 29)),
        (D(2025, 12, 29), 2, D(2026, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),  # the 31st into a 30-day month
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),  # across the year end
        (D(2025, 10, 20), 3, D(2026, 1, 20)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_arbitration_appeal_ending_on_a_sunday_moves_to_monday():
    assert due("apk_appeal", D(2026, 1, 15)) == D(2026, 2, 16)
    assert lines("apk_appeal", D(2026, 1, 15)) == [
        "Decision in its final form: 15 Jan 2026",
        "+ 1 month (APC RF Art. 114(3)) = 15 Feb 2026",
        "15 Feb 2026 is a non-working day: Sunday → next working day 16 Feb 2026 (APC RF Art. 114(4))",
        "Last day: 16 Feb 2026",
    ]


def test_the_steps_take_the_readers_date_format_and_day_names():
    # The Russian sentences come from the catalogue; the values are Russian already.
    text = lines("apk_appeal", D(2026, 1, 15), "ru")
    assert "15.01.2026" in text[0]
    assert "15.02.2026" in text[1] and "15.02.2026" in text[2] and "16.02.2026" in text[2]
    assert ": воскресенье →" in text[2]
    assert ": выходной (перенесено с 03.01.2026) →" in lines("kas_appeal", D(2025, 12, 9), "ru")[2]


def test_a_day_off_by_the_firms_correction_says_so():
    cal = ProductionCalendar({D(2026, 2, 16): False})
    assert "16 Feb 2026 is a non-working day: a day off by the firm's correction of the calendar" in "\n".join(
        lines("apk_appeal", D(2026, 1, 16), cal=cal)
    )


def test_a_month_period_ending_in_the_new_year_holidays_ends_on_12_january():
    assert due("gpk_appeal", D(2025, 12, 3)) == D(2026, 1, 12)  # 3 January 2026, Saturday, holidays
    assert due("kas_appeal", D(2025, 12, 9)) == D(2026, 1, 12)  # 9 January 2026, a transferred day off
    text = lines("kas_appeal", D(2025, 12, 9))
    assert "9 Jan 2026 is a non-working day: Day off (substituted from 01/03/2026) →" in text[2]
    assert "3 Jan 2026 is a non-working day: New Year Holidays →" in lines("gpk_appeal", D(2025, 12, 3))[2]
    assert "(CAP RF Art. 93(2))" in text[2]


def test_the_31st_into_february_then_the_weekend():
    assert due("apk_appeal", D(2026, 1, 31)) == D(2026, 3, 2)  # 28 Feb 2026 is a Saturday
    assert lines("apk_appeal", D(2026, 1, 31))[1] == (
        "+ 1 month: that month has no day 31, so its last day 28 Feb 2026 (APC RF Art. 114(3))"
    )
    assert due("apk_appeal", D(2024, 1, 31)) == D(2024, 2, 29)  # leap year, a Thursday


def test_cassation_periods():
    assert due("apk_cassation", D(2025, 12, 31)) == D(2026, 3, 2)  # 28 Feb 2026 (Sat) → 2 March
    assert due("gpk_cassation", D(2025, 11, 20)) == D(2026, 2, 20)
    assert due("gpk_cassation", D(2025, 11, 23)) == D(2026, 2, 24)  # 23 Feb: Defender's Day (Monday)
    assert due("kas_cassation", D(2025, 8, 31)) == D(2026, 3, 2)


def test_a_period_ending_on_the_working_saturday_stays_there():
    assert due("apk_appeal", D(2025, 10, 1)) == D(2025, 11, 1)
    assert due("apk_appeal", D(2025, 10, 3)) == D(2025, 11, 5)  # 3 Nov off, 4 Nov holiday


# --- days: working days only in procedure, calendar days in civil law ---------------------------------


def test_working_days_across_the_transferred_days_of_november_2025():
    # 28–31 Oct, 1 Nov (working Saturday), [2, 3, 4 off], 5–7, [8, 9], 10, 11
    assert due("custom_workdays:10", D(2025, 10, 27)) == D(2025, 11, 11)
    assert lines("custom_workdays:10", D(2025, 10, 27))[2] == "Non-working days passed over: 5"


def test_working_days_across_the_may_holidays():
    # 29, 30 Apr, [1–3 May], 4–8, [9–11], 12–15, [16, 17], 18–21
    assert due("apk_simplified_appeal", D(2026, 4, 28)) == D(2026, 5, 21)
    assert due("gpk_private_complaint", D(2026, 4, 28)) == D(2026, 5, 21)
    # 2025: [1–4 May], 5–7, [8–11], 12–16, [17, 18], 19, 20
    assert due("gpk_court_order_objection", D(2025, 4, 30)) == D(2025, 5, 20)


def test_working_days_across_the_new_year():
    # [27, 28], 29, 30 Dec, [31 Dec – 11 Jan], 12–16, [17, 18], 19–21 | 22, 23, [24, 25], 26–28
    assert due("gpk_court_order_objection", D(2025, 12, 26)) == D(2026, 1, 21)
    assert due("gpk_private_complaint", D(2025, 12, 26)) == D(2026, 1, 28)


def test_a_working_day_period_triggered_on_a_holiday_starts_the_next_day():
    assert due("custom_workdays:1", D(2026, 1, 1)) == D(2026, 1, 12)
    assert due("custom_workdays:1", D(2025, 10, 31)) == D(2025, 11, 1)


def test_calendar_days_with_the_shift_of_the_civil_code():
    assert due("custom_days:10", D(2025, 12, 24)) == D(2026, 1, 12)  # 3 Jan → 12 Jan
    assert due("custom_days:7", D(2026, 6, 1)) == D(2026, 6, 8)
    assert due("custom_days:30", D(2026, 1, 15)) == D(2026, 2, 16)  # 14 Feb Saturday → 16 Feb
    assert lines("custom_days:30", D(2026, 1, 15))[-1] == "Last day: 16 Feb 2026"
    assert "(Civil Code RF Art. 193)" in lines("custom_days:30", D(2026, 1, 15))[2]


def test_custom_months():
    assert due("custom_months:12", D(2025, 2, 28)) == D(2026, 3, 2)  # 28 Feb 2026 is a Saturday
    assert due("custom_months:2", D(2025, 12, 31)) == D(2026, 3, 2)


def test_an_override_moves_a_computed_deadline():
    cal = ProductionCalendar({D(2026, 2, 16): False})
    assert due("apk_appeal", D(2026, 1, 15), cal) == D(2026, 2, 17)
    cal = ProductionCalendar({D(2026, 2, 15): True})
    assert due("apk_appeal", D(2026, 1, 15), cal) == D(2026, 2, 15)


@pytest.mark.parametrize(
    "rule", ["nonsense", "custom_days", "custom_days:0", "custom_days:x", "custom_months:999", "apk_appeal:3", ""]
)
def test_unknown_rules_and_amounts_are_refused(rule):
    with pytest.raises(ValueError):
        parse_rule(rule)


def test_stored_steps_survive_bad_params():
    assert explain([{"msgid": "Last day: %(date)s", "params": {}}]) == ["Last day: %(date)s"]
    assert explain([None, "x"]) == []
