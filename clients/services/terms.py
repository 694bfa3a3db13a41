"""Engagement terms: the client user reads and accepts the current version before using the portal."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from audit.services import client_ip
from core.errors import NotPermitted, ValidationError

from ..models import TermsAcceptance, TermsVersion


def terms_current() -> TermsVersion | None:
    return TermsVersion.objects.order_by("-number").first()


def terms_pending_for(user) -> TermsVersion | None:
    """The version a client user still has to accept, or None when nothing is pending.

    One query whatever the history: the current version, annotated with whether the user has
    accepted it. Every page and API call of a client user runs it.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_client_user:
        return None
    current = (
        TermsVersion.objects.order_by("-number")
        .annotate(accepted=Exists(TermsAcceptance.objects.filter(user=user, version=OuterRef("pk"))))
        .only("pk", "number")
        .first()
    )
    if current is None or current.accepted:
        return None
    return current


def terms_accept(*, user, version: TermsVersion, language: str, request=None) -> TermsAcceptance:
    if not user.is_client_user:
        raise NotPermitted(_("The engagement terms are accepted by the client's own people."))
    current = terms_current()
    if current is None or version.pk != current.pk:
        raise ValidationError(fields={"version": [_("These are not the current terms; please read the current ones.")]})
    try:
        with transaction.atomic():
            return TermsAcceptance.objects.create(
                user=user,
                version=version,
                language=language,
                ip_address=client_ip(request),
                user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:500],
            )
    except IntegrityError:
        return TermsAcceptance.objects.get(user=user, version=version)


@transaction.atomic
def terms_publish(*, by, text_ru: str, text_en: str) -> TermsVersion:
    """A partner publishes a new version; every client user is asked to accept it at the next visit."""
    if not by.sees_everything:
        raise NotPermitted(_("Only a partner publishes new engagement terms."))
    if not text_ru.strip() or not text_en.strip():
        raise ValidationError(fields={"text": [_("Both the Russian and the English text are required.")]})
    last = TermsVersion.objects.select_for_update().order_by("-number").first()
    return TermsVersion.objects.create(number=(last.number + 1) if last else 1, text_ru=text_ru, text_en=text_en)
