"""Russian dates and times: one date format and one date-and-time format on every page.

Django's Russian formats mix "06.12.2026" (SHORT_*) with "6 декабря 2026 г." (the long ones); here
the short and long names mean the same.
"""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = DATE_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
