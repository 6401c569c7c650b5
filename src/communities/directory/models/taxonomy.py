"""Taxonomies and their terms (HSDS 3.0 ``taxonomy`` and ``taxonomy_term``)."""

from __future__ import annotations

import uuid

from django.db import models


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True, max_length=500)
    version = models.CharField(max_length=50, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where this record was imported from")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(max_length=100, blank=True, help_text="HSDS 'term': the code in its taxonomy")
    name = models.CharField(max_length=200)
    description = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    term_uri = models.URLField(blank=True, max_length=500)
    language = models.CharField(max_length=20, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["taxonomy", "parent"])]

    def __str__(self) -> str:
        return self.name
