"""What keeps the kept dashboards right: every write to the data a dashboard shows bumps its scopes.

The dashboards (portal.views.dashboard) are each person's first page and the heaviest: a dozen sections
from a dozen apps. portal keeps each one's rendered body per user (core.caching.cached) under these
scopes, which this module bumps:

- ``dash:client:<id>`` — the dashboards of one client's users; ``dash:clients`` — every client's (a
  change whose client cannot be told, such as a rename of a lawyer who appears on many of them);
- ``dash:firm`` — every dashboard of the firm's people (their sections read across the matters they work
  on; a partner's across the firm).

Bumps come from the writes themselves, not from a list of services to keep up to date: each app hands
the models whose rows a dashboard shows to `watch()` in its AppConfig.ready(), and every save, delete and
many-to-many change of such a row bumps the scopes of the client it belongs to (found through its
``client`` or ``matter``, or through the row it belongs to: a delivery's deliverable, a receipt's
message) and ``dash:firm``. What bypasses model signals — ``QuerySet.update()``, ``bulk_create()``, raw
SQL — calls `dashboards_changed()` itself (the services that do so say it where they do). Other apps
add scopes of their own that the dashboards read (billing: its money scopes) with `add_scopes()`.

Time moves the dashboards too ("overdue", "this week", "new since your last visit"): the day is part of
the key, and the short timeout (TIMEOUT) bounds how late an hour's change shows.
"""

from django.db.models import ForeignKey, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import caching

FIRM = "dash:firm"
CLIENTS = "dash:clients"
TIMEOUT = 120  # seconds: "overdue" or "this week" turn with the clock, not with a write

_extra_scopes: list[str] = []
_watched: dict[type[Model], dict] = {}


def client_scope(client_id) -> str:
    return f"dash:client:{client_id}"


def client_scopes(client_id) -> list[str]:
    """The scopes a client user's dashboard is kept under."""
    return [client_scope(client_id), CLIENTS, *_extra_scopes]


def firm_scopes() -> list[str]:
    """The scopes a dashboard of the firm's people is kept under."""
    return [FIRM, CLIENTS, *_extra_scopes]


def add_scopes(*scopes: str) -> None:
    """Scopes an app bumps itself whose data the dashboards also show (billing's money)."""
    _extra_scopes.extend(s for s in scopes if s not in _extra_scopes)


def dashboards_changed(*client_ids, staff: bool = True) -> None:
    """Rows of these clients changed (none given: of a client not known, so every client's).

    `staff=False` for what only clients' dashboards show (a client's own visits to its matters).
    """
    known = [client_scope(c) for c in client_ids if c is not None]
    caching.bump(*(known or [CLIENTS]), *([FIRM] if staff else []))


def watch(model: type[Model], *, staff: bool = True, ignore_fields: frozenset[str] = frozenset()) -> None:
    """Bump the dashboards on every save, delete and many-to-many change of `model`'s rows.

    `staff=False`: only clients' dashboards show these rows. `ignore_fields`: a save of only these
    fields changes nothing a dashboard shows (a user's last_login, written at every sign-in).
    """
    _watched[model] = {"staff": staff, "ignore": ignore_fields}
    uid = f"dashboards:{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, weak=False, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_m2m, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}:{field.name}")


def watched() -> dict[type[Model], dict]:
    return dict(_watched)


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not caching.enabled():
        return  # loading fixtures; or nothing is kept (no Redis): no query to find the client
    options = _watched[sender]
    if update_fields and set(update_fields) <= options["ignore"]:
        return
    dashboards_changed(client_of(instance), staff=options["staff"])


def _deleted(sender, instance, **kwargs):
    if not caching.enabled():
        return
    dashboards_changed(client_of(instance), staff=_watched[sender]["staff"])


def _m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and caching.enabled():
        dashboards_changed(client_of(instance), staff=_watched.get(type(instance), {}).get("staff", True))


# The links followed to find a row's client, nearest first: its own client, its matter's, then the
# row it belongs to (a delivery's deliverable, a receipt's message, an attendee's hearing).
_OWN = ("client", "matter")


def client_of(instance: Model, depth: int = 3):
    """The id of the client `instance` belongs to, or None when it belongs to none (a stage, a lawyer)."""
    meta = instance._meta
    if meta.label_lower == "clients.client":
        return instance.pk
    if meta.label_lower == "users.user":
        return getattr(instance, "client_id", None)
    fields = {f.name: f for f in meta.concrete_fields if isinstance(f, ForeignKey)}
    for name in _OWN:
        field = fields.get(name)
        if field is None:
            continue
        value = getattr(instance, field.attname)
        if value is None:
            continue
        if name == "client":
            return value
        return field.related_model._base_manager.filter(pk=value).values_list("client_id", flat=True).first()
    if depth == 0:
        return None
    for field in fields.values():
        related = field.related_model
        if related in _watched and related._meta.label_lower != "users.user":
            value = getattr(instance, field.attname)
            parent = related._base_manager.filter(pk=value).first() if value is not None else None
            found = client_of(parent, depth - 1) if parent is not None else None
            if found is not None:
                return found
    return None
