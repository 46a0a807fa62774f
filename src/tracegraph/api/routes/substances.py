"""Substances (name, CAS or SMILES; controls and the class rule that fired), a 2-D drawing, seller listings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from tracegraph.api.auth import Reader
from tracegraph.api.routes.common import check_text, scoped
from tracegraph.api.state import state
from tracegraph.errors import InputError

router = APIRouter(prefix="/api", tags=["substances"])


@router.get("/substances")
def substances(
    request: Request,
    principal: Reader,
    q: Annotated[str, Query(min_length=1, max_length=2000)],
    on: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = None,
    jurisdiction: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$")] = None,
) -> dict[str, Any]:
    """Identify a substance and say where, since when and by which rule it is controlled."""
    from tracegraph.substances.lookup import controls_in, lookup

    server = state(request)
    check_text(server, q)
    report = lookup(q.strip(), systematic=False)
    data = report.to_dict()
    if on or jurisdiction:
        found = controls_in(report, jurisdiction, on) if jurisdiction else report.controls(None, on)
        data["controls"] = [c.to_dict() for c in found]
    data["depiction"] = f"/api/substances/depict.svg?smiles={report.smiles}" if report.smiles else None
    server.record(principal, "substance", q)
    return data


@router.get("/substances/depict.svg", response_class=Response)
def depict(
    request: Request,
    principal: Reader,
    smiles: Annotated[str, Query(min_length=1, max_length=500)],
    width: Annotated[int, Query(ge=100, le=1200)] = 320,
    height: Annotated[int, Query(ge=100, le=1200)] = 240,
) -> Response:
    """A 2-D structure drawing (SVG, drawn by RDKit on the server)."""
    from rdkit.Chem.Draw import rdMolDraw2D

    from tracegraph.substances.classes import rdkit_chem

    chem = rdkit_chem()
    mol = chem.MolFromSmiles(smiles)
    if mol is None:
        raise InputError("not a valid SMILES")
    drawer = rdMolDraw2D.MolDraw2DSVG(width, height)
    rdMolDraw2D.PrepareAndDrawMolecule(drawer, mol)
    drawer.FinishDrawing()
    return Response(
        drawer.GetDrawingText(),
        media_type="image/svg+xml",
        headers={
            "Cache-Control": "public, max-age=86400",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


@router.get("/listings")
def listings(
    request: Request,
    principal: Reader,
    controlled: bool = False,
    destination: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$")] = None,
) -> dict[str, Any]:
    """Seller listings the caller may read, optionally only controlled ones or those shipping to a country."""
    from tracegraph.substances.views import listing_rows

    store = scoped(request, principal)
    rows = listing_rows(store, controlled=controlled, destination=destination)
    refs: set[str] = set()
    for row in rows:
        listing = store.entity(row["id"])
        refs.update(listing.get("seller") + listing.get("product"))
    hidden = refs - store.visible_ids(refs)  # ids of sellers and products the caller may not read
    for row in rows:
        row["seller"] = [s for s in row["seller"] if s not in hidden]
        row["product"] = [p for p in row["product"] if p not in hidden]
    state(request).record(principal, "listings", destination or "*", controlled=controlled, total=len(rows))
    return {"total": len(rows), "results": rows}
