"""Email and text messages through GOV.UK Notify's official client, with offline back-ends.

``send_email(to=, template=, personalisation=)`` and ``send_sms(to=, template=, personalisation=)`` are the whole
interface. ``NOTIFY_BACKEND`` chooses where a message goes:

- ``notify`` (the default when ``NOTIFY_API_KEY`` is set): GOV.UK Notify, through
  ``notifications_python_client.NotificationsAPIClient``. Each of our templates either has its own Notify template
  (``NOTIFY_TEMPLATE_IDS``: its personalisation is passed as it is, and Notify holds the wording) or goes through one
  general template per channel whose content is only placeholders (``NOTIFY_EMAIL_TEMPLATE_ID``: subject
  ``((subject))``, body ``((body))``; ``NOTIFY_SMS_TEMPLATE_ID``: ``((body))``), filled with our own wording below.
- ``file`` (default offline): one JSON file per message in ``OUTBOX_DIR``; ``console``: logged; ``memory`` (tests):
  kept in :data:`outbox`.

Notify API reference: https://docs.notifications.service.gov.uk/python.html (client 13.0.0, read 2026-12-07).
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# Subject and body of each email template: the wording offline and through Notify's general template (see above).
TEMPLATES: dict[str, tuple[str, str]] = {
    "invitation": (
        "You have been invited to join {organisation} on Communities",
        "You have been invited to join {organisation} as a {role}.\n\n"
        "Use this link to create your account: {link}\n\nThe link works once and expires on {expires}.",
    ),
    "directory_change_submitted": (
        "Directory change waiting for approval: {service}",
        "{by} has proposed a change to the listing \"{service}\" in Find help.\n\nReview it: {link}",
    ),
    "directory_change_decided": (
        "Your change to {service} was {decision}",
        "Your change to the listing \"{service}\" in Find help was {decision}.\n\nNote from the editor: {note}",
    ),
    "directory_feedback": (
        "Someone reported a problem with {service}",
        "A member of the public reported something wrong with the listing \"{service}\" in Find help.\n\n"
        "Read and handle the report: {link}",
    ),
    "directory_chase": (
        "Please check your listing: {service}",
        "Your listing \"{service}\" in Find help was last checked: {last_checked}.\n\n"
        "People rely on it being right. Check it and confirm or correct it here: {link}",
    ),
    "referral_received": (
        "New referral {reference} to {service}",
        "{organisation} has sent a referral ({reference}) to {service}.\n\n"
        "Please respond by {respond_by}. Read it and accept or decline it here: {link}",
    ),
    "referral_status_changed": (
        "Your referral {reference} to {service}: {status}",
        "Your referral {reference} to {service} is now: {status}.\n\n{note}\n\nSee the referral: {link}",
    ),
    "carer_emergency_contact": (
        "Can you help {cared_for}? A carer's emergency plan is in action",
        "{organisation} has put {carer}'s emergency plan into action. You agreed to be one of the emergency "
        "contacts for {cared_for}.\n\nPlease tell us straight away whether you can help: {link}\n\n"
        "The link works once, until {expires}. {organisation} may also phone you.",
    ),
}


# The wording of each text message (no subject), as for email.
SMS_TEMPLATES: dict[str, str] = {
    "referral_status_changed": "Communities: your referral {reference} to {service} is now {status}. {link}",
    "carer_emergency_contact": "{organisation}: {carer}'s emergency plan for {cared_for} is in action. "
    "Can you help? Tell us here: {link}",
}

BACKENDS = ("notify", "file", "console", "memory")


class DeliveryError(Exception):
    """GOV.UK Notify refused or did not answer; the message says why (never the recipient's details)."""


@dataclass
class Message:
    to: str
    template: str
    subject: str
    body: str
    kind: str = "email"  # or "sms"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    notify_id: str = ""  # GOV.UK Notify's id for the notification, when sent through it


outbox: list[Message] = []


def render(template: str, personalisation: dict) -> tuple[str, str]:
    try:
        subject, body = TEMPLATES[template]
    except KeyError as exc:
        raise ValueError(f"No email template called {template!r}") from exc
    return subject.format(**personalisation), body.format(**personalisation)


def render_sms(template: str, personalisation: dict) -> str:
    try:
        body = SMS_TEMPLATES[template]
    except KeyError as exc:
        raise ValueError(f"No text message template called {template!r}") from exc
    return body.format(**personalisation)


def send_email(*, to: str, template: str, personalisation: dict, reference: str = "") -> Message:
    subject, body = render(template, personalisation)
    message = Message(to=to, template=template, subject=subject, body=body)
    return _deliver(message, personalisation, reference)


def send_sms(*, to: str, template: str, personalisation: dict, reference: str = "") -> Message:
    message = Message(to=to, template=template, subject="", body=render_sms(template, personalisation), kind="sms")
    return _deliver(message, personalisation, reference)


def _deliver(message: Message, personalisation: dict, reference: str) -> Message:
    backend = settings.NOTIFY_BACKEND
    if backend == "notify":
        _send_through_notify(message, personalisation, reference)
    elif backend == "memory":
        outbox.append(message)
    elif backend == "console":
        logger.info("%s to %s: %s\n%s", message.kind, message.to, message.subject, message.body)
    elif backend == "file":
        settings.OUTBOX_DIR.mkdir(parents=True, exist_ok=True)
        (settings.OUTBOX_DIR / f"{message.created_at[:19].replace(':', '')}-{message.id}.json").write_text(
            json.dumps(asdict(message), indent=2)
        )
    else:
        raise ValueError(f"Unknown NOTIFY_BACKEND {backend!r}: use {', '.join(BACKENDS)}")
    return message


def notify_template(message: Message, personalisation: dict) -> tuple[str, dict]:
    """The Notify template id for ``message`` and the personalisation to send with it."""
    own = settings.NOTIFY_TEMPLATE_IDS.get(message.template)
    if own:
        return own, personalisation
    if message.kind == "sms":
        general, setting, fields = settings.NOTIFY_SMS_TEMPLATE_ID, "NOTIFY_SMS_TEMPLATE_ID", {"body": message.body}
    else:
        general, setting = settings.NOTIFY_EMAIL_TEMPLATE_ID, "NOTIFY_EMAIL_TEMPLATE_ID"
        fields = {"subject": message.subject, "body": message.body}
    if not general:
        raise ImproperlyConfigured(
            f"GOV.UK Notify has no template for {message.template!r}: set {setting} (a template of placeholders "
            f"only) or give it its own id in NOTIFY_TEMPLATE_IDS"
        )
    return general, fields


def client():
    from notifications_python_client.notifications import NotificationsAPIClient

    if not settings.NOTIFY_API_KEY:
        raise ImproperlyConfigured("NOTIFY_BACKEND is notify but NOTIFY_API_KEY is not set")
    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)


def _send_through_notify(message: Message, personalisation: dict, reference: str) -> None:
    from notifications_python_client.errors import APIError

    template_id, fields = notify_template(message, personalisation)
    fields = {key: str(value) for key, value in fields.items()}
    api = client()
    try:
        if message.kind == "sms":
            answer = api.send_sms_notification(phone_number=message.to, template_id=template_id,
                                               personalisation=fields, reference=reference or None)
        else:
            answer = api.send_email_notification(email_address=message.to, template_id=template_id,
                                                 personalisation=fields, reference=reference or None)
    except APIError as exc:
        logger.warning("GOV.UK Notify refused %s %s: %s", message.kind, message.template, exc)
        raise DeliveryError(
            f"GOV.UK Notify did not send the {message.kind} ({exc.status_code}): {exc.message}"
        ) from exc
    message.notify_id = str((answer or {}).get("id", ""))
