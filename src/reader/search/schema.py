"""The whoosh schema and the mapping from IndexDoc to index fields.

Per language group G in (en, fr, xx): ``title_G`` and ``body_G`` are stemmed
with positions (phrases). A document fills only its own group's fields, so a
query is built once per group with that group's analyzer. The unstemmed
words that prefix, fuzzy and did-you-mean need are kept beside the index
(see vocab.py), not indexed a second time.
"""

from __future__ import annotations

import json

from whoosh import columns, fields
from whoosh.analysis import RegexTokenizer

from .analysis import LANGS, analyzer_for, folding_analyzer, lang_group
from .dates import date_period, date_sort_key
from .model import ENTITY_LABELS, IndexDoc

#: Bump when the schema or the analysis changes: an older index is rebuilt.
SCHEMA_VERSION = 5

#: Query-language field name -> index field (entity fields).
ENTITY_FIELDS = {"PER": "person", "ORG": "org", "LOC": "place"}
#: Exact "LABEL\tName" values used by entity filters.
ENTITY_KEY_FIELD = "entity_key"


def _line_analyzer():
    """One token per line, kept verbatim (exact-match filter values)."""
    return RegexTokenizer(r"[^\n]+")


def build_schema() -> fields.Schema:
    names = folding_analyzer()
    spec: dict[str, fields.FieldType] = {
        "id": fields.ID(stored=True, unique=True),
        "path": fields.STORED(),
        "title": fields.STORED(),
        "body": fields.STORED(),
        "date": fields.STORED(),
        "date_sort": fields.NUMERIC(numtype=int, bits=32, sortable=True, signed=False),
        # shift_step=0: whoosh-reloaded 2.7.5's trie terms make wide ranges such as
        # [20240000 TO 99999999] match everything; a few thousand plain terms are fine.
        "date_lo": fields.NUMERIC(numtype=int, bits=32, signed=False, shift_step=0),
        "date_hi": fields.NUMERIC(numtype=int, bits=32, signed=False, shift_step=0),
        "lang": fields.ID(stored=True),
        "source": fields.ID(stored=True),
        "agency": fields.STORED(),
        "author": fields.STORED(),
        "source_text": fields.TEXT(analyzer=names, phrase=True),
        "agency_text": fields.TEXT(analyzer=names, phrase=True),
        "author_text": fields.TEXT(analyzer=names, phrase=True),
        "entity": fields.TEXT(analyzer=names, phrase=True),
        ENTITY_KEY_FIELD: fields.TEXT(analyzer=_line_analyzer(), phrase=False),
        "facets": fields.COLUMN(columns.VarBytesColumn()),
        "meta": fields.COLUMN(columns.VarBytesColumn()),
        "content_hash": fields.STORED(),
        "entity_state": fields.STORED(),
    }
    for field_name in ENTITY_FIELDS.values():
        spec[field_name] = fields.TEXT(analyzer=names, phrase=True)
    for group in LANGS:
        analyzer = analyzer_for(group)
        spec[f"title_{group}"] = fields.TEXT(analyzer=analyzer, phrase=True, field_boost=2.0)
        spec[f"body_{group}"] = fields.TEXT(analyzer=analyzer, phrase=True)
    return fields.Schema(**spec)


def facet_blob(doc: IndexDoc) -> bytes:
    """Compact per-document facet values, read from a column when counting facets."""
    ents = {label: list(doc.entities.get(label, [])) for label in ENTITY_LABELS}
    payload = {**ents, "lang": doc.lang or "", "source": doc.source or ""}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def meta_blob(doc: IndexDoc) -> bytes:
    """id, content hash and entity state, read by ``stored()`` without loading bodies."""
    return "\t".join((doc.id, doc.content_hash, doc.entity_state)).encode("utf-8")


def _names_text(names: list[str]) -> str:
    # Positions run on from one name to the next, so a phrase could span two
    # names; acceptable for short name lists.
    return "\n".join(names)


def doc_fields(doc: IndexDoc) -> dict[str, object]:
    """The keyword arguments for ``writer.update_document``."""
    group = lang_group(doc.lang)
    all_names: list[str] = []
    keys: list[str] = []
    values: dict[str, object] = {}
    for label, names in doc.entities.items():  # MISC and other labels: entity: and filters
        names = [n for n in names if n and n.strip()]
        if label in ENTITY_FIELDS:
            values[ENTITY_FIELDS[label]] = _names_text(names)
        all_names.extend(names)
        keys.extend(f"{label}\t{n}" for n in names if "\n" not in n)
    period = date_period(doc.date)
    if period is not None:
        values["date_lo"], values["date_hi"] = period
    values.update(
        {
            "id": doc.id,
            "path": doc.path,
            "title": doc.title,
            "body": doc.body,
            "date": doc.date,
            "date_sort": date_sort_key(doc.date),
            "lang": (doc.lang or "").lower(),
            "source": doc.source or "",
            "agency": doc.agency,
            "author": doc.author,
            "source_text": doc.source or "",
            "agency_text": doc.agency or "",
            "author_text": doc.author or "",
            "entity": _names_text(all_names),
            ENTITY_KEY_FIELD: "\n".join(keys),
            "facets": facet_blob(doc),
            "meta": meta_blob(doc),
            "content_hash": doc.content_hash,
            "entity_state": doc.entity_state,
            f"title_{group}": doc.title,
            f"body_{group}": doc.body,
        }
    )
    return {key: value for key, value in values.items() if value not in ("", None)}
