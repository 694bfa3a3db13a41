from .deadlines import Deadline, WorkdayOverride
from .feeds import CalendarFeedKey
from .hearings import Attendee, Hearing

__all__ = ["Attendee", "CalendarFeedKey", "Deadline", "Hearing", "WorkdayOverride"]
