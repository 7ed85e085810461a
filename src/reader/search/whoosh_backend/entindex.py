"""The entities index: each article's named entities, kept apart from its text.

The entity phase finds entities long after an article's text was indexed.
Re-adding the whole article to give it entity fields re-analysed its title
and body (about 7 ms of CPU per article); here an article's entities are a
small document of their own, in a second whoosh index in the ``entities``
folder inside the main index's folder, holding the article's id, the content
hash of the version they were found in, the name fields the query language
searches (person, org, place, entity), the exact ``entity_key`` values of
entity filters, the entity part of the facets and the entity state.

The article's quotations are there too, found in the same phase: the
speakers' names and entity keys (``speaker``, searched by ``said:``, folded
like the other names), the quoted words (``quote_G`` for the article's
language group G, stemmed like the body; searched by ``quote:``), each name
and each quotation a passage apart so that a phrase never runs from one into
the next (see fastformat), and the speakers' names as "speaker" facet and
filter values.

An article has an entity document when its state is "done" or it comes with
entities or quotations (tests index "pending" documents that have some); a
pending article without them has none, so a changed article loses its old ones.

``EntityView`` ties the two indexes together for one pair of searchers: an
entity document counts only while the main index holds the same id with the
same content hash, so entities of an older version of an article never
match, and ``stored()`` reports such an article as still pending.
"""

from __future__ import annotations

import json

import numpy as np
from whoosh import columns, fields
from whoosh import query as wq
from whoosh.analysis import RegexTokenizer

from ..model import ENTITY_LABELS, SPEAKER_FACET, IndexDoc
from .analysis import LANGS, analyzer_for, folding_analyzer, lang_group
from .fastformat import text_field

#: The entities index's folder, inside the main index's folder.
ENTITY_DIR = "entities"
#: Bump when the entities index's schema changes: only that index is rebuilt
#: (sync's refill writes the store's entities back; the text stays indexed).
#: 10: quotations (speaker, quote_G), the speaker facet. Before, the entities
#: index had the main index's version (9).
ENTITY_SCHEMA_VERSION = 10
#: Query-language label -> index field (entity fields).
ENTITY_FIELDS = {"PER": "person", "ORG": "org", "LOC": "place"}
#: Exact "LABEL\tName" values used by entity filters (and "speaker\tName" by speaker ones).
ENTITY_KEY_FIELD = "entity_key"
#: The speakers' names and entity keys (``said:``).
SPEAKER_FIELD = "speaker"
#: Query-language fields answered by the entities index.
ENTITY_QUERY_FIELDS = (*ENTITY_FIELDS.values(), "entity", "said", "quote")
#: Resolved entity clauses remembered per view (a search builds each once per language).
MAX_CACHED_LEAVES = 256


def quote_field(group: str) -> str:
    """The field of the quoted words of a language group's articles."""
    return f"quote_{group}"


def _line_analyzer():
    """One token per line, kept verbatim (exact-match filter values)."""
    return RegexTokenizer(r"[^\n]+")


def entity_schema() -> fields.Schema:
    names = folding_analyzer()
    spec: dict[str, fields.FieldType] = {
        "id": fields.ID(stored=True, unique=True),
        "entity": fields.TEXT(analyzer=names, phrase=True),
        ENTITY_KEY_FIELD: fields.TEXT(analyzer=_line_analyzer(), phrase=False),
        "facets": fields.COLUMN(columns.VarBytesColumn()),
        "meta": fields.COLUMN(columns.VarBytesColumn()),
    }
    for field_name in ENTITY_FIELDS.values():
        spec[field_name] = fields.TEXT(analyzer=names, phrase=True)
    spec[SPEAKER_FIELD] = text_field(names)  # one name a passage: no phrase across two
    for group in LANGS:
        spec[quote_field(group)] = text_field(analyzer_for(group))
    return fields.Schema(**spec)


def _names_text(names: list[str]) -> str:
    # Positions run on from one name to the next, so a phrase could span two
    # names; acceptable for short name lists.
    return "\n".join(names)


def _speakers(doc: IndexDoc) -> list[str]:
    """The article's speakers' names, each once, in order of first quotation."""
    return list(dict.fromkeys(q.speaker for q in doc.quotes if q.speaker and q.speaker.strip()))


def entity_facet_blob(doc: IndexDoc) -> bytes:
    values: dict[str, list[str]] = {
        label: list(doc.entities.get(label, [])) for label in ENTITY_LABELS
    }
    speakers = _speakers(doc)
    if speakers:
        values[SPEAKER_FACET] = speakers
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def meta_blob(*parts: str) -> bytes:
    """Tab-separated id, content hash (and, in the entities index, the entity state)."""
    return "\t".join(parts).encode("utf-8")


def entity_fields(doc: IndexDoc) -> dict[str, object]:
    """The keyword arguments for ``writer.update_document`` of an entity document."""
    all_names: list[str] = []
    keys: list[str] = []
    values: dict[str, object] = {}
    for label, names in doc.entities.items():  # MISC and other labels: entity: and filters
        names = [n for n in names if n and n.strip()]
        if label in ENTITY_FIELDS:
            values[ENTITY_FIELDS[label]] = _names_text(names)
        all_names.extend(names)
        keys.extend(f"{label}\t{n}" for n in names if "\n" not in n)
    speakers = _speakers(doc)
    keys.extend(f"{SPEAKER_FACET}\t{name}" for name in speakers if "\n" not in name)
    spoken = [*speakers, *dict.fromkeys(q.speaker_key for q in doc.quotes if q.speaker_key)]
    values.update(
        {
            "id": doc.id,
            "entity": _names_text(all_names),
            ENTITY_KEY_FIELD: "\n".join(keys),
            SPEAKER_FIELD: spoken or None,
            quote_field(lang_group(doc.lang)): [q.text for q in doc.quotes] or None,
            "facets": entity_facet_blob(doc),
            "meta": meta_blob(doc.id, doc.content_hash, doc.entity_state),
        }
    )
    return {key: value for key, value in values.items() if value not in ("", None)}


def read_meta(reader) -> list[tuple[int, list[str]]]:
    """(docnum, [id, content hash, ...]) of every live document with a readable meta column."""
    if not reader.has_column("meta"):
        return []
    found = []
    for segment_reader, offset in _leaves(reader):
        column = segment_reader.column_reader("meta")
        for docnum in segment_reader.all_doc_ids():
            parts = column[docnum].decode("utf-8").split("\t")
            if len(parts) >= 2:
                found.append((docnum + offset, parts))
    return found


def _leaves(reader) -> list:
    return [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()


class EntityView:
    """The entities index as seen from one main-index searcher generation."""

    def __init__(self, main_searcher, entity_searcher) -> None:
        self.main_searcher = main_searcher
        self.searcher = entity_searcher
        main_reader, entity_reader = main_searcher.reader(), entity_searcher.reader()
        self.to_entity = np.full(main_reader.doc_count_all(), -1, dtype=np.int64)
        self.to_main = np.full(entity_reader.doc_count_all(), -1, dtype=np.int64)
        self.done = np.zeros(main_reader.doc_count_all(), dtype=bool)
        # Not kept: at 100,000 articles the ids and hashes were 22 MB per view, for
        # ``stored`` alone, which only the text phase's final check calls.
        where = {parts[0]: (docnum, parts[1]) for docnum, parts in read_meta(main_reader)}
        for entity_docnum, (doc_id, content_hash, *state) in read_meta(entity_reader):
            docnum, current_hash = where.get(doc_id, (-1, None))
            if docnum >= 0 and current_hash == content_hash:
                self.to_entity[docnum] = entity_docnum
                self.to_main[entity_docnum] = docnum
                self.done[docnum] = state == ["done"]
        self._facets = (
            entity_reader.column_reader("facets") if entity_reader.has_column("facets") else None
        )
        self._cache: dict[wq.Query, object] = {}

    def stored(self) -> dict[str, tuple[str, str]]:
        """id -> (content_hash, "done" or "pending") of every main-index document."""
        return {
            parts[0]: (parts[1], "done" if self.done[docnum] else "pending")
            for docnum, parts in read_meta(self.main_searcher.reader())
        }

    def facet_blob(self, main_docnum: int) -> bytes | None:
        entity_docnum = int(self.to_entity[main_docnum])
        if entity_docnum < 0 or self._facets is None:
            return None
        return self._facets[entity_docnum]

    def docnums(self, q: wq.Query) -> np.ndarray:
        """Sorted main-index docnums of the articles whose entity documents match ``q``."""
        found = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
        mapped = self.to_main[found] if found.size else found
        return np.unique(mapped[mapped >= 0])

    def leaf(self, q: wq.Query):
        """A main-index query leaf for the entity query ``q`` (resolved once per view)."""
        from .docsets import DocnumSet

        found = self._cache.get(q)
        if found is None:
            if len(self._cache) >= MAX_CACHED_LEAVES:
                self._cache.clear()
            found = self._cache[q] = DocnumSet(self.docnums(q), key=q)
        return found
