"""Account actions."""

from __future__ import annotations

from django.db import transaction

from communities.audit.services import Action, record

from .models import User


def create_account(*, email: str, full_name: str, password: str, request=None) -> User:
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        record(actor=user, action=Action.CREATE, obj=user, fields={"email": user.email}, request=request)
    return user


def find_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()
