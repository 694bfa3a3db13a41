"""The admin's read-only base: billing's documents are looked up here, never written (the services do)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """List, filter and open; no add, change or delete (a superuser included)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
