"""The requests of a question: ``find_requests(text) -> [Request(start, end, text, kind)]``.

The themes package owns the request clauses (tdi_nlp/themes/requests.py); until it is merged the drafting stand-in
with the same interface is used.
"""
from __future__ import annotations

try:
    from ..themes.requests import Request, find_requests
except ImportError:  # r-themes2 not merged yet
    from .requests_standin import Request, find_requests

__all__ = ["Request", "find_requests"]
