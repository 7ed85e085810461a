"""The article pane's displayed text maps exactly back to Article.text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sample_articles import sample_article

from reader.tui.article_document import build_document


def _assert_exact(document, article) -> None:
    for segment in document.segments:
        shown = document.text[segment.display : segment.display + segment.length]
        source = article.text[segment.text : segment.text + segment.length]
        assert shown == source.replace("\n", " ")


def test_clean_view_hides_caption_and_credit() -> None:
    article = sample_article()
    document = build_document(article, show_boilerplate=False)
    assert "Photo: AFP" not in document.text
    assert "(Reuters)" not in document.text
    assert document.text.startswith("The ministers met in Paris on Monday")
    assert "talks went well." in document.text
    _assert_exact(document, article)


def test_boilerplate_view_labels_reasons() -> None:
    article = sample_article()
    document = build_document(article, show_boilerplate=True)
    assert document.text.startswith("⟨caption⟩ Photo: AFP / Jane Doe")
    assert "⟨attribution⟩ (Reuters)" in document.text
    names = {styled.name for styled in document.styles}
    assert names == {"reason", "boilerplate"}
    _assert_exact(document, article)


def test_labels_map_to_nothing_and_ranges_trim_to_source() -> None:
    article = sample_article()
    document = build_document(article, show_boilerplate=True)
    assert document.to_text(0) is None
    label_end = len("⟨caption⟩ ")
    start, end = document.range_to_text(0, label_end + 5)
    assert article.text[start:end] == "Photo"


@given(st.integers(0, 200), st.integers(0, 200), st.booleans())
def test_selected_ranges_are_exact(a: int, b: int, boilerplate: bool) -> None:
    article = sample_article()
    document = build_document(article, show_boilerplate=boilerplate)
    low, high = sorted((min(a, len(document.text)), min(b, len(document.text))))
    mapped = document.range_to_text(low, high)
    shown = [document.to_text(i) for i in range(low, high)]
    sources = [offset for offset in shown if offset is not None]
    if not sources:
        assert mapped is None
        return
    assert mapped == (sources[0], sources[-1] + 1)


def test_text_ranges_round_trip_to_display() -> None:
    article = sample_article()
    document = build_document(article, show_boilerplate=False)
    start = article.text.index("Paris on")
    (shown,) = document.to_display(start, start + 5)
    assert document.text[shown[0] : shown[1]] == "Paris"
    assert document.display_of(start) == shown[0]
    assert document.block_at(shown[0]).block.start == article.text.index("The ministers")


def test_display_date_reads_partial_dates() -> None:
    from reader.tui.text import display_date

    assert display_date("--03-18") == "18 Mar (year unknown)"
    assert display_date("2024-03") == "Mar 2024"
    assert display_date("2024-03-01") == "1 Mar 2024"
    assert display_date(None) is None
