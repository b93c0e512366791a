"""Request clauses of a question: what it asks, as opposed to its context (issue 12, GUIDE.md "What a request is").

``find_requests(text)`` -> ``[Request(start, end, text, kind)]`` in text order, offsets into ``text``. A sentence is
a request when it asks a direct question ("?", not rhetorical) or holds a request phrasing ("souhaite connaître",
"lui demande", "quelles mesures", "il est impératif de"...); a sentence holding several enumerated heads ("le nombre
de X et le calendrier de Y") gives one request per head. The opening "attire l'attention de ... sur X" is a request
only when nothing else is. ``kind``: count, amount, calendar, eligibility or other. Rules are data:
``resources/themes/requests.toml``.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import RESOURCES_DIR
from ..text_utils import fold, stop_words, words
from .text import split_sentences

RULES_FILE = RESOURCES_DIR / "themes" / "requests.toml"
KINDS = ("count", "amount", "calendar", "eligibility", "other")
_SEP = re.compile(r"(?:[,;:]|\bet|\bainsi\s+que|\bou)\s*$", re.I)
_COORD = re.compile(r"(?:[,;:]|[,;]?\s+(?:et|ainsi\s+que|mais\s+aussi|puis|enfin|et\s+enfin|et\s+également))\s+$", re.I)
LEAD_CHARS = 40  # the first request of a phrasing starts within this many characters after it
MIN_CONTENT = 2  # content words of a coordinated request without a head ("la situation" alone is not one)
_TRIM = " \t\n,;:.?!…"


@dataclass(frozen=True)
class Request:
    start: int
    end: int
    text: str
    kind: str  # one of KINDS


def file_sha1() -> str:
    """sha1 of requests.toml: recorded with a trained theme model and checked at load (clauses are its input)."""
    return hashlib.sha1(RULES_FILE.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def rules() -> dict:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))

    def any_of(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    return {"verbs": any_of(data["verbs"]), "rhetorical": any_of(data["rhetorical"]),
            "context": any_of(data["context"]), "opening": any_of(data["opening"]),
            "heads": [(h["kind"], re.compile(h["pattern"], re.I)) for h in data["heads"]],
            "starts": re.compile(r"(?:^|(?<=[\s']))(?:" + "|".join(data["starts"]) + ")", re.I),
            "not_starts": any_of(data["not_starts"])}


def _plain(text: str) -> str:
    """Same length as text: apostrophes unified, so offsets are kept."""
    return text.replace("’", "'").replace("‘", "'")


def _kind(sentence: str) -> str:
    hits = [(m.start(), k) for k, rx in rules()["heads"] for m in [rx.search(sentence)] if m]
    return min(hits)[1] if hits else "other"


def _heads(sentence: str, after: int) -> list[tuple[int, str]]:
    """Enumerated heads of a sentence after its request phrasing: (offset, kind), the first and those after a
    separator."""
    found = sorted({(m.start(), k) for k, rx in rules()["heads"] for m in rx.finditer(sentence) if m.start() >= after})
    out: list[tuple[int, str]] = []
    for pos, kind in found:
        if out and pos - out[-1][0] < 8:
            continue  # two heads of one phrase ("la date ... quand")
        if not out or _SEP.search(sentence[:pos].rstrip()):
            out.append((pos, kind))
    return out


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    seg = text[s:e]
    m = re.search(r"(?:\s*,)?\s+(?:et|ainsi\s+que|ou)$", seg, re.I)
    if m:
        e = s + m.start()
    return s, e


def _starts(sent: str, after: int) -> list[int]:
    """Offsets where coordinated requests start after a request phrasing ending at ``after``: the first determiner
    or interrogative word right after it, then every one that follows a separator ("," ";" "et" "ainsi que")."""
    r = rules()
    out: list[int] = []
    for m in r["starts"].finditer(sent, after):
        pos = m.start()
        if r["not_starts"].match(sent, pos):
            continue
        if not out:
            if pos - after <= LEAD_CHARS:
                out.append(pos)
            elif _COORD.search(sent[:pos]):
                out.append(pos)
        elif _COORD.search(sent[out[-1]:pos]):
            out.append(pos)
    return out


def _content(text: str) -> int:
    stops = stop_words()
    return sum(1 for w in words(text) if len(w) > 2 and fold(w) not in stops)


def _pieces(sent: str, after: int) -> list[tuple[int, str | None]]:
    """(offset, kind or None) of the requests of a sentence: its enumerated heads and its coordinated requests. A
    start without a head needs MIN_CONTENT content words, else it stays with the request before it (the first one,
    with the request after it)."""
    heads = dict(_heads(sent, after))
    starts = sorted(set(_starts(sent, after)) | set(heads))
    out: list[list] = []
    for pos, nxt in zip(starts, starts[1:] + [len(sent)]):
        kind = heads.get(pos)
        if kind is None and _content(sent[pos:nxt]) < MIN_CONTENT:
            continue
        if out and pos - out[-1][0] < 8:
            continue  # two heads of one phrase ("la date ... quand")
        out.append([pos, kind])
    if out and starts[0] < out[0][0]:
        out[0][0] = starts[0]
    return [(p, k) for p, k in out]


def _split_heads(text: str, s: int, e: int) -> list[Request]:
    """The requests of one request sentence text[s:e]: one per enumerated head when it holds several."""
    sent = _plain(text[s:e])
    verb = rules()["verbs"].search(sent)
    heads = _heads(sent, verb.end() if verb else 0) if verb else []
    if len(heads) < 2:
        return [Request(s, e, text[s:e], _kind(sent))]
    out = []
    bounds = [p for p, _ in heads] + [len(sent)]
    for (pos, kind), nxt in zip(heads, bounds[1:]):
        a, b = _trimmed(text, s + pos, s + nxt)
        if b > a:
            out.append(Request(a, b, text[a:b], kind))
    return out


def _split(text: str, s: int, e: int) -> list[Request]:
    """The requests of one request sentence text[s:e]: one per coordinated request when it holds several."""
    sent = _plain(text[s:e])
    verb = rules()["verbs"].search(sent)
    pieces = _pieces(sent, verb.end()) if verb else _pieces(sent, 0) if sent.rstrip().endswith("?") else []
    if len(pieces) < 2:
        return [Request(s, e, text[s:e], _kind(sent))]
    if not verb:
        pieces[0] = (0, pieces[0][1])  # a direct question: its first request starts with it
    out = []
    for (pos, kind), nxt in zip(pieces, [p for p, _ in pieces[1:]] + [len(sent)]):
        a, b = _trimmed(text, s + pos, s + nxt)
        if b > a:
            out.append(Request(a, b, text[a:b], kind or _kind(_plain(text[a:b]))))
    return out


def is_request(sentence: str) -> bool:
    """Does a sentence ask something (direct question or request phrasing), rather than give context?"""
    r, plain = rules(), _plain(sentence).strip()
    if r["context"].search(plain) or r["rhetorical"].search(plain):
        return False
    return plain.endswith("?") or bool(r["verbs"].search(plain))


def find_requests(text: str, coordinated: bool = False) -> list[Request]:
    """The request clauses of a question text, in order (see the module docstring). coordinated: split every
    coordinated request ("la part des X, le nombre de Y et si Z"), as drafts need (one block per request); else
    only enumerated heads, as the themes model was built on."""
    text = text or ""
    spans = split_sentences(text)
    found = [(s, e) for s, e in spans if is_request(text[s:e])]
    if not found:
        found = [(s, e) for s, e in spans[:2] if rules()["opening"].search(_plain(text[s:e]))][:1]
    split = _split if coordinated else _split_heads
    return [req for s, e in found for req in split(text, s, e)]
