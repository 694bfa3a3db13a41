"""Gapless document numbers.

The counter row is locked for the rest of the caller's transaction, so two concurrent submissions
never get the same number and a rolled-back one gives its number back.
"""

from django.db import transaction

from .models import Sequence


def next_value(key: str) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value() must run inside the transaction that uses the number")
    Sequence.objects.get_or_create(key=key)
    seq = Sequence.objects.select_for_update().get(key=key)
    seq.value += 1
    seq.save(update_fields=["value"])
    return seq.value
