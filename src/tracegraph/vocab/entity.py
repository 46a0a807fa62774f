"""The one entity class: FtM's ``StatementEntity``, assembled from our statements.

Everything that holds an entity (the store, the graph projection, list
importers, screening, flags) holds an :class:`Entity`. On top of FtM's class it
keeps what callers of the first release read:

- ``schema`` is a :class:`SchemaName`: the schema's name as a ``str`` (so
  ``entity.schema == "Person"`` and JSON output work) that also answers as the
  FtM schema (``entity.schema.is_a("LegalEntity")``, ``.edge``, ``.properties``);
- values keep the order they were first stated in, without repeats
  (``get``, ``properties``), and ``statements`` is that list of statements;
- ``caption`` and ``ranked_names`` follow :mod:`tracegraph.vocab.caption` (the graph marks
  the relations it draws as edges with :meth:`Entity.as_relation`, so a relation's caption
  says what it is wherever the entity is shown: ``show``, search, exports);
- a property the schema lacks is kept, not refused (a store may hold one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from followthemoney.dataset import Dataset
from followthemoney.statement import StatementEntity
from followthemoney.statement.util import BASE_ID
from followthemoney.value import string_list

from tracegraph.vocab import common_schema, model
from tracegraph.vocab.caption import pick_caption, rank_names, relation_caption
from tracegraph.vocab.statement import Statement, clean_value

if TYPE_CHECKING:
    from followthemoney.property import Property
    from followthemoney.schema import Schema
    from followthemoney.value import Values


class SchemaName(str):
    """A schema's name that also answers as the FtM :class:`Schema` it names."""

    schema: Schema

    def __getattr__(self, attr: str) -> Any:
        if attr == "schema" or attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.schema, attr)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (SchemaName.of, (str(self),))

    def __copy__(self) -> SchemaName:
        return self

    def __deepcopy__(self, memo: Any) -> SchemaName:
        return self

    @staticmethod
    @cache
    def of(name: str) -> SchemaName:
        found = model().get(str(name))
        if found is None:
            found = model()["Thing"]
        named = SchemaName(found.name)
        named.schema = found
        return named


@cache
def dataset(name: str) -> Dataset:
    """The FtM dataset object for a dataset name (one per name)."""
    return Dataset.make({"name": name, "title": name})


class StatementSet(dict[Statement, None]):
    """A property's statements in the order they came, without repeats (FtM keeps a ``set``)."""

    def add(self, stmt: Statement) -> None:
        self[stmt] = None


class Entity(StatementEntity):
    """An entity assembled from its statements (see the module docstring)."""

    __slots__ = ("_all", "_id", "_named", "_prepare", "_props", "_relation")

    def __init__(
        self,
        id: str,
        schema: str = "Thing",
        dataset_name: str = "default",
        prepare: Callable[[str], str | None] | None = None,
    ) -> None:
        """An empty entity; ``prepare`` tidies each value given to :meth:`add` before its type cleans it."""
        self._all: list[Statement] = []
        self._props: dict[str, list[str]] | None = None
        self._prepare = prepare
        self._relation: tuple[str, tuple[str, ...]] | None = None
        super().__init__(dataset(dataset_name), {"id": id, "schema": SchemaName.of(schema).schema})

    # -- the id is always given; the schema is a name that is also the schema ----
    @property  # type: ignore[override]
    def id(self) -> str:
        return self._id

    @id.setter
    def id(self, value: str) -> None:
        self._id = value

    @property  # type: ignore[override]
    def schema(self) -> SchemaName:
        return self._named

    @schema.setter
    def schema(self, value: Schema | str) -> None:
        self._named = SchemaName.of(value if isinstance(value, str) else value.name)

    # -- assembling ------------------------------------------------------------
    @classmethod
    def assemble(cls, entity_id: str, statements: Iterable[Statement], schema: str | None = None) -> Entity:
        """Fold statements into one entity of ``schema`` (by default the most specific of theirs)."""
        items = list(statements)
        entity = cls(entity_id, schema or common_schema(s.schema for s in items))
        for stmt in items:
            entity.add_statement(stmt)
        return entity

    def add_statement(self, stmt: Statement) -> None:  # type: ignore[override]
        """Keep the statement; the schema stays what :meth:`assemble` decided."""
        prop = stmt.prop
        if prop == BASE_ID:
            self._all.append(stmt)
            return
        found: StatementSet | None = self._statements.get(prop)  # type: ignore[assignment]
        if found is None:
            found = self._statements[prop] = StatementSet()  # type: ignore[assignment]
        elif stmt in found:
            return  # the same statement again (same id)
        found[stmt] = None
        self._all.append(stmt)
        self._props = None
        self._caption = None

    def unsafe_add(  # type: ignore[override]
        self,
        prop: Property | str,
        value: str | None,
        cleaned: bool = False,
        fuzzy: bool = False,
        format: str | None = None,
        quiet: bool = False,
        schema: str | None = None,
        dataset: str | None = None,
        seen: str | None = None,
        lang: str | None = None,
        original_value: str | None = None,
        origin: str | None = None,
        external: bool = False,
    ) -> str | None:
        """FtM's ``add`` ends here: the value, cleaned by its type, becomes one of our statements."""
        name = prop if isinstance(prop, str) else prop.name
        if value is not None and self._prepare is not None:
            value = self._prepare(value)
        if value is None:
            return None
        clean = value if cleaned else clean_value(self.schema, name, value)
        if not clean:
            return None
        self.add_statement(
            Statement(
                entity_id=self.id,
                schema=schema or self.schema,
                prop=name,
                value=clean,
                dataset=dataset or self.dataset.name,
                lang=lang,
                original_value=original_value or value,
                first_seen=seen,
                origin=origin,
                external=external,
            )
        )
        return clean

    def add(self, prop: Any, values: Values, cleaned: bool = False, quiet: bool = True, **kwargs: Any) -> None:  # type: ignore[override]
        """Add values of ``prop``, each cleaned by its type; a property the schema lacks is kept as text."""
        name = prop if isinstance(prop, str) else prop.name
        if self.schema.schema.get(name) is not None:
            super().add(name, values, cleaned=cleaned, quiet=quiet, **kwargs)
            return
        for value in string_list(values, sanitize=not cleaned):
            self.unsafe_add(name, value, cleaned=cleaned)

    # -- reading ---------------------------------------------------------------
    @property
    def statements(self) -> list[Statement]:  # type: ignore[override]
        """Every statement, in the order they were added."""
        return self._all

    @property
    def properties(self) -> dict[str, list[str]]:
        """Values per property, first stated first, without repeats."""
        if self._props is None:
            self._props = {
                prop: list(dict.fromkeys(s.value for s in stmts)) for prop, stmts in self._statements.items()
            }
        return self._props

    def get(self, prop: Any, quiet: bool = True) -> list[str]:  # type: ignore[override]
        """Values of ``prop`` (a name or an FtM property), first stated first; ``[]`` for one it lacks."""
        name = prop if isinstance(prop, str) else prop.name
        return list(self.properties.get(name, ()))

    def get_statements(self, prop: Any, quiet: bool = True) -> list[Statement]:  # type: ignore[override]
        """The statements of ``prop`` (also one the schema lacks), in the order they came."""
        return list(self._statements.get(prop if isinstance(prop, str) else prop.name, ()))  # type: ignore[arg-type]

    def first(self, prop: Any, quiet: bool = True) -> str | None:
        """The first value stated for ``prop``, or ``None``."""
        values = self.properties.get(prop if isinstance(prop, str) else prop.name)
        return values[0] if values else None

    def values(self, *props: str) -> list[str]:
        """The values of several properties, in the order the properties are named."""
        return [v for p in props for v in self.properties.get(p, ())]

    def itervalues(self) -> Iterator[tuple[Property, str]]:  # type: ignore[override]
        for name, values in self.properties.items():
            prop = self.schema.schema.get(name)
            if prop is not None:
                for value in values:
                    yield prop, value

    @property
    def datasets(self) -> list[str]:  # type: ignore[override]
        """The datasets its statements come from, first stated first (FtM gives a set)."""
        return list(dict.fromkeys(s.dataset for s in self._all))

    @property
    def member_ids(self) -> list[str]:
        """The ids of the merged entities whose statements make this one."""
        return list(dict.fromkeys(s.entity_id for s in self._all))

    def name_counts(self) -> Counter[str]:
        """How many statements attest each name (first stated first)."""
        return Counter(s.value for s in self._statements.get("name", ()))

    def ranked_names(self) -> list[str]:
        """Names, the best caption first (:func:`tracegraph.vocab.caption.rank_names`)."""
        counts = self.name_counts()
        return rank_names(counts, counts)

    def as_relation(self, label: str, by: Iterable[str] = ()) -> None:
        """Mark this entity as a relation drawn as edges labelled ``label`` (``by``: who acted, by name)."""
        self._relation = (label, tuple(by))
        self._caption = None

    @property
    def caption(self) -> str:
        """The one caption rule (:mod:`tracegraph.vocab.caption`)."""
        if self._caption is None:
            counts = self.name_counts()
            if counts:
                self._caption = rank_names(counts, counts)[0]
            elif self._relation is not None:
                self._caption = relation_caption(self._relation[0], self.schema, self._relation[1])
            else:
                self._caption = pick_caption(self.id, self.properties, self.schema.caption)
        return self._caption

    def filtered(self, keep: Callable[[Statement], bool]) -> Entity:
        """A copy made of the statements ``keep`` accepts (same id and schema)."""
        return type(self).assemble(self.id, [s for s in self._all if keep(s)], self.schema)

    def to_dict(self) -> dict[str, Any]:
        """Id, schema name and properties (the first release's shape)."""
        return {"id": self.id, "schema": str(self.schema), "properties": self.properties}

    def clone(self) -> Entity:
        return type(self).assemble(self.id, self._all, self.schema)

    @classmethod
    def from_statements(cls, dataset: Dataset, statements: Iterable[Any]) -> Entity:  # type: ignore[override]
        items = list(statements)
        canonical = next((s.canonical_id for s in items if s.canonical_id), None) or items[0].entity_id
        return cls.assemble(canonical, items)

    def __repr__(self) -> str:
        return f"<Entity({self.id!r}, {str(self.schema)!r})>"
