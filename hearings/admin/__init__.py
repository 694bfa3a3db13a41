"""Admin of the hearings app, one module per sub-concern (imported here so that Django finds them)."""

from . import deadlines, hearings  # noqa: F401
