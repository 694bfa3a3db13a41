"""The portal's users under load: clients, lead specialists and partners (run by `python -m bench.load`).

    locust -f bench/load/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:PORT

LOAD_ACTORS names the JSON written by bench.load.actors: signed-in sessions (as bench signs its measured
users in), the client users' matters and PDF, the leads' submitted tasks and matters, the partners.
Every POST is a real form: the page is fetched, its <form> read (CSRF token, hidden fields, selects'
defaults), the user's input added, and the answer must be a redirect to a page without an error notice.

The portal's cookies are `Secure` (production settings), so requests' cookie jar would not send them over
plain HTTP to 127.0.0.1: each user keeps its session and CSRF cookies itself and sends them as a header.
"""

import itertools
import json
import os
import random
import re
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

from bench.load.forms import find_form

ACTORS: dict = {}
COUNTERS: dict[str, itertools.count] = {}
ERROR_FLASH = 'class="msg msg-error'
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@events.init.add_listener
def _load_actors(environment, **_kwargs):
    path = os.environ.get("LOAD_ACTORS", "var/load/actors.json")
    with open(path, encoding="utf-8") as f:
        ACTORS.update(json.load(f))


def _next(role: str) -> tuple[int, dict]:
    """Each new simulated user takes the next actor of its role (round robin) and its index."""
    counter = COUNTERS.setdefault(role, itertools.count())
    n = next(counter)
    pool = ACTORS[role]
    return n, pool[n % len(pool)]


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(float(os.environ.get("LOAD_WAIT_MIN", "1")), float(os.environ.get("LOAD_WAIT_MAX", "3")))
    role = ""

    def on_start(self):
        self.index, self.actor = _next(self.role)
        self.cookies = {ACTORS["session_cookie"]: self.actor["session"]}

    # -- HTTP with our own cookies ---------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _keep(self, response) -> None:
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value

    def page(self, path: str, name: str, *, pdf: bool = False) -> str | None:
        """GET a page; it must answer 200 (a PDF: %PDF). Returns the HTML (None on failure)."""
        with self.client.get(
            path, name=name, headers=self._headers(), allow_redirects=False, catch_response=True
        ) as response:
            self._keep(response)
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
                return None
            if pdf:
                if not response.content.startswith(b"%PDF"):
                    response.failure(f"not a PDF: {response.headers.get('Content-Type')}")
                return None
            response.success()
            return response.text

    def submit(self, path: str, data: dict, name: str, *, files=None, expect: str = "") -> str | None:
        """POST a form; it must redirect (to a path matching `expect`) to a page without an error notice.

        Returns the path it redirected to (None on failure)."""
        headers = self._headers()
        with self.client.post(
            path, data=data, files=files, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            self._keep(response)
            location = urlsplit(response.headers.get("Location", "")).path
            if response.status_code != 302:
                errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
                response.failure(f"{response.status_code}: {' '.join(errors)[:300]}")
                return None
            if expect and not re.search(expect, location):
                response.failure(f"redirected to {location}")
                return None
            response.success()
        after = self.client.get(location, name=f"{name} (the page after)", headers=self._headers())
        self._keep(after)
        if ERROR_FLASH in after.text:
            flash = re.search(r'class="msg msg-error[^"]*">(.*?)</li>', after.text, re.S)
            events.request.fire(
                request_type="POST",
                name=f"{name} (refused)",
                response_time=0,
                response_length=0,
                exception=RuntimeError(flash.group(1).strip()[:300] if flash else "an error notice"),
                context={},
            )
            return None
        return location

    def form_post(
        self, page_path: str, action: str, name: str, *, fields: dict, files=None, expect: str = ""
    ) -> str | None:
        """Fetch the page, read its form (action containing `action`), add `fields`, and submit it."""
        html = self.page(page_path, f"{name} (form)")
        if html is None:
            return None
        form = find_form(html, action)
        if form is None:
            events.request.fire(
                request_type="GET",
                name=f"{name} (form)",
                response_time=0,
                response_length=0,
                exception=RuntimeError(f"no form posting to {action!r} on {page_path}"),
                context={},
            )
            return None
        target = (form.action or page_path).split("#")[0]
        return self.submit(target, form.data(**fields), name, files=files, expect=expect)


class ClientUser(PortalUser):
    """A client's user: the dashboard, tasks, a matter's timeline, a new task with a file, a PDF."""

    weight = 6
    role = "clients"

    @task(3)
    def dashboard(self):
        self.page("/", "client: dashboard")

    @task(3)
    def task_list(self):
        self.page("/tasks/", "client: task list")

    @task(2)
    def timeline(self):
        self.page(f"/matters/{random.choice(self.actor['matters'])}/timeline/", "client: timeline")

    @task(1)
    def submit_task(self):
        matter = random.choice(self.actor["matters"])
        self.form_post(
            f"/tasks/new/?matter={matter}",
            "",
            "client: submit a task with a file",
            fields={
                "matter": str(matter),
                "subject": f"Нагрузочная проверка {random.randint(1, 10**6)}",
                "text": "Прошу рассмотреть документ во вложении и дать письменное заключение.",
            },
            files={"files": ("load-test.pdf", PDF, "application/pdf")},
            expect=r"^/tasks/\d+/$",
        )

    @task(1)
    def download_pdf(self):
        self.page(self.actor["pdf"], "client: download a PDF", pdf=True)


class LawyerUser(PortalUser):
    """A lead specialist: the inbox, accepting and answering tasks, a message, releasing a result."""

    weight = 3
    role = "leads"

    def on_start(self):
        super().on_start()
        leads = len(ACTORS["leads"])
        # Users sharing one lead take every k-th of its submitted tasks, so two never accept the same one.
        sharing = self.index // leads
        share = max(1, -(-COUNTERS_LIMIT // leads))
        self.to_accept = self.actor["tasks"][sharing::share]
        self.to_answer: list[int] = []

    @task(3)
    def inbox(self):
        self.page("/tasks/inbox/", "lawyer: inbox")

    @task(1)
    def accept(self):
        """Open the next submitted task; one without an accept button (taken in an earlier run) is passed over."""
        for _ in range(5):
            if not self.to_accept:
                self.inbox()
                return
            pk = self.to_accept.pop(0)
            html = self.page(f"/tasks/{pk}/", "lawyer: accept a task (form)")
            if html is None:
                return
            form = find_form(html, f"/tasks/{pk}/accept/")
            if form is None:
                continue
            if self.submit(form.action, form.data(), "lawyer: accept a task", expect=rf"^/tasks/{pk}/$"):
                self.to_answer.append(pk)
            return

    @task(1)
    def answer(self):
        if not self.to_answer:
            self.inbox()
            return
        pk = self.to_answer.pop(0)
        self.form_post(
            f"/tasks/{pk}/",
            f"/tasks/{pk}/answer/",
            "lawyer: answer a task",
            fields={"answer": "Заключение: риски умеренные, рекомендуем подписать с правками."},
            expect=rf"^/tasks/{pk}/$",
        )

    @task(1)
    def message(self):
        matter = random.choice(self.actor["matters"])
        self.form_post(
            f"/matters/{matter}/messages/",
            f"/matters/{matter}/messages/",
            "lawyer: write a message",
            fields={"body": "Документы получили, работаем. Ответим до конца недели."},
        )

    @task(1)
    def release_result(self):
        matter = random.choice(self.actor["matters"])
        draft = self.form_post(
            f"/matters/{matter}/results/new/",
            "",
            "lawyer: prepare a result",
            fields={"title": "Правовое заключение", "summary": "Заключение по вопросу клиента, кратко."},
            files={"files": ("result.pdf", PDF, "application/pdf")},
            expect=r"^/results/\d+/$",
        )
        if draft:
            self.form_post(draft, f"{draft}release/", "lawyer: release a result", fields={})


class PartnerUser(PortalUser):
    """A partner: the partner's view, intake with its conflict check."""

    weight = 1
    role = "partners"

    @task(3)
    def partner_view(self):
        self.page("/partner/", "partner: partner's view")

    @task(1)
    def intake_list(self):
        self.page("/intake/", "partner: intake list")

    @task(1)
    def intake(self):
        n = random.randint(1, 10**9)
        self.form_post(
            "/intake/new-client/",
            "",
            "partner: intake with a conflict check",
            fields={
                "kind": "person",
                "name": f"Нагрузкин Пётр Сергеевич {n}",
                "parties-0-name": f"ООО «Ромашка-{n}»",  # the other side, checked too
            },
            expect=r"^/intake/\d+/$",
        )


# How many lawyer users may share one lead's task list (set by the driver: the run's largest user count).
COUNTERS_LIMIT = int(os.environ.get("LOAD_MAX_USERS", "50"))
