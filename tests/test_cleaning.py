"""Unit tests of reader.cleaning: line statistics, cues, classification, spans, damage."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cleaning import LineStats, classify_blocks, find_damage
from reader.cleaning.cues import cue_reason
from reader.cleaning.stats import normalise_line
from reader.corpus.blocks import split_blocks
from reader.corpus.models import REASONS, Block

PARAGRAPHS = [
    "The central bank raised its main interest rate by a quarter point on Tuesday, citing "
    "inflation that has stayed above its target for most of the past year.",
    "Analysts had expected the move, although several of them said the bank would probably "
    "pause at its next meeting to see how households and companies respond.",
    "The decision was taken by a majority of the board, with two members voting to keep the "
    "rate unchanged because they feared a sharp slowdown in lending.",
    "Markets barely reacted: the currency rose slightly against the dollar and the yield on "
    "two-year government bonds was little changed by the evening.",
]


def line_blocks(text: str) -> list[Block]:
    """The splitter's blocks: one per non-empty line, the first being the title."""
    return split_blocks(text)


def article(*lines: str) -> str:
    return "\n\n".join(["Central bank raises rates again", *lines]) + "\n"


def classify(text: str, lang: str = "en", stats: LineStats | None = None) -> list[Block]:
    blocks = line_blocks(text)
    classify_blocks(text, blocks, lang=lang, stats=stats)
    return blocks


def stripped(blocks: list[Block]) -> dict[str, str | None]:
    return {b.text: b.reason for b in blocks if not b.kept}


# LineStats


def test_line_stats_counts_documents_not_occurrences() -> None:
    stats = LineStats()
    stats.add_document("a", ["Share this", "Share this", "Hello"])
    stats.add_document("b", ["share  THIS", "Other"])
    assert stats.n_docs == 2
    assert stats.doc_frequency("Share this") == 2
    assert stats.doc_frequency("Hello") == 1
    assert stats.doc_frequency("never seen") == 0


def test_line_stats_remove_and_re_add() -> None:
    stats = LineStats()
    stats.add_document("a", ["Menu", "Body a"])
    stats.add_document("b", ["Menu", "Body b"])
    stats.remove_document("a")
    assert stats.n_docs == 1
    assert stats.doc_frequency("Menu") == 1
    assert stats.doc_frequency("Body a") == 0
    stats.add_document("b", ["Body c"])  # re-adding replaces the document
    assert stats.doc_frequency("Menu") == 0
    assert stats.doc_frequency("Body c") == 1
    stats.remove_document("missing")  # unknown ids are ignored


def test_line_stats_json_round_trip_keeps_no_text() -> None:
    stats = LineStats()
    stats.add_document("a", ["Subscribe to our newsletter", "Paragraph one"])
    stats.add_document("b", ["Subscribe to our newsletter"])
    data = json.loads(json.dumps(stats.to_json()))
    assert "newsletter" not in json.dumps(data).lower()
    again = LineStats.from_json(data)
    assert again.n_docs == 2
    assert again.doc_frequency("Subscribe to our newsletter") == 2
    again.remove_document("a")
    assert again.doc_frequency("Paragraph one") == 0


def test_normalised_lines_merge_case_accents_spaces_and_numbers() -> None:
    assert normalise_line("  Commentaires (12) ") == normalise_line("commentaires (3)")
    assert normalise_line("Élysée   Palace") == normalise_line("elysee palace")
    assert normalise_line("Menu") != normalise_line("Menus")


# Cues


def test_cues_in_french_and_english() -> None:
    cases = {
        "Lire aussi : le budget en débat": "related-link",
        "Read more: rates rise again": "related-link",
        "Laisser un commentaire": "comments",
        "Leave a reply": "comments",
        "12 comments": "comments",
        "Suivez-nous sur Twitter": "site-chrome",
        "Subscribe to our newsletter": "site-chrome",
        "Nous utilisons des cookies": "site-chrome",
        "Publicité": "site-chrome",
        "Lecture : 4 min": "meta-widget",
        "5 min read": "meta-widget",
        "4.2/5 - (23 votes)": "meta-widget",
        "Written by": "byline",
        "Par Jeanne Martin": "byline",
        "(With Reuters)": "attribution",
        "(Reporting by Jane Doe; Editing by John Roe)": "attribution",
        "(Adds details, background)": "update-note",
        "© Getty Images": "caption",
        "© 2018 AFP": "attribution",
        "Photo: Jane Doe / AFP": "caption",
        "|": "site-chrome",
    }
    for text, reason in cases.items():
        assert cue_reason(text) == reason, text


def test_cues_leave_prose_alone() -> None:
    for text in [*PARAGRAPHS, "By the end of the year, prices had doubled.", "Home prices rose."]:
        assert cue_reason(text) is None, text


# classify_blocks


def test_clean_article_keeps_everything() -> None:
    blocks = classify(article(*PARAGRAPHS))
    assert all(b.kept for b in blocks)
    assert all(b.reason is None and not b.spans for b in blocks)


def test_short_last_paragraph_of_a_clean_article_is_kept() -> None:
    blocks = classify(article(*PARAGRAPHS, "The bank meets again in six weeks."))
    assert all(b.kept for b in blocks)


def test_cue_blocks_get_their_reasons() -> None:
    text = article(
        "5 min read",
        *PARAGRAPHS[:2],
        "Read more: Why the bank keeps rates high",
        *PARAGRAPHS[2:],
        "Share this article",
        "Leave a comment",
    )
    assert stripped(classify(text)) == {
        "5 min read": "meta-widget",
        "Read more: Why the bank keeps rates high": "related-link",
        "Share this article": "site-chrome",
        "Leave a comment": "comments",
    }


def test_repeated_title_and_repeated_paragraph_are_duplicates() -> None:
    text = article("Central bank raises rates again", *PARAGRAPHS, PARAGRAPHS[1])
    blocks = classify(text)
    assert blocks[0].kept
    assert blocks[1].reason == "duplicate"
    assert blocks[-1].reason == "duplicate"
    assert blocks[3].kept  # the first occurrence stays


def test_trailing_reporting_credit_is_a_span() -> None:
    last = PARAGRAPHS[-1] + " (Reporting by Jane Doe; Editing by John Roe)"
    text = article(*PARAGRAPHS[:-1], last)
    blocks = classify(text)
    block = blocks[-1]
    assert block.kept and len(block.spans) == 1
    span = block.spans[0]
    assert span.reason == "attribution"
    assert text[span.start : span.end] == "(Reporting by Jane Doe; Editing by John Roe)"
    assert text[block.start : span.start].rstrip() == PARAGRAPHS[-1]


def _site_corpus(n: int) -> tuple[LineStats, list[str]]:
    stats = LineStats()
    texts = []
    for i in range(n):
        body = [f"Paragraph {i}: " + p for p in PARAGRAPHS]
        text = "\n".join(["Title", "World | Business | Sport", *body, "All rights reserved"])
        texts.append(text)
        stats.add_document(str(i), [b.text for b in line_blocks(text)])
    return stats, texts


def test_lines_repeated_across_a_site_are_stripped() -> None:
    stats, texts = _site_corpus(12)
    blocks = classify(texts[0], stats=stats)
    assert stripped(blocks) == {
        "World | Business | Sport": "site-chrome",
        "All rights reserved": "site-chrome",
    }


def test_syndicated_paragraph_in_two_articles_is_not_chrome() -> None:
    stats = LineStats()
    first = article(*PARAGRAPHS)
    second = "\n\n".join(["Another title", "A different opening paragraph " * 5, *PARAGRAPHS])
    stats.add_document("first", [b.text for b in line_blocks(first)])
    stats.add_document("second", [b.text for b in line_blocks(second)])
    assert all(b.kept for b in classify(first, stats=stats))


def test_whole_article_published_by_two_sites_is_kept() -> None:
    unfinished = PARAGRAPHS[-1].rstrip(".") + " and analysts expect more of the same next year"
    body = [PARAGRAPHS[0], "What comes next", *PARAGRAPHS[1:-1], unfinished]
    first = "\n\n".join(["Rates up again", *body])
    second = "\n\n".join(["Central bank: rates up", "Menu", *body, "Contact us"])
    stats = LineStats()
    stats.add_document("first", [b.text for b in line_blocks(first)])
    stats.add_document("second", [b.text for b in line_blocks(second)])
    assert stripped(classify(first, stats=stats)) == {}


def test_markdown_heading_kind_is_kept() -> None:
    text = article(PARAGRAPHS[0], "What comes next", *PARAGRAPHS[1:])
    blocks = line_blocks(text)
    blocks[2].kind = "heading"
    classify_blocks(text, blocks, lang="en")
    assert blocks[2].kept


def test_no_title_and_empty_inputs() -> None:
    classify_blocks("", [], lang="en")
    text = "\n".join(PARAGRAPHS)
    blocks = [b for b in line_blocks(text)]
    for block in blocks:
        block.kind = "paragraph"
    classify_blocks(text, blocks, lang="unknown")
    assert all(b.kept for b in blocks)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=120).filter(lambda s: s.strip()), max_size=15))
def test_any_text_gets_valid_reasons_and_spans_inside_blocks(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    blocks = line_blocks(text)
    classify_blocks(text, blocks, lang="fr")
    if blocks and blocks[0].kind == "title":
        assert blocks[0].kept
    for block in blocks:
        assert block.kept == (block.reason is None)
        assert block.reason is None or block.reason in REASONS
        for span in block.spans:
            assert block.start <= span.start < span.end <= block.end
            assert span.reason in REASONS
    for item in find_damage(text, blocks, "fr"):
        assert text[item.start : item.end] == item.text


# find_damage


def test_damage_in_english_and_any_language() -> None:
    text = article(
        "Shares of rose sharply after the , said the company.",
        "Les actions de ont bondi après le , a déclaré l'entreprise.",
        *PARAGRAPHS,
    )
    blocks = classify(text)
    found = [d.text for d in find_damage(text, blocks, "en")]
    assert found == [
        "Shares of rose sharply after the , said the company.",
        "Les actions de ont bondi après le , a déclaré l'entreprise.",
    ]


def test_damage_skips_stripped_blocks_and_clean_text() -> None:
    text = article(*PARAGRAPHS, "Read more: the of , and")
    blocks = classify(text)
    assert find_damage(text, blocks, "en") == []


_PAIR_WORDS = ["the", "of", "a", "an", "de", "sur", "avec", "pour", "une", "est", "news", "The"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PAIR_WORDS),
            st.sampled_from(["", ",", ".;", "»", "x", "'"]),
            st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2028"]),
        ),
        max_size=8,
    )
)
def test_impossible_pairs_are_found_as_word_by_word_lookup_finds_them(parts):
    """The pairs' regular expression finds what looking up each pair of words finds."""
    from itertools import pairwise

    from reader.cleaning import damage

    text = "".join(word + tail + space for word, tail, space in parts)
    for lang in ("en", "fr"):
        pairs = damage._LANGUAGES[lang].pairs
        words = text.lower().split()
        expected = any((a, b.rstrip(damage._TRAILING)) in pairs for a, b in pairwise(words))
        assert damage._has_impossible_pair(text, pairs) == expected, (lang, text)
