"""The conflict check's reasons in the reader's language.

clients.matching records why two names met as English rule names joined by ", " ("transliteration,
typo (1 edit)"), and the check adds "same INN" / "same OGRN" / "same INN and OGRN". The recorded text
is evidence and stays as it is (the API returns it verbatim); pages show it through `reason_label`.
"""

import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

LABELS = {
    "exact": _("exact match"),
    "inflected form": _("another grammatical case"),
    "transliteration": _("transliteration"),
    "same name, different word order": _("different word order"),
    "legal form ignored": _("legal form left out"),
    "different legal form": _("different legal form"),
    "spacing or hyphenation": _("spacing or hyphenation"),
    "initials match full name": _("initials match the full name"),
    "missing patronymic": _("patronymic missing"),
    "surname only": _("surname only"),
    "same INN": _("same INN"),
    "same OGRN": _("same OGRN"),
    "same INN and OGRN": _("same INN and OGRN"),
}
_TYPO = r"typo \((\d+) edits?\)"
# Longest first, so that "same INN and OGRN" is not read as "same INN" and a stray " and OGRN".
_PART = re.compile("|".join([_TYPO, *(re.escape(k) for k in sorted(LABELS, key=len, reverse=True))]))


def reason_labels(reason: str) -> list[str]:
    """Each rule of a recorded reason, translated; an unknown piece is shown as recorded."""
    labels, position = [], 0
    for found in _PART.finditer(reason or ""):
        stray = reason[position : found.start()].strip(" ,")
        if stray:
            labels.append(stray)
        if found.group(1):
            edits = int(found.group(1))
            labels.append(ngettext("typo (%(n)d letter)", "typo (%(n)d letters)", edits) % {"n": edits})
        else:
            labels.append(str(LABELS[found.group(0)]))
        position = found.end()
    stray = (reason or "")[position:].strip(" ,")
    if stray:
        labels.append(stray)
    return labels


def reason_label(reason: str) -> str:
    """The recorded reason as one line in the reader's language: "transliteration, typo (1 letter)"."""
    return ", ".join(reason_labels(reason))
