"""Words in a search → a database full-text query, with the council's synonyms and "Did you mean".

"foodbank", "food bank" and "food banks" find the same services: the database stems words (PostgreSQL's English
snowball stemmer, SQLite FTS5's Porter stemmer), and a phrase in the council's synonym list (models.SearchSynonym)
is searched for as any phrase of its group. Several words must all be found (each as itself or a synonym).

Relevance has two tiers: the words found in the title (name, other name, category names) rank above words found only
in the description or the organisation's name; within a tier, nearest first (services/search.py).
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from . import public_cache
from .search_index import FTS_TABLE, words

MAX_WORDS = 8
# Words too common to narrow a search (PostgreSQL's English configuration drops them too; SQLite keeps them).
STOP_WORDS = frozenset(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "me", "my",
                        "near", "of", "on", "or", "the", "to", "with"])


def stem(word: str) -> str:
    """A light English stemmer, only to recognise a synonym phrase in the words typed ("food banks" → "food bank");
    the database's own stemmer does the matching."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(phrase))


def synonym_groups() -> list[list[str]]:
    """The groups for this council (kept per process until the directory changes)."""
    return public_cache.per_revision("search-synonyms", _load_groups)


def _load_groups() -> list[list[str]]:
    from ..models import SearchSynonym

    rows = SearchSynonym.objects.filter(Q(council_code="") | Q(council_code=settings.COUNCIL_CODE))
    return [row.phrase_list for row in rows]


@dataclass
class Query:
    """Each concept is a list of alternative phrases (each a list of words); every concept must be found."""

    concepts: list[list[list[str]]]
    typed: list[str]

    def __bool__(self) -> bool:
        return bool(self.concepts)

    def postgres(self, title_only: bool = False) -> str:
        weight = ":A" if title_only else ""
        return " & ".join(
            "(" + " | ".join(" <-> ".join(w + weight for w in phrase) for phrase in concept) + ")"
            for concept in self.concepts)

    def sqlite(self, column: str = "") -> str:
        expression = " AND ".join(
            "(" + " OR ".join('"' + " ".join(phrase) + '"' for phrase in concept) + ")" for concept in self.concepts)
        return f"{{{column}}} : ({expression})" if column else expression


def parse(text: str) -> Query:
    typed = words(text)[:MAX_WORDS]
    kept = [w for w in typed if w not in STOP_WORDS] or typed
    stems = [stem(w) for w in kept]
    index: dict[tuple[str, ...], list[str]] = {}
    for group in synonym_groups():
        for phrase in group:
            index.setdefault(_phrase_key(phrase), group)
    concepts, i = [], 0
    while i < len(kept):
        for n in (4, 3, 2, 1):
            key = tuple(stems[i:i + n])
            if len(key) == n and key in index:
                alternatives = [kept[i:i + n]] + [words(p) for p in index[key]]
                unique = []
                for phrase in alternatives:
                    if phrase and phrase not in unique:
                        unique.append(phrase)
                concepts.append(unique)
                i += n
                break
        else:
            concepts.append([[kept[i]]])
            i += 1
    return Query(concepts, typed)


def _matching_sql(query: Query, *, title_only: bool) -> tuple[str, list]:
    """SQL selecting the ids of services whose text matches (an indexed lookup on either database)."""
    if connection.vendor == "postgresql":
        # search_vector: a stored tsvector, title words weighted A (migration 0005); ":A" finds them in the title.
        return ("SELECT id FROM directory_service WHERE search_vector @@ to_tsquery('english'::regconfig, %s)",
                [query.postgres(title_only)])
    if connection.vendor == "sqlite":
        return (f"SELECT service_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608 (bound value)
                [query.sqlite("search_title" if title_only else "")])
    raise NotImplementedError(f"Full-text search is written for PostgreSQL and SQLite, not {connection.vendor}")


def matches(query: Query, field: str = "id") -> Q:
    sql, params = _matching_sql(query, title_only=False)
    return Q(**{f"{field}__in": RawSQL(sql, params)})  # noqa: S611 (constant SQL, bound values)


def title_matches(query: Query, field: str = "id") -> Q:
    sql, params = _matching_sql(query, title_only=True)
    return Q(**{f"{field}__in": RawSQL(sql, params)})  # noqa: S611 (constant SQL, bound values)


# "Did you mean": the nearest word that is in the listings.
def vocabulary() -> Counter:
    """Every word in the listed services' search text, with how many listings use it. Built once per revision for
    all server processes (the shared cache; reading 100,000 listings' text takes seconds) and kept per process."""
    return public_cache.per_revision("search-vocabulary", _shared_vocabulary)


def _shared_vocabulary() -> Counter:
    key = f"directory:vocabulary:{public_cache.revision()}"
    return cache.get_or_set(key, _build_vocabulary, timeout=max(settings.DIRECTORY_CACHE_SECONDS, 3600))


def _build_vocabulary() -> Counter:
    from ..models import Service

    counts: Counter = Counter()
    for title, body in Service.objects.listed().values_list("search_title", "search_body").iterator(chunk_size=2000):
        counts.update(set(words(title)) | set(words(body)))
    for group in synonym_groups():
        for phrase in group:
            counts.update(w for w in words(phrase) if w not in counts)
    return counts


def suggestion(text: str) -> str:
    """The search with each unknown word replaced by the nearest known one, or '' when every word is known."""
    vocab = vocabulary()
    known = {stem(w) for w in vocab}
    typed = words(text)[:MAX_WORDS]
    changed, out = False, []
    candidates = None
    for word in typed:
        if word in vocab or stem(word) in known or word in STOP_WORDS or word.isdigit() or len(word) < 3:
            out.append(word)
            continue
        if candidates is None:
            candidates = [w for w in vocab if len(w) >= 3 and not w.isdigit()]
        close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.75)
        if close:
            out.append(max(close, key=lambda w: (difflib.SequenceMatcher(None, word, w).ratio(), vocab[w])))
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else ""
