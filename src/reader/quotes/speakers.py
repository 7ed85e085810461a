"""Resolving a speaker's mention to the fullest name the article gives.

- an entity: the longest name of its entity key (``Zuckerberg`` -> ``Mark
  Zuckerberg``, ``Mr Howard`` -> ``Michael Howard``);
- an untagged name: the one person whose name ends or starts with it;
- a role (``le responsable``, ``the home secretary``, ``le procureur``): the
  person the article gave that role to (``le procureur de Perpignan,
  Jean-Jacques Fagni``), else, with a definite article, the person in focus;
- a pronoun (``il``, ``she``, ``-t-elle``): the person in focus;
- a body (``la société``, ``the company``): the last organisation named;
- anything else (``le communiqué``, ``a Labour spokesman``): as written.

The person *in focus* at a point is read backwards sentence by sentence:
in the first sentence that refers to anyone, the last person quoted or
reported speaking, else the first person named (the subject, most often).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reader.corpus.models import Entity
from reader.quotes import lexicon
from reader.quotes.cues import CueReader, Mention
from reader.quotes.passage import FILLER, Passage

#: Sentences and paragraphs looked back through to find the person in focus.
FOCUS_SENTENCES = 8
FOCUS_PARAGRAPHS = 2
_POSSESSIVE_OR_INDEFINITE = frozenset(
    [
        "un",
        "une",
        "a",
        "an",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "his",
        "her",
        "its",
        "their",
        "des",
    ]
)
_VERB_ENDINGS = ("é", "ée", "és", "er", "ir", "ed", "ing")
_PLURAL_PRONOUNS = frozenset(["ils", "elles", "eux", "they", "them"])
_HONORIFIC_WORDS = frozenset(
    [
        "m.",
        "m",
        "mr",
        "mrs",
        "ms",
        "mme",
        "mlle",
        "dr",
        "me",
        "sir",
        "dame",
        "president",
        "président",
    ]
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks: a name as the article gives it, and its entity key when it is an entity."""

    name: str
    key: str | None = None


@dataclass(frozen=True, slots=True)
class _Ref:
    at: int
    speaker: Speaker
    spoke: bool


def _name_score(surface: str) -> tuple[bool, int, int]:
    words = surface.split()
    return (words[0].lower().rstrip(".") not in _HONORIFIC_WORDS, len(words), len(surface))


class SpeakerResolver:
    """Turns mentions into speakers, keeping track of who the text is about."""

    def __init__(self, passage: Passage, cues: CueReader, entities: list[Entity]) -> None:
        self.passage = passage
        self.cues = cues
        self.writer_entities = cues.entities
        self.fullest: dict[str, str] = {}
        for entity in entities:
            best = self.fullest.get(entity.key)
            if best is None or _name_score(entity.text) > _name_score(best):
                self.fullest[entity.key] = entity.text
        self.person_names = {
            e.key: tuple(w.lower() for w in self.fullest[e.key].split())
            for e in entities
            if e.label == "PER"
        }
        self.roles = self._role_map()
        self._refs: dict[int, list[_Ref]] = {}

    # public ------------------------------------------------------------------
    def resolve(self, mention: Mention | None, at: int) -> Speaker | None:
        if mention is None:
            return None
        if mention.entity is not None:
            return self.entity_speaker(mention.entity)
        if mention.kind == "pronoun":
            word = mention.text.lower()
            return None if word in _PLURAL_PRONOUNS else self.in_focus(at)
        if mention.kind == "name":
            return self._name(mention.text)
        return self._nominal(mention, at)

    def entity_speaker(self, entity: Entity) -> Speaker:
        return Speaker(self.fullest.get(entity.key, entity.text), entity.key)

    def note(self, at: int, speaker: Speaker) -> None:
        """Record that ``speaker`` speaks at ``at`` (a quotation's cue)."""
        refs = self._sentence_refs(self.passage.sentence_index(at))
        refs.append(_Ref(at, speaker, True))
        refs.sort(key=lambda ref: ref.at)

    def in_focus(self, at: int) -> Speaker | None:
        passage = self.passage
        sentence = passage.sentence_index(at)
        paragraph = passage.paragraph_index(at)
        for index in range(sentence, max(-1, sentence - FOCUS_SENTENCES), -1):
            start, _ = passage.sentence_bounds(index)
            if passage.paragraph_index(start) < paragraph - FOCUS_PARAGRAPHS:
                break
            refs = self._sentence_refs(index)
            if index == sentence:  # only who spoke earlier in it, or its subject
                refs = [r for r in refs if r.at < at and (r.spoke or r.at - start <= 3)]
            if refs:
                spoke = [r for r in refs if r.spoke]
                if spoke:
                    return spoke[-1].speaker
                subjects = [r for r in refs if not self._object_like(r.at)]
                return (subjects or refs)[0].speaker
        return None

    def _object_like(self, at: int) -> bool:
        """A name right after a preposition or a verb form (``with Frost``, ``quitté Matignon``)."""
        start, _ = self.passage.sentence_of(at)
        before = self.passage.tokens(max(start, at - 30), at)
        if not before:
            return False
        word = before[-1].lower
        return word in lexicon.PREPOSITIONS or (
            before[-1].text.islower() and word.endswith(_VERB_ENDINGS)
        )

    # mentions ----------------------------------------------------------------
    def _name(self, text: str) -> Speaker:
        words = tuple(
            w.lower() for w in text.replace(".", " ").split() if w.lower() not in _HONORIFIC_WORDS
        )
        if words:
            n = len(words)
            for matches in (
                {
                    k
                    for k, name in self.person_names.items()
                    if len(name) >= n and name[-n:] == words
                },
                {
                    k
                    for k, name in self.person_names.items()
                    if len(name) >= n and name[:n] == words
                },
            ):
                if len(matches) == 1:
                    key = matches.pop()
                    return Speaker(self.fullest[key], key)
                if matches:
                    break
        return Speaker(text)

    def _nominal(self, mention: Mention, at: int) -> Speaker:
        words = mention.text.lower().replace("’", "'").replace("l'", "l' ").split()
        determiner = words[0] if words else ""
        head = self._head(words[1:])
        as_written = Speaker(mention.text)
        if head is None:
            return as_written
        if head in lexicon.BODY_NOUNS:
            if determiner in _POSSESSIVE_OR_INDEFINITE:
                return as_written
            return self._last_organisation(at) or as_written
        by_role = self._by_role(head, at)
        if by_role is not None:
            return by_role
        if determiner in _POSSESSIVE_OR_INDEFINITE or determiner in (
            "les",
            "ces",
            "these",
            "those",
        ):
            return as_written
        if self.cues.lang == "en" and head.endswith("s") and not head.endswith("ss"):
            return as_written
        return self.in_focus(mention.start) or as_written

    def _head(self, words: list[str]) -> str | None:
        """The role or body noun of a noun phrase, or None when it names neither."""
        words = [w for w in words if w not in lexicon.ROLE_ADJECTIVES]
        if not words:
            return None
        cut = next(
            (i for i, w in enumerate(words) if w in ("de", "du", "des", "d'", "of")), len(words)
        )
        candidates = [words[0]] if self.cues.lang == "fr" else list(reversed(words[:cut])) or words
        if self.cues.lang == "":
            candidates = [words[0], *reversed(words[:cut])]
        for word in candidates:
            for form in (word, word.split("-")[-1]):
                if (
                    form in lexicon.PERSON_NOUNS
                    or form.endswith("year-old")
                    or form in lexicon.BODY_NOUNS
                ):
                    return form
        return None

    def _last_organisation(self, at: int) -> Speaker | None:
        before = [e for e in self.writer_entities if e.label == "ORG" and e.end <= at]
        return self.entity_speaker(before[-1]) if before else None

    def _by_role(self, head: str, at: int) -> Speaker | None:
        holders = self.roles.get(head)
        if not holders:
            return None
        before = [key for position, key in holders if position < at]
        key = before[-1] if before else holders[0][1]
        return Speaker(self.fullest[key], key)

    # state -------------------------------------------------------------------
    def _role_map(self) -> dict[str, list[tuple[int, str]]]:
        """Role noun -> (offset, person key) for each person the article gives a role to."""
        roles: dict[str, list[tuple[int, str]]] = defaultdict(list)
        passage = self.passage
        for entity in self.writer_entities:
            if entity.label != "PER":
                continue
            start, end = passage.sentence_of(entity.start)
            before = passage.tokens(start, entity.start)[-10:]
            after = passage.tokens(entity.end, end)
            window = _role_window(before[::-1]) + (
                _role_window(after[1:]) if after[:1] and after[0].text == "," else []
            )
            for word in window:
                for form in (word, word.split("-")[-1]):
                    if form in lexicon.PERSON_NOUNS:
                        roles[form].append((entity.start, entity.key))
        for holders in roles.values():
            holders.sort()
        return roles

    def _sentence_refs(self, index: int) -> list[_Ref]:
        refs = self._refs.get(index)
        if refs is not None:
            return refs
        start, end = self.passage.sentence_bounds(index)
        refs = [
            _Ref(e.start, self.entity_speaker(e), False)
            for e in self.writer_entities
            if e.label == "PER" and start <= e.start < end
        ]
        self._refs[index] = refs
        reported = self.cues.clause_before(self.passage.tokens(start, end))
        if reported is not None and reported.mention is not None and reported.cue != ":":
            speaker = self.resolve(reported.mention, reported.at)
            if speaker is not None:
                refs.append(_Ref(reported.at, speaker, True))
                refs.sort(key=lambda ref: ref.at)
        return refs


def _role_window(tokens: list) -> list[str]:
    """Lowercased words up to the first stop (a comma directly at the start is crossed)."""
    words: list[str] = []
    for position, token in enumerate(tokens):
        if token.text.startswith(FILLER) or token.text in ".;:!?()":
            break
        if token.text == ",":
            if position == 0:
                continue
            break
        words.append(token.lower)
    return words
