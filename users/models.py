from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLIENT = "client", _("client user")
    SECRETARY = "secretary", _("secretary")
    SPECIALIST = "specialist", _("specialist")
    LEAD = "lead", _("lead specialist")
    PARTNER = "partner", _("partner")


FIRM_ROLES = frozenset({Role.SECRETARY, Role.SPECIALIST, Role.LEAD, Role.PARTNER})
LAWYER_ROLES = frozenset({Role.SPECIALIST, Role.LEAD, Role.PARTNER})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.PARTNER)
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


# Django's label of an empty choice in model forms (the admin's selects, the profile form) is not in
# Django's Russian catalogue yet: the project's catalogue translates it, and this marks it for makemessages.
BLANK_CHOICE_LABEL = _("- Select an option -")


class Gender(models.TextChoices):
    """Only for the grammar of Russian sentences about a person («принял» / «приняла»); never guessed."""

    MALE = "male", _("male")
    FEMALE = "female", _("female")


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs in: the firm's people and the clients' people.

    A client user belongs to exactly one client (a database constraint says so); the firm's people
    belong to none. `is_staff` only opens the Django admin; the role decides everything else.
    """

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=255)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CLIENT)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=8,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional: only to write sentences about this person correctly in Russian."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("May sign in to the Django administration.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(
                condition=(Q(role=Role.CLIENT) & Q(client__isnull=False))
                | (~Q(role=Role.CLIENT) & Q(client__isnull=True)),
                name="user_client_iff_client_role",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        """«Иванов И. И.» from «Иванов Иван Иванович»."""
        parts = self.full_name.split()
        if len(parts) < 2:
            return self.full_name
        return parts[0] + " " + " ".join(f"{p[0]}." for p in parts[1:])

    @property
    def is_client_user(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_firm(self) -> bool:
        return self.role in FIRM_ROLES

    @property
    def is_lawyer(self) -> bool:
        return self.role in LAWYER_ROLES

    @property
    def sees_everything(self) -> bool:
        """Partners (and the superuser who runs the admin) see the whole firm."""
        return self.is_active and (self.role == Role.PARTNER or self.is_superuser)


class ApiToken(models.Model):
    """A key another system signs in to the API with, on behalf of one user.

    Only a SHA-256 digest of the key is stored: a copy of the database opens nothing. A token dies
    at `expires_at`, when its owner revokes it, and with all its siblings when the owner changes or
    resets the password or turns on two-factor authentication.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("label"), max_length=200, blank=True, help_text=_("What the token is for."))
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key begins with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="apitoken_user_created")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})" if self.name else f"{self.prefix}…"
