"""The API's throttles: per address for anonymous calls, per user for signed-in ones.

The address is DRF's, cut at settings.TRUSTED_PROXIES through NUM_PROXIES, so a forged
X-Forwarded-For does not buy a fresh allowance. The rates are read at each call (DRF binds them
once at import), so the environment and the tests' settings decide them.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _CurrentRates:
    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError as exc:
            raise ImproperlyConfigured(f"No throttle rate set for the scope {self.scope!r}") from exc


class AnonThrottle(_CurrentRates, AnonRateThrottle):
    pass


class UserThrottle(_CurrentRates, UserRateThrottle):
    pass
