from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from trellis.web.validators import one_line


class UserManager(BaseUserManager["User"]):
    """Creates users who sign in with their e-mail address."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("Users must have an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)  # None gives an unusable password
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str) -> User:
        # Addresses are stored lower-cased, so "Ana@Example.org" signs in too.
        return self.get(email=self.normalize_email(username.strip()).lower())

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login: an e-mail address, a password and the roles that go with it."""

    email = models.EmailField("e-mail address", unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "operator", default=False, help_text="Operators can use the admin site."
    )
    is_organiser = models.BooleanField(
        "organiser",
        default=False,
        help_text="Organisers import the roster and run matching rounds; "
        "they never read private notes or reflections.",
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def has_claimed_account(self) -> bool:
        """Whether the person has ever set a password (imported users have not)."""
        return self.has_usable_password()


class ThrottledRequest(models.Model):
    """One counted password-reset request or failed invitation claim, for throttling.

    `key` is a keyed hash (HMAC with the secret key) of the e-mail address or client
    address counted, so the table never holds an address a stranger typed. Rows older
    than the lockout time are deleted as new ones arrive; `trellis unlock` deletes them
    on purpose. Failed sign-ins are counted by django-axes instead.
    """

    class Kind(models.TextChoices):
        RESET_EMAIL = "reset_email", "password-reset e-mail to an address"
        RESET_ADDRESS = "reset_address", "password-reset request from a client address"
        CLAIM_ADDRESS = "claim_address", "invalid invitation link from a client address"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "at"], name="throttle_kind_key_at")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class AccessToken(models.Model):
    """A personal access token for the JSON API: named, scoped, expiring, revocable.

    Only a SHA-256 digest of the token is kept (the token is 256 random bits, so a fast
    hash is enough, as for GitHub's tokens); the token itself is shown once, when it is
    made. `prefix` is the token's first characters, so a list can tell tokens apart.
    The rate-limit window lives on the row: one conditional UPDATE per request counts it,
    the same for every server worker.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=100, validators=[one_line("Name")])
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    window_started_at = models.DateTimeField(null=True, blank=True)
    window_requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="token_user_created")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_usable(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
