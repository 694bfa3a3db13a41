from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Poruchenie administration")
admin.site.site_title = _("Poruchenie")
admin.site.index_title = _("The firm's data")
