"""A small fictional world split over collections, for the server's authorisation tests.

Three agencies: ``alpha`` (a customs unit), ``bravo`` (a newsroom), ``charlie``
(a police force). Collections: ``openrec`` (all read, charlie writes),
``customsfiles`` (alpha writes, bravo reads), ``policeintel`` (charlie only)
and the ``us_ofac_sdn`` list (alpha and charlie read). Names, numbers and
stories are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracegraph.api import accounts
from tracegraph.ids import make_id
from tracegraph.screen.loader import load_list
from tracegraph.store import Document, Source, Statement, Store

SDN = sorted((Path(__file__).parents[1] / "screen" / "fixtures" / "sdn_v1").glob("*.csv"))

OPEN_TEXT = (
    "Kestrelmoor Reagents Ltd was registered in Rotterdam in 2019. "
    "Kestrelmoor Reagents Ltd supplies lab solvents to Ferndale Pharmacy Group."
)
CUSTOMS_TEXT = (
    "A customs file notes that Quaymont Shipping BV owns Kestrelmoor Reagents Ltd. "
    "Quaymont Shipping BV declared 40 drums of solvent in March 2024."
)
POLICE_TEXT = (
    "Informant reports say Ilvana Drosk directs Kestrelmoor Reagents Ltd. "
    "Ilvana Drosk also runs Pellworth Couriers. "
    "Ilvana Drosk uses the phone number +44 7700 900461."
)


def eid(name: str) -> str:
    return make_id("ent", name.lower())


@dataclass
class World:
    kestrel: str = eid("Kestrelmoor Reagents Ltd")
    kestrel_police: str = "ent-0000police-alias"  # smaller than kestrel: would be canonical if not scoped
    ferndale: str = eid("Ferndale Pharmacy Group")
    quaymont: str = eid("Quaymont Shipping BV")
    drosk: str = eid("Ilvana Drosk")
    pellworth: str = eid("Pellworth Couriers")
    supply: str = make_id("rel", "supply")
    owns: str = make_id("rel", "owns")
    directs: str = make_id("rel", "directs")
    runs: str = make_id("rel", "runs")
    doc_open: str = "doc-open-1"
    doc_customs: str = "doc-customs-1"
    doc_police: str = "doc-police-1"
    tokens: dict[str, str] = field(default_factory=dict)
    readable: dict[str, set[str]] = field(default_factory=dict)


class _Writer:
    def __init__(self, doc_id: str, text: str, dataset: str) -> None:
        self.doc_id, self.text, self.dataset = doc_id, text, dataset
        self.facts: list[Statement] = []

    def __call__(self, entity: str, schema: str, prop: str, value: str, quote: str | None = None) -> None:
        start = self.text.find(quote or value)
        assert start >= 0, quote or value
        self.facts.append(
            Statement(
                entity,
                schema,
                prop,
                value,
                dataset=self.dataset,
                document_id=self.doc_id,
                span_start=start,
                span_end=start + len(quote or value),
                extractor="test.world",
            )
        )

    def relation(self, rel: str, schema: str, sentence: str, **props: str) -> None:
        for prop, value in props.items():
            self(rel, schema, prop, value, sentence)
        self(rel, schema, "summary", sentence)


def _document(store: Store, doc_id: str, text: str, title: str, date: str) -> None:
    source = Source(
        id=f"src-{doc_id}", uri=f"https://example.test/{doc_id}", content_hash=doc_id, size=1, format="html"
    )
    store.put_source(source, raw_text=f"<p>{text}</p>")
    store.put_document(Document(id=doc_id, source_id=source.id, seq=0, text=text, title=title, published=date))


def build(store: Store) -> World:
    w = World()
    _document(store, w.doc_open, OPEN_TEXT, "Kestrelmoor opens in Rotterdam", "2024-01-10")
    _document(store, w.doc_customs, CUSTOMS_TEXT, "Customs file on Quaymont", "2024-03-20")
    _document(store, w.doc_police, POLICE_TEXT, "Informant report Drosk", "2024-05-02")

    o = _Writer(w.doc_open, OPEN_TEXT, "openrec")
    o(w.kestrel, "Company", "name", "Kestrelmoor Reagents Ltd")
    o(w.kestrel, "Company", "country", "nl", "Rotterdam")
    o(w.ferndale, "Company", "name", "Ferndale Pharmacy Group")
    o.relation(
        w.supply,
        "UnknownLink",
        "Kestrelmoor Reagents Ltd supplies lab solvents to Ferndale Pharmacy Group.",
        subject=w.kestrel,
        object=w.ferndale,
        role="supplies",
    )

    c = _Writer(w.doc_customs, CUSTOMS_TEXT, "customsfiles")
    c(w.quaymont, "Company", "name", "Quaymont Shipping BV")
    c(w.kestrel, "Company", "name", "Kestrelmoor Reagents Ltd")
    c.relation(
        w.owns,
        "Ownership",
        "A customs file notes that Quaymont Shipping BV owns Kestrelmoor Reagents Ltd.",
        owner=w.quaymont,
        asset=w.kestrel,
    )

    p = _Writer(w.doc_police, POLICE_TEXT, "policeintel")
    p(w.drosk, "Person", "name", "Ilvana Drosk")
    p(w.drosk, "Person", "phone", "+447700900461", "+44 7700 900461")
    p(w.kestrel_police, "Company", "name", "Kestrelmoor Reagents Ltd")
    p(w.kestrel_police, "Company", "phone", "+447700900461", "+44 7700 900461")
    p(w.pellworth, "Company", "name", "Pellworth Couriers")
    p.relation(
        w.directs,
        "Directorship",
        "Informant reports say Ilvana Drosk directs Kestrelmoor Reagents Ltd.",
        director=w.drosk,
        organization=w.kestrel_police,
        startDate="2023-11-01",
    )
    p.relation(
        w.runs, "Directorship", "Ilvana Drosk also runs Pellworth Couriers.", director=w.drosk, organization=w.pellworth
    )
    with store.transaction():
        store.add_statements(o.facts + c.facts + p.facts)
    store.add_judgement(make_id("jd", "kestrel"), w.kestrel, w.kestrel_police, "merge", "same company", "cai")
    load_list(store, SDN, "us_ofac_sdn")

    for name, marking in (
        ("openrec", "TLP:CLEAR"),
        ("customsfiles", "TLP:AMBER"),
        ("policeintel", "TLP:RED"),
        ("us_ofac_sdn", "TLP:CLEAR"),
    ):
        accounts.create_collection(store, name, marking=marking)
    for agency in ("alpha", "bravo", "charlie", "hq"):
        accounts.create_agency(store, agency)
    for coll, agency, level in (
        ("openrec", "alpha", "read"),
        ("openrec", "bravo", "read"),
        ("openrec", "charlie", "write"),
        ("customsfiles", "alpha", "write"),
        ("customsfiles", "bravo", "read"),
        ("policeintel", "charlie", "write"),
        ("us_ofac_sdn", "alpha", "read"),
        ("us_ofac_sdn", "charlie", "read"),
    ):
        accounts.grant(store, coll, level, agency=agency)
    for user, agency in (("ana", "alpha"), ("ben", "bravo"), ("cai", "charlie")):
        accounts.create_user(store, user, agency, password=f"{user}-password-123")
        w.tokens[user] = accounts.create_token(store, user, ("read", "write", "screen"))[1]
    accounts.create_user(store, "root", "hq", password="root-password-123", admin=True)
    w.tokens["root"] = accounts.create_token(store, "root", accounts.SCOPES)[1]
    w.readable = {
        "ana": {"openrec", "customsfiles", "us_ofac_sdn"},
        "ben": {"openrec", "customsfiles"},
        "cai": {"openrec", "policeintel", "us_ofac_sdn"},
    }
    return w


def forbidden(store: Store, readable: set[str]) -> set[str]:
    """Strings a user with these collections must never receive: hidden ids, names, values, documents."""
    rows = store.query("SELECT entity_id, value, dataset, document_id FROM statements")
    seen_values = {v for _, v, d, _ in rows if d in readable}
    visible_ids = {e for e, _, d, _ in rows if d in readable}
    found = {e for e, _, _, _ in rows if e not in visible_ids}
    found |= {v for _, v, d, _ in rows if d not in readable and len(v) >= 6 and v not in seen_values}
    hidden_docs = {doc for _, _, d, doc in rows if doc and d not in readable} - {
        doc for _, _, d, doc in rows if doc and d in readable
    }
    found |= hidden_docs
    found |= {c for c in ("policeintel", "customsfiles", "us_ofac_sdn", "openrec") if c not in readable}
    for doc_id in hidden_docs:
        found.add(store.document(doc_id).title or doc_id)
    return {f for f in found if f}
