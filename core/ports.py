"""What the apps below billing ask of it, handed in by billing when the apps load.

billing is the top layer: hearings, matters and portal may not import it. Yet an overdue advance
blocks the task or hearing it funds (rule 7), and both the task's and the hearing's pages must say so;
the matter's page lists the overdue advances. billing fills these from BillingConfig.ready(); until it
does (or in a project without billing) they answer "nothing blocks", so the lower apps never depend
on it. The pages read them through the `{% load ports %}` tags (core/templatetags/ports.py).
"""

from django.core.exceptions import ImproperlyConfigured

_PORTS = ("blocking_advances", "overdue_advances")
_provided: dict = {}


def provide(**functions) -> None:
    """Called once by billing (BillingConfig.ready) with any of _PORTS."""
    unknown = set(functions) - set(_PORTS)
    if unknown:
        raise ImproperlyConfigured(f"core.ports has no {sorted(unknown)}")
    _provided.update(functions)


def blocking_advances(objects) -> dict:
    """{task or hearing: [its overdue unpaid advances, not overridden]} for those that have any (one query)."""
    port = _provided.get("blocking_advances")
    return port(list(objects)) if port else {}


def overdue_advances(matter_id: int) -> list:
    """The matter's overdue unpaid advances that no partner has overridden."""
    port = _provided.get("overdue_advances")
    return port(matter_id) if port else []
