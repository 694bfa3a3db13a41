"""The one hierarchy of domain errors.

Services raise these with a translatable message; `core.api.exception_handler` (API) and
`core.middleware.DomainErrorMiddleware` (pages) map them to HTTP once, in the user's language.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the firm refused the action; nothing was changed."""

    code = "domain_error"
    status = 400
    default_message = _("The action cannot be performed.")

    def __init__(self, message=None, *, fields: dict | None = None, code: str | None = None):
        self.message = message if message is not None else self.default_message
        self.fields = fields or {}
        if code:
            self.code = code
        super().__init__(str(self.message))


class ValidationError(DomainError):
    code = "invalid"
    status = 400
    default_message = _("Please correct the errors below.")


class NotPermitted(DomainError):
    code = "not_permitted"
    status = 403
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class InvalidState(DomainError):
    code = "invalid_state"
    status = 409
    default_message = _("This cannot be done in the object's current state.")
