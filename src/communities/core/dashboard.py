"""Dashboard tiles: each capability registers tiles here; a tile shows only to users with its permission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tile:
    title: str
    url_name: str
    permission: str
    description: str
    figure: Callable | None = None  # called with the request; returns a short figure such as "1,204 people"


TILES: list[Tile] = []


def register(tile: Tile) -> None:
    TILES.append(tile)


def tiles_for(request) -> list[dict]:
    from django.urls import reverse

    from .access import has_perm

    shown = []
    for tile in TILES:
        if has_perm(request.user, tile.permission):
            shown.append(
                {
                    "title": tile.title,
                    "url": reverse(tile.url_name),
                    "description": tile.description,
                    "figure": tile.figure(request) if tile.figure else "",
                }
            )
    return shown
