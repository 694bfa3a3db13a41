"""Engagement terms: the client user reads and accepts the current version before using the portal.

The engagement agreement of a client (its requisites, the firm's, the terms it accepted, who
accepted them and when) is a PDF rendered once per state and stored.
"""

import hashlib

import nh3
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record, client_ip
from core import caching
from core.errors import NotFound, NotPermitted, ValidationError
from core.selectors import get_visible

from ..access import client_documents
from ..models import AgreementDocument, Client, TermsAcceptance, TermsVersion
from ..pdf import agreement_pdf

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)

# What the terms may be written with: headings, paragraphs, lists, tables, emphasis, links. No
# scripts, styles (a CSS url() is a fetch), images, forms or frames; `style` and event attributes go.
TERMS_TAGS = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "section", "span", "blockquote"),
        *("ol", "ul", "li", "dl", "dt", "dd"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "abbr", "cite", "code", "a"),
    }
)
TERMS_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"class", "id", "lang"},
}


def terms_clean_html(text: str) -> str:
    """The terms' HTML reduced to TERMS_TAGS (nh3): what is stored is safe to show and to print."""
    return nh3.clean(
        text or "",
        tags=set(TERMS_TAGS),
        clean_content_tags={"script", "style", "template", "iframe", "object", "noscript"},
        attributes={tag: set(names) for tag, names in TERMS_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
    ).strip()


def terms_safe_html(version: TermsVersion | None, language: str) -> SafeString:
    """The terms' text, ready to be put into a page or a PDF unescaped.

    It is cleaned when stored (terms_publish, the admin) and cleaned again here, so that a version
    written before sanitising existed, or by hand in the database, still cannot carry a script, a
    style or a reference to a file into the page or the PDF (whose fetcher refuses them as well).
    """
    if version is None:
        return mark_safe("")
    return mark_safe(terms_clean_html(version.text(language)))  # noqa: S308  (cleaned by nh3 just above)


def terms_language(language: str | None) -> str:
    """A language the terms are written in: the one asked for when there is such, else the portal's default."""
    language = (language or "").split("-")[0].lower()
    return language if language in LANGUAGES else settings.LANGUAGE_CODE.split("-")[0]


def terms_current() -> TermsVersion | None:
    return TermsVersion.objects.order_by("-number").first()


def terms_pending_for(user) -> TermsVersion | None:
    """The version a client user still has to accept, or None when nothing is pending.

    Every page and API call of a client user asks, so the answer is kept (core.caching) under the
    user and the generations "terms" (a version published) and "terms:user:<id>" (an acceptance),
    both bumped whenever such a row is written (terms_rows_changed). Computing it is one query
    whatever the history: the current version, annotated with whether the user has accepted it.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_client_user:
        return None
    return caching.cached(
        "terms_pending",
        owner=f"user:{user.pk}",
        scopes=("terms", f"terms:user:{user.pk}"),
        compute=lambda: _terms_pending(user),
    )


def _terms_pending(user) -> TermsVersion | None:
    current = (
        TermsVersion.objects.order_by("-number")
        .annotate(accepted=Exists(TermsAcceptance.objects.filter(user=user, version=OuterRef("pk"))))
        .only("pk", "number")
        .first()
    )
    if current is None or current.accepted:
        return None
    return current


def terms_rows_changed(sender, instance, **kwargs) -> None:
    """A version or an acceptance was written (the services, the admin, a fixture): the kept answers go."""
    if isinstance(instance, TermsAcceptance):
        caching.bump(f"terms:user:{instance.user_id}")
    else:
        caching.bump("terms")


def terms_acceptances_of(user) -> list[TermsAcceptance]:
    """The user's acceptances, newest version first (what the terms page tells the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(TermsAcceptance.objects.filter(user=user).select_related("version").order_by("-version__number"))


def terms_accept(*, user, version: TermsVersion, language: str, request=None) -> TermsAcceptance:
    """A client user accepts the current terms: who, when, which version, in which language, from where.

    Accepting twice is harmless: the first acceptance stands.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_client_user:
        raise NotPermitted(_("The engagement terms are accepted by the client's own people."))
    current = terms_current()
    if current is None or version.pk != current.pk:
        raise ValidationError(fields={"version": [_("These are not the current terms; please read the current ones.")]})
    try:
        with transaction.atomic():
            acceptance = TermsAcceptance.objects.create(
                user=user,
                version=version,
                # the language the user reads the terms in (their own setting) unless the text read is named
                language=terms_language(language or getattr(user, "language", None)),
                ip_address=client_ip(request),
                user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:500],
            )
            _prerender_after_commit(user.client_id)
            return acceptance
    except IntegrityError:
        return TermsAcceptance.objects.get(user=user, version=version)


def _prerender_after_commit(client_id: int) -> None:
    from ..jobs import render_agreement

    # robust: an unreachable broker must not undo an acceptance; the agreement is then rendered
    # on its first download instead.
    transaction.on_commit(lambda: render_agreement.delay(client_id), robust=True)


@transaction.atomic
def terms_publish(*, by, text_ru: str, text_en: str) -> TermsVersion:
    """A partner publishes a new version; every client user is asked to accept it at the next visit.

    The HTML is sanitised here (terms_clean_html), so that the pages may show it as it is stored and
    the agreement PDF never meets a script, a style or a fetch.
    """
    if not by.sees_everything:
        raise NotPermitted(_("Only a partner publishes new engagement terms."))
    text_ru, text_en = terms_clean_html(text_ru), terms_clean_html(text_en)
    missing = {
        name: [_("Write the text of the terms in this language.")]
        for name, text in (("text_ru", text_ru), ("text_en", text_en))
        if not text
    }
    if missing:
        raise ValidationError(_("Both the Russian and the English text are required."), fields=missing)
    last = TermsVersion.objects.select_for_update().order_by("-number").first()
    return TermsVersion.objects.create(number=(last.number + 1) if last else 1, text_ru=text_ru, text_en=text_en)


# --- the engagement agreement -----------------------------------------------------------------


def agreement_client_get(*, user, pk) -> Client:
    """The client whose agreement the user downloads: its own people, the partners and the lawyers on
    its matters (clients.access.client_documents) — not the front desk."""
    return get_visible(client_documents(user), pk=pk)


def _agreement_contents(client: Client) -> tuple[TermsVersion, list[TermsAcceptance]]:
    """The version the client has agreed to (the newest any of its people accepted), else the current offer."""
    accepted = (
        TermsAcceptance.objects.filter(user__client=client)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    version = accepted.version if accepted else terms_current()
    if version is None:
        raise NotFound(_("The firm has not published its engagement terms yet."))
    acceptances = list(
        TermsAcceptance.objects.filter(user__client=client, version=version)
        .select_related("user")
        .order_by("accepted_at", "id")
    )
    return version, acceptances


def _state(acceptances: list[TermsAcceptance]) -> str:
    return hashlib.sha256(",".join(str(a.pk) for a in acceptances).encode()).hexdigest()[:32]


def agreement_get_or_render(*, client: Client) -> AgreementDocument:
    """The stored agreement for the client's present state, rendering it the first time (in the client's language)."""
    version, acceptances = _agreement_contents(client)
    language = terms_language(client.language)
    state = _state(acceptances)
    found = (
        AgreementDocument.objects.filter(client=client, version=version, language=language, state=state)
        .select_related("version")
        .first()
    )
    if found is not None:
        return found
    pdf = agreement_pdf(
        client,
        terms=version,
        terms_html=terms_safe_html(version, language),
        language=language,
        acceptances=acceptances,
    )
    try:
        with transaction.atomic():
            return AgreementDocument.objects.create(
                client=client,
                version=version,
                language=language,
                state=state,
                file=ContentFile(pdf, name=f"agreement-{client.pk}.pdf"),
            )
    except IntegrityError:  # rendered by someone else meanwhile: theirs is the same document
        return AgreementDocument.objects.get(client=client, version=version, language=language, state=state)


def agreement_file(*, user, client: Client, request=None) -> AgreementDocument:
    """The agreement a user downloads; a download by the firm is written to the access log."""
    if not client_documents(user).filter(pk=client.pk).exists():
        raise NotFound()
    document = agreement_get_or_render(client=client)
    if not user.is_firm:
        return document
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.AGREEMENT,
        description=gettext_noop("Engagement agreement (terms version %(number)s)"),
        params={"number": document.version.number},
        client_id=client.pk,
        object_id=document.pk,
    )
    return document


def agreement_prerender(*, client_id: int) -> int:
    """Render a client's agreement ahead of its first download (the worker calls it); returns its id."""
    client = Client.objects.filter(pk=client_id).first()
    if client is None:
        return 0
    return agreement_get_or_render(client=client).pk
