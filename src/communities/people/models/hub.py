"""What the person page holds besides the record itself: how to contact them, and their communication needs.

Communication needs follow the NHS Accessible Information Standard's categories, shipped as data with their source
(``people/data/communication_needs.json``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import models

NEEDS_FILE = Path(__file__).resolve().parent.parent / "data" / "communication_needs.json"


@cache
def communication_needs_data() -> dict:
    return json.loads(NEEDS_FILE.read_text(encoding="utf-8"))


def need_choices() -> list[tuple[str, str]]:
    return [(need["code"], need["label"]) for need in communication_needs_data()["needs"]]


def need_label(code: str) -> str:
    return dict(need_choices()).get(code, code)


def needs_language(code: str) -> bool:
    return any(n["code"] == code and n.get("needs_language") for n in communication_needs_data()["needs"])


class Channel(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class ContactPreferences(models.Model):
    """How the person likes to be contacted, and how never."""

    AUDIT_READS = True

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="contact_preferences")
    preferred_channels = models.JSONField(default=list, blank=True)
    best_times = models.CharField(max_length=200, blank=True, help_text="For example: weekday mornings")
    ok_to_leave_message = models.BooleanField(null=True, blank=True)
    do_not_contact_by = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "contact preferences"

    def __str__(self) -> str:
        return f"Contact preferences of {self.person_id}"

    def channel_labels(self, codes) -> list[str]:
        labels = dict(Channel.choices)
        return [labels.get(code, code) for code in codes]

    @property
    def preferred_labels(self) -> list[str]:
        return self.channel_labels(self.preferred_channels)

    @property
    def do_not_contact_labels(self) -> list[str]:
        return self.channel_labels(self.do_not_contact_by)


class CommunicationNeedQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)


class CommunicationNeed(models.Model):
    """One information or communication support need; ended (not deleted) when no longer needed."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="communication_needs")
    need = models.CharField(max_length=40)
    language = models.CharField(max_length=100, blank=True, help_text="For an interpreter: which language")
    detail = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommunicationNeedQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.label} for {self.person_id}"

    @property
    def label(self) -> str:
        text = need_label(self.need)
        if self.language:
            text += f" ({self.language})"
        return text
