"""Language detection: French, English, and "unknown" for everything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus.lang import detect_language, language_scores
from reader.corpus.textnorm import normalise
from seed_annotations import seed_articles

REPO = Path(__file__).resolve().parents[1]

FRENCH = [
    "Le gouvernement a annoncé jeudi une série de mesures pour soutenir le pouvoir d'achat "
    "des ménages, qui seront présentées au Parlement la semaine prochaine.",
    "Les « gilets jaunes » se sont de nouveau rassemblés samedi à Paris, où la police a "
    "procédé à plusieurs interpellations.",
    "Mark Zuckerberg soigne son carnet d'adresses en Asie. Après le Japon, le patron de Meta "
    "continue sa mini-tournée du continent en Corée du Sud.",
    # An all-caps title with few function words, then a short paragraph.
    "APPEL DE LA PREMIÈRE ASSEMBLÉE DES ASSEMBLÉES DES GILETS JAUNES\n\nNous, Gilets Jaunes "
    "des ronds-points, des parkings, des places, nous sommes réunis ces 26 et 27 janvier.",
]
ENGLISH = [
    "The government announced on Thursday a series of measures to support household "
    "incomes, which will be presented to Parliament next week.",
    "A string of storms, typhoons and earthquakes has made 2004 the most expensive year on "
    "record for property insurers, according to Swiss Re.",
    "Zuckerberg's visit to Seoul was his first since 2013, and he met the president's chief "
    "of staff at the office in Yongsan-gu.",
]
OTHER_LANGUAGES = [
    "Der Bundestag hat am Donnerstag über die neue Regelung für die Rente abgestimmt, und die "
    "Opposition war nicht einverstanden mit dem Gesetz.",
    "El gobierno de España anunció el lunes que las nuevas medidas para la economía entrarán "
    "en vigor en enero, según fuentes del ministerio.",
    "Il governo italiano ha approvato la legge di bilancio per il prossimo anno, che prevede "
    "anche una riduzione delle tasse per le famiglie.",
    "De regering heeft het nieuwe plan voor de economie gepresenteerd, maar de oppositie is "
    "niet tevreden met de maatregelen.",
    "O governo brasileiro anunciou nesta segunda-feira que as novas medidas para a economia "
    "entram em vigor em janeiro, segundo o ministério.",
    "Serwis GoodContents.net to nie jest zwykły katalog stron. To miejsce, gdzie możesz nie "
    "tylko wypromować swoją stronę, ale także zainteresować internautów jej tematyką.",
    "Αναγνωρίστηκε ως ιατρική πράξη η υπερθερμία, μέθοδος για την θεραπεία του καρκίνου, "
    "σύμφωνα με απόφαση του υπουργείου Υγείας.",
    "陈志云辞职香港无线 称与公司高层变动无关。2011年12月09日 来源：中国新闻网",
    # Cyrillic article text under an English copyright notice of the site.
    "Борьбе со СПИДом – 30 лет. Войти. Пароль. Забыли пароль? Регистрация. С правилами и "
    "условиями соглашаюсь. Any image placed is the subject to copyright law. В понедельник "
    "в Нью-Йорке прошла конференция, посвящённая тридцатилетию борьбы со СПИДом, на "
    "которой выступили врачи, учёные и представители общественных организаций.",
]


@pytest.mark.parametrize("text", FRENCH)
def test_french(text: str) -> None:
    assert detect_language(text) == "fr"


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_other_languages_are_unknown(text: str) -> None:
    assert detect_language(text) == "unknown"


@pytest.mark.parametrize(
    "text", ["", "   ", "Meta", "IA : Zuckerberg", "12/03/2024 10:05", "© AFP"]
)
def test_too_little_text_is_unknown(text: str) -> None:
    assert detect_language(text) == "unknown"


def test_half_french_half_english_is_unknown() -> None:
    text = (
        "The president said that the meeting was useful. "
        "Le président a dit que la réunion était utile."
    )
    assert detect_language(text) == "unknown"


def test_french_quote_in_english_article_stays_english() -> None:
    text = ENGLISH[0] + " He said it was « la fin du monde ». " + ENGLISH[1]
    assert detect_language(text) == "en"


def test_only_the_head_is_read() -> None:
    text = FRENCH[0] * 30 + ENGLISH[0] * 200
    assert detect_language(text) == "fr"


def test_english_possessive_does_not_count_as_french_elision() -> None:
    scores, _, _ = language_scores("Zuckerberg's and Meta's plans")
    assert scores["fr"] == 0


def test_seed_languages() -> None:
    for name, annotation in seed_articles().items():
        text = normalise((REPO / "seeds" / name).read_text(encoding="utf-8"))
        assert detect_language(text) == annotation["language"], name
