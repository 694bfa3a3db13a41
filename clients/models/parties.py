from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartyRole(models.TextChoices):
    OPPONENT = "opponent", _("opponent")
    CO_PARTY = "co_party", _("co-party")
    THIRD_PARTY = "third_party", _("third party")
    RELATED = "related", _("related person")


class PartyKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")


class Party(models.Model):
    """Somebody else in a matter: the opponent, a co-party, a third party, or a person related to the client.

    Every party is searched by the conflict check of every later client and matter.
    """

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="parties"
    )
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices, default=PartyKind.ORGANISATION)
    name = models.CharField(_("name"), max_length=500)
    inn = models.CharField(_("INN"), max_length=12, blank=True)
    ogrn = models.CharField(_("OGRN / OGRNIP"), max_length=15, blank=True)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("For example: director of the client, beneficiary."),
    )
    search_key = models.CharField(_("search key"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["matter", "role", "name"]
        indexes = [
            models.Index(fields=["inn"], name="party_inn_idx"),
            models.Index(fields=["ogrn"], name="party_ogrn_idx"),
            # the conflict check reads the parties of the keys it found (PartyKey) by key
            models.Index(fields=["search_key"], name="party_search_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class PartyKey(models.Model):
    """One distinct search key of the parties' names: what the conflict check searches (rule 13).

    A firm's parties repeat — the same bank, tax office or namesake in many matters — so the trigram
    index over the distinct keys (migration 0008) is smaller than one over every party, and a check
    finds the 200 nearest *names*, then reads every party that has one of them (by party_search_key_idx):
    no party of a common name is cut off by the 200. clients.services.conflicts.index_party adds a
    party's key as it stores it. A key whose last party was renamed or deleted is left until
    party_keys_sync (nightly, and after reindex_conflict_keys) removes it: until then it only takes
    a place among the 200.
    """

    search_key = models.CharField(_("search key"), max_length=500, unique=True)

    class Meta:
        verbose_name = _("party search key")
        verbose_name_plural = _("party search keys")

    def __str__(self) -> str:
        return self.search_key
