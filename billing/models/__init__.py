"""The billing app's models, one module per sub-concern."""

from .advances import Advance, AdvanceSpending

__all__ = ["Advance", "AdvanceSpending"]
