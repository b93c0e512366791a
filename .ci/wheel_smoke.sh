#!/usr/bin/env bash
# Build the wheel, install it in a fresh virtual environment and run extract, classify and draft from a folder
# outside the checkout: the installed package must need nothing of the checkout. Usage: .ci/wheel_smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
PYTHON=${PYTHON:-python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "wheel smoke: building the wheel"
# from a clean copy, so that no stale build/ or egg-info of the checkout leaks into the wheel
mkdir "$TMP/src"
tar -C "$CHECKOUT" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist --exclude='*.egg-info' \
    --exclude=__pycache__ --exclude='kb.sqlite*' -cf - . | tar -C "$TMP/src" -xf -
"$PYTHON" -m pip wheel --quiet --no-deps -w "$TMP/dist" "$TMP/src"
WHEEL=$(ls "$TMP"/dist/tdi_nlp-*.whl)

echo "wheel smoke: installing $(basename "$WHEEL") in a fresh venv (dependencies from PyPI)"
"$PYTHON" -m venv "$TMP/venv"
"$TMP/venv/bin/python" -m pip install --quiet --upgrade pip
"$TMP/venv/bin/python" -m pip install --quiet "$WHEEL"
TDI="$TMP/venv/bin/tdi-nlp"

mkdir "$TMP/run"
cp -r "$CHECKOUT/corpus" "$TMP/run/corpus"
cd "$TMP/run"   # outside the checkout: nothing may be read from it
unset TDI_NLP_CHECKOUT_DIR TDI_NLP_MODELS_DIR

"$TDI" --version
"$TDI" extract corpus/ --kb kb.sqlite --quiet
"$TMP/venv/bin/python" - <<'PY'
import sqlite3
con = sqlite3.connect("kb.sqlite")
docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
themes = con.execute("SELECT COUNT(*) FROM themes").fetchone()[0]
print(f"wheel smoke: {docs} documents, {themes} themes stored")
assert docs >= 5 and themes > 0, "documents and themes must be stored"
PY
QUESTION="Quel est le calendrier des contrats Territoires d'industrie et quels territoires sont éligibles ?"
"$TDI" classify "$QUESTION"
"$TDI" draft "$QUESTION" --kb kb.sqlite > draft.txt
test -s draft.txt
head -5 draft.txt
echo "wheel smoke: ok"
