"""Encrypt second-factor secrets stored in the clear before encryption at rest (issue 12); reversible."""

from django.db import migrations

from communities.accounts import encryption


def _each(apps, change, *, only_plain: bool):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=[encryption.TOTP, encryption.RECOVERY_CODES]):
        def step(value):
            if only_plain and encryption.is_encrypted(value):
                return value  # already encrypted: never twice
            return change(value)

        data, count = encryption.transform_secrets(authenticator.type, authenticator.data, step)
        if count and data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


def encrypt_plain_secrets(apps, schema_editor):
    _each(apps, encryption.encrypt, only_plain=True)


def decrypt_secrets(apps, schema_editor):
    _each(apps, encryption.decrypt, only_plain=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_plain_secrets, decrypt_secrets)]
