"""The wheel ships the models and resources the run needs, and nothing of the checkout's training or evaluation data;
no module of tdi_nlp finds files through the location of the checkout."""
from __future__ import annotations

import ast
import json
import os
import re
import sqlite3
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tdi_nlp"


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> list[str]:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # a clean copy: no stale build/ or egg-info of the checkout
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                             "__pycache__", ".pytest_cache", "kb.sqlite*"))
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                          "-w", str(tmp / "dist"), str(src)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]  # needs setuptools>=77 in this venv (test extra)
    (wheel,) = (tmp / "dist").glob("tdi_nlp-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_wheel_ships_models_and_resources(wheel_names):
    names = set(wheel_names)
    for taxonomy in ("tdi", "rubrique"):
        assert f"tdi_nlp/models/themes-{taxonomy}.joblib" in names
        assert f"tdi_nlp/models/themes-{taxonomy}.json" in names
    resources = [p.relative_to(REPO).as_posix() for p in (PACKAGE / "resources").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
    assert resources and not set(resources) - names
    assert {"tdi_nlp/web/templates/base.html", "tdi_nlp/web/static/app.js"} <= names


def test_wheel_leaves_out_training_and_evaluation_data(wheel_names):
    judged = {p.name for p in (REPO / "tests" / "data" / "eval").glob("*.jsonl")}
    assert judged, "the judged evaluation data live in tests/data/eval/"
    for name in wheel_names:
        assert not re.search(r"labels[^/]*\.jsonl$", name), name
        assert not name.startswith(("tests/", "corpus/", "models/")), name
        assert Path(name).name not in judged, name
        assert not name.endswith(".jsonl"), name


def _modules():
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_no_module_locates_the_checkout_from_its_own_path():
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        assert "REPO_DIR" not in text, path
        assert ".parent.parent" not in text and "parents[" not in text, path


def test_tests_paths_only_through_checkout_path():
    """A string naming tests/ may only be an argument of checkout_path(...)."""
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                   and getattr(node.func, "id", getattr(node.func, "attr", None)) == "checkout_path"
                   for arg in node.args}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and re.match(r"tests(/|$)", node.value) and id(node) not in allowed:
                pytest.fail(f"{path.relative_to(REPO)}:{node.lineno} names {node.value!r} outside checkout_path")


def _cli(args, cwd, **env):
    """tdi-nlp run from cwd with this checkout's package (not any installed copy)."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    full.pop("TDI_NLP_CHECKOUT_DIR", None)
    return subprocess.run([sys.executable, "-m", "tdi_nlp.cli", *args], cwd=cwd, env=full, capture_output=True,
                          text=True, timeout=300)


def _one_line_error(res, status: int) -> str:
    assert res.returncode == status, res.stderr
    assert "Traceback" not in res.stderr
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_version(tmp_path):
    import tdi_nlp
    res = _cli(["--version"], tmp_path)
    assert res.returncode == 0 and res.stdout.strip() == f"tdi-nlp {tdi_nlp.__version__}"


def test_incompatible_model_is_a_model_error(tmp_path):
    from tdi_nlp.config import MODELS_DIR
    from tdi_nlp.errors import ModelError
    from tdi_nlp.themes import classifier
    meta = json.loads((MODELS_DIR / "themes-tdi.json").read_text(encoding="utf-8"))
    meta["sklearn"] = "0.1.0"
    (tmp_path / "themes-tdi.json").write_text(json.dumps(meta), encoding="utf-8")
    shutil.copy(MODELS_DIR / "themes-tdi.joblib", tmp_path / "themes-tdi.joblib")
    with pytest.raises(ModelError, match=r"scikit-learn 0\.1\.0.*tdi-nlp train"):
        classifier.load("tdi", str(tmp_path))
    res = _cli(["classify", "Quand les contrats seront-ils signés ?"], tmp_path, TDI_NLP_MODELS_DIR=str(tmp_path))
    assert "0.1.0" in _one_line_error(res, 3)


def test_missing_model_stops_extraction_before_any_file(tmp_path):
    empty = tmp_path / "no-models"
    empty.mkdir()
    (tmp_path / "q.txt").write_text("Question écrite. Quand les contrats seront-ils signés ?", encoding="utf-8")
    res = _cli(["extract", "q.txt", "--kb", "kb.sqlite", "--quiet"], tmp_path, TDI_NLP_MODELS_DIR=str(empty))
    assert "tdi-nlp train" in _one_line_error(res, 3)
    if (tmp_path / "kb.sqlite").exists():
        with sqlite3.connect(tmp_path / "kb.sqlite") as con:
            assert con.execute("SELECT COUNT(*) FROM documents").fetchone() == (0,)
            assert con.execute("SELECT COUNT(*) FROM errors").fetchone() == (0,)


def test_eval_outside_a_checkout_says_what_it_needs(tmp_path):
    line = _one_line_error(_cli(["eval", "normalize"], tmp_path), 4)
    assert "corpus" in line and "checkout" in line
