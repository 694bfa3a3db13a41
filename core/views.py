"""What every page view shares: one way to show a service's refusal.

A page view is parse → call → render. The call may be refused (a `DomainError`: a rule, a state,
a bad value); `show_refusal` turns the refusal into what the user sees, the same way on every page:

    form = SomethingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            item = services.something_do(by=request.user, **form.cleaned_data)
            messages.success(request, _("Done."))
            return redirect("app:item", pk=item.pk)
    return render(request, "app/form.html", {"form": form}, status=400 if form.errors else 200)

- With a form, the refusal goes onto the form: next to each field it names, otherwise above the form
  (core.forms.apply_domain_error); the view then renders the form again.
- Without a form (a button that posts), it is one flash message — the messages of the fields it
  names, or else its own message — and the view redirects back to where the button was.
- A page with formsets as well (the parties of an intake) names them: `formsets={"parties": parties}`;
  an error naming "parties" is shown above the parties' rows.
- A form that is one panel of an object's page (release a result, record a delivery) takes only the
  errors that name its fields (`fields_only=True`); a refusal of the act itself (its state, who may
  do it) is a flash message, `.flashed` is true, and the view redirects to the page, which then shows
  the object as it now is (the panel may not be offered any more).
- A page that shows only some kinds of refusal names them (`only=(InvalidState, ValidationError)`);
  any other refusal leaves the block and becomes its error page (403 for who may, 404 for what is not
  there) — the disclosure and the terms pages answer a person who may not write there that way. A
  kind named in `flash=(InvalidState,)` is a flash message even when there is a form (`.flashed`: the
  view redirects, and the page shows the object as it now is).

Two shapes recur and have their helpers: `button_post` (a button that posts: call, say what was done, go back)
and `panel_post` (a form that is one panel of an object's page, as above).

The block is left at the refusal and nothing after the call runs. Errors of the pages are mapped to HTTP once, by
core.middleware.DomainErrorMiddleware, for a refusal a view does not catch.
"""

from django.contrib import messages
from django.shortcuts import redirect

from .errors import DomainError
from .forms import apply_domain_error


def _flat(fields: dict) -> list[str]:
    return [str(m) for value in fields.values() for m in (value if isinstance(value, list | tuple) else [value])]


def error_messages(error: DomainError) -> list[str]:
    """What a refusal says: the messages of the fields it names, or else its own message."""
    return _flat(error.fields) or [str(error.message)]


class Refusal:
    """Catches a service's DomainError in its block and shows it: on `form` if given, else as a flash message."""

    def __init__(
        self,
        request,
        form=None,
        *,
        formsets: dict | None = None,
        fields_only: bool = False,
        only: tuple[type[DomainError], ...] = (DomainError,),
        flash: tuple[type[DomainError], ...] = (),
    ):
        self.request = request
        self.form = form
        self.formsets = formsets or {}
        self.fields_only = fields_only
        self.only = only
        self.flash = flash
        self.error: DomainError | None = None
        self.flashed = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or not isinstance(exc, DomainError) or not isinstance(exc, self.only):
            return False
        self.error = exc
        on_page = (self.form is not None or self.formsets) and not isinstance(exc, self.flash)
        if on_page and (exc.fields or not self.fields_only):
            self._show_on_forms(exc)
        else:
            messages.error(self.request, " ".join(error_messages(exc)))
            self.flashed = True
        return True

    def _show_on_forms(self, error: DomainError) -> None:
        """Next to the fields it names; a formset's name puts its messages above the formset's rows;
        the rest above the form (or, with formsets only, above the first one)."""
        rest = {k: v for k, v in error.fields.items() if k not in self.formsets}
        for name, formset in self.formsets.items():
            if name in error.fields:
                formset.non_form_errors().extend(_flat({name: error.fields[name]}))
        if error.fields and not rest:
            return
        if self.form is None:
            next(iter(self.formsets.values())).non_form_errors().extend(_flat(rest) or [str(error.message)])
        elif rest:
            for name, value in rest.items():
                for message in _flat({name: value}):
                    self.form.add_error(name if name in self.form.fields else None, message)
        else:
            apply_domain_error(self.form, error)


def show_refusal(
    request,
    form=None,
    *,
    formsets: dict | None = None,
    fields_only: bool = False,
    only: tuple[type[DomainError], ...] = (DomainError,),
    flash: tuple[type[DomainError], ...] = (),
) -> Refusal:
    """`with show_refusal(request, form): call the service, then succeed` — see the module's docstring.

    `formsets` maps a field name a service may use (e.g. "parties") to the formset that shows it;
    `only` names the kinds of refusal shown on this page (the rest become the error page), `flash`
    the kinds that are a flash message even with a form."""
    return Refusal(request, form, formsets=formsets, fields_only=fields_only, only=only, flash=flash)


def button_post(request, act, *, done: str, back: str):
    """A button that posts: `act()` calls the service, `done` is said, and the user goes `back` (a URL) to the
    page the button was on; a refusal is one flash message there instead."""
    with show_refusal(request):
        act()
        messages.success(request, done)
    return redirect(back)


def panel_post(request, form, act, *, back: str, again):
    """A form that is one panel of an object's page: when valid, `act(data)` calls the service (and says what was
    done) and the user goes `back` (a URL) to the page; a refusal naming the panel's fields shows on the panel,
    `again(form)` rendering the page with it (400); a refusal of the act itself is a flash message, back to the page."""
    if form.is_valid():
        with (refusal := show_refusal(request, form, fields_only=True)):
            act(form.cleaned_data)
            return redirect(back)
        if refusal.flashed:
            return redirect(back)
    return again(form)
