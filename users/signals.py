"""A stolen API token must not outlive the owner's reaction: changing or resetting the password, or
turning on two-factor authentication, revokes every token the user has."""

from allauth.account.signals import password_changed, password_reset, password_set
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from .services_tokens import tokens_revoke_all


@receiver([password_changed, password_set, password_reset], dispatch_uid="users.revoke_tokens_on_password")
def revoke_tokens_on_password(sender, user, **kwargs):
    tokens_revoke_all(user=user)


@receiver(authenticator_added, dispatch_uid="users.revoke_tokens_on_mfa")
def revoke_tokens_on_mfa(sender, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        tokens_revoke_all(user=user)
