"""English dates and times: one date format and one date-and-time format on every page.

Django's own English formats mix "12/06/2026" (SHORT_*) with "Dec. 6, 2026" (the long ones) and
write times as "5:13 a.m.", whose dot doubles at the end of a sentence. Here the short and long
names mean the same, and times are on the 24-hour clock, as the firm writes them in Russian.
"""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
