"""Words that introduce, attribute or name a quotation, in French and English.

Plain word lists, read by :mod:`reader.quotes.cues`. Verb lists hold the
conjugated forms news writing uses for reported speech (present, imperfect,
past participle, simple past, ``-ing``), not whole paradigms.
"""

from __future__ import annotations

from itertools import chain


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _er_verb(stem: str) -> tuple[str, ...]:
    """Forms of a regular French ``-er`` verb used to report speech (``déclar`` -> ``déclare``)."""
    endings = ("e", "ent", "ait", "aient", "é", "ée", "és", "ées", "a", "èrent")
    return tuple(stem + ending for ending in endings)


_FR_ER_STEMS = _words(
    """
    déclar affirm ajout expliqu indiqu précis soulign estim not confi lanc assur annonc insist
    détaill racont avou regrett dénonc déplor jug demand réclam plaid exclam tweet résum gliss
    souffl ironis tonn fustig témoign observ relev constat signal exhort confirm nuanc argument
    raill emport comment analys avanc accus critiqu interpell clam proclam alert relat tranch
    certifi jur rétorqu répliqu object protest revendiqu contest insurg indign étonn interrog
    félicit martel rappel appel mentionn prôn invit lâch cit dévoil rassur attest souhait espér
    cri hurl murmur chuchot grond
    """
)
_FR_IRREGULAR = _words(
    """
    dit dis disait disaient disent dira écrit écrivait écrivent écrite poursuit poursuivi
    poursuivait conclut conclu concluait répond répondu répondait répondent reconnaît reconnait
    reconnu reconnue reconnaissait admet admis admise admettait soutient soutenu soutenait
    promet promis promettait prévient prévenu prévenait convient convenu dément démenti reprend
    repris répète répété répétait rappelle rappelait appelle martèle martelé considère considéré
    tempère tempéré espère espéré inquiète réjouit suggère suggéré insiste interpelle avertit
    averti réagit réagi énonce énoncé prédit
    """
)
FR_SPEECH_VERBS = frozenset(chain.from_iterable(map(_er_verb, _FR_ER_STEMS))) | _FR_IRREGULAR

_EN_REGULAR = _words(
    """
    add explain state note argue insist warn claim declare announce ask respond comment remark
    continue conclude admit acknowledge suggest predict maintain stress emphasise emphasize urge
    recall confirm complain describe joke quip promise vow boast concede agree observe recount
    reveal report tweet shout demand pledge caution allege contend counter reason assert affirm
    mention reiterate repeat testify whisper exclaim scream answer
    """
)


def _en_forms(verb: str) -> tuple[str, ...]:
    base = verb[:-1] if verb.endswith("e") else verb
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
    return (verb, third, past, base + "ing")


_EN_IRREGULAR = _words(
    """
    say says said saying tell tells told telling write writes wrote written writing reply
    replies replied replying deny denies denied denying cry cries cried admitted admitting
    quipped quipping went goes point points pointed
    """
)
EN_SPEECH_VERBS = frozenset(chain.from_iterable(map(_en_forms, _EN_REGULAR))) | _EN_IRREGULAR

#: Verbs that report speech only with their particle (``went on``, ``pointed out``).
EN_NEEDS_PARTICLE = {"went": "on", "goes": "on", "point": "out", "points": "out", "pointed": "out"}

#: Auxiliaries and adverbs allowed between a subject and its speech verb.
FR_AUXILIARIES = _words(
    """
    a ont avait avaient aurait auraient aura est sont était va vont vient viennent venait
    """
)
EN_AUXILIARIES = _words("has have had was were is are would will did does do")
ADVERBS = _words(
    """
    également aussi ainsi encore déjà notamment alors pourtant cependant toutefois d'ailleurs
    même bien ensuite enfin immédiatement simplement volontiers hier aujourd'hui lundi mardi
    mercredi jeudi vendredi samedi dimanche soir matin récemment publiquement ne pas also later
    then previously recently earlier again just once repeatedly immediately simply further both
    all quickly publicly yesterday today n't not
    """
)

#: Inversions that are not speech (``semble-t-il``, ``faut-il``, ``est-il``).
FR_NOT_SPEECH_INVERSIONS = _words(
    "semble sembla faut fallait est était sont peut pouvait doit devait va allait serait"
)

PRONOUNS = {
    "fr": _words("il elle ils elles celui-ci celle-ci"),
    "en": _words("he she they"),
}

#: Phrases that attribute what follows or precedes them to a source (``selon X``).
SOURCE_PHRASES = {
    "fr": ("selon", "d'après", "aux yeux de", "pour reprendre les mots de"),
    "en": ("according to", "in the words of", "quoting"),
}

_DETERMINERS = {
    "fr": _words(
        "le la l' les un une son sa ses leur leurs ce cet cette ces certains certaines plusieurs"
        " quelques aucun aucune chaque"
    ),
    "en": _words("the a an his her their its this these those some many several each every"),
}
#: Determiners of both languages but the English ``a`` (a French auxiliary).
DETERMINERS = (_DETERMINERS["fr"] | _DETERMINERS["en"]) - {"a"}


def determiners(lang: str) -> frozenset[str]:
    """The determiners of ``lang`` (both languages', less ``a``, when it is neither)."""
    return _DETERMINERS.get(lang, DETERMINERS)


#: Words after a closing mark that continue the writer's sentence, never an incise's verb.
FUNCTION_WORDS = _words(
    """
    et ou mais ni car donc or que qu' qui dont où si comme and or but nor so as if that which
    """
)
#: Prepositions that start a phrase after a speech verb that is not its subject (``à des
#: journalistes``, ``to reporters``) and end a speaker's noun phrase (``le maire à La Croix``).
PREPOSITIONS = _words(
    """
    à au aux dans sur lors pendant après avant devant en par pour avec chez vers sans contre
    entre auprès to in on at during after before with for from by into via
    """
)
RELATIVES = _words("qui que qu' dont où who whom whose which that")

#: Heads of noun phrases that name a person by a role (``le responsable``, ``the official``).
PERSON_NOUNS = _words(
    """
    responsable ministre président présidente porte-parole maire préfet préfète procureur
    procureure député députée sénateur sénatrice directeur directrice secrétaire chef cheffe
    patron patronne pdg dirigeant dirigeante délégué déléguée avocat avocate juge candidat
    candidate leader fondateur fondatrice élu élue conseiller conseillère expert experte
    professeur professeure chercheur chercheuse économiste analyste policier policière
    commissaire syndicaliste militant militante manifestant manifestante homme femme intéressé
    intéressée auteur autrice écrivain écrivaine philosophe officier général capitaine
    entraîneur joueur joueuse sélectionneur milliardaire ambassadeur ambassadrice diplomate
    représentant représentante administrateur gouverneur témoin victime mère père fils fille
    médecin docteur photographe réalisateur réalisatrice journaliste chroniqueur comédien
    comédienne chanteur chanteuse acteur actrice artiste souverainiste sociologue politologue
    historien historienne spécialiste tête coordinateur coordinatrice vice-président adjoint
    adjointe gérant gérante commerçant commerçante habitant habitante agriculteur agricultrice
    infirmier infirmière enseignant enseignante salarié salariée ouvrier ouvrière sportif
    sportive pilote coureur coureuse star vedette official spokesman spokeswoman spokesperson
    minister secretary president chairman chairwoman chair chief executive director mp mep
    senator governor mayor lawyer attorney prosecutor economist analyst professor researcher
    manager coach player captain boss founder chancellor premier commissioner officer
    inspector man woman singer actor actress author writer critic editor correspondent
    reporter witness controller head strategist campaigner activist owner teacher doctor
    striker midfielder defender goalkeeper winger skipper boxer sprinter runner athlete
    champion veteran rapper musician producer presenter host comedian source régulateur
    enquêteur internaute proche interlocuteur opposant partisan sympathisant habitant riverain
    organisateur observateur commentateur éditorialiste user fan resident protester organiser
    observer commentator opponent supporter campaigner investigator regulator conducteur
    automobiliste chauffeur passager client voisin driver passenger customer neighbour
    """
)
#: Heads of noun phrases that name an institution, a group or a text that can be quoted.
INSTITUTION_NOUNS = _words(
    """
    communiqué déclaration rapport étude lettre texte document note tweet message courrier
    arrêté décision jugement ordonnance avis sondage enquête livre ouvrage article tribune
    gouvernement ministère préfecture parquet police gendarmerie mairie tribunal cour justice
    syndicat parti opposition majorité autorités autorité commission conseil agence fédération
    association collectif organisation union mouvement élysée matignon assemblée sénat équipe
    statement report study letter text document note tweet message survey poll inquiry book
    article government ministry department police court union party opposition authorities
    authority commission council agency federation association organisation organization team
    office board committee institute
    """
)
#: Heads of noun phrases that name a body that can speak (``la société``, ``the company``).
BODY_NOUNS = _words(
    """
    société entreprise groupe firme compagnie quotidien journal hebdomadaire magazine chaîne
    company firm group newspaper paper broadcaster network carmaker bank
    """
)
#: Words that qualify a role noun before it (``l'ancien ministre``, ``le nouveau président``).
ROLE_ADJECTIVES = _words(
    "ancien ancienne nouveau nouvel nouvelle premier première jeune grand grande haut haute"
    " même former new top senior deputy acting same"
)

#: Nouns that announce a name, not a quotation (``le film « Roma »``, ``dubbed "the Iron Lady"``).
NAMING_WORDS = _words(
    """
    baptisé baptisée baptisés intitulé intitulée intitulés surnommé surnommée appelé appelée
    nommé nommée dénommé titre titré slogan hashtag mot-clé opération mouvement film livre
    roman chanson album émission série pièce spectacle documentaire journal magazine rubrique
    groupe page section campagne plan programme projet loi label marque collectif association
    liste mot terme expression formule mention panneau pancarte banderole called dubbed titled
    entitled named nicknamed so-called movie book novel song show series program play
    documentary campaign project law brand operation group word term phrase banner placard
    sign
    """
)
