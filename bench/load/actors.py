"""The load run's people, signed in the way the bench signs its measured users in (bench.portal.sign_in).

In-process Django against the load database, before gunicorn starts: a pool of client users (each of
another client, with their open matters and a PDF to download), the lead specialists (the submitted
tasks on matters they lead, to accept and answer; their matters, to write in and release results on),
and the partners. Written to one JSON file the locustfile reads (LOAD_ACTORS).
"""

import json
from pathlib import Path


def _rows(sql: str, params=()) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def prepare(*, clients: int = 60, tasks_per_lead: int = 400) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from bench.portal import sign_in

    users = get_user_model()
    pool: dict = {"session_cookie": settings.SESSION_COOKIE_NAME, "clients": [], "leads": [], "partners": []}

    # Client users spread over the clients (every n-th), each with open matters.
    total = _rows("SELECT count(*) FROM users_user WHERE role = 'client' AND is_active")[0][0]
    stride = max(1, total // clients)
    picked = _rows(
        "SELECT u.id, u.client_id FROM users_user u"
        " WHERE u.role = 'client' AND u.is_active AND u.client_id IS NOT NULL AND u.id %% %s = 0"
        " AND EXISTS (SELECT 1 FROM matters_matter m WHERE m.client_id = u.client_id AND m.status = 'open')"
        " ORDER BY u.id LIMIT %s",
        [stride, clients],
    )
    for user_id, client_id in picked:
        user = users.objects.get(pk=user_id)
        matters = [
            r[0]
            for r in _rows(
                "SELECT id FROM matters_matter WHERE client_id = %s AND status = 'open' ORDER BY id LIMIT 10",
                [client_id],
            )
        ]
        invoice = _rows(
            "SELECT id FROM billing_invoice WHERE client_id = %s AND status <> 'draft' AND pdf <> ''"
            " ORDER BY id DESC LIMIT 1",
            [client_id],
        )
        pdf = f"/invoices/{invoice[0][0]}/pdf/" if invoice else f"/clients/{client_id}/agreement.pdf"
        pool["clients"].append(
            {"user": user_id, "session": sign_in(user), "client": client_id, "matters": matters, "pdf": pdf}
        )

    leads = _rows(
        "SELECT DISTINCT a.user_id FROM matters_assignment a JOIN users_user u ON u.id = a.user_id"
        " WHERE a.is_lead AND u.role = 'lead' AND u.is_active ORDER BY a.user_id"
    )
    for (lead_id,) in leads:
        user = users.objects.get(pk=lead_id)
        matters = [
            r[0]
            for r in _rows(
                "SELECT m.id FROM matters_matter m JOIN matters_assignment a ON a.matter_id = m.id"
                " WHERE a.user_id = %s AND a.is_lead AND m.status = 'open' ORDER BY m.id LIMIT 20",
                [lead_id],
            )
        ]
        submitted = _submitted(lead_id, tasks_per_lead)
        if matters:
            pool["leads"].append({"user": lead_id, "session": sign_in(user), "matters": matters, "tasks": submitted})

    for user in users.objects.filter(role="partner", is_active=True).order_by("pk"):
        pool["partners"].append({"user": user.pk, "session": sign_in(user)})

    for role in ("clients", "leads", "partners"):
        if not pool[role]:
            raise LookupError(f"the data set has no {role} to load the portal with")
    return pool


def _submitted(lead_id: int, limit: int) -> list[int]:
    """The submitted tasks on open matters the user leads, newest first (the clients' own, from a run)."""
    return [
        r[0]
        for r in _rows(
            "SELECT t.id FROM matters_task t JOIN matters_assignment a ON a.matter_id = t.matter_id"
            " JOIN matters_matter m ON m.id = t.matter_id"
            " WHERE a.user_id = %s AND a.is_lead AND t.status = 'submitted' AND m.status = 'open'"
            " ORDER BY t.id DESC LIMIT %s",
            [lead_id, limit],
        )
    ]


def refresh_tasks(pool: dict, *, tasks_per_lead: int = 400) -> int:
    """Before each locust run: the leads' submitted tasks again (earlier runs accepted some, clients added
    some). Returns how many there are to accept."""
    from django.db import connections

    for lead in pool["leads"]:
        lead["tasks"] = _submitted(lead["user"], tasks_per_lead)
    connections.close_all()
    return sum(len(lead["tasks"]) for lead in pool["leads"])


def write(pool: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(pool), encoding="utf-8")
