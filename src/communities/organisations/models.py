"""Organisations (council services, VCSE groups, NHS, housing providers) and people's memberships with roles."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council service"
    VCSE = "vcse", "Voluntary, community or social enterprise"
    NHS = "nhs", "NHS"
    HOUSING = "housing", "Housing provider"
    OTHER = "other", "Other partner"


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    COUNCIL_OFFICER = "council_officer", "Council officer"
    VCSE_WORKER = "vcse_worker", "VCSE worker"
    VOLUNTEER = "volunteer", "Volunteer"
    DRIVER = "driver", "Volunteer driver"
    DIRECTORY_EDITOR = "directory_editor", "Directory editor"
    ANALYST = "analyst", "Analyst"
    COUNCILLOR = "councillor", "Councillor"
    TRANSPORT_COORDINATOR = "transport_coordinator", "Transport coordinator"
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", "Volunteer coordinator"
    EMERGENCY_PLANNER = "emergency_planner", "Emergency planner"
    EPIA_APPROVER = "epia_approver", "Impact assessment approver"
    SAFETY_PARTNER = "community_safety_partner", "Community safety partner"


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, organisation__is_active=True)

    def visible_to(self, user):
        """Memberships of the organisation the user administers now."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or "administrator" not in getattr(user, "current_roles", ()):
            return self.none()
        return self.filter(organisation=organisation)


class Membership(models.Model):
    """A user's role in an organisation. A user may hold several roles in several organisations."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role"),
        ]
        ordering = ["organisation__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.organisation}"


class Invitation(models.Model):
    """An administrator's invitation to join an organisation in a role. Only a hash of the token is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"
