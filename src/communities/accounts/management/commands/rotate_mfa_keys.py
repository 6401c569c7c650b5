"""Re-encrypt every second-factor secret with the newest key in MFA_ENCRYPTION_KEYS (docs/environment-variables.md)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from communities.accounts import encryption
from communities.audit.services import Action, record


def _rotated(authenticator: Authenticator) -> tuple[dict, int]:
    try:
        return encryption.transform_secrets(authenticator.type, authenticator.data, encryption.rotate)
    except encryption.SecretNotReadable as exc:
        raise CommandError(
            f"The secret of second-factor authenticator {authenticator.pk} (account {authenticator.user_id}) "
            "cannot be read with any key in MFA_ENCRYPTION_KEYS; nothing was changed. Put back the key it was "
            "encrypted with, after the new one."
        ) from exc


class Command(BaseCommand):
    help = "Re-encrypt every TOTP secret and recovery-code seed with the first (newest) key in MFA_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        kinds = [encryption.TOTP, encryption.RECOVERY_CODES]
        rows = secrets = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(type__in=kinds).order_by("pk"):
                data, count = _rotated(authenticator)
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                rows, secrets = rows + 1, secrets + count
            record(
                actor=None, action=Action.UPDATE, object_type="mfa.Authenticator",
                fields={"authenticators": rows, "secrets": secrets},
                reason="rotate_mfa_keys: second-factor secrets re-encrypted with the newest key",
            )
        self.stdout.write(f"re-encrypted {secrets} secrets in {rows} second-factor authenticators with the newest key")
