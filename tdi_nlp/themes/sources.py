"""Texts the labeled references point into, read at run time from ../shared and corpus/.

A reference names a source file ("corpus/..." relative to the repository, anything else relative to ../shared),
a document id in it and character offsets into the text that :func:`document_text` returns:
- AN questions au gouvernement (``data/corpora/an-qag-l16/json/*.json``): the deputy's question, i.e. the
  turns of the first speaker given the floor, before the minister's first turn (interjections, stage directions
  and the heading dropped), turns separated by a blank line;
- vie-publique statements (``data/corpora/vie-publique-2020/statements.jsonl``): ``text_plain`` of the line whose
  id (``vp-`` + first 12 hex of sha1(title + "|" + date)) is given;
- seed documents (``corpus/*.txt``): the file text as is.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from functools import lru_cache
from pathlib import Path

from ..config import REPO_DIR, shared_path

AN_DIR = "data/corpora/an-qag-l16/json"
VP_FILE = "data/corpora/vie-publique-2020/statements.jsonl"

_TURN = re.compile(r"<strong>(.*?)</strong>", re.S)
_TAG = re.compile(r"<[^>]+>")
_STAGE = re.compile(r"<i>\s*\([^<]*?\)\s*</i>|\((?:Applaudissements|Exclamations|Protestations|Rires|Murmures|"
                    r"Vives|Sourires|Brouhaha|M\.|Mme)[^()]*\)", re.S)
_BLANKS = re.compile(r"[ \t\u00a0\u202f]+")


def resolve(source: str) -> Path:
    return REPO_DIR / source if source.startswith("corpus/") else shared_path(source)


def _clean(fragment: str) -> str:
    t = _STAGE.sub(" ", fragment)
    t = re.sub(r"<br\s*/?>", "\n", t)
    t = html.unescape(_TAG.sub(" ", t)).replace("\u00a0", " ")
    lines = [_BLANKS.sub(" ", ln).strip() for ln in t.split("\n")]
    return "\n".join(ln for ln in lines if ln).strip()


def _speaker(raw: str) -> tuple[str, bool]:
    """(name, is_minister): a minister's turn is "<strong>Name,</strong><i> title. </i>"."""
    name = html.unescape(_TAG.sub("", raw)).replace("\u00a0", " ").strip()
    return name.rstrip(" .,"), name.endswith(",")


def an_question(transcript: str) -> str:
    """The deputy's question out of the HTML transcript of a question au gouvernement."""
    parts = _TURN.split(transcript or "")
    deputy, turns = None, []
    for i in range(1, len(parts) - 1, 2):
        name, minister = _speaker(parts[i])
        if minister:
            break
        low = name.lower()
        if deputy is None:
            if "président" in low:
                continue
            deputy = name
        if name == deputy:
            turns.append(_clean(parts[i + 1]))
    return "\n\n".join(t for t in turns if t)


@lru_cache(maxsize=1024)
def an_record(path: str) -> dict:
    """id, question text and metadata (rubrique, minister questioned, title) of one AN JSON file."""
    q = json.loads(Path(path).read_text(encoding="utf-8"))["question"]
    rep = (q.get("textesReponse") or {}).get("texteReponse") or {}
    idx = q.get("indexationAN") or {}
    return {
        "id": q["uid"],
        "text": an_question(rep.get("texte") or ""),
        "rubrique": idx.get("rubrique"),
        "title": ((idx.get("analyses") or {}).get("analyse")),
        "minister": ((q.get("minInt") or {}).get("abrege")),
        "date": (rep.get("infoJO") or {}).get("dateJO"),
    }


def an_records(directory: Path | None = None) -> list[dict]:
    d = Path(directory) if directory else shared_path(AN_DIR)
    return [an_record(str(p)) for p in sorted(d.glob("*.json"))]


def vp_id(rec: dict) -> str:
    return "vp-" + hashlib.sha1(f"{rec.get('title', '')}|{rec.get('date', '')}".encode()).hexdigest()[:12]


@lru_cache(maxsize=2)
def vp_records(path: str | None = None) -> dict[str, dict]:
    p = Path(path) if path else shared_path(VP_FILE)
    out = {}
    with open(p, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[vp_id(rec)] = rec
    return out


def document_text(source: str, doc_id: str) -> str:
    """The text a reference's offsets point into (raises FileNotFoundError or KeyError when absent)."""
    path = resolve(source)
    if source.startswith("corpus/"):
        return path.read_text(encoding="utf-8")
    if source.startswith(AN_DIR):
        return an_record(str(path))["text"]
    if source == VP_FILE:
        return vp_records(str(path))[doc_id].get("text_plain") or ""
    raise ValueError(f"unknown source {source!r}")
