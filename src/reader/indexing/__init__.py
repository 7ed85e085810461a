"""A corpus on disk kept in step with its files: the article store and the two indexing phases.

``library.Library`` is what the command line and the interface open. The
text phase (``sync``, with worker processes in ``textwork``) fills the store
and the search engine; the entity phase (``library``, with ``entity_pool``)
adds people, organisations and places afterwards.
"""
