"""Every fact kept: lists, tables, line-ups and figures of an article are its text.

What makes a block boilerplate is the page around it (widget cues, lines
that other files of the same site repeat, links and menus), not its shape.
All texts here are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from reader.cleaning import LineStats, classify_blocks
from reader.cleaning.cues import cue_reason, is_sign_off
from reader.cleaning.furniture import looks_like_furniture
from reader.corpus.batch import load_articles
from reader.corpus.blocks import split_blocks
from reader.corpus.models import Block

MATCH_REPORT = "\n\n".join(
    [
        "Harbour Town hold Millford to a draw",
        "Harbour Town came from behind to draw 2-2 with Millford in a lively match at the Quay "
        "Ground on Saturday, with both goalkeepers busy from the first minute to the last.",
        "The visitors led twice through Daniel Orme and a penalty from Kit Ashby, but Harbour "
        "Town answered each time and might have won it late on.",
        "Harbour Town: Pell, Greaves, Munro, Tait, Okafor (Lane 70), Brisco, Hale, Vance, Dunmore.",
        "Subs not used: Ferris, Kemp.",
        "Booked: Tait, Vance.",
        "Goals: Vance 34, Dunmore 81.",
        "Millford: Ridley, Cole, Ashby, Pritchard, Moss, Orme, Quill, Sutton (Yates 60).",
        "Attendance: 4,312",
        "Referee: A Crowther (Kent).",
    ]
)

EARNINGS = """NORTHWIND FOODS <NWF> 4TH QTR NET

    Shr 2.01 dlrs vs 1.93 dlrs
    Net 65.0 mln vs 57.4 mln
    Revs 628.6 mln vs 605.6 mln
    Year
    Shr 7.12 dlrs vs 6.80 dlrs
    Net 230.1 mln vs 214.9 mln
    Revs 2.41 billion vs 2.30 billion
 Reuter
"""

NOMINEES = "\n\n".join(
    [
        "Awards name their shortlists",
        "The shortlists for this year's drama awards were announced on Monday, with two period "
        "pieces leading the field with four nominations each.",
        "Best drama series:",
        "The Lantern Keepers (Northlight Films, Channel Five)",
        "Sallow Creek (Redbank Productions, BBC Two)",
        "Harbour Lights",
        "Best actress:",
        "Mara Quentin (Sallow Creek)",
        "Ivy Holm (The Lantern Keepers)",
        "The winners will be announced at a ceremony in London next month.",
    ]
)


def cleaned(text: str, stats: LineStats | None = None, source: str | None = None) -> list[Block]:
    blocks = split_blocks(text)
    classify_blocks(text, blocks, lang="en", stats=stats, source=source)
    return blocks


def stripped(blocks: list[Block]) -> dict[str, str | None]:
    return {block.text: block.reason for block in blocks if not block.kept}


def test_line_ups_attendance_and_referee_of_a_match_report_are_kept() -> None:
    assert stripped(cleaned(MATCH_REPORT)) == {}


def test_figures_of_an_earnings_report_are_kept_and_the_sign_off_is_attribution() -> None:
    blocks = cleaned(EARNINGS)
    assert stripped(blocks) == {"Reuter": "attribution"}
    kept = [block.text for block in blocks[1:] if block.kept]
    assert "Revs 628.6 mln vs 605.6 mln" in kept
    assert "Net 230.1 mln vs 214.9 mln" in kept


def test_earnings_reports_of_one_wire_keep_their_figures_and_table_labels() -> None:
    """Wire copy repeats its templates ("Year", "Reuter") in every file; they are no menu."""
    stats = LineStats()
    texts = [EARNINGS.replace("2.01", f"2.{n:02d}").replace("65.0", f"6{n}.0") for n in range(8)]
    for n, text in enumerate(texts):
        stats.add_document(str(n), [b.text for b in split_blocks(text)[1:]], source="wire")
    for text in texts:
        assert stripped(cleaned(text, stats, "wire")) == {"Reuter": "attribution"}


def test_lines_that_differ_in_their_figures_are_no_duplicates() -> None:
    text = (
        "Quarterly results\n\nNet 65.0 mln vs 57.4 mln\n\nSix months\n\nNet 12.1 mln vs 10.3 mln\n"
    )
    assert stripped(cleaned(text)) == {}


def test_an_award_shortlist_is_kept() -> None:
    assert stripped(cleaned(NOMINEES)) == {}


def test_a_sentence_about_copyright_is_no_caption() -> None:
    assert cue_reason("Lessons on copyright issues are to be taught in schools.") is None
    assert cue_reason("Copyright 2019 Example Press") == "caption"
    assert cue_reason("Photo: Jane Roe") == "caption"


def test_a_byline_with_a_particle() -> None:
    assert cue_reason("Par Jeanne de Latour") == "byline"


def test_sign_offs() -> None:
    assert is_sign_off("Reuter")
    assert is_sign_off("(AFP)")
    assert is_sign_off("cors-abc/def/gh")
    assert not is_sign_off("The end of the story.")
    assert not is_sign_off("Attendance: 4,312")


def test_links_markup_and_menus_look_like_furniture() -> None:
    assert looks_like_furniture("News | Sport | Weather")
    assert looks_like_furniture("More news >>")
    assert looks_like_furniture("<li>")
    assert looks_like_furniture("Read it at https://example.org/a")
    assert not looks_like_furniture("Northwind Foods <NWF> said on Monday")
    assert not looks_like_furniture("Goals: Vance 34, Dunmore 81.")


# Page furniture still goes ------------------------------------------------------------------

PAGE_BODY = [
    "The city council approved a new budget on Tuesday after a debate that lasted most of the "
    "night, with the opposition voting against every line of it.",
    "The mayor said the plan would fund two new schools and repair the old bridge before winter, "
    "while keeping local taxes at their current level.",
]


def _site_page(n: int, tail: list[str]) -> str:
    menu = ["Home", "Local news", "Sport", "Weather"]
    body = [f"In district {n}, {p[0].lower()}{p[1:]}" for p in PAGE_BODY]
    lines = [f"Council story {n}", *menu, *body, *tail, "Contact us"]
    return "\n".join(lines) + "\n"


def test_a_site_s_menus_and_footer_still_go_and_take_its_tail_links_with_them() -> None:
    tail = ["Bridge closed for repairs", "New park opens in the east", "Mayor visits twin town"]
    stats = LineStats()
    pages = [_site_page(n, tail if n == 0 else []) for n in range(6)]
    for n, page in enumerate(pages):
        stats.add_document(str(n), [b.text for b in split_blocks(page)[1:]], source="site")
    removed = stripped(cleaned(pages[0], stats, "site"))
    assert {"Home", "Local news", "Sport", "Weather", "Contact us", *tail} == set(removed)
    assert not any(text.startswith("In district") for text in removed)


# Repetition counts among the files of one source only -----------------------------------------


def test_line_statistics_are_counted_per_source() -> None:
    stats = LineStats()
    stats.add_document("a", ["Share this", "Text a"], source="one")
    stats.add_document("b", ["Share this", "Text b"], source="one")
    stats.add_document("c", ["Share this"], source="two")
    assert stats.doc_frequency("Share this", "one") == 2
    assert stats.doc_frequency("Share this", "two") == 1
    assert stats.doc_frequency("Share this", "three") == 0


def _kept_of(paths: list[Path], name: str) -> list[str]:
    loaded, _skipped = load_articles(paths)
    (article,) = [item.article for item in loaded if item.path.name == name]
    return [block.text for block in article.blocks if block.kept]


def test_cleaning_a_file_does_not_change_with_unrelated_files_beside_it(tmp_path: Path) -> None:
    """Another site's files share lines with this one: they must not count for it."""
    mine = tmp_path / "mine"
    other = tmp_path / "other"
    mine.mkdir()
    other.mkdir()
    target = mine / "story.txt"
    target.write_text(MATCH_REPORT, encoding="utf-8")
    shared = MATCH_REPORT.split("\n\n")[3:9]  # the line-ups, repeated as if they were a menu
    for n in range(6):
        page = "\n\n".join([f"Other page {n}", *shared, PAGE_BODY[0], "Share this"]) + "\n"
        (other / f"page-{n}.txt").write_text(page, encoding="utf-8")
    alone = _kept_of([target], "story.txt")
    beside = _kept_of([target, *sorted(other.iterdir())], "story.txt")
    assert alone == beside
    assert "Attendance: 4,312" in beside


def test_a_manifest_names_the_sources_for_reader_clean(tmp_path: Path) -> None:
    for n in range(4):
        page = "\n".join([f"Page {n}", "Home | News | Sport", f"{PAGE_BODY[0]} {n}"]) + "\n"
        (tmp_path / f"x{n}.txt").write_text(page, encoding="utf-8")
    manifest = "file\tsource\tlang\n" + "".join(f"x{n}.txt\tsite\ten\n" for n in range(4))
    (tmp_path / "MANIFEST.tsv").write_text(manifest, encoding="utf-8")
    loaded, _skipped = load_articles([tmp_path])
    assert {item.article.source for item in loaded} == {"site"}
    for item in loaded:
        assert not item.article.blocks[1].kept
