"""Who opens the partner's view (issue 13): the firm-wide money figures and the accountants' exports.

Partners only (`sees_everything`: a partner, or the superuser who runs the admin). The figures are
the whole firm's — revenue, receivables, unbilled work, overdue advances, everyone's hours — so a
lead, a specialist, the front desk and clients are refused (403: the page's existence is no secret,
it is on every partner's dashboard). The selectors below it still start from each model's own
`restrict_*` function, so that the view never shows more than the partner could open one by one.
"""

from core.errors import NotPermitted


def partner_view_open(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.sees_everything)


def require_partner_view(user) -> None:
    """Raise NotPermitted (403 on the page and in the API) unless the user may open the partner's view."""
    if not partner_view_open(user):
        raise NotPermitted()
