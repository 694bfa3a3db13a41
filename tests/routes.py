"""Every route of the portal, read from the URL resolver, and a world of two clients to fill their ids.

The generated attacker and query-count tests (tests/test_routes_*.py) start here, so that a route is
covered the day it is added: nothing below names a view or an app module. A path parameter is filled
by its name, or for the ambiguous `pk` by the segment of the path before it (`tasks/<pk>` is a task,
`matters/<pk>/…` a matter); a parameter this file cannot fill fails the tests and says where to map it.
"""

import contextlib
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from billing.models import Termination, WorkReport
from hearings.selectors.feeds import feed_token
from hearings.services.feeds import feed_key_ensure, feed_key_reset
from tests import factories as f
from tests import factories_acts as fact
from tests import factories_advances as fa
from tests import factories_billing as fb
from tests import factories_claims as fcl
from tests import factories_deadlines as fdl
from tests import factories_deliverables as fd
from tests import factories_disclosures as fdi
from tests import factories_hearings as fh
from tests import factories_intake as fi
from tests import factories_invoices as finv
from tests import factories_messages as fm
from tests import factories_payments as fpay
from tests import factories_powers as fp
from tests import factories_timeline as ft


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full pattern (as a readable string), its name and its parameters."""

    pattern: str
    name: str
    params: tuple[str, ...]
    view: object = field(compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.name or self.pattern

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def is_admin(self) -> bool:
        return self.pattern.startswith("admin/")

    def methods(self) -> list[str]:
        """GET and POST always (a view that refuses one answers 405); PUT/PATCH/DELETE where a class view has them."""
        cls = getattr(self.view, "view_class", None) or getattr(self.view, "cls", None)
        extra = [m.upper() for m in ("put", "patch", "delete") if cls is not None and hasattr(cls, m)]
        return ["GET", "POST", *extra]

    def url(self, values: dict) -> str:
        """The path with each parameter replaced by its value (for the resolver's own regexes too)."""
        path = self.pattern
        for name in self.params:
            value = str(values[name])
            path, n = re.subn(rf"<(?:\w+:)?{name}>", value, path)
            if not n:
                path = re.sub(rf"\(\?P<{name}>[^)]*\)", value, path)
        return "/" + path.replace("^", "").replace("$", "")


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def _pattern_text(pattern) -> str:
    return str(pattern)


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, prefix + _pattern_text(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            pattern = prefix + _pattern_text(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            params = tuple(a or b for a, b in _PARAM.findall(pattern))
            yield Route(pattern=pattern, name=name or "", params=params, view=entry.callback)


def all_routes() -> list[Route]:
    """Every route of the project, in the resolver's order, once each (a name may serve two patterns)."""
    seen, routes = set(), []
    for route in _walk(get_resolver()):
        if route.pattern not in seen:
            seen.add(route.pattern)
            routes.append(route)
    return routes


# --- what is public or role-limited, and why: the one allow-list ----------------------------------

# The one allow-list. Key: a route name (or a name/pattern prefix ending in "*"); value: the roles that may
# read B's object or list there (any role when "*"), or that need not be signed in ("anonymous"), and why.
ALLOWED = {
    "home": ({"anonymous"}, "the front page sends an anonymous visitor to sign in itself"),
    "healthz": ({"*"}, "the load balancer's health check: 'ok', no data"),
    "schema": ({"*"}, "the OpenAPI schema describes the API, not anyone's data"),
    "api_docs": ({"*"}, "Swagger UI over the schema, no data"),
    "set_language": ({"*"}, "switching the interface language works before signing in"),
    "api:not_found": ({"*"}, "the JSON 404 for unknown /api/ paths"),
    "admin:login": ({"*"}, "the admin's sign-in hands over to the portal's sign-in"),
    "admin:logout": ({"*"}, "signing out of the admin"),
    "api:auth_token": ({"anonymous"}, "signing in to the API: the door itself"),
    "account_*": ({"*"}, "allauth's sign-in, sign-up, password and e-mail flows: the caller's own account"),
    "mfa_*": ({"*"}, "allauth's two-factor pages: the caller's own authenticators"),
    "matters:specialist_list": (
        {"client", "specialist", "lead", "secretary"},
        "the firm's directory of lawyers: any signed-in user chooses from it",
    ),
    "matters:specialist_detail": ({"client", "specialist", "lead", "secretary"}, "a lawyer's public profile"),
    "matters:specialist_photo": ({"client", "specialist", "lead", "secretary"}, "a lawyer's public photo"),
    "api:specialist_list": ({"client", "specialist", "lead", "secretary"}, "the directory, as JSON"),
    "api:specialist_detail": ({"client", "specialist", "lead", "secretary"}, "a lawyer's profile, as JSON"),
    "api:matter_type_list": ({"client", "specialist", "lead", "secretary"}, "the firm's matter types and stages"),
    "api:matter_type_detail": ({"client", "specialist", "lead", "secretary"}, "a matter type: reference data"),
    "hearings:calendar_feed": (
        {"*"},
        "the iCalendar feed: its secret token is the credential (calendar applications keep no cookies); "
        "the world's token is one its owner has since reset, so every caller must get a 404",
    ),
    "clients:power_send": ({"secretary"}, "the front desk sends any power for signature (logistics)"),
    "api:power_send": ({"secretary"}, "the front desk sends any power for signature (logistics)"),
    "hearings:deadline_done": ({"secretary"}, "the front desk arranges every matter's deadlines (hearings.access)"),
    "hearings:deadline_cancel": ({"secretary"}, "the front desk arranges every matter's deadlines (hearings.access)"),
    "api:deadline_done": ({"secretary"}, "the front desk arranges every matter's deadlines (hearings.access)"),
    "api:deadline_cancel": ({"secretary"}, "the front desk arranges every matter's deadlines (hearings.access)"),
    "hearings:attendee_remove": ({"secretary"}, "the front desk arranges every client's hearings (hearings.access)"),
    "api:hearing_attendee_detail": ({"secretary"}, "the front desk arranges every client's hearings (hearings.access)"),
    "billing:advance_confirm": (
        {"secretary"},
        "the front desk keeps the advances' books firm-wide (billing.access.advances)",
    ),
    "hearings:attendance_link": (
        {"*"},
        "an outside attendee answers with no account: the signed once-only token is the key, not a login",
    ),
}

# The Django admin is for is_staff users only (none of the roles here): every admin route must refuse them.
ADMIN_REASON = "the Django admin, open to is_staff users only; every admin route refuses each role here"

# What a role may know exists across the whole firm, by kind of object (tests/routes.py's kinds): the
# front desk schedules for every client, so it sees clients, their matters' headings, the intake queue
# and the register of powers — the facts, never the contents (clients.access and matters.access say so).
# On such an object it may be told "not for you" (403/400) where a stranger gets 404, and it may see the
# HEADING marker; it must still never see the CONTENT marker.
FIRM_WIDE = {
    "secretary": {"client", "matter", "intake", "power", "deadline", "hearing", "attendee", "advance", "payment"},
}
# Routes that only partners open, whatever the ids (none take any): the firm-wide money figures and the
# accountants' exports (billing.access.partner). Every other role gets 403, an anonymous caller is sent to
# sign in (tests/billing/test_partner_pages.py walks the resolver for these prefixes).
PARTNERS_ONLY = ("billing:partner*", "api:partner_*")
# Payments are the firm's money, not a matter's: partners and the front desk (which keeps the books) see
# and match every client's payments (billing.access.payments); nobody else sees any, so no ALLOWED entry.


def allowed(route, role) -> bool:
    for key, (roles, _why) in ALLOWED.items():
        hit = route.name == key or (key.endswith("*") and (route.name or route.pattern).startswith(key[:-1]))
        if hit and ("*" in roles or role in roles):
            return True
    return False


# --- what each path parameter names ----------------------------------------------------------------

# `pk` (and `file_id`, `event_id`) is ambiguous: the segment of the path just before it says what it is.
SEGMENT_KINDS = {
    "tasks": "task",
    "matters": "matter",
    "clients": "client",
    "specialists": "specialist",
    "specialist-requests": "specialist_request",
    "subcontracting": "subcontract",
    "subcontracts": "subcontract",
    "results": "deliverable",
    "deliverables": "deliverable",
    "deliveries": "delivery",
    "documents": "held_document",
    "sent": "document_submission",
    "messages": "message",
    "recommendations": "recommendation",
    "risks": "risk",
    "intake": "intake",
    "intakes": "intake",
    "conflicts": "conflict_check",
    "conflict-checks": "conflict_check",
    "questions": "disclosure_question",
    "disclosure-questions": "disclosure_question",
    "powers": "power",
    "powers-of-attorney": "power",
    "api-tokens": "api_token",
    "tokens": "api_token",
    "matter-types": "matter_type",
    "access-log": "access_log",
    "timeline": "timeline_event",
    "revisions": "disclosure_revision",
    "deadlines": "deadline",
    "hearings": "hearing",
    "attendees": "attendee",
    "inbox": "notice",
    "dead-letters": "dead_letter",
    "time-entries": "time_entry",
    "expenses": "expense",
    "advances": "advance",
    "payments": "payment",
    "invoices": "invoice",
    "claims": "claim",
    "adjustments": "adjustment",
    "acts": "act",
    "reports": "work_report",
}
# A file's kind depends on what it is attached to (the segment before `files`).
FILE_KINDS = {"tasks": "task_attachment", "results": "deliverable_file", "deliverables": "deliverable_file"}
FILE_KINDS["messages"] = "message_attachment"
FILE_KINDS["claims"] = "claim_attachment"
# Parameters whose name says what they are, wherever they stand.
PARAM_KINDS = {
    "matter_pk": "matter",
    "task_pk": "task",
    "deliverable_pk": "deliverable",
    "message_pk": "message",
    "client_pk": "client",
    "hearing_pk": "hearing",
    "token": "calendar_feed",
    "line_pk": "invoice_line",
}

# Kinds numbered within their parent (revision 1, 2… of a matter's disclosure): with A's parent, "B's"
# number names A's own object, so the mixed A-parent/B-child attack does not apply to them.
NUMBERED_WITHIN = {"disclosure_revision"}


class UnmappedParameter(LookupError):
    pass


def param_kind(route: Route, param: str) -> str:
    if param in PARAM_KINDS:
        return PARAM_KINDS[param]
    segments = [s for s in re.split(r"/", route.pattern) if s]
    for i, segment in enumerate(segments):
        if re.fullmatch(rf"<(?:\w+:)?{param}>", segment):
            before = segments[i - 1] if i else ""
            if before == "files":
                parent = segments[i - 3] if i >= 3 else ""
                if parent in FILE_KINDS:
                    return FILE_KINDS[parent]
            elif before in SEGMENT_KINDS:
                return SEGMENT_KINDS[before]
    raise UnmappedParameter(
        f"route {route.id!r} ({route.pattern}) has a parameter {param!r} that tests/routes.py cannot fill: "
        f"map its name in PARAM_KINDS or the segment before it in SEGMENT_KINDS/FILE_KINDS, and give "
        f"build_side() an object of that kind, so that the attacker tests reach the new route with the "
        f"other client's ids"
    )


def fill(route: Route, side) -> dict:
    """The route's parameters, every one naming an object of `side`."""
    return {param: side.ids[param_kind(route, param)] for param in route.params}


# --- the world: two clients with one of everything ------------------------------------------------


@dataclass
class Side:
    """One client and everything around it; `ids` maps a kind of object to the id a URL would carry."""

    name: str
    client: object
    user: object
    lead: object
    specialist: object
    matter: object
    task: object
    ids: dict = field(default_factory=dict)
    # Strings only this side's data contains. HEADING is in who the client is and its matters' numbers
    # (what the front desk sees firm-wide); CONTENT in everything else (tasks, messages, results,
    # risks, disclosures, powers' scope, intakes' contents, parties…), which only the matter's people read.
    heading: str = ""
    content: str = ""


def _things(side: Side, matter, tag: str) -> dict:
    """One of everything that hangs off a matter or its client, tagged; returns their ids by kind."""
    now = timezone.now()
    client, user, lead, specialist = side.client, side.user, side.lead, side.specialist
    f.PartyFactory(matter=matter, name=f"ООО «Оппонент {tag}»")
    task = f.TaskFactory(
        matter=matter, client=client, registered_by=user, number=f"{tag}-T", subject=f"Проверить {tag}"
    )
    attachment = fdi.TaskAttachmentFactory(task=task)
    deliverable = fd.DeliverableFactory(
        matter=matter,
        status="released",
        released_by=lead,
        released_at=now,
        files=1,
        title=f"Заключение {tag}",
    )
    delivery = ft.DeliveryFactory(deliverable=deliverable)
    held = fd.HeldDocumentFactory(client=client, matter=matter, recorded_by=lead, title=f"Устав {tag}")
    submission = fd.DocumentSubmissionFactory(matter=matter, requested=f"Устав {tag}", uploaded_by=user)
    message = fm.MessageFactory(matter=matter, author=user, files=1, recipients=[lead], body=f"Письмо {tag}")
    recommendation = fm.RecommendationFactory(matter=matter, author=lead, text=f"Совет {tag}")
    risk = fm.RiskNoticeFactory(matter=matter, created_by=lead, subject=f"Риск {tag}")
    disclosure = matter.disclosure if hasattr(matter, "disclosure") else None
    if disclosure is None:
        disclosure = fdi.DisclosureFactory(matter=matter, updated_by=user, doubts=f"Сомнения {tag}")
    fdi.DisclosureRevisionFactory(disclosure=disclosure, saved_by=user)
    question = fdi.DisclosureQuestionFactory(matter=matter, asked_by=lead, question=f"Вопрос {tag}")
    power = fp.PowerFactory(
        client=client, matters=[matter], specialists=[specialist], created_by=lead, scope=f"Полномочия {tag}"
    )
    power.signed_scan.save("signed.pdf", ContentFile(b"%PDF-1.4\n% signed\n"), save=True)
    subcontract = fp.SubcontractFactory(matter=matter, contractor=f"Адвокат {tag}")
    specialist_request = fp.SpecialistRequestFactory(matter=matter, specialist=specialist, requested_by=user)
    intake = fi.IntakeFactory(client=client, lead=lead, requested_by=user, description=f"Суть {tag}")
    check = fi.ConflictCheckFactory(intake=intake, created_by=lead)
    event = ft.TimelineEventFactory(matter=matter, occurred_at=now - dt.timedelta(hours=1))
    log_entry = fdi.AccessLogEntryFactory(user=lead, client=client, description=f"Анкета {tag}")
    token = f.ApiTokenFactory(user=user)
    # The front desk schedules: it sees every matter's deadlines (hearings.access), so the title is heading-level.
    deadline = fdl.DeadlineFactory(matter=matter, responsible=lead, title=f"Срок SECRET-{side.name}")
    hearing = fh.HearingFactory(
        matter=matter, representative=lead, created_by=lead, title=f"Заседание SECRET-{side.name}"
    )
    attendee = fh.AttendeeFactory(hearing=hearing, user=user, name=user.full_name)
    # Billing: an arrangement, and approved time and an expense (with a receipt) the client may see.
    fb.FeeArrangementFactory(matter=matter, created_by=lead, success_fee_condition=f"Условие {tag}")
    time_entry = fb.TimeEntryFactory(
        matter=matter, specialist=specialist, status="approved", description=f"Работа {tag}"
    )
    expense = fb.ExpenseFactory(matter=matter, specialist=specialist, status="approved", description=f"Расход {tag}")
    expense.receipt.save("receipt.pdf", ContentFile(b"%PDF-1.4\n% receipt\n"), save=True)
    fh.AttendeeFactory(hearing=hearing, kind="witness", user=None, email=f"w{hearing.pk}@example.test")
    # The front desk keeps the advances' books firm-wide (billing.access.advances): heading-level purpose.
    advance = fa.AdvanceFactory(matter=matter, requested_by=lead, purpose=f"Пошлина SECRET-{side.name}")
    advance.payment_order.save("order.pdf", ContentFile(b"%PDF-1.4\n% order\n"), save=True)
    # The firm's payments, firm-wide for partners and the front desk (billing.access.payments): heading-level.
    payment = fpay.PaymentFactory(
        client=client, recorded_by=lead, payer_name=client.name, purpose=f"Оплата SECRET-{side.name}"
    )
    invoice = finv.InvoiceFactory(matter=matter, created_by=lead, lines=f"Услуги {tag}")
    invoice.pdf.save("invoice.pdf", ContentFile(b"%PDF-1.4\n% invoice\n"), save=True)
    # A claim (rule 15) with a file, granted with a refund still to be paid out: the matter's content.
    claim = fcl.ClaimFactory(
        matter=matter, filed_by=user, description=f"Претензия {tag}", status="granted", decided_by=lead,
        decided_at=now, decision_text=f"Решение {tag}",
    )  # fmt: skip
    claim_file = claim.attachments.create(name=f"claim-{tag}.pdf", size=10)
    claim_file.file.save("claim.pdf", ContentFile(b"%PDF-1.4\n% claim\n"), save=True)
    adjustment = fcl.AdjustmentFactory(claim=claim, created_by=lead, paid_out_reference="")
    act = fact.ActFactory(matter=matter, issued_by=lead, lines=f"Услуги {tag}")
    act.pdf.save("act.pdf", ContentFile(b"%PDF-1.4\n% act\n"), save=True)
    act.upd.pdf.save("upd.pdf", ContentFile(b"%PDF-1.4\n% upd\n"), save=True)
    # A work report of the matter, ready (billing.access.reports: whoever may read the matter's fees).
    report = WorkReport.objects.create(
        matter=matter,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        language="en",
        fingerprint=tag,
        status=WorkReport.Status.READY,
        progress=100,
        requested_by=user,
    )
    report.pdf.save("report.pdf", ContentFile(f"%PDF-1.4\n% report {tag}\n".encode()), save=True)
    # The matter's termination, recorded (the row alone: the world's hearings and deadlines stay as they are).
    Termination.objects.get_or_create(
        matter=matter,
        defaults={
            "terminated_on": now.date(),
            "reason": f"Причина {tag}",
            "channel": Termination.Channel.PORTAL,
            "recorded_by": user,
            "settlement": {"start": None, "end": now.date().isoformat(), "lines": [], "balance": "0.00"},
            "balance": 0,
        },
    )
    return {
        "claim": claim.pk,
        "claim_attachment": claim_file.pk,
        "adjustment": adjustment.pk,
        "work_report": report.pk,
        "payment": payment.pk,
        "task": task.pk,
        "task_attachment": attachment.pk,
        "specialist_request": specialist_request.pk,
        "subcontract": subcontract.pk,
        "deliverable": deliverable.pk,
        "deliverable_file": deliverable.files.get().pk,
        "delivery": delivery.pk,
        "held_document": held.pk,
        "document_submission": submission.pk,
        "message": message.pk,
        "message_attachment": message.attachments.get().pk,
        "recommendation": recommendation.pk,
        "risk": risk.pk,
        "disclosure_question": question.pk,
        "disclosure_revision": 1,
        "power": power.pk,
        "intake": intake.pk,
        "conflict_check": check.pk,
        "timeline_event": event.pk,
        "access_log": log_entry.pk,
        "api_token": token.pk,
        "deadline": deadline.pk,
        "hearing": hearing.pk,
        "attendee": attendee.pk,
        "time_entry": time_entry.pk,
        "expense": expense.pk,
        "advance": advance.pk,
        "invoice": invoice.pk,
        "act": act.pk,
        "invoice_line": invoice.lines.get().pk,
    }


def build_side(letter: str) -> Side:
    """A client with its user, a lead and a specialist (listed in the directory) on one matter with
    one of everything; its client's name and matter number carry SECRET-<letter>, the rest CONTENT-<letter>."""
    client = f.ClientFactory(name=f"ООО «SECRET-{letter}»")
    user = f.ClientUserFactory(client=client, language="en")
    lead = f.LeadFactory(language="en")
    specialist = f.SpecialistFactory(language="en")
    fp.ProfileFactory(user=specialist)
    matter_type = ft.MatterTypeFactory()
    matter = f.MatterFactory(
        client=client, lead=lead, specialists=[specialist], number=f"SECRET-{letter}/1", matter_type=matter_type
    )
    side = Side(letter, client, user, lead, specialist, matter, task=None)
    side.ids = {
        "client": client.pk,
        "matter": matter.pk,
        "specialist": specialist.pk,
        "matter_type": matter_type.pk,
        **_things(side, matter, f"CONTENT-{letter}"),
    }
    # An address the client user has since reset: it must open nothing, for anyone.
    side.ids["calendar_feed"] = feed_token(feed_key_ensure(user=user))
    feed_key_reset(user=user)
    side.task = matter.tasks.get()
    side.heading, side.content = f"SECRET-{letter}", f"CONTENT-{letter}"
    return side


def add_volume(side: Side, n: int) -> None:
    """n more of everything on the side's matter, and n more matters of its client with one of everything."""
    for _ in range(n):
        tag = f"MORE-{side.name}-{next(_volume)}"
        _things(side, side.matter, tag)
        other = f.MatterFactory(client=side.client, lead=side.lead, specialists=[side.specialist])
        _things(side, other, f"{tag}m")


_volume = itertools.count(1)


@dataclass
class World:
    a: Side
    b: Side
    secretary: object
    partner: object

    def role(self, name: str):
        """The signed-in user of side A in a role; the secretary is assigned to nothing."""
        return {
            "client": self.a.user,
            "specialist": self.a.specialist,
            "lead": self.a.lead,
            "secretary": self.secretary,
            "anonymous": None,
        }[name]


ROLES = ("anonymous", "client", "specialist", "lead", "secretary")


def _notices(side: Side, partner) -> None:
    """A notice in the partner's inbox about the side's matter, and one that failed for good (a dead
    letter): nobody else's inbox holds them, and only partners and is_staff users see dead letters."""
    from notices.models import Notice

    tag = f"CONTENT-{side.name}"
    side.ids["notice"] = Notice.objects.create(
        recipient=partner, to_email=partner.email, kind="task_answered", subject=f"Ответ {tag}", body_text=tag,
        link=f"/matters/{side.matter.pk}/", status=Notice.Status.SENT,
    ).pk  # fmt: skip
    side.ids["dead_letter"] = Notice.objects.create(
        recipient=side.user, to_email=side.user.email, kind="task_answered", subject=f"Не ушло {tag}",
        body_text=tag, status=Notice.Status.FAILED, attempts=6, last_error="SMTPRecipientsRefused",
    ).pk  # fmt: skip


def build_world() -> World:
    a, b = build_side("A"), build_side("B")
    partner = f.PartnerFactory(language="en")
    _notices(a, partner)
    _notices(b, partner)
    return World(a=a, b=b, secretary=f.SecretaryFactory(language="en"), partner=partner)


@contextlib.contextmanager
def module_world(django_db_blocker, media):
    """The world, built once for a test module inside a transaction rolled back at its end. Each test
    then runs in a savepoint of it (pytest-django's `db`), so what one request changes the next does not
    see; files go to `media`, which the module's tests must use as MEDIA_ROOT too."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings = override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers)
    with settings, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
