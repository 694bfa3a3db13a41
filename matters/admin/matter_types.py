"""Admin of matter types with their stages (the firm configures them); the timeline's is timeline.admin."""

from django import forms
from django.contrib import admin
from django.db.models import F

from ..models import MatterType, Stage

# --- matter types and their stages ---------------------------------------


class StageAdminForm(forms.ModelForm):
    # Each stage of the type is a form of the one formset, which checks that no two share a place;
    # the database check of a single form would see the old places and refuse a swap.
    def validate_unique(self):
        pass

    def validate_constraints(self):
        pass


class StageInlineFormSet(forms.BaseInlineFormSet):
    def save(self, commit=True):
        # Stages may swap places (1 ↔ 2): move the changed and deleted ones out of the way first, or
        # the unique (type, order) constraint refuses the first row saved into a place still taken.
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk and (form.has_changed() or form in self.deleted_forms)
        ]
        if commit and moving:
            Stage.objects.filter(pk__in=moving).update(order=F("order") + 10_000)
        return super().save(commit)


class StageInline(admin.TabularInline):
    model = Stage
    form = StageAdminForm
    formset = StageInlineFormSet
    extra = 1
    fields = ["order", "name_ru", "name_en"]
    ordering = ["order"]


@admin.register(MatterType)
class MatterTypeAdmin(admin.ModelAdmin):
    """The firm's kinds of matter and the stages each goes through, in order (the client sees them)."""

    list_display = ["name_ru", "name_en"]
    search_fields = ["name_ru", "name_en"]
    inlines = [StageInline]
