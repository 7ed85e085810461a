"""Hand-made articles for the search tests (French, English, one German)."""

from __future__ import annotations

from reader.search import IndexDoc


def doc(doc_id: str, title: str, lang: str, body: str, **extra) -> IndexDoc:
    fields = {
        "date": None,
        "agency": None,
        "author": None,
        "source": None,
        "entities": {},
        "content_hash": f"hash-{doc_id}",
    }
    fields.update(extra)
    return IndexDoc(
        id=doc_id, path=f"/corpus/{doc_id}.txt", title=title, lang=lang, body=body, **fields
    )


DOCS = [
    doc(
        "fr1",
        "Les régulateurs face à la désinformation",
        "fr",
        "Les régulateurs européens ont publié un rapport sur la désinformation en ligne. "
        "Les élections approchent et la Commission veut agir vite.",
        date="2024-03-01",
        source="lemonde",
        author="Jean Dupont",
        agency="AFP",
        entities={
            "PER": ["Thierry Breton"],
            "ORG": ["Commission européenne"],
            "LOC": ["Bruxelles"],
        },
    ),
    doc(
        "fr2",
        "Un nouveau régulateur",
        "fr",
        "Un régulateur a été nommé. La décision, régulée par la loi, a été annoncée à Séoul "
        "lors d'une réunion.",
        date="--03-18",
        source="lemonde",
        entities={"LOC": ["Séoul"]},
    ),
    doc(
        "en1",
        "Meeting in Seoul",
        "en",
        "The meetings were running late. Mark Zuckerberg met officials in Seoul to discuss "
        "content moderation.",
        date="2023-11",
        source="reuters",
        agency="Reuters",
        entities={"PER": ["Mark Zuckerberg"], "ORG": ["Meta"], "LOC": ["Seoul"]},
    ),
    doc(
        "en2",
        "Running the election",
        "en",
        "Election officials held a meeting about disinformation. Regulators were running out "
        "of time before the vote.",
        date="2024",
        source="bbc",
        entities={"ORG": ["Meta"], "LOC": ["Paris"]},
    ),
    doc(
        "en3",
        "Oil prices climb",
        "en",
        "Oil prices rose sharply on Monday. The café owners held a naïve debate about energy "
        "while OPEC ministers met.",
        date="2022-05-10",
        source="bbc",
        author="Jane Smith",
        entities={"ORG": ["OPEC"], "PER": ["José Álvarez"], "MISC": ["Brent crude"]},
    ),
    doc(
        "de1",
        "Der Regulierer entscheidet",
        "de",
        "Der Regulierer hat heute entschieden. Die Entscheidung betrifft Meta.",
        source="spiegel",
        entities={"ORG": ["Meta"]},
    ),
]


def test_sample_articles_have_unique_ids_and_known_languages():
    assert len({d.id for d in DOCS}) == len(DOCS)
    assert {d.lang for d in DOCS} == {"fr", "en", "de"}
