from django.contrib import admin

from .models import Client


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "inn", "email", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "inn", "ogrn", "email"]
