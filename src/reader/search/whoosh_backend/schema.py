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

from ..dates import date_period, date_sort_key
from ..model import IndexDoc
from .analysis import LANGS, analyzer_for, folding_analyzer, lang_group
from .entindex import meta_blob
from .fastformat import text_field

#: Bump when the schema or the analysis changes: an older index is rebuilt.
#: 6: entities moved to their own index (entindex.py). 8: Snowball's C stemmer
#: (analysis.snowball_stemmer), whose stems of a few words differ from whoosh's.
#: 9: titles store plain frequencies (BM25F weighs them at query time, see bm25f),
#: ligatures fold, numbers are one canonical term (tokens.py), "xx" is analysed
#: like the other groups, the vocabulary keeps accented spellings.
SCHEMA_VERSION = 9


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
        "facets": fields.COLUMN(columns.VarBytesColumn()),
        "meta": fields.COLUMN(columns.VarBytesColumn()),
    }
    for group in LANGS:
        analyzer = analyzer_for(group)
        spec[f"title_{group}"] = text_field(analyzer)
        spec[f"body_{group}"] = text_field(analyzer)
    return fields.Schema(**spec)


def facet_blob(doc: IndexDoc) -> bytes:
    """Compact per-document facet values (the entity ones are in the entities index)."""
    payload = {"lang": doc.lang or "", "source": doc.source or ""}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def doc_fields(doc: IndexDoc) -> dict[str, object]:
    """The keyword arguments for ``writer.update_document``."""
    group = lang_group(doc.lang)
    values: dict[str, object] = {}
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
            "facets": facet_blob(doc),
            "meta": meta_blob(doc.id, doc.content_hash),
            f"title_{group}": doc.title,
            f"body_{group}": doc.body,
        }
    )
    return {key: value for key, value in values.items() if value not in ("", None)}
