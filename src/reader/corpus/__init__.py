"""Reading files into articles: decoding, blocks, language, title, metadata hooks, cleaning steps.

``ingest`` decodes bytes, ``blocks`` splits the text, ``pipeline`` turns a
file into a cleaned ``models.Article`` (with ``reader.cleaning`` and
``reader.metadata``), ``batch`` does it for a few files without an index.
"""
