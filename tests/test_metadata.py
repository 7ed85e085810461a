"""Article metadata: title prefixes, dates, datelines, agencies, authors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corpus.models import Block, Metadata
from reader.corpus.textnorm import normalise
from reader.metadata import extract_metadata, split_title_prefix
from reader.metadata.agencies import credited_agencies
from reader.metadata.bylines import byline_author
from reader.metadata.datelines import parse_dateline
from reader.metadata.dates import find_date, human_date
from reader.metadata.publication import date_only, publication_date
from seed_annotations import seed_articles

REPO = Path(__file__).resolve().parents[1]


def plain_blocks(text: str) -> list[Block]:
    """One block per non-empty line, the first one the title (as the splitter makes them)."""
    blocks: list[Block] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            kind = "paragraph" if blocks else "title"
            blocks.append(Block(offset, offset + len(line), line, kind=kind, line=number))
        offset += len(line) + 1
    return blocks


def metadata_of(text: str, lang: str = "fr") -> Metadata:
    return extract_metadata(text, plain_blocks(text), lang)


# --- title prefixes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "prefix", "title", "told"),
    [
        (
            " date 2024-03-01 Yoon, Zuckerberg discuss AI",
            " date 2024-03-01 ",
            "Yoon, Zuckerberg discuss AI",
            {"date": "2024-03-01"},
        ),
        (
            "MISE À JOUR 2 – Les régulateurs chinois",
            "MISE À JOUR 2 – ",
            "Les régulateurs chinois",
            {"update": "MISE À JOUR 2"},
        ),
        ("UPDATE 1-Oil rises", "UPDATE 1-", "Oil rises", {"update": "UPDATE 1"}),
        ("UPDATE 2 - Oil rises", "UPDATE 2 - ", "Oil rises", {"update": "UPDATE 2"}),
        ("MISE À JOUR 1-Le pétrole", "MISE À JOUR 1-", "Le pétrole", {"update": "MISE À JOUR 1"}),
        ("CORRECTED-Oil rises", "CORRECTED-", "Oil rises", {"label": "CORRECTED"}),
        ("REFILE-Oil rises", "REFILE-", "Oil rises", {"label": "REFILE"}),
        ("EXCLUSIVE-U.S. to probe", "EXCLUSIVE-", "U.S. to probe", {"label": "EXCLUSIVE"}),
        ("EXCLUSIF-Renault va", "EXCLUSIF-", "Renault va", {"label": "EXCLUSIF"}),
        ("CORRIGÉ-Le titre", "CORRIGÉ-", "Le titre", {"label": "CORRIGÉ"}),
        ("BREAKING: Quake hits", "BREAKING: ", "Quake hits", {"label": "BREAKING"}),
        ("EN DIRECT - Gilets jaunes", "EN DIRECT - ", "Gilets jaunes", {"label": "EN DIRECT"}),
        ("VIDEO - Floods in Kent", "VIDEO - ", "Floods in Kent", {"label": "VIDEO"}),
        ("VIDÉO - Macron à Rungis", "VIDÉO - ", "Macron à Rungis", {"label": "VIDÉO"}),
        ("PHOTOS - Le carnaval", "PHOTOS - ", "Le carnaval", {"label": "PHOTOS"}),
        ("2024-03-01 Oil rises", "2024-03-01 ", "Oil rises", {"date": "2024-03-01"}),
        ("01/03/2024 - Le pétrole", "01/03/2024 - ", "Le pétrole", {"date": "2024-03-01"}),
        (
            "REFILE-UPDATE 1-Oil rises",
            "REFILE-UPDATE 1-",
            "Oil rises",
            {"label": "REFILE", "update": "UPDATE 1"},
        ),
    ],
)
def test_title_prefix_is_split(line: str, prefix: str, title: str, told: dict) -> None:
    assert split_title_prefix(line) == (prefix, title, told)


@pytest.mark.parametrize(
    "line",
    [
        "Vidéo de la semaine : les chats",
        "Video games sales soar",
        "Update on the economy: slower growth",
        "2004: An Irish Athletics Year",
        "1961-1962 : la guerre d'Algérie",
        "FOG - Ce qui nous guette",
        "SMIC : la hausse de 1,5 %",
        "Photos of the year",
        "UPDATE 1-",  # nothing would be left
        "13/25/2024 - not a date",
        "Exclusive interview with the minister",
    ],
)
def test_title_without_prefix_is_kept_whole(line: str) -> None:
    assert split_title_prefix(line) == (None, line, {})


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3 mars 2024", "2024-03-03"),
        ("1er janvier 2019", "2019-01-01"),
        ("18 mars", "--03-18"),
        ("March 1, 2024", "2024-03-01"),
        ("1 March 2024", "2024-03-01"),
        ("Jan. 5, 2024", "2024-01-05"),
        ("28 jan 2019", "2019-01-28"),
        ("12 févr. 2019", "2019-02-12"),
        ("15 août 2018", "2018-08-15"),
        ("décembre 2018", "2018-12"),
        ("March 2024", "2024-03"),
        ("12/03/2024", "2024-03-12"),
        ("03/25/2024", "2024-03-25"),
        ("2024-03-01", "2024-03-01"),
        ("lundi 3 décembre 2018", "2018-12-03"),
        ("Saturday, 26 February", "--02-26"),
    ],
)
def test_find_date(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize("text", ["mars", "13/13/2024", "le 45 mai", "12 marsupiaux", "2004"])
def test_find_date_rejects_non_dates(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 3 mars 2024 à 10h05", ("2024-03-03", False)),
        ("Mis à jour le 4 mars 2024", ("2024-03-04", True)),
        ("Modifié le 12/03/2024 à 10h05", ("2024-03-12", True)),
        ("Published: 1 March 2024", ("2024-03-01", False)),
        ("Updated March 1, 2024", ("2024-03-01", True)),
        ("Par Jean Dupont | Publié le 3 mars 2024", ("2024-03-03", False)),
        ("Publié le 3 mars", ("--03-03", False)),
    ],
)
def test_publication_lines(line: str, expected: tuple[str, bool]) -> None:
    assert publication_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Publié en octobre, un rapport du Giec est venu rappeler l'écart à attendre.",
        "Le rapport, publié le 3 mars 2020, montre une hausse.",
        "Publiée jeudi, l'étude montre une baisse.",
        "Modifié le",  # seed 002: the widget lost its date
        "Il a été élu en novembre 2020.",
    ],
)
def test_not_publication_lines(line: str) -> None:
    assert publication_date(line) is None


def test_ambiguous_numeric_dates_keep_only_the_year_unless_day_first() -> None:
    assert publication_date("Posted on Wednesday, 01.11.12", day_first=False) == ("2012", False)
    assert publication_date("Posted: 01/12/2012 1:00 AM", day_first=False) == ("2012", False)
    assert publication_date("Posted: 01/25/2012 1:00 AM", day_first=False) == ("2012-01-25", False)
    assert publication_date("Publié le 01/12/2012 à 10h00") == ("2012-12-01", False)


def test_english_article_numeric_date_is_not_guessed() -> None:
    text = "A title\n\nPosted: 01/12/2012 1:00 AM\n\nThe council met on Tuesday."
    assert metadata_of(text, "en").date == "2012"
    assert metadata_of(text, "fr").date == "2012-12-01"


def test_site_copyright_is_no_date() -> None:
    text = "A title\n\nThe council met on Tuesday.\n\nCopyright © 1997-2011 NetEase"
    assert metadata_of(text, "en").date is None
    text = "A title\n\nThe council met on Tuesday.\n\nCopyright 2008 Vancouver Sun"
    assert metadata_of(text, "en").date is None


def test_date_only_lines_need_a_year() -> None:
    assert date_only("13/12/2018 11:36:55 -") == "2018-12-13"
    assert date_only("Lundi 3 décembre 2018") == "2018-12-03"
    assert date_only("Saturday, 26 February") is None
    assert date_only("● Lundi 3 décembre") is None
    assert date_only("Le 3 décembre 2018, il est parti.") is None


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2024-03-18", "18 Mar 2024"),
        ("2024-03-01", "1 Mar 2024"),
        ("2024-03", "Mar 2024"),
        ("2024", "2024"),
        ("--03-18", "18 Mar (year unknown)"),
        ("--02-29", "29 Feb (year unknown)"),  # the year may be a leap year
        ("2024-02-29", "29 Feb 2024"),
        ("2019-12-31", "31 Dec 2019"),
    ],
)
def test_human_date_reads_every_stored_precision(iso: str, shown: str) -> None:
    assert human_date(iso) == shown


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-29",
        "2024-04-31",
        "2024-13",
        "2024-00",
        "--13-01",
        "--03",
        "-",
        "2024-3-1",
        "2024-03-18T10:00",
        "hier",
        "２０２４",
    ],
)
def test_human_date_returns_what_it_cannot_read_as_given(value: str) -> None:
    assert human_date(value) == value


def test_human_date_of_nothing_is_none() -> None:
    assert human_date(None) is None
    assert human_date("") is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_every_stored_form_of_a_date_reads_back(day: date) -> None:
    """Each precision names the same day, month and year as the ISO form it came from."""
    month = day.strftime("%b")
    assert human_date(day.isoformat()) == f"{day.day} {month} {day.year}"
    assert human_date(day.isoformat()[:7]) == f"{month} {day.year}"
    assert human_date(f"--{day.month:02d}-{day.day:02d}") == f"{day.day} {month} (year unknown)"


# --- datelines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dateline", "date", "agencies"),
    [
        (
            "BEIJING, 18 mars (Reuters) – Les régulateurs",
            "BEIJING, 18 mars",
            "--03-18",
            ("Reuters",),
        ),
        ("PARIS, 3 janvier (AFP) - Le gouvernement", "PARIS, 3 janvier", "--01-03", ("AFP",)),
        ("LONDON (Reuters) - Britain's economy", "LONDON", None, ("Reuters",)),
        ("WASHINGTON, March 1 (Reuters) - The", "WASHINGTON, March 1", "--03-01", ("Reuters",)),
        ("NEW YORK, Jan. 5, 2024 (AP) — The", "NEW YORK, Jan. 5, 2024", "2024-01-05", ("AP",)),
        ("Paris, 28 jan 2019 (AFP) -", "Paris, 28 jan 2019", "2019-01-28", ("AFP",)),
        (
            "Bruxelles, le 3 mars 2024 (Belga) - Le",
            "Bruxelles, le 3 mars 2024",
            "2024-03-03",
            ("Belga",),
        ),
        ("GENÈVE (Keystone-ATS) - Le Conseil", "GENÈVE", None, ("ATS",)),
        ("Paris (AFP/nxp) - Le", "Paris", None, ("AFP",)),
        ("PARIS | Après les manifestations de samedi, le gouvernement a réagi.", "PARIS", None, ()),
        (
            "Dannenberg, Allemagne — De violents incidents ont opposé hier la police à des écolos.",
            "Dannenberg, Allemagne",
            None,
            (),
        ),
        (
            "Québec — Un membre du gouvernement Sarkozy a refusé hier de commenter.",
            "Québec",
            None,
            (),
        ),
    ],
)
def test_datelines(text: str, dateline: str, date: str | None, agencies: tuple) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.text, found.date, found.agencies) == (dateline, date, agencies)


@pytest.mark.parametrize(
    "text",
    [
        "LE SCAN POLITIQUE - Le gouvernement doit profiter de la semaine",
        "VIDÉO - Le président a parlé",
        "Lire aussi Coignard - Le grand débat",
        "Michel Richard - La France",
        "Emmanuel Macron - président",
        "REUTERS – Jean Claude MOSCHETTI/REA",
        "HOME | News | Sport | Business",
        "Shopping |",
        "Web History | Settings | Sign in to see your searches and results here.",
        "Orissa Current News | Orissa Diary, Latest News Orissa, News Headlines, and more.",
        "Les régulateurs chinois ont récemment convoqué 11 entreprises.",
        "Le Clubhouse a été brièvement accessible en Chine.",
    ],
)
def test_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


# --- agencies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("(Avec AFP)", ["AFP"]),
        ("(avec AFP)", ["AFP"]),
        ("(AFP)", ["AFP"]),
        ("(Reuters)", ["Reuters"]),
        ("(AFP/Le Matin)", ["AFP"]),
        ("Source: AFP", ["AFP"]),
        ("Sources : AFP et Reuters", ["AFP", "Reuters"]),
        ("avec Reuters", ["Reuters"]),
        ("AFP/Relaxnews", ["AFP", "Relaxnews"]),
        ("© 2018 AFP", ["AFP"]),
        ("(Belga)", ["Belga"]),
        ("(Keystone-ATS)", ["ATS"]),
        ("Avec La Presse Canadienne", ["PC"]),
        ("Avec Associated Press", ["AP"]),
        ("(Agence QMI)", ["Agence QMI"]),
        ("Jean Dupont, with Reuters", ["Reuters"]),
        ("Le ministre l'a confirmé. (AFP)", ["AFP"]),
        ("Angers-Bordeaux a été reprogrammé le 15 janvier. (AFP/nxp)", ["AFP"]),
    ],
)
def test_credited_agencies(text: str, agencies: list[str]) -> None:
    assert credited_agencies(text) == agencies


@pytest.mark.parametrize(
    "text",
    [
        "(AP-HP)",
        "(APVF)",
        "© AFP",  # photo credit under a picture
        "© AP",
        "REUTERS/Carlos Garcia Rawlins",
        "Reuters",
        "Il l'a dit à l'Agence France-Presse (AFP) lundi.",
        "Selon Reuters, le prix a baissé.",
        "(Reportage de Yingzhi Yang et Tony Munroe; Édité par Jane Wardell)",
        "(Reporting by Jane Smith; Editing by John Doe)",
    ],
)
def test_no_agency_credited(text: str) -> None:
    assert credited_agencies(text) == []


# --- bylines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Par Jean Dupont", "Jean Dupont"),
        ("By Jane Smith", "Jane Smith"),
        ("By Jane Smith, BBC News", "Jane Smith"),
        ("Par Jean Dupont, envoyé spécial à Kiev", "Jean Dupont"),
        ("Auteur : Marie Curie", "Marie Curie"),
        ("Jean Dupont, with Reuters", "Jean Dupont"),
        ("Par Gaëtan de Capèle", "Gaëtan de Capèle"),
        ("Par Valéry Giscard d’Estaing", "Valéry Giscard d’Estaing"),
        ("Par Laurent Eyraud-Chaume et Sylvie Larue", "Laurent Eyraud-Chaume, Sylvie Larue"),
        ("Par Suzy Rojtman Porte-parole du Collectif", "Suzy Rojtman"),
        ("Par Géry De Maet.Alors que la colère ne semble pas s'estomper, " * 3, "Géry De Maet"),
        ("By J. R. Hartley", "J. R. Hartley"),
        ("Par Patrick le Hyaric, directeur de l'Humanité.", "Patrick le Hyaric"),
        ("By ERYN BROWN, Los Angeles Times", "ERYN BROWN"),
        ("By Andrea Woo, Vancouver Sun", "Andrea Woo"),
        ("By Jane Smith, John Doe and Ann Lee", "Jane Smith, John Doe, Ann Lee"),
    ],
)
def test_bylines(text: str, author: str) -> None:
    assert byline_author(text) == author


@pytest.mark.parametrize(
    "text",
    [
        "Par ailleurs, le ministre a précisé sa position.",
        "Par mesure de sécurité, la bourgmestre a demandé le démontage.",
        "By the end of 2004 Microsoft aims to launch search software.",
        "By 2025, 40% of the UK's population will still be without internet access.",
        "By Christmas Day, the shops were empty and everyone had gone home for the holidays, "
        "leaving the high street deserted.",
        "By Reuters Staff",
        "By METRO REPORTER",
        "Posted by: D. C. Sessions | January 12, 2012 7:15 AM",
        "Par AFP",
        "By Mr Blair",
        "Par Emmanuel Macron et les siens, la France a changé.",
        "Auteur d’« Eux » et « nous » ? Une alternative au populisme de gauche.",
        "Par quelle folle médecine le Français est-il forcé à avaler sa pastille ?",
    ],
)
def test_not_bylines(text: str) -> None:
    assert byline_author(text) is None


# --- whole articles ------------------------------------------------------------------


def test_written_by_label_then_name_block() -> None:
    text = "A title\n\nSome text of the article.\n\nWritten By\n\nJiri Bílek\n\nJiri crafts tales."
    assert metadata_of(text, "en").author == "Jiri Bílek"


def test_label_followed_by_a_sentence_is_no_author() -> None:
    text = "A title\n\nWritten By\n\nThe editors of this site want to hear from you."
    assert metadata_of(text, "en").author is None


def test_wire_story_end_to_end() -> None:
    text = (
        "UPDATE 1-Oil rises on supply worries\n\n"
        "By Jane Smith\n\n"
        "LONDON, March 1 (Reuters) - Oil prices rose on Friday.\n\n"
        "Prices had fallen in November 2020, when demand collapsed.\n\n"
        "(Reporting by Jane Smith; Editing by John Doe)"
    )
    assert metadata_of(text, "en") == Metadata(
        date="--03-01",
        agency="Reuters",
        author="Jane Smith",
        dateline="LONDON, March 1",
        update="UPDATE 1",
        title_prefix="UPDATE 1-",
    )


def test_afp_copy_with_trailing_timestamp() -> None:
    text = (
        "Le titre\n\nLe gouvernement a annoncé lundi des mesures.\n\n"
        "Le ministre a été interrogé en novembre 2020.\n\n"
        "13/12/2018 11:36:55 -\n\nParis (AFP) -\n\n© 2018 AFP"
    )
    meta = metadata_of(text)
    assert (meta.date, meta.agency, meta.dateline) == ("2018-12-13", "AFP", "Paris")


def test_publication_line_beats_dateline_date() -> None:
    text = (
        "Le titre\n\nPar Jean Dupont | Publié le 3 mars 2024 à 10h05\n\n"
        "PARIS, 2 mars (AFP) - Le gouvernement a annoncé des mesures."
    )
    meta = metadata_of(text)
    assert (meta.date, meta.author, meta.agency) == ("2024-03-03", "Jean Dupont", "AFP")


def test_body_dates_and_mentions_invent_nothing() -> None:
    text = (
        "Le Clubhouse en Chine\n\n"
        "Le service a été bloqué dans le pays début février 2021, selon l'AFP.\n\n"
        "Le 3 mars 2021, le rapport publié le 4 mars 2021 par l'Agence France-Presse (AFP) "
        "montrait une hausse.\n\n"
        "Par ailleurs, Reuters a rapporté que l'application était populaire."
    )
    assert metadata_of(text) == Metadata()


def test_year_from_copyright_when_nothing_better() -> None:
    text = "Le titre\n\nLe gouvernement a annoncé lundi des mesures.\n\n© 2019 AFP"
    meta = metadata_of(text)
    assert (meta.date, meta.agency) == ("2019", "AFP")


def test_article_without_title_block() -> None:
    text = "PARIS, 3 janvier (AFP) - Le gouvernement a annoncé des mesures."
    blocks = [Block(0, len(text), text, kind="paragraph")]
    meta = extract_metadata(text, blocks, "fr")
    assert (meta.dateline, meta.agency, meta.title_prefix) == ("PARIS, 3 janvier", "AFP", None)


def test_stripped_blocks_are_read_too() -> None:
    text = "Le titre\n\nLe texte.\n\n(Avec AFP)"
    blocks = plain_blocks(text)
    blocks[-1].kept = False
    blocks[-1].reason = "attribution"
    assert extract_metadata(text, blocks, "fr").agency == "AFP"


# --- seeds ---------------------------------------------------------------------------


def _seeds() -> list[tuple[str, dict]]:
    return sorted(seed_articles().items())


@pytest.mark.parametrize(("name", "annotation"), _seeds())
def test_seed_title_and_metadata(name: str, annotation: dict) -> None:
    text = normalise((REPO / "seeds" / name).read_text(encoding="utf-8"))
    blocks = plain_blocks(text)
    prefix, title, _ = split_title_prefix(blocks[0].text)
    assert title.split() == annotation["title"].split()  # the annotation has plain spaces
    assert prefix == annotation.get("title_prefix_is_metadata")
    meta = extract_metadata(text, blocks, annotation["language"])
    for key, value in annotation["metadata"].items():
        assert getattr(meta, key) == value, (name, key)
    assert meta.title_prefix == annotation.get("title_prefix_is_metadata")
