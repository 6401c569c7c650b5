"""Words that mean the same to the people searching Find help ("foodbank", "food bank", "food parcel")."""

from __future__ import annotations

import uuid

from django.db import models


class SearchSynonym(models.Model):
    """One group of words or phrases that a search for any of them should treat as the same.

    Shipped defaults (data/search_synonyms.json, with why each group exists) are loaded by a migration; a council's
    directory editors change, add or remove groups from the editors' pages. ``council_code`` is the ONS code of the
    council the group is for (blank: every council on this installation)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council_code = models.CharField(max_length=9, blank=True, help_text="ONS local authority code; blank for all")
    phrases = models.TextField(help_text="Words or phrases that mean the same, separated by commas")
    rationale = models.TextField(blank=True, help_text="Why these mean the same to the people searching")
    source = models.CharField(max_length=200, blank=True, help_text="Where the group came from")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phrases", "id"]

    def __str__(self) -> str:
        return self.phrases

    @property
    def phrase_list(self) -> list[str]:
        return [p.strip() for p in self.phrases.split(",") if p.strip()]
