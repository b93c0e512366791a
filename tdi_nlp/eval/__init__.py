"""Evaluation suites: one module per suite, each run by ``tdi-nlp eval NAME``.

A suite module defines NAME, HELP, ``add_arguments(parser)`` and ``run(args) -> int`` and prints precision,
recall and F1 beside a baseline. Suites read ``../shared`` at run time and say so clearly when it is absent.
"""
from __future__ import annotations

import importlib
import pkgutil


def suites() -> dict:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "NAME") and hasattr(mod, "run"):
            found[mod.NAME] = mod
    return found
