"""A small fictional network written straight into a store, for resolution, query and export tests.

Two stories and one list record. Names, places and numbers are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracegraph.ids import make_id
from tracegraph.store import Document, Source, Statement, Store

STORY_1 = (
    "Prison-run plant sold dye precursors.\n\n"
    "The Qinghe Provincial Prison wholly owns Qinghe Lanfeng Chemical Co., Ltd., according to company records. "
    "Zheng Fujing is a director of the company. "
    "The company lists the phone number +86 311 5555 0101 on its website. "
    "Blue Crane Trading Ltd gives the same number in its advertisements and offers 4-piperidone to buyers abroad."
)
STORY_2 = (
    "Washington sanctions chemical maker.\n\n"
    "On June 20, Washington sanctioned Qinghe Lanfeng Chemical and charged Fujing Zheng with trafficking. "
    "Beijing rejected the move. "
    "Qinghe Lanfeng Chemical, formerly Qinghe Dyestuff Works, changed its name in 2018. "
    "Morgan Reed, a broker, and Morgan Reed Ltd were named in the filing."
)


def eid(schema: str, name: str) -> str:
    return make_id("ent", schema, name.lower())


@dataclass
class Network:
    """Ids of the fixture's entities and documents."""

    doc1: str = "doc-story1"
    doc2: str = "doc-story2"
    prison: str = eid("PublicBody", "Qinghe Provincial Prison")
    lanfeng: str = eid("Company", "Qinghe Lanfeng Chemical Co., Ltd.")
    lanfeng2: str = eid("Company", "Qinghe Lanfeng Chemical")
    dyestuff: str = eid("Company", "Qinghe Dyestuff Works")
    zheng: str = eid("Person", "Zheng Fujing")
    zheng2: str = eid("Person", "Fujing Zheng")
    washington: str = eid("PublicBody", "Washington")
    beijing: str = eid("Organization", "Beijing")
    crane: str = eid("Company", "Blue Crane Trading Ltd")
    crane_record: str = "demo-crane-1"
    nominees: str = "demo-nominees-1"
    piperidone: str = eid("Substance", "4-piperidone")
    reed: str = eid("Person", "Morgan Reed")
    reed_ltd: str = eid("Company", "Morgan Reed Ltd")
    ownership: str = make_id("rel", "Ownership", "prison", "lanfeng")
    directorship: str = make_id("rel", "Directorship", "zheng", "lanfeng")
    sanction: str = make_id("rel", "Sanction", "lanfeng2")
    charge: str = make_id("rel", "Action", "charge", "zheng2")
    listing: str = make_id("rel", "Listing", "crane", "piperidone")
    succession: str = make_id("rel", "Succession", "dyestuff", "lanfeng2")
    record_ownership: str = "demo-own-1"


class _Writer:
    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id = doc_id
        self.text = text
        self.facts: list[Statement] = []

    def __call__(self, entity: str, schema: str, prop: str, value: str, quote: str | None = None) -> None:
        needle = quote or value
        start = self.text.find(needle)
        assert start >= 0, needle
        self.facts.append(
            Statement(
                entity_id=entity,
                schema=schema,
                prop=prop,
                value=value,
                document_id=self.doc_id,
                span_start=start,
                span_end=start + len(needle),
                extractor="test.fixture",
                confidence=0.9,
            )
        )

    def relation(self, rel: str, schema: str, sentence: str, **props: str) -> None:
        for prop, value in props.items():
            self(rel, schema, prop, value, sentence)
        self(rel, schema, "summary", sentence)
        self(rel, schema, "proof", self.doc_id, sentence)


def build(store: Store) -> Network:
    """Write the fixture into ``store`` and return its ids."""
    n = Network()
    for doc_id, text, title, date in (
        (n.doc1, STORY_1, "Prison-run plant sold dye precursors", "2025-03-04"),
        (n.doc2, STORY_2, "Washington sanctions chemical maker", "2025-06-21"),
    ):
        source = Source(
            id=f"src-{doc_id}", uri=f"https://news.example/{doc_id}", content_hash=doc_id, size=1, format="html"
        )
        store.put_source(source)
        store.put_document(
            Document(
                id=doc_id,
                source_id=source.id,
                seq=0,
                text=text,
                title=title,
                published=date,
                outlet="The Coastal Ledger",
                url=f"https://news.example/{doc_id}",
            )
        )
    w1 = _Writer(n.doc1, STORY_1)
    w1(n.prison, "PublicBody", "name", "Qinghe Provincial Prison")
    w1(n.prison, "PublicBody", "country", "cn", "Qinghe Provincial Prison")
    w1(n.lanfeng, "Company", "name", "Qinghe Lanfeng Chemical Co., Ltd.")
    w1(n.lanfeng, "Company", "phone", "+8631155550101", "+86 311 5555 0101")
    w1(n.zheng, "Person", "name", "Zheng Fujing")
    w1(n.crane, "Company", "name", "Blue Crane Trading Ltd")
    w1(n.crane, "Company", "phone", "+8631155550101", "the same number")
    w1(n.piperidone, "Substance", "name", "4-piperidone")
    s1 = "The Qinghe Provincial Prison wholly owns Qinghe Lanfeng Chemical Co., Ltd., according to company records."
    w1.relation(n.ownership, "Ownership", s1, owner=n.prison, asset=n.lanfeng, ownershipType="wholly owned")
    w1.relation(
        n.directorship,
        "Directorship",
        "Zheng Fujing is a director of the company.",
        director=n.zheng,
        organization=n.lanfeng,
        role="director",
    )
    s3 = "Blue Crane Trading Ltd gives the same number in its advertisements and offers 4-piperidone to buyers abroad."
    w1.relation(n.listing, "Listing", s3, seller=n.crane, product=n.piperidone, productName="4-piperidone")

    w2 = _Writer(n.doc2, STORY_2)
    w2(n.washington, "PublicBody", "name", "Washington")
    w2(n.beijing, "Organization", "name", "Beijing")
    w2(n.lanfeng2, "Company", "name", "Qinghe Lanfeng Chemical")
    w2(n.zheng2, "Person", "name", "Fujing Zheng")
    w2(n.dyestuff, "Company", "name", "Qinghe Dyestuff Works")
    w2(n.reed, "Person", "name", "Morgan Reed")
    w2(n.reed_ltd, "Company", "name", "Morgan Reed Ltd")
    s4 = "On June 20, Washington sanctioned Qinghe Lanfeng Chemical and charged Fujing Zheng with trafficking."
    w2.relation(
        n.sanction,
        "Sanction",
        s4,
        authority=n.washington,
        entity=n.lanfeng2,
        startDate="2025-06-20",
        program="counter-narcotics",
    )
    w2.relation(
        n.charge,
        "Action",
        s4,
        kind="charge",
        actor=n.washington,
        target=n.zheng2,
        date="2025-06-20",
        confidence="0.8",
        hedge="none",
    )
    s5 = "Qinghe Lanfeng Chemical, formerly Qinghe Dyestuff Works, changed its name in 2018."
    w2.relation(n.succession, "Succession", s5, predecessor=n.dyestuff, successor=n.lanfeng2, date="2018")

    record = [
        (n.crane_record, "Company", "name", "BLUE CRANE TRADING LIMITED"),
        (n.crane_record, "Company", "registrationNumber", "HK-778812"),
        (n.nominees, "Company", "name", "Harbour Nominees Ltd"),
        (n.record_ownership, "Ownership", "owner", n.nominees),
        (n.record_ownership, "Ownership", "asset", n.crane_record),
        (n.record_ownership, "Ownership", "percentage", "60"),
        (n.record_ownership, "Ownership", "startDate", "2021-02-01"),
        (n.record_ownership, "Ownership", "sourceUrl", "https://registry.example/hk/778812"),
    ]
    facts = [
        Statement(
            entity_id=e,
            schema=s,
            prop=p,
            value=v,
            dataset="demo_list",
            record_id=f"demo_list:{e}",
            extractor="ingest.ftm",
        )
        for e, s, p, v in record
    ]
    with store.transaction():
        store.add_statements(w1.facts + w2.facts + facts)
    return n


class RegisterWriter:
    """Statements written by hand into a store, all citing one document of ``text``, saved at once."""

    def __init__(self, store: Store, key: str, text: str, summary: str = "") -> None:
        self.store = store
        self.doc = f"doc-{key}"
        self.summary = summary
        self.facts: list[Statement] = []
        store.put_source(Source(id=f"src-{key}", uri=f"test://{key}", content_hash=key, size=1, format="text"))
        store.put_document(Document(id=self.doc, source_id=f"src-{key}", seq=0, text=text, title="Register"))

    def fact(self, entity: str, schema: str, prop: str, value: str) -> None:
        self.facts.append(
            Statement(
                entity_id=entity,
                schema=schema,
                prop=prop,
                value=value,
                document_id=self.doc,
                span_start=0,
                span_end=12,
                extractor="test.hubs",
                confidence=0.9,
            )
        )

    def node(self, entity: str, schema: str, name: str) -> str:
        self.fact(entity, schema, "name", name)
        return entity

    def tie(self, rel: str, schema: str, **ends: str) -> None:
        for prop, value in ends.items():
            self.fact(rel, schema, prop, value)
        if self.summary:
            self.fact(rel, schema, "summary", self.summary)

    def save(self) -> None:
        self.store.add_statements(self.facts)
