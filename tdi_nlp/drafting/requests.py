"""The requests of a question for a draft: ``find_requests(text) -> [Request(start, end, text, kind)]``, every
coordinated request a clause of its own (tdi_nlp/themes/requests.py owns the rules)."""
from __future__ import annotations

from ..themes import requests as _rules
from ..themes.requests import Request

__all__ = ["Request", "find_requests"]


def find_requests(text: str) -> list[Request]:
    return _rules.find_requests(text, coordinated=True)
