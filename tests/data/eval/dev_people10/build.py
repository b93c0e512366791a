"""Build sample.jsonl from this folder's worksheet.txt with the sittings-aware builder of ../dev_orgs/build.py (the
first blind sample's builder, with `tdi_nlp.eval.blind.seance_excerpt` for the sitting excerpts). The statement
longer than draw.py's LONG words is annotated on its window only (WINDOWS, from `python draw.py`): its mentions are
searched from the window's start and must end inside it, and its entry records the window. Run from the repository
root: python tests/data/eval/dev_people10/build.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sibling  # noqa: E402

blind_build = sibling("dev_orgs", "build").build  # ../blind/build.py as ../dev_orgs/build.py patches it
WINDOWS = {"vp-a7f07e4c7073": [28132, 33633]}  # printed by draw.py


def main(folder: Path = HERE) -> None:
    raw_document = blind_build.raw_document
    starts: dict[int, int] = {}

    def windowed_raw_document(source: str, doc_id: str):
        d = raw_document(source, doc_id)
        if doc_id in WINDOWS:
            starts[id(d.text)] = WINDOWS[doc_id][0]
        return d

    find = blind_build.find

    def windowed_find(raw: str, span: str, frm: int):
        return find(raw, span, max(frm, starts.get(id(raw), 0)))

    blind_build.raw_document, blind_build.find = windowed_raw_document, windowed_find
    docs = blind_build.build(folder / "worksheet.txt")
    for d in docs:
        if d["doc"] in WINDOWS:
            a, b = WINDOWS[d["doc"]]
            d["window"] = [a, b]
            outside = [m for m in d["mentions"] if not (a <= m["start"] and m["end"] <= b)]
            assert not outside, outside
    with open(folder / "sample.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for d in docs:
        for m in d["mentions"]:
            counts[m["label"]] = counts.get(m["label"], 0) + 1
    print(len(docs), "documents", sum(counts.values()), "mentions", counts)


if __name__ == "__main__":
    main()
