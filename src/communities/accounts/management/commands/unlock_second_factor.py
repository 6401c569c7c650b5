"""End a member's second-factor lock early, after checking who they are another way (audited)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from communities.accounts.second_factor import unlock
from communities.accounts.services import find_by_email
from communities.audit.services import Action, record


class Command(BaseCommand):
    help = "End the second-factor lock of the account with this email (after too many wrong codes)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", required=True, help="why, and how the member's identity was checked")

    def handle(self, *args, email: str, reason: str, **options):
        user = find_by_email(email.strip())
        if user is None:
            raise CommandError(f"No account has the email {email!r}.")
        with transaction.atomic():
            unlock(user)
            record(
                actor=None, action=Action.UPDATE, obj=user, fields={"second_factor_lock": "ended"},
                reason=f"unlock_second_factor command: {reason}",
            )
        self.stdout.write(f"The second factor of {user.email} is unlocked.")
