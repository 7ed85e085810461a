"""Command-line entry point (filled in by the CLI work)."""


def main(argv: list[str] | None = None) -> int:
    return 0
