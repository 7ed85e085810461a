"""Country names in French and English: a gazetteer for the entity ruler.

The statistical models miss some country names in ordinary sentences (the
French model leaves "Après le Japon, …" untagged). Country names are a
closed, well-known set, so they are tagged by lookup. Names that are also
common first names, surnames or words (Chad, Jordan, Georgia, Turkey,
Dominique, Maurice, Guinée-Bissau's short forms, ...) are left out: the model
decides those from context.
"""

from __future__ import annotations

from functools import cache

from reader.corpus.textnorm import fold

FRENCH = (
    "Afghanistan", "Afrique du Sud", "Albanie", "Algérie", "Allemagne", "Andorre", "Angola",
    "Arabie saoudite", "Argentine", "Arménie", "Australie", "Autriche", "Azerbaïdjan",
    "Bahreïn", "Bangladesh", "Belgique", "Bénin", "Bhoutan", "Biélorussie", "Birmanie",
    "Bolivie", "Bosnie-Herzégovine", "Botswana", "Brésil", "Bulgarie", "Burkina Faso",
    "Burundi", "Cambodge", "Cameroun", "Canada", "Cap-Vert", "Chili", "Chine", "Chypre",
    "Colombie", "Comores", "Congo", "Corée du Nord", "Corée du Sud", "Corée", "Costa Rica",
    "Côte d'Ivoire", "Côte d’Ivoire", "Croatie", "Cuba", "Danemark", "Djibouti", "Égypte",
    "Émirats arabes unis", "Équateur", "Érythrée", "Espagne", "Estonie", "Eswatini",
    "États-Unis", "Éthiopie", "Finlande", "France", "Gabon", "Gambie", "Ghana", "Grèce",
    "Guatemala", "Guinée", "Haïti", "Honduras", "Hongrie", "Inde", "Indonésie", "Irak",
    "Iran", "Irlande", "Islande", "Israël", "Italie", "Jamaïque", "Japon", "Kazakhstan",
    "Kenya", "Kirghizistan", "Kosovo", "Koweït", "Laos", "Lettonie", "Liban", "Liberia",
    "Libye", "Liechtenstein", "Lituanie", "Luxembourg", "Macédoine du Nord", "Madagascar",
    "Malaisie", "Malawi", "Mali", "Malte", "Maroc", "Mauritanie", "Mexique", "Moldavie",
    "Monaco", "Mongolie", "Monténégro", "Mozambique", "Namibie", "Népal", "Nicaragua",
    "Niger", "Nigeria", "Norvège", "Nouvelle-Zélande", "Oman", "Ouganda", "Ouzbékistan",
    "Pakistan", "Palestine", "Panama", "Paraguay", "Pays-Bas", "Pérou", "Philippines",
    "Pologne", "Portugal", "Qatar", "République centrafricaine", "République tchèque",
    "Roumanie", "Royaume-Uni", "Russie", "Rwanda", "Salvador", "Sénégal", "Serbie",
    "Sierra Leone", "Singapour", "Slovaquie", "Slovénie", "Somalie", "Soudan",
    "Soudan du Sud", "Sri Lanka", "Suède", "Suisse", "Syrie", "Tadjikistan", "Taïwan",
    "Tanzanie", "Tchad", "Thaïlande", "Togo", "Tunisie", "Turkménistan", "Turquie",
    "Ukraine", "Uruguay", "Venezuela", "Vietnam", "Viêt Nam", "Yémen", "Zambie", "Zimbabwe",
)  # fmt: skip

ENGLISH = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium",
    "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Bulgaria",
    "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde", "Chile",
    "China", "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus",
    "Czech Republic", "Denmark", "Djibouti", "Ecuador", "Egypt", "El Salvador", "Eritrea",
    "Estonia", "Eswatini", "Ethiopia", "Finland", "France", "Gabon", "Gambia", "Germany",
    "Ghana", "Greece", "Guatemala", "Guinea", "Haiti", "Honduras", "Hungary", "Iceland",
    "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast",
    "Jamaica", "Japan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos",
    "Latvia", "Lebanon", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
    "Madagascar", "Malawi", "Malaysia", "Mali", "Malta", "Mauritania", "Mexico", "Moldova",
    "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia",
    "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
    "North Macedonia", "Norway", "Oman", "Pakistan", "Palestine", "Panama", "Paraguay",
    "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
    "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia",
    "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan",
    "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo",
    "Tunisia", "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates",
    "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam",
    "Yemen", "Zambia", "Zimbabwe",
)  # fmt: skip


def country_names(lang: str) -> tuple[str, ...]:
    return FRENCH if lang == "fr" else ENGLISH


@cache
def _folded_names() -> frozenset[str]:
    return frozenset(fold(name) for name in (*FRENCH, *ENGLISH))


def is_country(name: str) -> bool:
    """Whether ``name`` is a country's name in French or English (case and accents aside)."""
    return fold(name) in _folded_names()
