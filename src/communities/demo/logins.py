"""Demo accounts: one per role, with a known password and TOTP secret so the demo can be tried at once."""

from __future__ import annotations

import base64
import hashlib

from communities.organisations.models import Role

DEMO_PASSWORD = "stockton-demo-password"  # noqa: S105 - demo only; DEMO_MODE is refused in production
DEMO_DOMAIN = "demo.communities.invalid"  # .invalid (RFC 2606): mail can never be delivered

# (email local part, full name, role, organisation key)
DEMO_STAFF = [
    ("admin", "Ada Administrator (demo)", Role.ADMINISTRATOR, "council"),
    ("officer", "Olu Officer (demo)", Role.COUNCIL_OFFICER, "council"),
    ("editor", "Eden Editor (demo)", Role.DIRECTORY_EDITOR, "council"),
    ("analyst", "Ana Analyst (demo)", Role.ANALYST, "council"),
    ("councillor", "Cal Councillor (demo)", Role.COUNCILLOR, "council"),
    ("vcse-admin", "Vic VCSE-Admin (demo)", Role.ADMINISTRATOR, "vcse"),
    ("worker", "Wren Worker (demo)", Role.VCSE_WORKER, "vcse"),
    ("volunteer", "Val Volunteer (demo)", Role.VOLUNTEER, "vcse"),
    ("driver", "Dev Driver (demo)", Role.DRIVER, "vcse"),
    ("coordinator", "Cora Coordinator (demo)", Role.TRANSPORT_COORDINATOR, "council"),
    ("volunteer-coordinator", "Vin Volunteer-Coordinator (demo)", Role.VOLUNTEER_COORDINATOR, "vcse"),
    ("planner", "Pat Planner (demo)", Role.EMERGENCY_PLANNER, "council"),
    ("approver", "Abi Approver (demo)", Role.EPIA_APPROVER, "council"),
    ("safety-partner", "Sam Safety-Partner (demo)", Role.SAFETY_PARTNER, "vcse"),
]

# A resident's own account (volunteering, issue 16): no organisation, so no role above and no second factor until an
# organiser approves them for a role that shows residents' personal data.
DEMO_RESIDENT = ("resident", "Rae Resident (demo)")


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def demo_totp_secret(email: str) -> str:
    """A fixed base32 secret per demo account, so printed logins stay valid across regenerations."""
    return base64.b32encode(hashlib.sha256(f"communities-demo:{email}".encode()).digest()[:20]).decode()


def current_demo_codes() -> list[tuple[str, str]]:
    from communities.accounts.models import User

    from ..accounts.mfa import current_code

    users = User.objects.filter(email__endswith="@" + DEMO_DOMAIN).order_by("email")
    return [(u.email, current_code(u) or "") for u in users]
