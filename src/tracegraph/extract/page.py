"""What a story's page already said: the people named in full in the stories before it.

The analysis reads one story at a time, so a surname ("Liang", "Cronin") whose full name is only
in an earlier story of the same page stayed a person of its own, or was typed as an organisation.
:func:`page_people` gives the full names (with their entity ids) the earlier stories of the page
wrote; coreference then gives a surname with no full name in its own story to the one page person
who has it. Only earlier stories count, so a story's result does not depend on the order of a build.
"""

from __future__ import annotations

from tracegraph.store import Store
from tracegraph.store.model import Document

NER_STEP = "ner.spacy.v1"
MAX_PAGE_PEOPLE = 200  # a page listing more names than this is a list, not stories about people


def page_people(store: Store, doc: Document) -> list[tuple[str, str]]:
    """(full name, entity id) of every person the earlier stories of ``doc``'s page named in full."""
    earlier = [d for d in store.documents(source_id=doc.source_id) if d.seq < doc.seq and d.id != doc.id]
    out: dict[str, tuple[str, str]] = {}
    for other in earlier:
        for st in store.statements(document_id=other.id, prop="name"):
            if st.schema == "Person" and st.extractor == NER_STEP and len(st.value.split()) > 1:
                out.setdefault(st.entity_id, (st.value, st.entity_id))
        if len(out) > MAX_PAGE_PEOPLE:
            return []
    return sorted(out.values())
