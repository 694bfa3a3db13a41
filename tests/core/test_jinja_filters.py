"""core.jinja's date and time filters answer exactly as Django's, faster for the portal's numeric formats."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import defaultfilters
from django.utils import translation

from core import jinja

VALUES = [
    datetime.date(2026, 1, 5),
    datetime.date(987, 12, 31),
    datetime.datetime(2026, 3, 9, 7, 4, 5, 123456, tzinfo=ZoneInfo("Asia/Yekaterinburg")),
    datetime.datetime(2026, 11, 30, 23, 59, tzinfo=datetime.UTC),
    datetime.datetime(2026, 11, 30, 0, 0),
    datetime.time(9, 5, 7),
    None,
    "",
]
FORMATS = [
    *(None, "DATE_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"),
    *("c", "Y-m-d", r"d\d.m", "j E Y", "y n G:i:s"),
]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_date_and_time_filters_answer_as_djangos(language):
    with translation.override(language):
        for value in VALUES:
            for fmt in FORMATS:
                for ours, djangos in ((jinja.date, defaultfilters.date), (jinja.time, defaultfilters.time)):
                    try:
                        expected = djangos(value, fmt)
                    except TypeError as error:  # Django refuses a time in a date's format
                        with pytest.raises(type(error)):
                            ours(value, fmt)
                        continue
                    assert ours(value, fmt) == expected, (ours.__name__, value, fmt)
