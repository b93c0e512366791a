"""The requests of a question for a draft: ``find_requests(text) -> [Request(start, end, text, kind)]``, every
coordinated request a clause of its own (tdi_nlp/themes/requests.py owns the rules). A clause that goes on with a
second request verb after a comma ("où en est X, connaître le calendrier de Y") is cut there into two requests."""
from __future__ import annotations

import re

from ..themes import requests as _rules
from ..themes.requests import Request

__all__ = ["Request", "find_requests"]

# ", connaître le calendrier ..." / "; de savoir si ..." / ", et d'obtenir la liste ..."
_SECOND_VERB = re.compile(r"\s*[,;]\s*(?:et\s+)?(?:(?:de|d')\s*)?(?:lui\s+)?(?:connaître|savoir|obtenir|préciser|"
                          r"indiquer|apprendre)(?:\s+(?=\S)|\s*$)", re.I)


def find_requests(text: str) -> list[Request]:
    out = []
    for r in _rules.find_requests(text, coordinated=True):
        out.extend(_cut(r))
    return out


def _cut(r: Request) -> list[Request]:
    """r cut at each second request verb that follows a comma, the verb left out."""
    pieces, start = [], 0
    for m in _SECOND_VERB.finditer(r.text.replace("\u2019", "'")):
        if m.start() > start:
            pieces.append((start, m.start()))
        start = m.end()
    if not pieces:
        return [r]
    pieces.append((start, len(r.text)))
    return [Request(r.start + a, r.start + b, r.text[a:b], _rules._kind(r.text[a:b].replace("\u2019", "'")))
            for a, b in pieces if r.text[a:b].strip()]
