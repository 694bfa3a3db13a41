from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, User
from .services_tokens import tokens_revoke_all


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "role", "client"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class PasswordChangeForm(AdminPasswordChangeForm):
    """A password set by the admin revokes the user's API tokens, as the user's own change does."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            tokens_revoke_all(user=user)
        return user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    form = UserEditForm
    change_password_form = PasswordChangeForm
    ordering = ["full_name"]
    list_display = ["email", "full_name", "role", "client", "language", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff", "language"]
    search_fields = ["email", "full_name"]
    list_select_related = ["client"]
    autocomplete_fields = ["client"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "gender", "phone", "language"]}),
        (_("Role"), {"fields": ["role", "client"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "client", "password1", "password2"],
            },
        ),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be looked at and revoked (deleted) here; never made or changed: keys are not stored."""

    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "expires_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "prefix", "name"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
