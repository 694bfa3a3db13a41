"""The registry of named periods: what each counts, from what, and on which article it rests.

A rule's code is what a deadline stores (`Deadline.rule`); the custom rules carry their amount after
a colon ("custom_workdays:10"). Labels, triggers and the articles are message ids, translated when
shown (hearings.periods.explain, the rules' API, the form's choices).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

MONTHS = "months"
WORKDAYS = "workdays"
CALENDAR_DAYS = "days"
MAX_AMOUNT = {MONTHS: 120, WORKDAYS: 2000, CALENDAR_DAYS: 3650}


@dataclass(frozen=True)
class Regime:
    """Where a code says how its periods are counted."""

    start: str  # the period starts on the next day
    months: str  # a period in months ends on the same-numbered day of its last month
    workdays: str  # a period in days counts working days only
    shift: str  # a last day that is a non-working day moves to the next working day


APK = Regime(
    start=gettext_noop("APC RF Art. 113(2)"),
    months=gettext_noop("APC RF Art. 114(3)"),
    workdays=gettext_noop("APC RF Art. 113(3)"),
    shift=gettext_noop("APC RF Art. 114(4)"),
)
GPK = Regime(
    start=gettext_noop("CPC RF Art. 107(3)"),
    months=gettext_noop("CPC RF Art. 108(1)"),
    workdays=gettext_noop("CPC RF Art. 107(3)"),
    shift=gettext_noop("CPC RF Art. 108(2)"),
)
KAS = Regime(
    start=gettext_noop("CAP RF Art. 92"),
    months=gettext_noop("CAP RF Art. 93"),
    workdays=gettext_noop("CAP RF Art. 92"),
    shift=gettext_noop("CAP RF Art. 93(2)"),
)
# A custom procedural period: the three codes count the same way.
PROCEDURAL = Regime(
    start=gettext_noop("APC RF Art. 113, CPC RF Art. 107, CAP RF Art. 92"),
    months=gettext_noop("APC RF Art. 114(3), CPC RF Art. 108(1), CAP RF Art. 93"),
    workdays=gettext_noop("APC RF Art. 113(3), CPC RF Art. 107(3), CAP RF Art. 92"),
    shift=gettext_noop("APC RF Art. 114(4), CPC RF Art. 108(2), CAP RF Art. 93(2)"),
)
CIVIL = Regime(
    start=gettext_noop("Civil Code RF Art. 191"),
    months=gettext_noop("Civil Code RF Art. 192"),
    workdays=gettext_noop("Civil Code RF Art. 191"),
    shift=gettext_noop("Civil Code RF Art. 193"),
)

FINAL_FORM = gettext_noop("Decision in its final form")
IN_FORCE = gettext_noop("Entry into legal force")
RULING = gettext_noop("Ruling issued")
TRIGGER = gettext_noop("Counted from")


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    unit: str
    amount: int | None  # None: the user gives it (custom rules)
    regime: Regime
    basis: str
    trigger: str

    @property
    def custom(self) -> bool:
        return self.amount is None


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "apk_appeal",
            gettext_noop("Arbitration: appeal against a decision (1 month)"),
            MONTHS,
            1,
            APK,
            gettext_noop("APC RF Art. 259(1)"),
            FINAL_FORM,
        ),
        Rule(
            "apk_ruling_appeal",
            gettext_noop("Arbitration: appeal against a ruling (1 month)"),
            MONTHS,
            1,
            APK,
            gettext_noop("APC RF Art. 188(3)"),
            RULING,
        ),
        Rule(
            "apk_simplified_appeal",
            gettext_noop("Arbitration: appeal in simplified proceedings (15 working days)"),
            WORKDAYS,
            15,
            APK,
            gettext_noop("APC RF Art. 229(3)"),
            gettext_noop("Decision adopted"),
        ),
        Rule(
            "apk_cassation",
            gettext_noop("Arbitration: cassation (2 months)"),
            MONTHS,
            2,
            APK,
            gettext_noop("APC RF Art. 276(1)"),
            IN_FORCE,
        ),
        Rule(
            "gpk_appeal",
            gettext_noop("Civil: appeal against a decision (1 month)"),
            MONTHS,
            1,
            GPK,
            gettext_noop("CPC RF Art. 321(2)"),
            FINAL_FORM,
        ),
        Rule(
            "gpk_private_complaint",
            gettext_noop("Civil: private complaint against a ruling (15 working days)"),
            WORKDAYS,
            15,
            GPK,
            gettext_noop("CPC RF Art. 332"),
            RULING,
        ),
        Rule(
            "gpk_cassation",
            gettext_noop("Civil: cassation (3 months)"),
            MONTHS,
            3,
            GPK,
            gettext_noop("CPC RF Art. 376.1(1)"),
            IN_FORCE,
        ),
        Rule(
            "gpk_court_order_objection",
            gettext_noop("Civil: objection to a court order (10 working days)"),
            WORKDAYS,
            10,
            GPK,
            gettext_noop("CPC RF Art. 128"),
            gettext_noop("Court order received"),
        ),
        Rule(
            "kas_appeal",
            gettext_noop("Administrative: appeal against a decision (1 month)"),
            MONTHS,
            1,
            KAS,
            gettext_noop("CAP RF Art. 298(1)"),
            FINAL_FORM,
        ),
        Rule(
            "kas_cassation",
            gettext_noop("Administrative: cassation (6 months)"),
            MONTHS,
            6,
            KAS,
            gettext_noop("CAP RF Art. 318(2)"),
            IN_FORCE,
        ),
        Rule(
            "custom_months",
            gettext_noop("Custom: N months"),
            MONTHS,
            None,
            PROCEDURAL,
            PROCEDURAL.months,
            TRIGGER,
        ),
        Rule(
            "custom_workdays",
            gettext_noop("Custom: N working days (procedural)"),
            WORKDAYS,
            None,
            PROCEDURAL,
            PROCEDURAL.workdays,
            TRIGGER,
        ),
        Rule(
            "custom_days",
            gettext_noop("Custom: N calendar days (civil law)"),
            CALENDAR_DAYS,
            None,
            CIVIL,
            gettext_noop("Civil Code RF Arts. 191–193"),
            TRIGGER,
        ),
    )
}


def rule_code(code: str, amount: int | None = None) -> str:
    """What a deadline stores: the code, and for a custom rule its amount ("custom_workdays:10")."""
    rule = RULES.get(code)
    if rule is None:
        raise ValueError(f"unknown rule {code!r}")
    if rule.custom:
        return f"{code}:{amount}"
    return code


def parse_rule(stored: str) -> tuple[Rule, int]:
    """The rule and its amount from a stored code; ValueError when unknown or out of range."""
    code, _sep, tail = (stored or "").partition(":")
    rule = RULES.get(code)
    if rule is None:
        raise ValueError(f"unknown rule {stored!r}")
    if not rule.custom:
        if tail:
            raise ValueError(f"rule {code!r} takes no amount")
        return rule, rule.amount
    try:
        amount = int(tail)
    except ValueError:
        raise ValueError(f"rule {code!r} needs an amount") from None
    if not 1 <= amount <= MAX_AMOUNT[rule.unit]:
        raise ValueError(f"amount {amount} out of range for {code!r}")
    return rule, amount
