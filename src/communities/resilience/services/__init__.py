"""Action functions of the emergencies room: each checks its input, then writes the change and its audit row in one
transaction. Bad input raises ``django.core.exceptions.ValidationError`` keyed by field, in plain English, and
writes nothing; an actor without the permission gets ``PermissionDenied``."""

from .incidents import close_incident, declare_incident

__all__ = ["close_incident", "declare_incident"]
