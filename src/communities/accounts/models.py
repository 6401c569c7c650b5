"""People's accounts: email is the login; names are for display."""

from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the Django admin site (platform administrators)")
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SecondFactorAttempts(models.Model):
    """Wrong second-factor codes for one account, and the lock they lead to (communities.accounts.second_factor)."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, primary_key=True, related_name="second_factor_attempts"
    )
    failures = models.PositiveIntegerField(default=0, help_text="Wrong codes since the last right one or lock")
    locked_until = models.DateTimeField(
        null=True, blank=True, help_text="Until then codes from the authenticator app are refused"
    )
    recovery_codes_locked = models.BooleanField(
        default=False, help_text="Too many wrong recovery codes during the lock: every code refused until it ends"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "second-factor attempts"
        verbose_name_plural = "second-factor attempts"

    def __str__(self) -> str:
        return f"{self.user}: {self.failures} wrong codes"
