"""The ``reader`` command."""

from reader.cli.main import main

__all__ = ["main"]
