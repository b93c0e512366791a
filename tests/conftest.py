"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    from tdi_nlp.config import settings
    path = Path(settings.shared_dir)
    if not path.is_dir():
        pytest.skip(f"../shared is absent ({path}); this test needs the shared corpora or gazetteers")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full project pipeline, loaded once per test session."""
    from tdi_nlp.pipeline import load
    return load()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
