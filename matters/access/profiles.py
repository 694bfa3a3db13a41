"""Whose specialist profile a user may see, and change."""

from django.db.models import Q, QuerySet

from users.models import LAWYER_ROLES, User

from .common import _inactive

PROFILE_ACTIONS = ("view", "change")


def visible_profiles(user) -> QuerySet:
    """Listed profiles of the firm's active lawyers; a partner and the specialist also see unlisted ones."""
    from ..models import SpecialistProfile

    qs = SpecialistProfile.objects.filter(user__is_active=True, user__role__in=LAWYER_ROLES)
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.is_lawyer:
        return qs.filter(Q(is_listed=True) | Q(user=user))
    return qs.filter(is_listed=True)


def profile_owners(user) -> QuerySet[User]:
    """The lawyers whose profile the user may change: a lawyer its own, a partner anyone's."""
    qs = User.objects.filter(role__in=LAWYER_ROLES)
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    return qs.filter(pk=user.pk) if user.is_lawyer else qs.none()
