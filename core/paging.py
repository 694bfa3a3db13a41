"""Page through a queryset without COUNT(*): fetch one row more than shown to know if a next page exists.

A list over a million tasks then costs the same on page 1 as on a one-row table.
"""

from dataclasses import dataclass
from typing import Any

PER_PAGE = 50


@dataclass
class Page:
    items: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_number(page: str | int | None) -> int:
    """The page a query parameter asks for, from 1 to 10,000 (anything else: the first)."""
    try:
        return max(1, min(int(page or 1), 10_000))
    except (TypeError, ValueError):
        return 1


def page_of(queryset, page: str | int | None, *, per_page: int = PER_PAGE) -> Page:
    number = page_number(page)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return Page(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
