from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import kinds
from .models import Notice, NoticeKindSetting


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to_email", "kind", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject"]
    readonly_fields = [f.name for f in Notice._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the failed notices again"))
    def send_again(self, request, queryset):
        from .services import notice_resend

        done = 0
        for pk in queryset.filter(status=Notice.Status.FAILED).values_list("pk", flat=True):
            notice_resend(notice_id=pk, by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d notice will be sent again.", "%(count)d notices will be sent again.", done)
            % {"count": done},
            messages.SUCCESS,
        )


class NoticeKindSettingForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind"), choices=[])

    class Meta:
        model = NoticeKindSetting
        fields = ["kind", "email_mandatory", "reminder_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(code, f"{kind.label} ({code})") for code, kind in kinds.KINDS.items()]

    def clean_reminder_days(self):
        value = self.cleaned_data["reminder_days"]
        parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        if any(not p.isdigit() or not 0 < int(p) <= 366 for p in parts):
            raise forms.ValidationError(_("Whole numbers of days from 1 to 366, separated by commas."))
        return ", ".join(str(d) for d in sorted({int(p) for p in parts}, reverse=True))


@admin.register(NoticeKindSetting)
class NoticeKindSettingAdmin(admin.ModelAdmin):
    form = NoticeKindSettingForm
    list_display = ["kind", "label", "email_mandatory", "reminder_days"]

    @admin.display(description=_("what it is"))
    def label(self, obj):
        return kinds.label(obj.kind)
