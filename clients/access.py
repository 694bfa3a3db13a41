"""Who may see which client: the one answer, used by every page, API endpoint and document."""

from django.db.models import Exists, OuterRef, QuerySet

from users.models import Role

from .models import Client


def visible_clients(user) -> QuerySet[Client]:
    qs = Client.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.sees_everything or user.role == Role.SECRETARY:
        # Secretaries handle intake and scheduling for the whole firm: they see who the clients
        # are, not the contents of matters they are not assigned to (see matters.access).
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(pk=user.client_id)
    if user.role in (Role.SPECIALIST, Role.LEAD):
        from matters.models import Assignment

        return qs.filter(Exists(Assignment.objects.filter(user=user, matter__client=OuterRef("pk"))))
    return qs.none()
