"""core.views.show_refusal: the one way a page shows a service's refusal; core.selectors.get_visible."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.selectors import get_visible
from core.views import show_refusal
from tests import factories as f
from users.models import User


class NoteForm(forms.Form):
    text = forms.CharField()


class Row(forms.Form):
    name = forms.CharField()


Rows = forms.formset_factory(Row)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _flashes(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def _bound_form():
    form = NoteForm({"text": "x"})
    assert form.is_valid()
    return form


def test_an_error_naming_a_field_goes_next_to_it():
    request, form = _request(), _bound_form()
    with show_refusal(request, form) as refusal:
        raise ValidationError(fields={"text": ["Too short."]})
    assert form.errors == {"text": ["Too short."]}
    assert refusal.error is not None and not refusal.flashed
    assert _flashes(request) == []


def test_an_error_naming_no_field_goes_above_the_form():
    request, form = _request(), _bound_form()
    with show_refusal(request, form):
        raise InvalidState("The matter is closed.")
    assert form.non_field_errors() == ["The matter is closed."]


def test_without_a_form_it_is_one_flash_message_saying_what_is_wrong():
    request = _request()
    with show_refusal(request) as refusal:
        raise ValidationError(fields={"at": ["Not in the future."], "x": ["Nor this."]})
    assert refusal.flashed
    assert _flashes(request) == ["Not in the future. Nor this."]
    request = _request()
    with show_refusal(request):
        raise InvalidState("Already confirmed.")
    assert _flashes(request) == ["Already confirmed."]


def test_a_panel_form_takes_field_errors_and_flashes_a_refusal_of_the_act():
    request, form = _request(), _bound_form()
    with show_refusal(request, form, fields_only=True) as refusal:
        raise InvalidState("Already released.")
    assert refusal.flashed and not form.errors
    assert _flashes(request) == ["Already released."]
    request, form = _request(), _bound_form()
    with show_refusal(request, form, fields_only=True) as refusal:
        raise ValidationError(fields={"text": ["Give a recipient."]})
    assert not refusal.flashed and form.errors == {"text": ["Give a recipient."]}


def test_a_page_shows_only_the_kinds_it_names_and_leaves_the_rest_to_its_error_page():
    request, form = _request(), _bound_form()
    with pytest.raises(NotPermitted), show_refusal(request, form, only=(InvalidState, ValidationError)):
        raise NotPermitted("Not yours to write.")
    assert not form.errors and _flashes(request) == []
    with show_refusal(request, form, only=(InvalidState, ValidationError)) as refusal:
        raise ValidationError("Answer at least one question.")
    assert form.non_field_errors() == ["Answer at least one question."] and not refusal.flashed


def test_a_kind_named_to_flash_is_a_flash_message_even_with_a_form():
    request, form = _request(), _bound_form()
    with show_refusal(request, form, flash=(InvalidState,)) as refusal:
        raise InvalidState("The matter is closed.")
    assert refusal.flashed and not form.errors
    assert _flashes(request) == ["The matter is closed."]


def test_a_formset_named_by_the_error_shows_its_messages_above_its_rows():
    request, form = _request(), _bound_form()
    rows = Rows({"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"})
    assert rows.is_valid()
    with show_refusal(request, form, formsets={"parties": rows}):
        raise ValidationError(fields={"parties": ["Name at least one party."], "text": ["Too short."]})
    assert list(rows.non_form_errors()) == ["Name at least one party."]
    assert form.errors == {"text": ["Too short."]}


def test_success_runs_the_whole_block_and_other_exceptions_pass():
    request, form = _request(), _bound_form()
    with show_refusal(request, form) as refusal:
        done = True
    assert done and refusal.error is None
    with pytest.raises(KeyError), show_refusal(request, form):
        raise KeyError("a bug is not a refusal")


@pytest.mark.django_db
def test_get_visible_answers_not_found_for_a_missing_or_malformed_id():
    user = f.PartnerFactory()
    assert get_visible(User.objects.all(), pk=user.pk) == user
    for bad in (user.pk + 1, "abc", None):
        with pytest.raises(NotFound):
            get_visible(User.objects.all(), pk=bad)
