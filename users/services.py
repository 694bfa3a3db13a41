from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationError

from .models import Role, User


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    role: str,
    client=None,
    password: str | None = None,
    language: str = settings.LANGUAGE_CODE,
    phone: str = "",
    email_verified: bool = False,
    is_staff: bool = False,
) -> User:
    """Open an account for a person of the firm or of a client.

    With no password the account cannot sign in until its owner sets one through "forgot
    password"; `email_verified` is for addresses the firm has already confirmed in person.
    """
    email = (email or "").strip().lower()
    errors = {}
    if not email:
        errors["email"] = [_("An e-mail address is required.")]
    elif User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("A user with this e-mail address already exists.")]
    if not (full_name or "").strip():
        errors["full_name"] = [_("A full name is required.")]
    if role not in Role.values:
        errors["role"] = [_("Unknown role.")]
    elif (role == Role.CLIENT) != (client is not None):
        errors["client"] = [_("A client user belongs to exactly one client; the firm's people to none.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Unknown language.")]
    if errors:
        raise ValidationError(fields=errors)

    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        role=role,
        client=client,
        language=language,
        phone=phone,
        is_staff=is_staff,
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    return user


def user_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(fields={"language": [_("Unknown language.")]})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
