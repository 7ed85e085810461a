"""Every direct quotation of a text, with its speaker, cue and kind.

Works on an article's clean text (boilerplate never holds quotations) and
the entities found in it; ``article_quotes`` moves the results to
``Article.text`` offsets, as entities are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.corpus.models import Article, Entity, Quote
from reader.quotes.cues import Attribution, CueReader
from reader.quotes.kinds import PARTIAL_WORDS, TERM_WORDS, SpanKinds, word_count
from reader.quotes.marks import QuotedSpan, quoted_spans
from reader.quotes.passage import Passage
from reader.quotes.speakers import Speaker, SpeakerResolver

#: Characters without which a text holds no quotation (most texts are ruled out at once).
QUOTE_MARKS = "«»“”„\"‘’'"
#: First words of a sentence that attributes the quotation just before it (``Voilà ce que
#: X a déclaré``, ``That is how X put it``).
NEXT_SENTENCE_OPENERS = frozenset(
    ["voilà", "voila", "c'est", "ainsi", "tels", "telles", "that", "this", "so"]
)
#: Most words of an untagged fragment that starts with a capital (a title, a name).
TITLE_WORDS = 6


class _Extraction:
    def __init__(self, text: str, lang: str, entities: Sequence[Entity]) -> None:
        self.spans = quoted_spans(text)
        self.passage = Passage(text, self.spans)
        inside = [(s.start, s.end) for s in self.spans]
        writer = [e for e in entities if not any(a <= e.start < b for a, b in inside)]
        self.cues = CueReader(self.passage, writer, lang)
        self.speakers = SpeakerResolver(self.passage, self.cues, list(entities))
        self.kinds = SpanKinds(self.passage)

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        previous: tuple[QuotedSpan, Speaker | None] | None = None
        for span in self.spans:
            quote, speaker = self._quote(span, previous)
            previous = (span, speaker)
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _quote(
        self, span: QuotedSpan, previous: tuple[QuotedSpan, Speaker | None] | None
    ) -> tuple[Quote | None, Speaker | None]:
        passage = self.passage
        sentence_start, _ = passage.sentence_of(span.open_at)
        low = sentence_start
        same_sentence = previous is not None and previous[0].outer_end > sentence_start
        if same_sentence and previous is not None:
            low = previous[0].outer_end
        before = passage.tokens(low, span.open_at)
        _, close_sentence_end = passage.sentence_of(max(span.outer_end - 1, 0))
        after = passage.tokens(span.outer_end, close_sentence_end)

        comma_inside = passage.text[span.end - 1] == ","
        attribution = self._attribution(before, after, comma_inside) or self._next_sentence(
            span, after
        )
        text = passage.text[span.start : span.end]
        words = word_count(text)
        cue_before = attribution.at if attribution and attribution.at < span.open_at else None
        embedded = self.kinds.is_embedded(span, before, after, cue_before)
        if self.kinds.is_term(span) or self.kinds.is_name(span, before, after):
            return None, None
        if attribution is None and (
            words <= 2
            or (embedded and (words <= TERM_WORDS or (words <= TITLE_WORDS and text[0].isupper())))
        ):
            return None, None

        speaker = self._speaker(span, attribution, previous if same_sentence else None)
        if speaker is not None:
            self.speakers.note(attribution.at if attribution else span.open_at, speaker)
        quote = Quote(
            start=span.start,
            end=span.end,
            text=text,
            speaker=speaker.name if speaker else None,
            speaker_key=speaker.key if speaker else None,
            cue=attribution.cue if attribution else None,
            partial=embedded and words <= PARTIAL_WORDS,
        )
        return quote, speaker

    def _attribution(self, before, after, comma_inside: bool) -> Attribution | None:
        return (
            self.cues.incise_after(after, comma_inside=comma_inside)
            or self.cues.clause_before(before)
            or self.cues.incise_ending(after)
        )

    def _next_sentence(self, span: QuotedSpan, after: list) -> Attribution | None:
        """``« ... » Voilà comment X résumait la situation``: the next sentence names X."""
        if after:
            return None
        index = self.passage.sentence_index(span.outer_end)
        if index + 1 >= len(self.passage.sentence_starts):
            return None
        start, end = self.passage.sentence_bounds(index + 1)
        tokens = self.passage.tokens(start, end)
        if not tokens or tokens[0].lower not in NEXT_SENTENCE_OPENERS:
            return None
        return self.cues.clause_before(tokens)

    def _speaker(
        self,
        span: QuotedSpan,
        attribution: Attribution | None,
        previous_in_sentence: tuple[QuotedSpan, Speaker | None] | None,
    ) -> Speaker | None:
        if attribution is None:
            return self.speakers.in_focus(span.open_at)
        if attribution.mention is None:
            if previous_in_sentence is not None and previous_in_sentence[1] is not None:
                return previous_in_sentence[1]
            sentence_start, _ = self.passage.sentence_of(span.open_at)
            subject = self.cues.clause_before(self.passage.tokens(sentence_start, attribution.at))
            if subject is not None and subject.mention is not None:
                return self.speakers.resolve(subject.mention, subject.at)
            return self.speakers.in_focus(attribution.at)
        return self.speakers.resolve(attribution.mention, attribution.at)


def find_quotes(text: str, lang: str, entities: Sequence[Entity] = ()) -> list[Quote]:
    """Quotations of ``text`` (offsets into it); ``entities`` are the text's, same offsets."""
    if not text or not any(mark in text for mark in QUOTE_MARKS):
        return []
    return _Extraction(text, lang, entities).run()


def quotes_after(text: str, body_start: int, lang: str, entities: Sequence[Entity]) -> list[Quote]:
    """Quotations of ``text[body_start:]`` (an article's ``entity_text``: the title line,
    then the clean body), with offsets into ``text``. The title gives none, and its
    entities take no part: quotations are looked for in the body alone, as
    ``article_quotes`` does."""
    body = [
        replace(e, start=e.start - body_start, end=e.end - body_start)
        for e in entities
        if e.start >= body_start
    ]
    found = find_quotes(text[body_start:], lang, body)
    return [replace(q, start=q.start + body_start, end=q.end + body_start) for q in found]


def article_quotes(article: Article, clean_entities: Sequence[Entity]) -> list[Quote]:
    """Quotations of an article's clean text, moved to ``Article.text`` offsets.

    ``clean_entities`` are the entities as the extractor returns them, with
    offsets into ``article.clean_text``.
    """
    quotes = find_quotes(article.clean_text, article.lang, clean_entities)
    moved = []
    for quote in quotes:
        start, end = article.clean_range_to_text(quote.start, quote.end)
        moved.append(replace(quote, start=start, end=end, text=article.text[start:end]))
    return moved
