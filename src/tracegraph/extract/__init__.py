"""Extraction: entities, identifiers, relations and events from stories, with evidence.

Pipeline per :class:`~tracegraph.store.Document`: one spaCy parse (``ner.spacy.v1``,
swappable by name), our own layers (typing into FtM schemata, gazetteer from the
store and ``data/actors.yaml``, splitting coordinated names, fixing mislabels),
identifiers by pattern, light in-story coreference, then relation and event
patterns (``rel.patterns.v1``). :func:`build` runs every registered extractor
incrementally over the store.

Entity-id scheme (the contract with resolution, graph and export)
-----------------------------------------------------------------
* Actors and things named in text::

      make_id("ent", family, name_key(name))

  ``family`` groups schemata that may name the same actor, so a mention typed
  Company in one story and Organization in another gets the same id:

  ==========  =====================================================
  family      schemata
  ==========  =====================================================
  ``org``     Company, Organization, PublicBody, LegalEntity
  ``person``  Person
  ``address`` Address
  ``gov``     a country acting as a government ("China added ...");
              schema PublicBody, key = ISO country code ("cn")
  ``substance`` Substance (key = CAS number when known, else name)
  ==========  =====================================================

  ``name_key`` (:func:`tracegraph.extract.keys.name_key`): NFKC, casefold,
  ASCII-fold, punctuation to spaces, leading "the" dropped, whitespace
  collapsed. Legal forms are *kept* (resolution merges "X Co. Ltd." and "X").
  A surname or "the company" resolved by coreference takes its antecedent's id.
* Relations (FtM edge schemata: Ownership, Directorship, Employment, Membership,
  Representation, UnknownLink, Sanction, Succession)::

      make_id("rel", schema, source_entity_id, target_entity_id)

  one relation entity per typed edge; each story that supports it adds its own
  ``summary`` (evidence sentence) and ``proof`` (document id) statements.
  Sanction uses (``"Sanction"``, entity_id, authority_id or ""); its ``entity``
  holds the sanctioned entity's id, ``authority`` the authority's *name* (an FtM
  string property) and ``authorityId`` the authority's entity id (use that one
  for graph edges).
* Events (our ``Action`` type, ``vocab/schema/Action.yaml``)::

      make_id("act", kind, actor_id, *sorted(target/object ids), date or "")

* Identifiers (phone E.164, email, website URL, domain) are properties on the
  entity they belong to, each statement carrying its own span; ``website`` is the
  URL as written (``http://`` added to a bare domain), ``domain`` the registrable
  domain (compare this one to find sites shared by companies); an ``alias`` or a
  ``previousName`` found in text is a property too. Money, rates and dates only
  appear as properties of Actions.

Every statement carries ``document_id``, ``span_start``/``span_end`` (into
``Document.text``; for relation props the span of the evidence sentence),
``extractor`` and ``extractor_version``. Relation and event entities carry
``summary`` (sentence), ``proof`` (document id), ``sourceUrl`` when known,
``date``/``startDate`` when found, and the extras ``confidence``,
``attribution`` ("the House report") and ``hedge`` ("alleged", "denied").

Versions: when an extractor's version changes, :func:`build` re-runs it over
each document and first *retires* that document's statements by that extractor
(deletes the derived rows inside the same transaction; the document and all
record-derived statements stay), so an older version never double-counts.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build", "entity_id", "name_key"]


def __getattr__(name: str) -> Any:  # lazy: importing tracegraph.extract must not load spaCy
    if name == "build":
        from tracegraph.extract.runner import build

        return build
    if name in ("entity_id", "name_key"):
        from tracegraph.extract import keys

        return getattr(keys, name)
    raise AttributeError(name)
