from .deadlines import Deadline, WorkdayOverride
from .hearings import Attendee, Hearing

__all__ = ["Attendee", "Deadline", "Hearing", "WorkdayOverride"]
