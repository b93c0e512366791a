"""The labeled references of taxonomy 1 and their resolution into texts at run time.

One reference a line, ``{"source", "doc", "start", "end", "sha1", "labels", ...}`` (see sources.py for what the
offsets point into; sha1 is that of ``span_key(span text)``). No text is stored. Three files, same references in the
same order (GUIDE.md tells how each was made):

- ``data/tdi_labels.jsonl``: the first annotation (with its candidate ``round``);
- ``data/tdi_labels_second.jsonl``: the independent second annotation;
- ``data/tdi_labels_adjudicated.jsonl``: the adjudicated labels (``"adjudicated": true`` where the two differed).

And a later round (round 5) with one annotation per sentence:

- ``data/tdi_labels_single.jsonl``: new sentences, each labeled once;
- ``data/tdi_labels_single_check.jsonl``: what the round-5 annotators gave, blind, to 40 sentences of the adjudicated
  set mixed into their batches (their agreement with the adjudicated labels).

The model is trained and evaluated on the adjudicated and the single-annotation sentences together (TRAINING_FILES).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..readers import ReaderError
from . import sources
from .text import span_key, split_sentences

DATA_DIR = Path(__file__).resolve().parent / "data"
FIRST_FILE = DATA_DIR / "tdi_labels.jsonl"
SECOND_FILE = DATA_DIR / "tdi_labels_second.jsonl"
LABELS_FILE = DATA_DIR / "tdi_labels_adjudicated.jsonl"
SINGLE_FILE = DATA_DIR / "tdi_labels_single.jsonl"
CHECK_FILE = DATA_DIR / "tdi_labels_single_check.jsonl"
TRAINING_FILES = (LABELS_FILE, SINGLE_FILE)


@dataclass
class Example:
    text: str
    labels: list[str]
    group: str  # source document, to keep its sentences in the same fold
    ref: dict


def sha1_of(span: str) -> str:
    return hashlib.sha1(span_key(span).encode("utf-8")).hexdigest()


def load_references(path: Path | str = LABELS_FILE) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _relocate(text: str, sha1: str) -> tuple[int, int] | None:
    """Offsets of the sentence of text whose sha1 matches, when the source moved the span."""
    for s, e in split_sentences(text):
        if sha1_of(text[s:e]) == sha1:
            return s, e
    return None


def resolve(refs: list[dict]) -> tuple[list[Example], list[dict]]:
    """(examples, problems): each reference's text checked against its sha1, relocated if the source drifted.

    problems lists the references whose source is missing or whose text can no longer be found.
    """
    examples, problems = [], []
    for ref in refs:
        try:
            text = sources.document_text(ref["source"], ref["doc"])
        except (OSError, KeyError, ValueError, ReaderError) as exc:
            problems.append({**ref, "problem": f"source unavailable: {exc}"})
            continue
        s, e = ref["start"], ref["end"]
        if sha1_of(text[s:e]) != ref["sha1"]:
            moved = _relocate(text, ref["sha1"])
            if moved is None:
                problems.append({**ref, "problem": "text changed (sha1 mismatch)"})
                continue
            s, e = moved
        examples.append(Example(span_key(text[s:e]), list(ref["labels"]), f"{ref['source']}#{ref['doc']}", ref))
    return examples, problems


def load_examples(path: Path | str | tuple = TRAINING_FILES, strict: bool = False) -> list[Example]:
    """The resolved examples of one reference file, or of several (a tuple of paths) in order."""
    paths = path if isinstance(path, (tuple, list)) else (path,)
    examples, problems = resolve([ref for p in paths for ref in load_references(p)])
    if problems and (strict or not examples):
        first = problems[0]
        raise RuntimeError(f"{len(problems)} labeled references could not be resolved "
                           f"(first: {first['source']} {first['doc']}: {first['problem']}); is ../shared present?")
    return examples
