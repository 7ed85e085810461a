"""Quotation extraction on sentences written for each construction (no model: entities by hand)."""

from __future__ import annotations

import re

import pytest

from reader.corpus.models import Article, Block, Entity
from reader.entities import entity_key
from reader.quotes import Quote, article_quotes, find_quotes
from reader.quotes.marks import quoted_spans


def people(text: str, *names: str, label: str = "PER") -> list[Entity]:
    """Every occurrence of each name as an entity, as the model and the harmonisation give them."""
    found = []
    for name in names:
        for match in re.finditer(re.escape(name), text):
            found.append(Entity(name, label, match.start(), match.end(), entity_key(name, label)))
    return sorted(found, key=lambda e: e.start)


def quotes(text: str, lang: str, *names: str) -> list[Quote]:
    return find_quotes(text, lang, people(text, *names))


def said(found: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in found]


# marks -------------------------------------------------------------------------
@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", ""])
def test_guillemets_with_or_without_inner_spaces(space: str):
    text = f"«{space}Nous partons demain{space}», a déclaré Jean Dupont."
    (quote,) = quotes(text, "fr", "Jean Dupont")
    assert quote.text == "Nous partons demain"
    assert text[quote.start : quote.end] == quote.text


def test_nested_marks_belong_to_the_outer_quotation():
    text = "« Il m'a dit “non” puis « jamais » hier soir », a raconté Paul Martin."
    (quote,) = quotes(text, "fr", "Paul Martin")
    assert quote.text == "Il m'a dit “non” puis « jamais » hier soir"
    assert quote.speaker == "Paul Martin"


def test_apostrophes_are_not_single_quotes():
    text = "Korea’s president said the players’ union was ‘ready to talk’ this week."
    assert [text[s.start : s.end] for s in quoted_spans(text)] == ["ready to talk"]


def test_quotation_over_paragraphs_reopened_each_time():
    text = 'Mr Frost added: "The outlook is bad.\n\n"Prices may fall next year."\n\nRates held.'
    (quote,) = quotes(text, "en", "Mr Frost")
    assert quote.text.startswith("The outlook") and quote.text.endswith("fall next year.")


def test_quotation_over_paragraphs_joined_on_one_line():
    text = 'Bailey said: "It will be tough for us. "I am confident about the future."'
    (quote,) = quotes(text, "en", "Bailey")
    assert quote.text == 'It will be tough for us. "I am confident about the future.'


def test_french_quotation_over_paragraphs_without_reopening():
    text = (
        "« Quand j’ai commencé, tout allait bien.\n\nPuis tout a changé. »\n\nFin de l'entretien."
    )
    assert [text[s.start : s.end] for s in quoted_spans(text)] == [
        "Quand j’ai commencé, tout allait bien.\n\nPuis tout a changé."
    ]


def test_unclosed_quotation_ends_with_its_paragraph():
    text = "« Nous partons demain.\n\nLe ministre n'a pas répondu."
    assert [text[s.start : s.end] for s in quoted_spans(text)] == ["Nous partons demain."]


# cues and speakers ---------------------------------------------------------------
def test_cue_after_with_inverted_subject_past_a_phrase():
    text = (
        "« Nous avons eu de bonnes discussions », a déclaré mercredi à des journalistes"
        " Yoshi Hayashi, porte-parole du gouvernement."
    )
    (quote,) = quotes(text, "fr", "Yoshi Hayashi")
    assert (quote.speaker, quote.cue, quote.partial) == ("Yoshi Hayashi", "a déclaré", False)
    assert quote.speaker_key == "yoshi hayashi"


def test_pronoun_and_role_resolve_to_the_last_speaker():
    text = (
        "« Il a parlé de coopération », a déclaré Sung Tae-yoon, chef de cabinet.\n\n"
        "« Le président a insisté sur la mémoire », a détaillé le responsable.\n\n"
        "Le pays « peut devenir une plateforme exceptionnelle » pour l'IA, a-t-il noté."
    )
    found = quotes(text, "fr", "Sung Tae-yoon")
    assert [q.speaker for q in found] == ["Sung Tae-yoon"] * 3
    assert [q.cue for q in found] == ["a déclaré", "a détaillé", "a-t-il noté"]
    assert [q.partial for q in found] == [False, False, True]


def test_role_resolves_to_the_person_given_that_role():
    text = (
        "Le procureur de Lyon, Marie Curie, a ouvert une enquête. Paul Martin s'est tu.\n\n"
        "« Les faits sont graves », a précisé le procureur."
    )
    (quote,) = quotes(text, "fr", "Marie Curie", "Paul Martin")
    assert quote.speaker == "Marie Curie"


def test_short_name_resolves_to_the_full_name_given_before():
    text = (
        "Sung Tae-yoon, chief of staff, met reporters.\n\n"
        "“As competition has intensified, we must act fast,” Sung said."
    )
    (quote,) = quotes(text, "en", "Sung Tae-yoon")
    assert (quote.speaker, quote.cue) == ("Sung Tae-yoon", "said")


def test_cue_in_the_middle_serves_both_parts():
    text = '"We are ready for this," he said, "and we will win." Anna Berg had spoken first.'
    found = quotes("Anna Berg arrived. " + text, "en", "Anna Berg")
    assert said(found) == [
        ("We are ready for this,", "Anna Berg"),
        ("and we will win.", "Anna Berg"),
    ]


def test_colon_and_verb_before_the_quotation():
    text = 'Tim Osborne told the agency: "If they default, we will fight them in court."'
    (quote,) = quotes(text, "en", "Tim Osborne")
    assert (quote.speaker, quote.cue, quote.partial) == ("Tim Osborne", "told", False)


def test_colon_after_a_name_without_verb():
    text = "Réaction de Marine Dubois : « C'est une honte pour tout le pays. »"
    (quote,) = quotes(text, "fr", "Marine Dubois")
    assert (quote.speaker, quote.cue) == ("Marine Dubois", ":")


@pytest.mark.parametrize(
    ("text", "lang", "cue"),
    [
        ("« Il faut partir vite », selon Pascal Blanc.", "fr", "selon"),
        ("Selon Pascal Blanc, « il faut partir vite ».", "fr", "selon"),
        ('The talks "failed badly last night", according to Pascal Blanc.', "en", "according to"),
    ],
)
def test_source_phrases(text: str, lang: str, cue: str):
    (quote,) = quotes(text, lang, "Pascal Blanc")
    assert (quote.speaker, quote.cue) == ("Pascal Blanc", cue)


def test_quotation_with_no_cue_goes_to_the_person_who_just_spoke():
    text = '"Listing is one option," said David Dein. "We are flexible on that issue."'
    found = quotes(text, "en", "David Dein")
    assert [q.speaker for q in found] == ["David Dein", "David Dein"]
    assert found[1].cue is None


def test_subject_before_an_apposition_speaks():
    text = 'Jane Lush, controller of entertainment, said: "Comedy matters to our audiences."'
    (quote,) = quotes(text, "en", "Jane Lush")
    assert quote.speaker == "Jane Lush"


def test_each_fragment_takes_its_own_cue_and_bodies_speak_as_written():
    text = (
        "Les régulateurs ont demandé « de mener des évaluations » et des rapports qui"
        " « montrent leur capacité », indique le communiqué."
    )
    found = quotes(text, "fr")
    assert [(q.speaker, q.cue, q.partial) for q in found] == [
        ("Les régulateurs", "ont demandé", True),
        ("le communiqué", "indique", True),
    ]


def test_quotation_is_fragment_or_full_by_its_place_and_length():
    text = (
        "Le ministre Paul Martin a dénoncé une « situation totalement inacceptable » hier."
        " « Nous ne céderons rien à personne », a-t-il ajouté."
    )
    found = quotes(text, "fr", "Paul Martin")
    assert [(q.speaker, q.partial) for q in found] == [
        ("Paul Martin", True),
        ("Paul Martin", False),
    ]


# not quotations --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les régulateurs ont parlé de la technologie « deepfake » jeudi.", "fr"),
        ("Des « gilets jaunes » ont bloqué la route ; les gilets jaunes sont repartis.", "fr"),
        ("Le film « La Grande Vadrouille » repasse ce soir à la télévision.", "fr"),
        ('Antonio "LA" Reid runs the label.', "en"),
        ('A campaign dubbed "Back to the Future of Work" started on Monday.', "en"),
        (
            "Un autre groupe, baptisé « Compteur officiel des manifestants », a perdu des membres.",
            "fr",
        ),
    ],
)
def test_names_titles_and_scare_quotes_are_not_quotations(text: str, lang: str):
    assert find_quotes(text, lang, []) == []


def test_short_fragment_is_a_quotation_when_someone_is_said_to_speak_it():
    text = "Paul Martin told reporters the plan was an “excellent platform” for growth."
    (quote,) = quotes(text, "en", "Paul Martin")
    assert (quote.text, quote.speaker, quote.partial) == ("excellent platform", "Paul Martin", True)


# plain data and articles -------------------------------------------------------------
def test_quote_round_trips_through_json():
    quote = Quote(3, 9, "hello!", "Ann Kite", "ann kite", "said", False)
    assert Quote.from_json(quote.to_json()) == quote


def test_article_quotes_use_text_offsets_and_skip_stripped_blocks():
    text = (
        "Title with « a quoted title »\n\n"
        "Lire aussi « Les voisins parlent de tout et de rien »\n\n"
        "« Nous restons ici pour longtemps », a déclaré Paul Martin."
    )
    title_end = text.index("\n")
    link = text.index("Lire")
    body = text.index("« Nous")
    blocks = [
        Block(0, title_end, text[:title_end], kind="title", line=1),
        Block(link, text.index("\n", link), "", line=3, kept=False, reason="related-link"),
        Block(body, len(text), text[body:], line=5),
    ]
    article = Article("a", "a.txt", text, text[:title_end], "fr", blocks)
    clean = article.clean_text
    (quote,) = article_quotes(article, people(clean, "Paul Martin"))
    assert quote.text == "Nous restons ici pour longtemps"
    assert text[quote.start : quote.end] == quote.text and quote.speaker == "Paul Martin"


def test_empty_and_markless_texts():
    assert find_quotes("", "fr") == []
    assert find_quotes("Rien à citer ici.", "fr") == []
    assert find_quotes('He said "', "en") == []


# the command's lines -------------------------------------------------------------------
def test_readable_line_strips_control_characters_and_folds_lines():
    from reader.cli.quotes_cmd import quote_line

    quote = Quote(0, 10, "Bad\x1b[31m red\nline", "Ann\x07 Kite", None, "said", True)
    line = quote_line(quote)
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line
    assert line == "  Ann Kite: «Bad red line» (said) [fragment]"


def test_quotes_command_reports_a_missing_file(capsys, tmp_path):
    from reader.cli import main

    assert main(["quotes", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err
