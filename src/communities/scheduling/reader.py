"""Reader for the Cordeau (2006) / Ropke, Cordeau & Laporte (2007) DARP benchmark format.

Two layouts, both read as published (no conversion step):

* **a/b** (Cordeau 2006; Ropke, Cordeau & Laporte 2007; see ``tests/fixtures/darp/README.md``): a
  header line ``K n T Q L`` then ``2n+2`` node lines ``id x y s q e l`` for node ids ``0 .. 2n+1``
  (0 = start depot, ``1..n`` pickups, ``n+1..2n`` drop-offs, ``2n+1`` = end depot);
* **pr** (Cordeau & Laporte 2003, pr01-pr10; ``tests/fixtures/darp/pr/README.md``): header field 2
  is the number of *nodes* ``2n`` (not ``n``) and there is one depot line, so ``2n+1`` node lines
  for ids ``0 .. 2n``; routes start and end at node 0.

The layout is decided by the number of node lines (``2h+2`` for a/b, ``h+1`` for pr, where ``h`` is
header field 2; the two never coincide).  Travel time = cost = unrounded Euclidean distance.

The instance is loaded into the general :class:`~communities.scheduling.model.Problem` (no
separate code path): ``K`` identical vehicles start at node 0 and end at the end depot (node
``2n+1`` for a/b, node 0 again for pr) with capacity ``(Q,)``, shift ``[e_0, l_end]`` and maximum
duration ``T``; every request is mandatory with maximum ride time ``L``.  Location index = node id.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from communities.scheduling.model import Problem, Request, Stop, TimeWindow, Vehicle
from communities.scheduling.travel import EuclideanTravel

HEADER_FIELDS = ("K", "n", "T", "Q", "L")
NODE_FIELDS = ("id", "x", "y", "s", "q", "e", "l")


class DarpFormatError(ValueError):
    """Malformed benchmark file; the message names the file, line number and field."""

    def __init__(self, path: str, line: int, field: str, message: str) -> None:
        super().__init__(f"{path}: line {line}, field {field}: {message}")
        self.path, self.line, self.field = path, line, field


@dataclass(frozen=True, slots=True)
class DarpInstance:
    """Header values and the loaded problem."""

    name: str
    vehicles: int
    n: int
    max_duration: float
    capacity: int
    max_ride: float
    problem: Problem
    layout: str = "ab"  # "ab": header n, depots 0 and 2n+1; "pr": header 2n, single depot 0

    @property
    def end_depot(self) -> int:
        """Node id of the end depot in the file (``2n+1`` for a/b, ``0`` for pr)."""
        return 0 if self.layout == "pr" else 2 * self.n + 1

    def node_id(self, request_index: int, dropoff: bool) -> int:
        """Benchmark node id of the pickup (``i+1``) or drop-off (``n+i+1``) of request index i."""
        return request_index + 1 + (self.n if dropoff else 0)


def _num(tok: str, path: str, line: int, field: str, integer: bool = False) -> float:
    try:
        val = float(tok)
    except ValueError:
        raise DarpFormatError(path, line, field, f"expected a number, got {tok!r}") from None
    if val != val or val in (float("inf"), float("-inf")):
        raise DarpFormatError(path, line, field, f"expected a finite number, got {tok!r}")
    if integer and val != int(val):
        raise DarpFormatError(path, line, field, f"expected an integer, got {tok!r}")
    return val


def parse_darp(text: str, path: str = "<string>", name: str | None = None) -> DarpInstance:
    """Parse benchmark text; raise :class:`DarpFormatError` on the first problem found."""
    lines = [(i + 1, ln.split()) for i, ln in enumerate(text.splitlines()) if ln.strip()]
    if not lines:
        raise DarpFormatError(path, 1, "K", "empty file")
    hl, head = lines[0]
    if len(head) != 5:
        raise DarpFormatError(path, hl, HEADER_FIELDS[min(len(head), 4)],
                              f"header must have 5 fields 'K n T Q L', found {len(head)}")
    K = int(_num(head[0], path, hl, "K", True))
    h = int(_num(head[1], path, hl, "n", True))
    T = _num(head[2], path, hl, "T")
    Q = int(_num(head[3], path, hl, "Q", True))
    L = _num(head[4], path, hl, "L")
    for fld, val in (("K", K), ("n", h), ("Q", Q)):
        if val < 1:
            raise DarpFormatError(path, hl, fld, f"must be positive, got {val}")
    for fld, val in (("T", T), ("L", L)):
        if val < 0:
            raise DarpFormatError(path, hl, fld, f"must be non-negative, got {val}")
    rows = lines[1:]
    layout, n = _layout(h, len(rows), rows, path, hl)
    depots = (0,) if layout == "pr" else (0, 2 * n + 1)
    nodes = []
    for idx, (ln, toks) in enumerate(rows):
        if len(toks) != 7:
            fld = NODE_FIELDS[min(len(toks), 6)]
            raise DarpFormatError(path, ln, fld, f"node line must have 7 fields 'id x y s q e l', found {len(toks)}")
        nid = int(_num(toks[0], path, ln, "id", True))
        if nid != idx:
            raise DarpFormatError(path, ln, "id", f"expected node id {idx}, found {nid}")
        x, y, s = (_num(toks[k], path, ln, NODE_FIELDS[k]) for k in (1, 2, 3))
        q = int(_num(toks[4], path, ln, "q", True))
        e, lt = _num(toks[5], path, ln, "e"), _num(toks[6], path, ln, "l")
        if s < 0:
            raise DarpFormatError(path, ln, "s", f"service time must be non-negative, got {toks[3]}")
        if e > lt:
            raise DarpFormatError(path, ln, "e", f"time window start {toks[5]} is after its end {toks[6]}")
        nodes.append((x, y, s, q, e, lt, ln))
    for i in range(1, n + 1):
        qp, qd = nodes[i][3], nodes[n + i][3]
        if qp < 0:
            raise DarpFormatError(path, nodes[i][6], "q", f"pickup load must be non-negative, got {qp}")
        if qd != -qp:
            raise DarpFormatError(path, nodes[n + i][6], "q",
                                  f"drop-off load must be minus its pickup load ({-qp}), got {qd}")
    for k in depots:
        if nodes[k][3] != 0:
            raise DarpFormatError(path, nodes[k][6], "q", "depot load must be 0")
    travel = EuclideanTravel([(nd[0], nd[1]) for nd in nodes])
    requests = []
    for i in range(1, n + 1):
        p, d = nodes[i], nodes[n + i]
        requests.append(Request(
            id=str(i),
            pickup=Stop(i, p[2], TimeWindow(p[4], p[5])),
            dropoff=Stop(n + i, d[2], TimeWindow(d[4], d[5])),
            load=(p[3],),
            max_ride_time=L,
        ))
    end = depots[-1]
    shift = TimeWindow(nodes[0][4], nodes[end][5])
    vehicles = [Vehicle(id=str(k), start=0, end=end, capacity=(Q,), shift=shift, max_duration=T)
                for k in range(K)]
    nm = name or (Path(path).stem if path != "<string>" else "instance")
    problem = Problem(requests, vehicles, travel, ("seat",), nm)
    return DarpInstance(nm, K, n, T, Q, L, problem, layout)


def _layout(h: int, count: int, rows: list, path: str, hl: int) -> tuple[str, int]:
    """``("ab", n)`` for ``2h+2`` node lines (header field 2 = n), ``("pr", h/2)`` for ``h+1`` (= 2n)."""
    if count == 2 * h + 2:
        return "ab", h
    if count == h + 1 and h % 2 == 0:
        return "pr", h // 2
    ln = rows[-1][0] + 1 if rows else hl + 1
    pr_hint = f" or {h + 1} (pr layout, header field 2 = 2n = {h})" if h % 2 == 0 else ""
    raise DarpFormatError(path, ln, "id", f"expected {2 * h + 2} node lines (2n+2 with n={h}){pr_hint}, "
                                          f"found {count}")


def read_darp(path: str | os.PathLike[str]) -> DarpInstance:
    """Read a benchmark file (see :func:`parse_darp`)."""
    p = Path(path)
    return parse_darp(p.read_text(encoding="utf-8"), str(p), p.stem)


def read_sol(path: str | os.PathLike[str], n: int, single_depot: bool = False) -> list[list[int]]:
    """Read a ``.sol`` file: one route per line, node ids (depots 0 / 2n+1 optional; only 0 with
    ``single_depot``, the pr layout), ``#`` comments."""
    top = 2 * n if single_depot else 2 * n + 1
    routes = []
    p = Path(path)
    for ln, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        body = line.split("#", 1)[0].split()
        if not body:
            continue
        ids = []
        for tok in body:
            if not tok.lstrip("-").isdigit():
                raise DarpFormatError(str(p), ln, "node", f"expected a node id, got {tok!r}")
            nid = int(tok)
            if not 0 <= nid <= top:
                raise DarpFormatError(str(p), ln, "node", f"node id {nid} outside 0..{top}")
            if 0 < nid <= 2 * n:
                ids.append(nid)
        routes.append(ids)
    return routes
