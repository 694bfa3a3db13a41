"""The forms on a page, read the way a browser would submit them (stdlib only: no locust, no Django).

`page_forms(html)` gives each <form> with its action, method and the name/value pairs a browser would
send untouched: hidden inputs (the CSRF token, a formset's management form), text fields with their
values, checked boxes and radios, each <select>'s selected (or first) option, <textarea> contents.
Files and buttons are left out; the caller adds what a user would type or attach.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "reset", "image", "file"}


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    selects: dict[str, list[str]] = field(default_factory=dict)  # every option of each <select>

    def data(self, **overrides: str) -> dict[str, str | list[str]]:
        """The fields as a dict (repeated names as lists), with `overrides` replacing or adding values."""
        out: dict[str, str | list[str]] = {}
        for name, value in self.fields:
            if name in out:
                prev = out[name]
                out[name] = [*prev, value] if isinstance(prev, list) else [prev, value]
            else:
                out[name] = value
        out.update(overrides)
        return out

    def value(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen: str | None = None
        self.option_value: str | None = None
        self.option_text: list[str] = []
        self.option_selected = False
        self.in_option = False
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in SKIPPED_INPUTS:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append((name, a.get("value", "on")))
                return
            self.form.fields.append((name, a.get("value", "")))
        elif tag == "select" and name and "disabled" not in a:
            self.select, self.select_first, self.select_chosen = name, None, None
            self.form.selects[name] = []
        elif tag == "option" and self.select:
            self._end_option()
            self.option_value = a.get("value")
            self.option_text = []
            self.option_selected = "selected" in a
            self.in_option = True
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def _end_option(self) -> None:
        if not self.in_option:
            return
        self.in_option = False
        value = self.option_value if self.option_value is not None else "".join(self.option_text).strip()
        self.form.selects[self.select].append(value)
        if self.select_first is None:
            self.select_first = value
        if self.option_selected and self.select_chosen is None:
            self.select_chosen = value
        self.option_value, self.option_text, self.option_selected = None, [], False

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)
        elif self.select and self.in_option:
            self.option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option" and self.select:
            self._end_option()
        elif tag == "select" and self.select and self.form is not None:
            self._end_option()
            chosen = self.select_chosen if self.select_chosen is not None else self.select_first
            if chosen is not None:
                self.form.fields.append((self.select, chosen))
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form.fields.append((self.textarea, "".join(self.text).lstrip("\n")))
            self.textarea = None


def page_forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html: str, action_contains: str = "", *, method: str = "post") -> Form | None:
    """The first form with that method whose action contains `action_contains`.

    "" finds a form without an action (it posts to the page itself), not the header's forms."""
    for form in page_forms(html):
        if form.method != method:
            continue
        if (action_contains in form.action) if action_contains else not form.action:
            return form
    return None
