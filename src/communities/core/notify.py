"""Email through a GOV.UK Notify-shaped interface (templates + personalisation), with offline back-ends.

Back-ends are chosen by NOTIFY_BACKEND: ``file`` (default; one JSON file per message in OUTBOX_DIR), ``console``
(logged), ``memory`` (tests: :data:`outbox`). A GOV.UK Notify back-end plugs in here with the same signature.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from django.conf import settings

logger = logging.getLogger(__name__)

# Subject and body of each email template; the Notify service would hold these by template id.
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
}


@dataclass
class Message:
    to: str
    template: str
    subject: str
    body: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())


outbox: list[Message] = []


def render(template: str, personalisation: dict) -> tuple[str, str]:
    try:
        subject, body = TEMPLATES[template]
    except KeyError as exc:
        raise ValueError(f"No email template called {template!r}") from exc
    return subject.format(**personalisation), body.format(**personalisation)


def send_email(*, to: str, template: str, personalisation: dict) -> Message:
    subject, body = render(template, personalisation)
    message = Message(to=to, template=template, subject=subject, body=body)
    backend = settings.NOTIFY_BACKEND
    if backend == "memory":
        outbox.append(message)
    elif backend == "console":
        logger.info("Email to %s: %s\n%s", to, subject, body)
    elif backend == "file":
        settings.OUTBOX_DIR.mkdir(parents=True, exist_ok=True)
        (settings.OUTBOX_DIR / f"{message.created_at[:19].replace(':', '')}-{message.id}.json").write_text(
            json.dumps(asdict(message), indent=2)
        )
    else:
        raise ValueError(f"Unknown NOTIFY_BACKEND {backend!r}: use file, console or memory")
    return message
