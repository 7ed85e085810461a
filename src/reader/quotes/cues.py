"""Finding the cue of a quotation and the words that name its speaker.

Three places are read, in this order:

1. an *incise* right after the closing mark (``", he said``, ``», a déclaré
   Sung Tae-yoon``, ``», a-t-il noté``, ``», selon le procureur``);
2. the writer's clause before the opening mark, from the sentence start or
   the previous quotation (``X said: "``, ``X a déclaré que ... « ``,
   ``Selon X, « ``, a colon after a name);
3. an incise that ends the sentence after the writer's words that follow a
   fragment (``« ... » pour l'IA de Meta, a-t-il noté.``).

A cue yields a :class:`Mention` of the speaker as written (a name, a
pronoun, a noun phrase); :mod:`reader.quotes.speakers` resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.corpus.models import Entity
from reader.quotes import lexicon
from reader.quotes.passage import FILLER, Passage, Token

_INVERSION = re.compile(r"^([\w']+?)-(?:t-)?(il|elle|ils|elles|on)$")
_STOPS = frozenset(',;:.!?()[]|«»“”„"') | {"—", "–"}
_OBJECT_CLITICS = frozenset(
    ["lui", "leur", "nous", "vous", "me", "m'", "se", "s'", "y", "en", "l'", "la", "le"]
)
_CONNECTIVES = frozenset(
    [
        "mais",
        "et",
        "or",
        "donc",
        "ainsi",
        "pourtant",
        "cependant",
        "enfin",
        "alors",
        "puis",
        "but",
        "and",
        "however",
        "so",
        "yet",
        "then",
        "still",
        "also",
        "meanwhile",
    ]
)
_HONORIFICS = frozenset(
    [
        "m.",
        "m",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "mme",
        "mlle",
        "dr",
        "dr.",
        "me",
        "pr",
        "prof",
        "sir",
        "dame",
    ]
)
MAX_NP = 8
#: Words after which a name is the complement of a noun (``le responsable du RN``), not the noun.
_COMPLEMENT_WORDS = frozenset(["de", "du", "des", "d'", "of", "à", "au", "aux"])
#: First words of the source phrases, to rule most words out at once.
_SOURCE_FIRST = frozenset(["selon", "d'", "d'après", "aux", "pour", "according", "in", "quoting"])
_SOURCE_KEYS = {
    lang: frozenset(p.replace(" ", "").replace("’", "'") for p in phrases)
    for lang, phrases in lexicon.SOURCE_PHRASES.items()
}


@dataclass(frozen=True, slots=True)
class Mention:
    """Words naming a speaker: an entity, a pronoun, a noun phrase or an untagged name."""

    kind: str  # "entity", "pronoun", "nominal", "name"
    start: int
    end: int
    text: str
    entity: Entity | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue as written and who it names (None: a verb whose subject is elsewhere)."""

    cue: str
    at: int
    mention: Mention | None


class CueReader:
    """Cue rules over one passage and its entities."""

    def __init__(self, passage: Passage, entities: list[Entity], lang: str) -> None:
        self.passage = passage
        self.lang = lang if lang in ("fr", "en") else ""
        self.determiners = lexicon.determiners(self.lang)
        self.entities = sorted(entities, key=lambda e: e.start)
        self._starts = {e.start: e for e in self.entities}
        self._name_words = {
            word.lower() for e in entities if e.label in ("PER", "ORG") for word in e.text.split()
        }

    # vocabulary ------------------------------------------------------------
    def is_speech_verb(self, token: Token) -> bool:
        word = token.lower
        if self.lang != "en" and word in lexicon.FR_SPEECH_VERBS:
            return True
        return self.lang != "fr" and word in lexicon.EN_SPEECH_VERBS

    def _pronouns(self) -> frozenset[str]:
        if self.lang:
            return lexicon.PRONOUNS[self.lang]
        return lexicon.PRONOUNS["fr"] | lexicon.PRONOUNS["en"]

    def entity_at(self, token: Token) -> Entity | None:
        entity = self._starts.get(token.start)
        if entity is not None and entity.label in ("PER", "ORG"):
            return entity
        return None

    # the three places --------------------------------------------------------
    def incise_after(
        self, tokens: list[Token], *, comma_inside: bool = False
    ) -> Attribution | None:
        """An incise at the start of ``tokens`` (the words right after a closing mark).

        ``comma_inside``: the quotation ended with a comma inside its marks.
        """
        index = 0
        while index < len(tokens) and tokens[index].text in (",", "–", "—", "-", "("):
            index += 1
        if index >= len(tokens) or index > 2:
            return None
        return self._incise(tokens, index, after_comma=index > 0 or comma_inside)

    def incise_ending(self, tokens: list[Token]) -> Attribution | None:
        """An incise after a comma among ``tokens`` (the rest of a sentence after a fragment)."""
        for index, token in enumerate(tokens):
            if token.text == "," and index + 1 < len(tokens):
                found = self._incise(tokens, index + 1, after_comma=False)
                if found is not None:
                    return found
        return None

    def clause_before(self, tokens: list[Token]) -> Attribution | None:
        """The first cue of the writer's clause before an opening mark."""
        for index, token in enumerate(tokens):
            found = self._source_phrase(tokens, index)
            if (
                found is None
                and index == 0
                and token.lower in ("pour", "for")
                and self.lang != "en"
            ):
                found = self._pour_phrase(tokens)
            if found is None:
                found = self._verb_with_subject(tokens, index)
            if found is not None:
                return found
        return self._colon(tokens)

    # incises -----------------------------------------------------------------
    def _incise(self, tokens: list[Token], index: int, *, after_comma: bool) -> Attribution | None:
        """A speech incise at ``index``; a French one after a comma may use any verb."""
        found = self._source_phrase(tokens, index)
        if found is not None:
            return found
        if tokens[index].lower in ("comme", "as") and index + 1 < len(tokens):
            index += 1  # ``comme disait Sartre``, ``as he put it``
        token = tokens[index]
        inverted = _INVERSION.match(token.lower)
        if inverted and inverted.group(1) not in lexicon.FR_NOT_SPEECH_INVERSIONS:
            return self._inversion(tokens, index)
        while index < len(tokens) - 1 and tokens[index].lower in _OBJECT_CLITICS:
            index += 1
            token = tokens[index]
            if _INVERSION.match(token.lower):
                return self._inversion(tokens, index)
        if self.lang != "en" and token.lower in lexicon.FR_AUXILIARIES:
            verb_index = self._skip_adverbs(tokens, index + 1)
            if verb_index < len(tokens) and (
                self.is_speech_verb(tokens[verb_index])
                or (after_comma and self._could_be_verb(tokens[verb_index]))
            ):
                return self._inverted(tokens, index, verb_index)
            return None
        if self.is_speech_verb(token) or (
            self.lang == "fr" and after_comma and self._could_be_verb(token)
        ):
            found = self._inverted(tokens, index, index)
            if found is not None or self.lang == "fr":
                return found
        return self._subject_then_verb(tokens, index)

    def _could_be_verb(self, token: Token) -> bool:
        word = token.lower
        return (
            token.text.isalpha()
            and token.text.islower()
            and word not in lexicon.FUNCTION_WORDS
            and word not in lexicon.PREPOSITIONS
            and word not in self.determiners
        )

    def _inversion(self, tokens: list[Token], index: int) -> Attribution:
        token = tokens[index]
        end = token.end
        verb = _INVERSION.match(token.lower)
        assert verb is not None
        if verb.group(1) in lexicon.FR_AUXILIARIES:
            verb_index = self._skip_adverbs(tokens, index + 1)
            if verb_index < len(tokens) and tokens[verb_index].text.isalpha():
                end = tokens[verb_index].end
        pronoun_at = token.end - len(verb.group(2))
        mention = Mention("pronoun", pronoun_at, token.end, verb.group(2))
        return Attribution(self.passage.text[token.start : end], token.start, mention)

    def _inverted(self, tokens: list[Token], first: int, verb_index: int) -> Attribution | None:
        """``said X`` / ``a déclaré mercredi à des journalistes X``."""
        mention = self.subject_after(tokens, verb_index + 1)
        if mention is None:
            return None
        end = tokens[verb_index].end
        return Attribution(
            self.passage.text[tokens[first].start : end], tokens[first].start, mention
        )

    def _subject_then_verb(self, tokens: list[Token], index: int) -> Attribution | None:
        """``X said`` / ``the Labour MP for Birkenhead asked`` right after the quotation."""
        for verb_index in range(index + 1, min(len(tokens), index + 14)):
            token = tokens[verb_index]
            if token.text in _STOPS or token.text.startswith(FILLER):
                return None
            if self._is_verb_here(tokens, verb_index):
                mention = self.noun_phrase_before(tokens, index, verb_index)
                if mention is None:
                    return None
                return Attribution(self._verb_text(tokens, verb_index), token.start, mention)
        return None

    # before the quotation ----------------------------------------------------
    def _verb_with_subject(self, tokens: list[Token], index: int) -> Attribution | None:
        token = tokens[index]
        inverted = _INVERSION.match(token.lower)
        if inverted and inverted.group(1) in lexicon.FR_SPEECH_VERBS:
            return self._inversion(tokens, index)
        if not self._is_verb_here(tokens, index):
            return None
        mention = self.subject_before(tokens, index)
        if mention is None and self.lang != "fr" and token.lower.endswith("ing"):
            return None  # ``saying`` with no subject of its own: the sentence's subject speaks
        return Attribution(self._verb_text(tokens, index), token.start, mention)

    def _is_verb_here(self, tokens: list[Token], index: int) -> bool:
        token = tokens[index]
        if not self.is_speech_verb(token) or token.is_capitalised:
            return False
        if index and tokens[index - 1].lower in self.determiners:
            return False  # ``la note``, ``le juge``, ``the report``
        particle = lexicon.EN_NEEDS_PARTICLE.get(token.lower)
        if particle is not None:
            return index + 1 < len(tokens) and tokens[index + 1].lower == particle
        return True

    def _verb_text(self, tokens: list[Token], index: int) -> str:
        start = index
        while start > 0 and (
            tokens[start - 1].lower in lexicon.FR_AUXILIARIES
            or tokens[start - 1].lower in lexicon.EN_AUXILIARIES
        ):
            start -= 1
        end = tokens[index].end
        particle = lexicon.EN_NEEDS_PARTICLE.get(tokens[index].lower)
        if particle is not None:
            end = tokens[index + 1].end
        return self.passage.text[tokens[start].start : end]

    def _source_phrase(self, tokens: list[Token], index: int) -> Attribution | None:
        """``selon X``, ``d'après X``, ``according to X``, ``in the words of X``."""
        if tokens[index].lower not in _SOURCE_FIRST:
            return None
        keys = _SOURCE_KEYS.get(self.lang) or _SOURCE_KEYS["fr"] | _SOURCE_KEYS["en"]
        joined = ""
        for after in range(index + 1, min(len(tokens), index + 5) + 1):
            joined += tokens[after - 1].lower
            if joined in keys:
                if after < len(tokens) and tokens[after].lower.startswith(
                    ("laquelle", "lequel", "lesquel")
                ):
                    return None
                mention = self.subject_after(tokens, after, allow_pronoun_object=True)
                if mention is None:
                    return None
                cue = self.passage.text[tokens[index].start : tokens[after - 1].end]
                return Attribution(cue.lower(), tokens[index].start, mention)
        return None

    def _pour_phrase(self, tokens: list[Token]) -> Attribution | None:
        """``Pour X, « ... »``: the opinion of X (French)."""
        comma = next((i for i, t in enumerate(tokens[:10]) if t.text == ","), None)
        if comma is None:
            return None
        mention = self.subject_after(tokens[:comma], 1, allow_pronoun_object=True)
        if mention is None or (mention.kind == "name" and mention.entity is None):
            return None
        return Attribution(tokens[0].text.lower(), tokens[0].start, mention)

    def _colon(self, tokens: list[Token]) -> Attribution | None:
        """A colon right before the quotation: the clause before it names the speaker."""
        if not tokens or tokens[-1].text != ":":
            return None
        clause = tokens[:-1]
        for token in clause:
            entity = self.entity_at(token)
            if entity is not None and entity.label == "PER":
                return Attribution(":", tokens[-1].start, self._entity_mention(entity))
        mention = self.noun_phrase_before(clause, 0, len(clause))
        if mention is None:
            return None
        return Attribution(":", tokens[-1].start, mention)

    # noun phrases ------------------------------------------------------------
    def _skip_adverbs(self, tokens: list[Token], index: int) -> int:
        while index < len(tokens) and (
            tokens[index].lower in lexicon.ADVERBS or tokens[index].lower in ("-t-il", "-t-elle")
        ):
            index += 1
        return index

    def _entity_mention(self, entity: Entity) -> Mention:
        return Mention("entity", entity.start, entity.end, entity.text, entity)

    def subject_after(
        self, tokens: list[Token], index: int, *, allow_pronoun_object: bool = False
    ) -> Mention | None:
        """The speaker named after a verb (``a déclaré aux journalistes X``) or after ``selon``.

        Phrases after a preposition (``à des journalistes``, ``sur RTL``) are
        passed over: a name right after one is its object; a determiner after
        its object starts the subject.
        """
        in_phrase = False
        previous: Token | None = None
        pronouns = self._pronouns()
        objects = ("lui", "elle", "eux", "him", "her", "them") if allow_pronoun_object else ()
        for position in range(index, min(len(tokens), index + 14)):
            token = tokens[position]
            word = token.lower
            if token.text in _STOPS or token.text.startswith(FILLER) or word in lexicon.RELATIVES:
                return None
            after_preposition = previous is not None and (
                previous.lower in lexicon.PREPOSITIONS or previous.lower in _COMPLEMENT_WORDS
            )
            phrase_over = previous is not None and (
                word in self.determiners or previous.lower not in self.determiners
            )
            if in_phrase and not after_preposition and phrase_over:
                in_phrase = word in lexicon.PREPOSITIONS
            entity = self.entity_at(token)
            if entity is not None and not after_preposition:
                return self._entity_mention(entity)
            if previous is None and (word in pronouns or word in objects):
                return Mention("pronoun", token.start, token.end, token.text)
            if word in lexicon.PREPOSITIONS:
                in_phrase = True
            elif word in self.determiners and not in_phrase:
                return self.nominal(tokens, position)
            elif token.is_capitalised and not in_phrase and not after_preposition:
                return self._name(tokens, position)
            previous = token
        return None

    def nominal(self, tokens: list[Token], index: int) -> Mention | None:
        """A noun phrase from its determiner to a stop, a preposition or a relative word."""
        end = index + 1
        while end < len(tokens) and end - index < MAX_NP:
            token = tokens[end]
            word = token.lower
            if token.text in _STOPS or token.text.startswith(FILLER) or word in lexicon.RELATIVES:
                break
            if word in lexicon.PREPOSITIONS and word not in ("de", "du", "des", "d'", "of"):
                break
            if token.text.islower() and (
                self.is_speech_verb(token)
                or word in lexicon.FR_AUXILIARIES
                or word in lexicon.EN_AUXILIARIES
            ):
                break
            end += 1
        while end > index + 1 and tokens[end - 1].lower in (
            "de",
            "du",
            "des",
            "d'",
            "of",
            "and",
            "et",
        ):
            end -= 1
        for position in range(index + 1, end):
            entity = self.entity_at(tokens[position])
            if entity is not None and tokens[position - 1].lower not in _COMPLEMENT_WORDS:
                return self._entity_mention(entity)
        if not any(self._can_speak(token.lower) for token in tokens[index + 1 : end]):
            return None  # ``la première fois``, ``une approche``: nobody speaks
        start, stop = tokens[index].start, tokens[end - 1].end
        return Mention("nominal", start, stop, self.passage.text[start:stop])

    @staticmethod
    def _can_speak(word: str) -> bool:
        """A person, a body, an institution or a text: words that can be quoted."""
        if word in ("un", "une", "one"):
            return True  # ``l'un des conducteurs``, ``one of the organisers``
        for form in (word, word.split("-")[-1], word.removesuffix("s"), word.removesuffix("x")):
            if form in lexicon.PERSON_NOUNS or form in lexicon.BODY_NOUNS:
                return True
            if form in lexicon.INSTITUTION_NOUNS or form.endswith("year-old"):
                return True
        return False

    def _name(self, tokens: list[Token], index: int) -> Mention | None:
        """Capitalised words (an honorific may lead) that the entity model did not tag."""
        end = index
        while end < len(tokens) and (
            tokens[end].is_capitalised
            or tokens[end].lower in _HONORIFICS
            or (tokens[end].text == "." and end > index and tokens[end - 1].lower in _HONORIFICS)
        ):
            entity = self.entity_at(tokens[end])
            if entity is not None:
                return self._entity_mention(entity)
            end += 1
        end = max(end, index + 1)
        words = [t for t in tokens[index:end] if t.lower.rstrip(".") not in _HONORIFICS]
        if len(words) == len(tokens[index:end]) == 1 and words[0].lower not in self._name_words:
            return None  # ``Dès``, ``Seuls``: a capitalised word, not a name given in the text
        start, stop = tokens[index].start, tokens[end - 1].end
        return Mention("name", start, stop, self.passage.text[start:stop])

    def noun_phrase_before(self, tokens: list[Token], low: int, high: int) -> Mention | None:
        """The speaker in ``tokens[low:high]``, the words before a verb or a colon."""
        pieces: list[list[Token]] = [[]]
        for token in tokens[low:high]:
            if token.text == ",":
                pieces.append([])
            elif token.text in _STOPS or token.text.startswith(FILLER):
                pieces = [[]]
            else:
                pieces[-1].append(token)
        pieces = [piece for piece in pieces if piece]
        for piece in pieces:
            if self._fronted(piece):
                continue
            entity = next((e for e in map(self.entity_at, piece) if e and e.label == "PER"), None)
            if entity is not None:
                return self._entity_mention(entity)
        for position in range(len(pieces) - 1, -1, -1):
            mention = self._piece_subject(
                pieces[position], last=position == len(pieces) - 1, first=position == 0
            )
            if mention is not None:
                return mention
        return None

    def _fronted(self, piece: list[Token]) -> bool:
        """A phrase put before the subject: ``Speaking on Frost``, ``Dans une interview``."""
        first = piece[0].lower
        return (
            first in lexicon.PREPOSITIONS
            or first in lexicon.RELATIVES
            or (first.endswith("ing") and self.lang != "fr")
            or first in ("après", "avant", "face", "lors", "alors", "quand", "when", "while", "as")
        )

    def _piece_subject(self, piece: list[Token], *, last: bool, first: bool) -> Mention | None:
        while piece and (
            piece[-1].lower in lexicon.ADVERBS
            or piece[-1].lower in lexicon.FR_AUXILIARIES
            or piece[-1].lower in lexicon.EN_AUXILIARIES
            or piece[-1].lower in _OBJECT_CLITICS
        ):
            piece = piece[:-1]
        while piece and (piece[0].lower in _CONNECTIVES or piece[0].lower in lexicon.ADVERBS):
            piece = piece[1:]
        if (
            not piece
            or piece[0].lower in lexicon.RELATIVES
            or piece[0].lower in lexicon.PREPOSITIONS
        ):
            return None
        for token in piece:
            entity = self.entity_at(token)
            if entity is not None and entity.label == "PER":
                return self._entity_mention(entity)
        if piece[-1].lower in self._pronouns() or piece[-1].lower in ("on",):
            return Mention("pronoun", piece[-1].start, piece[-1].end, piece[-1].text)
        if piece[0].lower in self.determiners:
            return self.nominal(piece, 0)
        entity = self.entity_at(piece[0])
        if entity is not None:
            return self._entity_mention(entity)
        if piece[0].is_capitalised and (first or not last):
            return self._name(piece, 0)
        return None

    def subject_before(self, tokens: list[Token], verb_index: int) -> Mention | None:
        """The subject of the verb at ``verb_index``, from the clause before it."""
        low = verb_index
        while low > 0:
            word = tokens[low - 1].lower
            if (
                word in (":", ";")
                or tokens[low - 1].text.startswith(FILLER)
                or word in ("que", "qu'", "that")
            ):
                break
            low -= 1
        return self.noun_phrase_before(tokens, low, verb_index)
