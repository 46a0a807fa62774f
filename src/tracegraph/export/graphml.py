"""GraphML for Gephi, yEd, Cytoscape or networkx: nodes and evidence-backed edges."""

from __future__ import annotations

import re
from typing import IO

from lxml import etree

from tracegraph.graph import Graph

#: characters XML 1.0 cannot hold (control characters from scraped pages)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = ("label", "schema", "names", "country")
EDGE_KEYS = ("label", "schema", "relation", "date", "sentence", "document", "source_url", "record")


def _key(parent: etree._Element, name: str, domain: str) -> None:
    etree.SubElement(
        parent, "key", id=f"{domain[0]}_{name}", attrib={"for": domain, "attr.name": name, "attr.type": "string"}
    )


def _data(parent: etree._Element, key: str, value: str | None) -> None:
    if value:
        etree.SubElement(parent, "data", key=key).text = _XML_BAD.sub(" ", value)


def write_graphml(graph: Graph, out: IO[bytes]) -> int:
    """Write the graph; returns the number of edges written."""
    root = etree.Element("graphml", nsmap={None: NS})
    for name in NODE_KEYS:
        _key(root, name, "node")
    for name in EDGE_KEYS:
        _key(root, name, "edge")
    body = etree.SubElement(root, "graph", id="tracegraph", edgedefault="directed")
    for entity_id in sorted(graph.index):
        entity = graph.entities.get(entity_id)
        node = etree.SubElement(body, "node", id=entity_id)
        if entity is None:
            continue
        _data(node, "n_label", entity.caption)
        _data(node, "n_schema", entity.schema)
        _data(node, "n_names", "; ".join(entity.ranked_names() + sorted(set(entity.get("alias")))))
        _data(node, "n_country", "; ".join(sorted(entity.get("country"))))
    for edge in sorted(graph.edges, key=lambda e: e.sort_key):
        element = etree.SubElement(body, "edge", id=edge.id, source=edge.source, target=edge.target)
        first = edge.sorted_evidence()[0]
        _data(element, "e_label", edge.label)
        _data(element, "e_schema", edge.schema)
        _data(element, "e_relation", edge.relation_id)
        _data(element, "e_date", edge.date)
        _data(element, "e_sentence", first.sentence)
        _data(element, "e_document", first.document_id)
        _data(element, "e_source_url", first.url)
        _data(element, "e_record", first.record_id)
    out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return len(graph.edges)
