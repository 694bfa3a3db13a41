"""Short caches of what one user (or one client) sees — safe by construction, or not at all.

A cached value's key holds its name, whose it is (a user's or a client's id, given by the caller)
and the parts that change the answer (the language, the page, the day); the value is stored with
the *generation* of every scope its data comes from ("calendar:user:12", "client:5", "firm"). A
service that changes such data calls `bump(scope, …)`: the scope gets a new random generation, so
a value stored under the old one is never used again — nothing waits for a timeout to become
right. The timeout only bounds memory.

`bump` runs twice in a transaction: at once (so that a read later in the same transaction, or in a
test that never commits, sees the change) and again when the transaction commits (so that a reader
who computed from the old rows between the write and the commit cannot keep its stale value).
Outside one (autocommit) the write is committed when `bump` is called after it: once is enough.

Only with a shared cache (Redis, settings.PORTAL_CACHE — on when REDIS_URL is set): the
local-memory cache of one gunicorn worker would keep serving what another worker's write made
stale, so without Redis `cached()` simply computes every time.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

DEFAULT_TIMEOUT = 300  # seconds; only bounds memory (correctness comes from the generations)
_MISSING = object()


def code_version() -> str:
    """A digest of the code, templates and translations this process runs: every key carries it, so that
    after a deploy nothing kept in an older format or wording is read (a few ms, once per process)."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=6)
    skip = {".venv", "node_modules", "var", "tests", "bench", "staticfiles", ".git", "static"}
    tops = [top for top in sorted(base.iterdir()) if top.name not in skip and not top.name.startswith(".")]
    files = [p for top in tops for p in (sorted(top.rglob("*")) if top.is_dir() else [top])]
    for path in files:
        if path.suffix in (".py", ".html", ".txt", ".po") and not skip.intersection(path.relative_to(base).parts):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# The tests set a new salt for every test (tests/conftest.py): ids are reused from one test's rolled-back
# rows to the next, and the Redis they share would otherwise hand one test another's values.
_salt = ""


def _prefix() -> str:
    global _salt
    if not _salt:
        _salt = f"p{code_version()}"
    return _salt


def enabled() -> bool:
    return bool(getattr(settings, "PORTAL_CACHE", False))


def _gen_key(scope: str) -> str:
    return f"{_prefix()}:gen:{scope}"


def generations(scopes: Iterable[str]) -> list[str]:
    """The current generation of each scope (one round trip; a scope never bumped gets one now)."""
    scopes = list(scopes)
    keys = [_gen_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(4) for key in keys if key not in found}
    if missing:
        for key, token in missing.items():
            # add(): two first readers agree on one generation (the second keeps the first's).
            if not cache.add(key, token, timeout=None):
                missing[key] = cache.get(key, token)
        found.update(missing)
    return [found[key] for key in keys]


def _bump_now(scopes: tuple[str, ...]) -> None:
    cache.set_many({_gen_key(scope): secrets.token_hex(4) for scope in scopes}, timeout=None)


def bump(*scopes: str) -> None:
    """The data of these scopes changed: whatever was cached from them is not read again."""
    scopes = tuple(dict.fromkeys(s for s in scopes if s))
    if not scopes or not enabled():
        return
    _bump_now(scopes)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump_now(scopes))
    # Outside a transaction the write before this call is committed already: on_commit would only bump again
    # at once, a second round trip to the cache for nothing.


def cached[T](
    name: str,
    *,
    owner: str,
    scopes: Iterable[str],
    compute: Callable[[], T],
    parts: Iterable[object] = (),
    timeout: int = DEFAULT_TIMEOUT,
) -> T:
    """`compute()`'s value, kept under a key of `owner` (e.g. "user:12") with the scopes' generations.

    `owner` must name who the value belongs to: two users never share a key, whatever the scopes.
    One round trip to the cache: the scopes' generations and the value (stored with the generations it
    was computed under) are read together; a value computed under other generations is never used.
    """
    if not enabled():
        return compute()
    if not owner:
        raise ValueError("a cached value needs an owner (the user or the client it belongs to)")
    scopes = list(scopes)
    gen_keys = [_gen_key(scope) for scope in scopes]
    key = ":".join([_prefix(), "c", name, owner, *map(str, parts)])
    found = cache.get_many([*gen_keys, key])
    gens = [found[k] for k in gen_keys] if all(k in found for k in gen_keys) else generations(scopes)
    kept = found.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == gens:
        return kept[1]
    value = compute()
    cache.set(key, (gens, value), timeout=timeout)
    return value
