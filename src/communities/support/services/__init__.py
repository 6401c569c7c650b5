"""Action functions of the support room: each checks its input, then writes the change and its audit row in one
transaction. Bad input raises ``django.core.exceptions.ValidationError`` keyed by field, in plain English, and
writes nothing."""
