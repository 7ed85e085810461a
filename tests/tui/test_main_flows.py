"""Pilot tests of the main screen's flows, on hand-built articles (no index needed)."""

from __future__ import annotations

from sample_articles import MemoryLibrary, hostile_article, run_async, sample_article
from textual.widgets import Input

from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.tui.widgets.search_pane import SearchPane
from reader.userdata.config import Config


def make_app(*articles) -> ReaderApp:
    library = MemoryLibrary(list(articles) or [sample_article(), sample_article("a2")])
    return ReaderApp(library, config=Config(debounce_ms=0))


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def search(app, pilot, text: str) -> None:
    app.screen.query_one(SearchPane).input.focus()
    await pilot.press(*text)
    await settle(app, pilot)


def status(app) -> str:
    return str(app.screen.query_one("#search-status").render())


@run_async
async def test_empty_query_lists_everything_then_typing_searches() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert status(app) == "2 articles, newest first"
        await search(app, pilot, "macron")
        assert status(app) == "2 articles match, best first"
        assert app.library.queries[-1] == "macron"


@run_async
async def test_stale_results_are_never_shown() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        old = app.library.search("nothing-matches-this")
        screen.search_seq += 1  # a newer query started after ``old``
        screen._show_results(screen.search_seq - 1, old)
        assert status(app) == "2 articles, newest first"


@run_async
async def test_open_article_and_walk_hits() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.title == "Ministers meet in Paris"
        assert len(view.hits) == 2  # the title line and the body
        assert "2 hits (n next)" in str(app.screen.query_one("#article-status").render())
        await pilot.press("n")
        assert "hit 1/2" in str(app.screen.query_one("#article-status").render())
        await pilot.press("n")
        assert "hit 2/2" in str(app.screen.query_one("#article-status").render())
        await pilot.press("N")
        assert view.current_hit == 0


@run_async
async def test_boilerplate_toggle_shows_reasons() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        app.screen.query_one(ArticleView).body.focus()
        view = app.screen.query_one(ArticleView)
        assert "Photo: AFP" not in view.body.text
        await pilot.press("b")
        assert "⟨caption⟩ Photo: AFP / Jane Doe" in view.body.text
        await pilot.press("b")
        assert "⟨caption⟩" not in view.body.text


@run_async
async def test_selection_maps_to_article_offsets() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.focus()
        await pilot.press("b")  # labels shown: offsets must still be exact
        view.body.move_cursor((0, 0))
        await pilot.press(*["shift+right"] * 20)
        start, end = view.selected_range()
        assert view.article.text[start:end] == "Photo: AFP"
        view.body.move_cursor((2, 4))
        start, end = view.selected_range()  # nothing selected: the paragraph
        assert view.article.text[start:end].startswith("The ministers met in Paris")


@run_async
async def test_sidebar_entities_filter_and_highlight() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        sidebar = app.screen.query_one(EntitySidebar)
        sidebar.focus()
        await pilot.press("down")
        option = sidebar.highlighted_option
        assert option is not None and option.id == "entity:emmanuel macron"
        await pilot.press("h")
        assert app.screen.query_one(ArticleView).entity_key == "emmanuel macron"
        await pilot.press("enter")
        await settle(app, pilot)
        pane = app.screen.query_one(SearchPane)
        assert [(c.kind, c.value) for c in pane.chips] == [("PER", "Emmanuel Macron")]
        assert app.screen.filters.entities == [("PER", "Emmanuel Macron")]
        await pilot.click(".chip")
        await settle(app, pilot)
        assert pane.chips == [] and app.screen.filters is None


@run_async
async def test_stripped_block_and_related_from_sidebar() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        sidebar = app.screen.query_one(EntitySidebar)
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        sidebar.focus()
        sidebar.highlighted = ids.index(next(i for i in ids if i and i.startswith("stripped:")))
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert view.show_boilerplate
        sidebar.focus()
        sidebar.highlighted = ids.index("related:a2")
        await pilot.press("enter")
        assert view.article.id == "a2"


@run_async
async def test_zero_hits_offer_the_suggestion_and_errors_show() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "pariss")
        pane = app.screen.query_one(SearchPane)
        assert pane.results.get_option_at_index(0).id == "suggestion"
        pane.results.focus()
        await pilot.press("enter")
        assert pane.input.value == "paris"
        pane.input.value = ""
        await search(app, pilot, "(broken")
        assert status(app).startswith("Query error: unbalanced")


@run_async
async def test_narrow_layout_folds_the_sidebar() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one("#entity-sidebar")
        assert not sidebar.display
        await pilot.press("escape", "e")
        assert sidebar.display
        await pilot.press("e")
        assert not sidebar.display


@run_async
async def test_at_80_columns_the_sidebar_lies_over_the_article_instead_of_squeezing_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.focus()
        width = view.region.width
        await pilot.press("e")
        await pilot.pause()
        sidebar = app.screen.query_one("#entity-sidebar")
        assert sidebar.display and sidebar.region.width >= 30
        assert view.region.width == width >= 40  # unchanged: the sidebar is on top
        assert sidebar.region.right == view.region.right  # over the article's right side


@run_async
async def test_help_screen_lists_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        text = str(app.screen.query_one("#help-text").render())
        assert "Next search hit in the article" in text and "Bookmark" in text
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "MainScreen"


@run_async
async def test_enter_in_the_search_box_opens_the_top_hit_and_focuses_the_article() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        assert app.focused is app.screen.query_one(SearchPane).input
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == "a1"
        assert app.focused is view.body


@run_async
async def test_enter_opens_the_result_the_user_moved_to() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        pane = app.screen.query_one(SearchPane)
        pane.results.focus()
        await pilot.press("down")
        pane.input.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.query_one(ArticleView).article.id == "a2"


@run_async
async def test_enter_typed_before_the_results_opens_the_top_hit_when_they_come() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one(SearchPane)
        pane.input.focus()
        await pilot.press(*"paris", "enter")  # no pause: the search is still running
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == "a1"


@run_async
async def test_hostile_text_shows_literally_and_runs_nothing() -> None:
    app = make_app(hostile_article())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "click")
        await pilot.press("enter")
        await pilot.pause()
        title = str(app.screen.query_one("#article-title").render())
        meta = str(app.screen.query_one("#article-meta").render())
        assert title == "[@click=app.quit]x[/] title"
        assert "[link=file:///etc/passwd]me[/]" in meta and "\x1b" not in meta
        assert "[b]evil[i].txt" in meta and "PWNED" not in meta
        view = app.screen.query_one(ArticleView)
        assert "[@click=app.quit]here[/]" in view.body.text
        await pilot.click("#article-title")
        await pilot.click("#search-results")
        await pilot.pause()
        assert app.is_running and app.return_code is None


@run_async
async def test_history_recalls_earlier_queries(isolated_dirs) -> None:
    from reader.userdata.history import QueryHistory

    history = QueryHistory.load(isolated_dirs / "history.json")
    app = ReaderApp(
        MemoryLibrary([sample_article()]), history=history, config=Config(debounce_ms=0)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        await pilot.press("enter")  # a submitted query is remembered
        pane = app.screen.query_one(SearchPane)
        pane.input.focus()
        pane.input.value = ""
        await pilot.press("up")
        assert pane.input.value == "paris"
        await pilot.press("down")
        assert pane.input.value == ""
    assert QueryHistory.load(isolated_dirs / "history.json").entries == ["paris"]


@run_async
async def test_reading_position_is_remembered() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.move_cursor((2, 10))
        where = view.reading_position()
        app.screen.open_article("a2")
        assert view.body.cursor_location == (0, 0)
        app.screen.open_article("a1")
        assert view.reading_position() == where


@run_async
async def test_theme_switch_recolours_the_article() -> None:
    from reader.tui.widgets.article_text import THEME_NAME

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        body = app.screen.query_one(ArticleView).body
        for theme in ("reader-dark", "reader-paper", "reader-high-contrast"):
            app.theme = theme
            await pilot.pause()
            wanted = app.theme_variables["reader-hit"].lower()
            hit = body._themes[THEME_NAME].syntax_styles["hit"]
            assert hit.bgcolor.triplet.hex == wanted


@run_async
async def test_the_command_palette_offers_readers_actions() -> None:
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for typed, wanted in (("book", "Bookmarks"), ("filter", "Filter by"), ("export", "Export")):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*typed)
            await pilot.pause(0.3)  # the palette's own search delay
            options = app.screen.query_one(CommandList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            assert any(wanted in prompt for prompt in prompts), (typed, prompts)
            await pilot.press("escape")
            await pilot.pause()


@run_async
async def test_letters_typed_in_the_search_box_never_run_actions() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one(SearchPane)
        pane.input.focus()
        await pilot.press(*"the quiet bbc nxm?")
        await settle(app, pilot)
        assert pane.input.value == "the quiet bbc nxm?"
        assert app.is_running and app.screen.__class__.__name__ == "MainScreen"


@run_async
async def test_typing_in_the_article_goes_to_the_search_box() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.focus()
        await pilot.press(*"title:paris")
        await settle(app, pilot)
        pane = app.screen.query_one(SearchPane)
        assert app.screen.__class__.__name__ == "MainScreen"  # no theme picker
        assert pane.input.value == "title:paris" and app.focused is pane.input


@run_async
async def test_q_quits_outside_text_fields_and_ctrl_q_anywhere() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one(SearchPane).input.focus()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        again.screen.open_article("a1")
        again.screen.query_one(ArticleView).body.focus()
        await pilot.press("q")
        await pilot.pause()
    assert not again.is_running


@run_async
async def test_the_footer_says_how_to_quit_wherever_the_focus_is() -> None:
    def footer() -> str:
        return " ".join(str(key.render()) for key in app.screen.query("FooterKey"))

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, Input)  # the search box, at launch
        assert "^q Quit" in footer()
        app.screen.open_article("a1")
        app.screen.query_one(ArticleView).body.focus()
        await pilot.pause()
        assert "q ^q Quit" in footer()


@run_async
async def test_scrolling_to_the_end_of_the_results_loads_the_next_pages() -> None:
    many = [sample_article(f"n{number:03d}") for number in range(130)]
    app = make_app(*many)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        results = app.screen.query_one(SearchPane).results
        assert status(app) == "130 articles match, best first"
        assert results.option_count == 50
        results.focus()
        for expected in (100, 130):
            await pilot.press("end")
            await settle(app, pilot)
            assert results.option_count == expected
        assert len({results.get_option_at_index(i).id for i in range(130)}) == 130
        await pilot.press("end")
        await settle(app, pilot)
        assert results.option_count == 130  # nothing more to load


@run_async
async def test_s_sorts_the_results_newest_first_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        app.screen.query_one(SearchPane).results.focus()
        await pilot.press("s")
        await settle(app, pilot)
        assert status(app) == "2 articles match, newest first"
        await pilot.press("s")
        await settle(app, pilot)
        assert status(app) == "2 articles match, best first"


@run_async
async def test_a_long_query_error_wraps_instead_of_being_cut() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "date:foo")
        line = app.screen.query_one("#search-status")
        text = str(line.render())
        assert text.startswith("Query error: bad date 'foo'") and text.endswith("a..b)")
        assert line.region.height >= 2  # wrapped in the narrow pane
        assert line.region.width * line.region.height >= len(text)


@run_async
async def test_the_sidebar_says_what_its_numbers_are() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        await pilot.pause()
        sidebar = app.screen.query_one(EntitySidebar)
        lines = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        people = lines.index("People (1)")
        assert "mentions here · articles naming it" in lines[people + 1]
        assert any(line.endswith("1 · 1") for line in lines)  # Emmanuel Macron: 1 here, 1 article
        related = lines.index("Related (1)")
        assert "naming the same" in lines[related + 1]
        assert lines[related + 2].endswith("1 name shared")


@run_async
async def test_the_article_keys_work_from_the_sidebar_and_the_results() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "paris")
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        app.screen.query_one(EntitySidebar).focus()
        await pilot.press("b")
        assert view.show_boilerplate
        app.screen.query_one(SearchPane).results.focus()
        await pilot.press("n")
        assert view.current_hit == 0
        assert app.screen.query_one(SearchPane).input.value == "paris"  # nothing typed there


@run_async
async def test_an_entity_highlighted_is_marked_in_the_title_too() -> None:
    from reader.corpus.models import Entity

    article = sample_article()
    at = article.text.index("Paris")  # in the title line
    article.entities = [*article.entities, Entity("Paris", "LOC", at, at + 5, "paris")]
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.highlight_entity("paris")
        title = app.screen.query_one("#article-title").render()
        spans = [(span.start, span.end) for span in title.spans]
        assert str(title) == "Ministers meet in Paris" and (18, 23) in spans


@run_async
async def test_l_lists_the_articles_like_the_open_one_and_typing_ends_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        app.screen.query_one(ArticleView).body.focus()
        await pilot.press("l")
        await settle(app, pilot)
        assert status(app) == "1 article like «Ministers meet in Paris», best first"
        results = app.screen.query_one(SearchPane).results
        assert [results.get_option_at_index(i).id for i in range(results.option_count)] == [
            "article:a2"
        ]
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == "a2" and view.hits  # the telling words are lit
        await search(app, pilot, "paris")
        assert status(app) == "2 articles match, best first"
