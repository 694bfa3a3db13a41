"""Who may see which of the users app's objects."""

from .models import ApiToken


def visible_tokens(user):
    """A user's own API tokens and nobody else's: not a partner's, not the admin's business either."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)
