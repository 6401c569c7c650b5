"""Second-factor secrets are encrypted at rest with keys from the environment (issue 12)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from communities.accounts import encryption
from communities.accounts.mfa import current_code

from ..conftest import TEST_TOTP_SECRET, make_user
from .test_login import totp_now

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
ROOT = Path(__file__).resolve().parents[2]


def totp_row(user) -> Authenticator:
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


def test_the_stored_totp_data_does_not_contain_the_secret(personas):
    stored = totp_row(personas["officer"]).data["secret"]
    assert TEST_TOTP_SECRET not in stored
    assert encryption.is_encrypted(stored)
    assert encryption.decrypt(stored) == TEST_TOTP_SECRET
    assert current_code(personas["officer"]) == totp_now()


def test_the_recovery_code_seed_is_encrypted_and_codes_still_work(personas):
    codes = RecoveryCodes.activate(personas["officer"])
    stored = codes.instance.data["seed"]
    assert encryption.is_encrypted(stored)
    seed = encryption.decrypt(stored)
    assert seed not in str(Authenticator.objects.get(pk=codes.instance.pk).data)
    unused = codes.get_unused_codes()
    assert len(unused) == 10 and codes.validate_code(unused[0])


def test_round_trip_and_tamper_evidence():
    token = encryption.encrypt("JBSWY3DPEHPK3PXP")
    assert token != encryption.encrypt("JBSWY3DPEHPK3PXP")  # fresh IV each time
    assert encryption.decrypt(token) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(encryption.SecretNotReadable):
        encryption.decrypt(token[:-4] + "AAAA")


def test_keys_must_be_fernet_keys():
    with override_settings(MFA_ENCRYPTION_KEYS=["not-a-key"]), pytest.raises(ImproperlyConfigured, match="KEYS"):
        encryption.encrypt("x")


def test_rotation_with_two_keys(db):
    with override_settings(MFA_ENCRYPTION_KEYS=[OLD_KEY]):
        officer = make_user("rotating@example.org")  # every secret in this database under the old key
        recovery = RecoveryCodes.activate(officer).get_unused_codes()
    old_token = totp_row(officer).data["secret"]
    # New key first, old key kept: old secrets still read, new ones written with the new key.
    with override_settings(MFA_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert current_code(officer) == totp_now()
        out = StringIO()
        call_command("rotate_mfa_keys", stdout=out)
        assert "re-encrypted" in out.getvalue()
    new_token = totp_row(officer).data["secret"]
    assert new_token != old_token
    # Once every secret is rotated the old key can go.
    with override_settings(MFA_ENCRYPTION_KEYS=[NEW_KEY]):
        assert current_code(officer) == totp_now()
        assert RecoveryCodes.activate(officer).get_unused_codes() == recovery
    with override_settings(MFA_ENCRYPTION_KEYS=[OLD_KEY]), pytest.raises(encryption.SecretNotReadable):
        encryption.decrypt(new_token)


def test_rotation_refuses_when_a_secret_cannot_be_read(personas):
    with override_settings(MFA_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(Exception, match="cannot be read"):
        call_command("rotate_mfa_keys", stdout=StringIO())


def test_the_migration_encrypts_plain_rows_and_leaves_encrypted_ones(personas):
    officer, worker = personas["officer"], personas["worker"]
    Authenticator.objects.filter(pk=totp_row(officer).pk).update(data={"secret": TEST_TOTP_SECRET})
    rc = RecoveryCodes.activate(worker).instance
    Authenticator.objects.filter(pk=rc.pk).update(
        data={"seed": "ab" * 40, "used_mask": 0, "migrated_codes": ["12345678"]}
    )
    already = totp_row(worker).data["secret"]
    migration = importlib.import_module("communities.accounts.migrations.0002_encrypt_mfa_secrets")
    migration.encrypt_plain_secrets(apps, None)
    stored = totp_row(officer).data["secret"]
    assert encryption.is_encrypted(stored) and encryption.decrypt(stored) == TEST_TOTP_SECRET
    data = Authenticator.objects.get(pk=rc.pk).data
    assert encryption.decrypt(data["seed"]) == "ab" * 40
    assert [encryption.decrypt(c) for c in data["migrated_codes"]] == ["12345678"]
    assert totp_row(worker).data["secret"] == already  # not encrypted twice
    assert current_code(officer) == totp_now()
    migration.decrypt_secrets(apps, None)  # and back, for a rollback
    assert totp_row(officer).data["secret"] == TEST_TOTP_SECRET


def test_production_refuses_to_start_without_a_good_key():
    # (tests/test_deploy.py checks that production starts with one)
    env = {k: v for k, v in os.environ.items() if k not in ("DEMO_MODE", "DEBUG", "MFA_ENCRYPTION_KEYS")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "communities.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-test-secret-key-that-is-long-enough-0123456789",
    })
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS must be set" in result.stderr
    env["MFA_ENCRYPTION_KEYS"] = "not-a-fernet-key"
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode != 0 and "key 1 of 1 is not a Fernet key" in result.stderr


def test_the_demo_shows_the_current_code_of_an_encrypted_secret(client, settings):
    from communities.accounts.mfa import activate_totp_with_secret
    from communities.accounts.models import User
    from communities.demo.logins import DEMO_PASSWORD, demo_email, demo_totp_secret

    settings.DEMO_MODE = True
    email = demo_email("officer")
    user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
    activate_totp_with_secret(user, demo_totp_secret(email))
    assert demo_totp_secret(email) not in str(totp_row(user).data)
    client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert f"{email}: <strong>{current_code(user)}</strong>" in page
    assert client.post("/accounts/2fa/authenticate/", {"code": current_code(user)}).status_code == 302
