from django.conf import settings
from django.utils.translation import gettext_lazy as _


def portal(request):
    return {
        "portal_name": _("Poruchenie"),
        "firm": settings.FIRM,
        "LANGUAGE_CHOICES": settings.LANGUAGES,
    }
