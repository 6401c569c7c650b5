"""The text full-text search reads, kept in step with the listings.

Each service carries ``search_title`` (name, other name, the names of its categories and other terms) and
``search_body`` (description, who it is for, the organisation's name, parent categories). PostgreSQL searches them
through a GIN index on their ``tsvector`` (migration 0004); SQLite through an FTS5 table, ``directory_service_fts``,
which this module fills (SQLite has no index on an expression of that kind).

Kept by signals for single saves (a service, its attributes, its organisation, a taxonomy term) and by
:func:`refresh` after bulk writes (the demo generator, importers), in the writer's transaction.

The SQL here names only the constant FTS table; every value is a bound parameter.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.db import connection
from django.db.models.signals import post_delete, post_migrate, post_save

FTS_TABLE = "directory_service_fts"
CHUNK = 500
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped ("Carers' café" → carers, café). The text is stored as these words so
    that both databases read the same tokens (PostgreSQL's parser would otherwise take "<b>food</b>" as a tag, an
    address or a URL as one token)."""
    return _WORD.findall((text or "").lower().replace("'", "").replace("\u2019", ""))


def _texts(service_ids, *, Service, Attribute):
    """{service id: (title, body)} worked out in two queries per chunk."""
    terms = defaultdict(list)
    parents = defaultdict(list)
    rows = Attribute.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "taxonomy_term__name", "taxonomy_term__parent__name")
    for service_id, name, parent in rows:
        terms[service_id].append(name)
        if parent:
            parents[service_id].append(parent)
    out = {}
    for sid, name, alternate, description, eligibility, org in Service.objects.filter(id__in=service_ids).values_list(
            "id", "name", "alternate_name", "description", "eligibility_description", "organization__name"):
        title = " ".join(words(" ".join(p for p in [name, alternate, *sorted(set(terms[sid]))] if p)))
        body = " ".join(words(" ".join(p for p in [description, eligibility, org, *sorted(set(parents[sid]))] if p)))
        out[sid] = (title, body)
    return out


def refresh(service_ids=None, *, Service=None, Attribute=None) -> int:
    """Recompute the search text of these services (all when None). Returns how many were written."""
    if Service is None:
        from ..models import Attribute, Service
    ids = list(Service.objects.values_list("id", flat=True)) if service_ids is None else list(service_ids)
    written = 0
    for start in range(0, len(ids), CHUNK):
        texts = _texts(ids[start:start + CHUNK], Service=Service, Attribute=Attribute)
        objs = [Service(id=sid, search_title=title, search_body=body) for sid, (title, body) in texts.items()]
        Service.objects.bulk_update(objs, ["search_title", "search_body"])
        if connection.vendor == "sqlite":
            _write_fts(texts)
        written += len(objs)
    return written


def ensure_complete() -> int:
    """Fill in the search text of any listing written without it (a bulk write that did not call refresh); run by
    searches once per process and revision. Returns how many were filled."""
    from ..models import Service

    missing = list(Service.objects.filter(search_title="").values_list("id", flat=True))
    return refresh(missing) if missing else 0


def _write_fts(texts: dict) -> None:
    ensure_fts()
    keys = [sid.hex for sid in texts]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE service_id = %s", [(k,) for k in keys])  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (service_id, search_title, search_body) VALUES (%s, %s, %s)",  # noqa: S608
            [(sid.hex, title, body) for sid, (title, body) in texts.items()],
        )


def ensure_fts() -> None:
    """SQLite only: create the FTS5 table if it is missing (a fresh database, or one Django rebuilt)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(service_id UNINDEXED, search_title, "
            "search_body, tokenize = 'porter unicode61 remove_diacritics 2')")


def _forget(service_ids) -> None:
    if connection.vendor == "sqlite":
        ensure_fts()
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE service_id = %s",  # noqa: S608
                               [(s.hex,) for s in service_ids])


# Signals: one listing changed.
def _service_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not {"name", "alternate_name", "description", "eligibility_description",
                                                  "organization"} & set(update_fields)):
        return
    refresh([instance.pk])


def _service_deleted(sender, instance, **kwargs):
    _forget([instance.pk])


def _attribute_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.service_id:
        from ..models import Service

        if Service.objects.filter(pk=instance.service_id).exists():
            refresh([instance.service_id])


def _organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(instance.services.values_list("id", flat=True))


def _term_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from ..models import Attribute

        refresh(set(Attribute.objects.filter(service__isnull=False)
                    .filter(taxonomy_term__in=[instance.pk, *instance.children.values_list("pk", flat=True)])
                    .values_list("service_id", flat=True)))


def _after_migrate(sender, using="default", **kwargs):
    """A database Django rebuilt without the FTS table (SQLite) gets it back, filled."""
    if connection.vendor != "sqlite" or getattr(sender, "label", "") != "directory":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        missing = cursor.fetchone() is None
    if missing:
        refresh()


def connect_signals() -> None:
    from .. import models

    post_save.connect(_service_saved, sender=models.Service, dispatch_uid="directory-search-service")
    post_delete.connect(_service_deleted, sender=models.Service, dispatch_uid="directory-search-service-delete")
    post_save.connect(_attribute_changed, sender=models.Attribute, dispatch_uid="directory-search-attribute")
    post_delete.connect(_attribute_changed, sender=models.Attribute, dispatch_uid="directory-search-attribute-del")
    post_save.connect(_organisation_saved, sender=models.DirectoryOrganisation, dispatch_uid="directory-search-org")
    post_save.connect(_term_saved, sender=models.TaxonomyTerm, dispatch_uid="directory-search-term")
    post_migrate.connect(_after_migrate, dispatch_uid="directory-search-migrate")
