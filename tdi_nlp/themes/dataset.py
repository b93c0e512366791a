"""The labeled references of taxonomy 1 and their resolution into texts at run time.

Label files live in the checkout's ``models/labels/`` (never in the wheel). One reference a line, no text copied:

    {"id": "<doc>#<first 12 hex of anchor.sha1>", "doc": ..., "source": ..., "unit": "sentence" | "question",
     "anchor": {"start": s, "end": e, "sha1": sha1 of raw[s:e]}, "labels": [...],
     "annotations": [{"annotator": "A1", "labels": [...]}, ...],    # optional
     "evidence": [{"label", "start", "end", "sha1"}],                 # optional, same raw text
     "split": "train" | "test", "round": 1}                           # optional

Offsets and hashes refer to the reader's raw text (``sources.raw_text``: ``Document.text`` before normalization),
so a new normalization rule never moves a reference; :func:`resolve` maps them to the normalized text through the
normalizer's offset map, relocates a span by its hash when a reader change moved it, and raises
:class:`UnresolvedReference` naming the id when it cannot be found.

``tdi_sentences.jsonl`` holds every labeled sentence once (GUIDE.md tells how each was made). Extra keys:
- ``adjudicated``: true where the first two annotations (A1, A2) differed and ``labels`` was adjudicated;
- in ``annotations``: ``revised`` (a label of A1 changed by its consistency check), ``blind`` (a round-5
  annotator, R5-1 or R5-2, labeling blind a sentence of the adjudicated set; not part of ``labels``) and ``kept``
  (false when that annotator discarded the sentence as unrelated).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..config import checkout_path
from ..readers import ReaderError
from . import sources
from .model import LABELS
from .text import span_key, split_sentences

SENTENCES = "tdi_sentences.jsonl"
UNITS = ("sentence", "question")
_ID = re.compile(r"^(?P<doc>.+)#(?P<hash>[0-9a-f]{12})$")


class UnresolvedReference(LookupError):
    """A labeled reference whose text cannot be found in its source."""


@dataclass
class Example:
    text: str
    labels: list[str]
    group: str  # source document, to keep its sentences in the same fold
    ref: dict


def sha1_of(span: str) -> str:
    """The hash a reference stores: sha1 of the exact raw span."""
    return hashlib.sha1(span.encode("utf-8")).hexdigest()


def ref_id(doc: str, sha1: str) -> str:
    return f"{doc}#{sha1[:12]}"


def labels_path(name: str = SENTENCES) -> Path:
    return checkout_path("models", "labels", name)


def load_references(name: str | Path = SENTENCES) -> list[dict]:
    """The references of a label file of models/labels/ (a name there, or any path), checked by :func:`validate`."""
    path = Path(name) if Path(name).is_absolute() or Path(name).exists() else labels_path(str(name))
    with open(path, encoding="utf-8") as fh:
        refs = [json.loads(line) for line in fh if line.strip()]
    validate(refs, str(path))
    return refs


def validate(refs: list[dict], where: str = "references") -> None:
    """Raise ValueError on a reference outside the schema (ids unique and of the anchor, labels of the taxonomy)."""
    seen = set()
    for n, r in enumerate(refs, 1):
        rid = r.get("id")
        problem = None
        a = r.get("anchor") or {}
        m = _ID.match(rid or "")
        if not m or m["doc"] != r.get("doc") or not str(a.get("sha1", "")).startswith(m["hash"]):
            problem = "id is not <doc>#<first 12 hex of anchor.sha1>"
        elif rid in seen:
            problem = "duplicate id"
        elif not (isinstance(a.get("start"), int) and isinstance(a.get("end"), int) and a["start"] < a["end"]
                  and len(a.get("sha1", "")) == 40):
            problem = "anchor needs start < end and a 40-hex sha1"
        elif r.get("unit") not in UNITS or not r.get("source"):
            problem = "unit must be sentence or question, source must be given"
        elif "text" in r:
            problem = "no text is stored, only references"
        else:
            bad = set(r.get("labels", [None])) | {lab for x in r.get("annotations", []) for lab in x["labels"]}
            bad |= {x["label"] for x in r.get("evidence", [])}
            if bad - set(LABELS):
                problem = f"labels outside the taxonomy: {sorted(map(str, bad - set(LABELS)))}"
            elif r.get("split", "train") not in ("train", "test"):
                problem = "split must be train or test"
        if problem:
            raise ValueError(f"{where}: line {n} ({rid}): {problem}")
        seen.add(rid)


def reference(source: str, doc: str, raw: str, start: int, end: int, unit: str = "sentence", **extra) -> dict:
    """A reference to raw[start:end] of a document (extra keys appended: labels, annotations, round...)."""
    sha1 = sha1_of(raw[start:end])
    return {"id": ref_id(doc, sha1), "doc": doc, "source": source, "unit": unit,
            "anchor": {"start": start, "end": end, "sha1": sha1}, **extra}


def locate(raw: str, anchor: dict) -> tuple[int, int] | None:
    """Raw offsets of an anchor: as stored when the hash matches, else relocated by its hash (same length)."""
    s, e, sha1 = anchor["start"], anchor["end"], anchor["sha1"]
    if sha1_of(raw[s:e]) == sha1:
        return s, e
    for a, b in split_sentences(raw):
        if sha1_of(raw[a:b]) == sha1:
            return a, b
    n = e - s
    for a in range(0, len(raw) - n + 1):
        if sha1_of(raw[a:a + n]) == sha1:
            return a, a + n
    return None


def resolve(refs: list[dict], normalized: bool = True) -> list[Example]:
    """The examples of references, in order: each span checked against its hash (relocated if it moved).

    The text is that span of the normalized text (through the normalizer's offset map), or of the raw text when
    ``normalized`` is false, after ``span_key``. Raises UnresolvedReference naming the id when one is not found.
    """
    examples = []
    for ref in refs:
        try:
            raw = sources.raw_text(ref["source"], ref["doc"])
        except (OSError, KeyError, ValueError, ReaderError) as exc:
            raise UnresolvedReference(f"{ref['id']}: source unavailable ({exc}); is ../shared present?") from exc
        span = locate(raw, ref["anchor"])
        if span is None:
            raise UnresolvedReference(f"{ref['id']}: text not found in {ref['source']} (sha1 matches no span)")
        s, e = span
        if normalized:
            norm = sources.normalized(ref["source"], ref["doc"])
            text = norm.text[norm.from_raw(s):norm.from_raw(e, end=True)]
        else:
            text = raw[s:e]
        examples.append(Example(span_key(text), list(ref["labels"]), f"{ref['source']}#{ref['doc']}", ref))
    return examples


def load_examples(name: str | Path = SENTENCES, normalized: bool = True) -> list[Example]:
    """The resolved examples of a label file (the training set: every reference with its final labels)."""
    return resolve(load_references(name), normalized)


def annotations(refs: list[dict], annotator: str) -> dict[str, list[str]]:  # type: ignore[no-redef]  # rebinds the __future__ name only
    """{id: labels} of one annotator (R5 matches R5-1 and R5-2)."""
    out = {}
    for r in refs:
        for a in r.get("annotations", []):
            if a["annotator"] == annotator or a["annotator"].startswith(annotator + "-"):
                out[r["id"]] = a["labels"]
    return out


def double_annotated(refs: list[dict]) -> list[dict]:
    """The references labeled by both A1 and A2 (the adjudicated set)."""
    return [r for r in refs if {"A1", "A2"} <= {a["annotator"] for a in r.get("annotations", [])}]
