"""French and English cue phrases that name what a block of page furniture is.

Each cue is a pattern matched against a whole short block (``match`` from its
start, case-insensitive). A cue only decides on its own for short blocks; for
longer ones it is one feature among others (see ``classifier``).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

#: (reason, pattern) in priority order; the first matching cue gives the reason.
CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "update-note",
        re.compile(
            r"\(\s*(?:ajoute|ajout|actualise|met à jour|mise à jour|corrige|réécrit|complète|"
            r"adds?|updates?|recasts?|rewrites?|corrects?|changes?|tops?|writes? through|"
            r"refiles?|repeats?|fixes)\b[^()]{0,160}\)\s*$",
            _I,
        ),
    ),
    (
        "attribution",
        re.compile(
            r"(?:\(\s*(?:avec|with|source\s*:?|sources\s*:?)\s+[^()]{1,60}\)"
            r"|\(\s*(?:reportage|reporting|r[ée]daction|writing|editing|édité|edited|"
            r"compiled|additional reporting)\b[^()]{0,400}\)"
            r"|(?:source|sources)\s*:\s*\S[^.!?]{0,60})\s*$",
            _I,
        ),
    ),
    (
        # A copyright line naming an agency ("© 2018 AFP") credits the article, not a photo.
        "attribution",
        re.compile(
            r"(?i:©|\(c\)|copyright)\s*(?:\d{4}\s*)?[A-Z][A-Z.-]{1,12}(?:\s*/\s*[A-Z.-]{2,12})?\s*$"
        ),
    ),
    (
        "caption",
        re.compile(
            r"(?:©|\(c\)\s|^copyright\b|copyright\s*(?:\(c\)|:|\d{4})|cr[ée]dits?\s*(?:photo)?\s*:|photo\s*(?:credit)?\s*:|"
            r"image\s*(?:credit)?\s*:|illustration\s*:|getty images|afp photo|reuters/)",
            _I,
        ),
    ),
    (
        "related-link",
        re.compile(
            r"(?:[àa] lire (?:aussi|également|egalement)|"
            r"lire (?:aussi|également|egalement|la suite)|"
            r"voir aussi|[àa] voir aussi|sur le même sujet|dans la même rubrique|"
            r"read (?:more|also|next)|see also|"
            r"related(?: articles?| stories| content| posts?)?\s*:?|"
            r"more (?:on|from|about) this|recommended(?: for you| reading| stories)?\s*:?|"
            r"you (?:may|might) also (?:like|be interested)|vous aimerez aussi|"
            r"ces articles (?:pourraient|peuvent) vous int[ée]resser|[àa] d[ée]couvrir aussi)",
            _I,
        ),
    ),
    (
        "comments",
        re.compile(
            r"(?:\d+\s+)?(?:commentaires?|comments?|réactions?|reactions?)\s*(?:\(\d+\)|:?\s*\d+)?\s*$"
            r"|(?:laisser|laissez|ajouter|poster|écrire|rédiger) (?:un|votre) commentaire"
            r"|(?:leave|post|add|write) (?:a|your) (?:comment|reply)"
            r"|votre (?:adresse )?(?:e-?mail|courriel) ne sera pas"
            r"|your email(?: address)? will not be published"
            r"|tous les champs sont obligatoires|required fields are marked"
            r"|il n'y a (?:actuellement )?aucun commentaire|there are no comments"
            r"|soyez le premier|be the first to (?:comment|review)"
            r"|merci pour votre commentaire|thank you for your comment"
            r"|(?:vous devez être|you must be) (?:connecté|logged in)",
            _I,
        ),
    ),
    (
        "meta-widget",
        re.compile(
            r"(?:modifié le|mis à jour le|publié le|mise en ligne le|updated(?: on)?\s*:?|"
            r"published(?: on)?\s*:?|posted(?: on)?\s*:?|last (?:updated|modified)\b)"
            r"[\s\d/.:,hH-]*\w{0,12}[\s\d/.:,hH-]*$"
            r"|(?:lecture|temps de lecture|reading time)\s*:?\s*\d+\s*(?:min|minutes?)\b"
            r"|\d+\s*(?:min|minutes?)\s*(?:de lecture|read|reading)\b"
            r"|\d+(?:[.,]\d+)?\s*/\s*\d+\s*[-–(]\s*\(?\d+\s*(?:votes?|avis|ratings?)\)?\s*$"
            r"|(?:note|rating|évaluation)\s*:\s*\d",
            _I,
        ),
    ),
    (
        "byline",
        re.compile(
            r"(?i:written by|écrit par|rédigé par|publié par|posted by|article by|author\s*:|"
            r"auteur\s*:|about the author|à propos de l'auteur|par la rédaction)|"
            r"(?:(?:by|By|BY|par|Par|PAR)\s+[A-ZÀ-Ý][\w'-]+"
            r"(?:\s+(?:(?:de|du|des|di|da|van|von|der|den|le|la|d')\s*)?[A-ZÀ-Ý][\w'-]+){0,3}"
            r"\s*(?:[,|/-].{0,40})?$)",
        ),
    ),
    (
        # Widget labels: the label alone or with a few words ("Share this article").
        "site-chrome",
        re.compile(
            r"(?:partager|partagez|share(?: this)?|tweet|imprimer|print|accueil|home|menu|"
            r"sommaire|afficher le sommaire|masquer le sommaire|table of contents|"
            r"tags?|mots-clés|retour en haut|back to top|envoyer par e-?mail|email this|"
            r"publicité|advertisement|sponsored|sponsorisé|contenu sponsorisé|trending|"
            r"(?:sujets|articles) les \+? ?(?:lus|commentés|partagés)|les plus (?:lus|populaires)|"
            r"most (?:read|popular|viewed|shared))"
            r"(?:\s*[:|»›>-]?\s*[^\s.!?]+){0,3}\s*[:|»›>]?\s*$",
            _I,
        ),
    ),
    (
        # Calls to act on the page, whatever follows them.
        "site-chrome",
        re.compile(
            r"(?:follow us|suivez-nous|s'abonner|abonnez-vous|subscribe|sign up|sign in|"
            r"inscrivez-vous|inscrivez-vous à|se connecter|log in|connexion|"
            r"nous utilisons des cookies|we use cookies|ce site utilise des cookies|"
            r"this (?:site|website) uses cookies|(?:recevez|recevoir) (?:notre|la) newsletter|"
            r"newsletter)\b",
            _I,
        ),
    ),
]

#: Cue reasons that name page widgets (the others name notes and credits of the article itself).
WIDGET_CUES = frozenset({"site-chrome", "comments", "related-link", "meta-widget"})

#: Only punctuation, symbols or dashes: separators such as ``|`` or ``-``.
SEPARATOR = re.compile(r"^[\W_]{1,20}$")

#: Arrows and bullets that pages put before a link ("» Lire aussi").
_LEADING_MARKS = "»›>•·*–—- \t"

#: A block this short (in characters) is decided by its cue alone.
CUE_DECIDES_BELOW = 120


#: Longer than any trailing photo credit that _CAPTION_TAIL can match.
_CAPTION_TAIL_CHARS = 200
_CAPTION_TAIL = re.compile(
    r"\((?:cr[ée]dits?|photo|image|illustration|credit)\b[^()]{0,120}\)\s*$", re.IGNORECASE
)


#: A wire story's sign-off: the agency's name alone ("Reuter", "(AFP)") or the
#: desk's initials ("cors-pbl/pjl/cb").
_SIGN_OFF = re.compile(r"^(?:[(\[]?[A-Z][A-Za-z]{1,11}[)\]]?|[a-z]{2,6}(?:[-/][a-z]{1,4}){1,6})$")


def is_sign_off(text: str) -> bool:
    """True for a line that signs a wire story off, when it is the article's last block."""
    return bool(_SIGN_OFF.match(text.strip()))


def cue_reason(text: str) -> str | None:
    """The reason named by the first cue that matches the whole block, if any.

    Captions are recognised by a credit anywhere in a short block, or by a
    trailing photo credit in parentheses in a longer one.
    """
    stripped = text.strip()
    if SEPARATOR.match(stripped):
        return "site-chrome"
    stripped = stripped.lstrip(_LEADING_MARKS)
    for reason, pattern in CUES:
        if reason == "caption":
            if _CAPTION_TAIL.search(stripped[-_CAPTION_TAIL_CHARS:]) or (
                len(stripped) < CUE_DECIDES_BELOW and pattern.search(stripped)
            ):
                return reason
        elif pattern.match(stripped):
            return reason
    return None
