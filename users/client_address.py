"""The address a request really came from: one answer for the access log, rate limits and throttles."""

import ipaddress

from django.conf import settings


def trusted_proxies() -> int:
    """How many reverse proxies of ours append to X-Forwarded-For (settings.TRUSTED_PROXIES)."""
    return max(settings.TRUSTED_PROXIES, 0)


def client_ip(request) -> str | None:
    """The client's address as evidence and as a rate-limit key: not what the caller claims it is.

    X-Forwarded-For is written by whoever sends the request, so only the entries added by our own
    proxies count: with TRUSTED_PROXIES = n (0 by default: gunicorn faces the network), the n-th
    address from the right is the client's. Without trusted proxies the socket's address is used.
    DRF's throttles get the same answer through NUM_PROXIES, allauth's through the account adapter.
    """
    if request is None:
        return None
    proxies = trusted_proxies()
    remote = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return _valid_ip(remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= proxies:
        return _valid_ip(forwarded[-proxies]) or _valid_ip(remote)
    return _valid_ip(forwarded[0] if forwarded else remote) or _valid_ip(remote)


def _valid_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
