"""The requests of a question, as the themes read them: ``find_requests(text) -> [Request(start, end, text, kind)]``
(tdi_nlp/themes/requests.py owns the rules)."""
from __future__ import annotations

from ..themes.requests import Request, find_requests

__all__ = ["Request", "find_requests"]
