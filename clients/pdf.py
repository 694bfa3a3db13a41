"""Documents of the client relationship: powers of attorney and the engagement agreement (no queries here)."""

from django.utils import timezone, translation

from core.pdf import render_pdf


def power_of_attorney_pdf(poa, *, specialists, matters) -> bytes:
    """A power of attorney is drafted in Russian whatever the reader's language: it is used in Russian courts."""
    with translation.override("ru"):
        return render_pdf(
            "clients/pdf/power_of_attorney.html",
            {"poa": poa, "client": poa.client, "specialists": specialists, "matters": matters},
        )


def agreement_pdf(client, *, terms, terms_html, language: str, acceptances) -> bytes:
    """The engagement agreement of one client: its requisites, the firm's, and the terms it accepted.

    `terms_html` is clients.services.terms.terms_safe_html: sanitised, the only markup printed unescaped."""
    with translation.override(language):
        return render_pdf(
            "clients/pdf/agreement.html",
            {
                "client": client,
                "terms": terms,
                "terms_html": terms_html,
                "acceptances": acceptances,
                "language": language,
                "generated_at": timezone.now(),
            },
        )
