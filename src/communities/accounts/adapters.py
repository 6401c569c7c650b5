"""allauth adapters: nobody signs up on their own (members are invited); second-factor secrets are encrypted."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings

from . import encryption


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.email

    def get_totp_issuer(self) -> str:
        return settings.SERVICE_NAME

    def encrypt(self, text: str) -> str:
        return encryption.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text)
