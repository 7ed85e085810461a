"""The core knows nothing of Textual, and heavy libraries load only when needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import reader

CORE_MODULES = sorted(
    "reader." + ".".join(path.relative_to(Path(reader.__file__).parent).with_suffix("").parts)
    for path in Path(reader.__file__).parent.rglob("*.py")
    if "tui" not in path.relative_to(Path(reader.__file__).parent).parts
    and path.name != "__main__.py"
)


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_core_modules_are_found():
    assert "reader.indexing.library" in CORE_MODULES
    assert "reader.cli.main" in CORE_MODULES
    assert not any(".tui" in name for name in CORE_MODULES)


def test_core_never_imports_textual():
    statement = "; ".join(f"import {name.removesuffix('.__init__')}" for name in CORE_MODULES)
    modules = _imported_after(statement)
    assert not {name for name in modules if name == "textual" or name.startswith("textual.")}


def test_cli_start_does_not_import_heavy_libraries():
    modules = _imported_after("import reader.cli.main, reader.indexing.library")
    for heavy in ("whoosh", "spacy", "textual"):
        assert heavy not in modules, f"{heavy} imported at start-up"
