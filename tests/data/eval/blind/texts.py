"""Raw texts of the sampled documents, read through the project's readers (no extraction).

``raw_document(source, doc_id)`` returns the reader's Document (its ``text`` is the RAW text annotated).
The vie-publique file has a format of its own: each line becomes {"id": vp-..., "text": text_plain, "date"}
and the whole file, so converted, is read once by the JSON Lines reader.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import sys

from draw import REPO, SHARED, vp_id

sys.path.insert(0, str(REPO))  # this checkout's tdi_nlp, not an installed one
from tdi_nlp.readers import jsonl, read_path  # noqa: E402

VP_SOURCE = "data/corpora/vie-publique-2020/statements.jsonl"


@lru_cache(maxsize=1)
def vp_documents() -> dict:
    lines = []
    for line in (SHARED / VP_SOURCE).open(encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("text_plain"):
            lines.append(json.dumps({"id": vp_id(rec), "text": rec["text_plain"], "date": rec["date"][:10],
                                     "title": rec["title"]}, ensure_ascii=False))
    result = jsonl.read("\n".join(lines).encode("utf-8"), "statements.jsonl", VP_SOURCE)
    return {d.id: d for d in result.documents}


def raw_document(source: str, doc_id: str):
    if source == VP_SOURCE:
        return vp_documents()[doc_id]
    path = SHARED / source
    return read_path(path, path.parent).documents[0]
