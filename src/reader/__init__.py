"""reader: a terminal research reader for corpora of scraped news articles."""

__version__ = "0.1.0"
