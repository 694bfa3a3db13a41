"""What clients needs from matters, the app above it, handed in by matters when the apps load.

clients sits below matters in the layers (see README) and may not import it. Yet a power of attorney
covers matters, a disclosure belongs to one, a client card lists them, and an intake ends by opening
one. Which matters a user may see, and whose contents it may read, is matters' one rule
(matters.access); opening a matter is matters' act (matters.services.matter_open). matters hands
them in from MattersConfig.ready(), so there is still one rule and one act, and clients asks them
here. Everything else clients reads of a matter goes through the ORM's relations (`matter.assignments`,
`user.assignments`, `poa.matters`), as a ForeignKey("matters.Matter") names its model.
"""

from django.core.exceptions import ImproperlyConfigured

_PORTS = ("visible_matters", "confidential_matters", "matter_list", "matter_get", "matter_open")
_provided: dict = {}


def provide(**functions) -> None:
    """Called once by matters (MattersConfig.ready) with each of _PORTS."""
    unknown = set(functions) - set(_PORTS)
    if unknown:
        raise ImproperlyConfigured(f"clients.ports has no {sorted(unknown)}")
    _provided.update(functions)


def _port(name: str):
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured(f"clients.ports.{name} is provided by matters (MattersConfig.ready)") from None


def visible_matters(user):
    """matters.access.visible_matters: the matters the user may see."""
    return _port("visible_matters")(user)


def confidential_matters(user):
    """matters.access.confidential_matters: the matters whose contents the user may read."""
    return _port("confidential_matters")(user)


def matter_list(*, user):
    """matters.selectors.matter_list: visible_matters with their leads (`leads`), newest first."""
    return _port("matter_list")(user=user)


def matter_get(*, user, pk, action: str = "view"):
    """matters.selectors.matter_get: the matter if the user may `action` it ("view", "read", …), else NotFound."""
    return _port("matter_get")(user=user, pk=pk, action=action)


def matter_open(*, by, client, title: str, description: str = "", lead):
    """matters.services.matter_open: open a matter for a client with its lead."""
    return _port("matter_open")(by=by, client=client, title=title, description=description, lead=lead)
