from . import advances  # noqa: F401
