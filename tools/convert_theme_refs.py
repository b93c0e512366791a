"""One-off (issue 11): the five label files of tdi_nlp/themes/data/ -> models/labels/tdi_sentences.jsonl.

The old references pointed into the normalized text (seed and AN documents) or into ``text_plain`` (vie-publique),
hashed after ``span_key``, and three files were matched by line order. Each old span is found again as the old
loader did, mapped to the reader's raw text through the normalizer's offset map, and written once in the schema of
``tdi_nlp/themes/dataset.py``. Run from the checkout: ``python tools/convert_theme_refs.py OLD_DATA_DIR``.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tdi_nlp.themes import dataset, sources  # noqa: E402
from tdi_nlp.themes.text import span_key, split_sentences  # noqa: E402


def old_sha1(span: str) -> str:
    return hashlib.sha1(span_key(span).encode("utf-8")).hexdigest()


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def new_doc(old: dict) -> str:
    return Path(old["source"]).name if old["source"].startswith("corpus/") else old["doc"]


def anchor(old: dict) -> tuple[dict, str]:
    """(new reference skeleton, old example text) of an old reference."""
    doc = new_doc(old)
    raw = sources.raw_text(old["source"], doc)
    vp = old["source"] == sources.VP_FILE
    norm = sources.normalized(old["source"], doc)
    text = raw if vp else norm.text
    s, e = old["start"], old["end"]
    if old_sha1(text[s:e]) != old["sha1"]:
        s, e = next((a, b) for a, b in split_sentences(text) if old_sha1(text[a:b]) == old["sha1"])
    if vp:
        rs, re_ = s, e
    else:
        rs, re_ = norm.to_raw(s), norm.to_raw(e - 1) + 1
        if (norm.from_raw(rs), norm.from_raw(re_, end=True)) != (s, e):
            re_ = norm.to_raw(e)
        assert (norm.from_raw(rs), norm.from_raw(re_, end=True)) == (s, e), (old, rs, re_)
    return dataset.reference(old["source"], doc, raw, rs, re_), span_key(text[s:e])


def main(old_dir: Path, out: Path) -> None:
    first, second, adj = (read(old_dir / f) for f in
                          ("tdi_labels.jsonl", "tdi_labels_second.jsonl", "tdi_labels_adjudicated.jsonl"))
    single, check = read(old_dir / "tdi_labels_single.jsonl"), read(old_dir / "tdi_labels_single_check.jsonl")
    key = lambda r: (r["source"], r["doc"], r["sha1"])  # noqa: E731
    assert [key(r) for r in first] == [key(r) for r in second] == [key(r) for r in adj]
    rows, by_key, old_texts = [], {}, []
    for a1, a2, r in zip(first, second, adj):
        ref, text = anchor(r)
        ann1 = {"annotator": "A1", "labels": a1["labels"], **({"revised": a1["revised"]} if "revised" in a1 else {})}
        ref.update(labels=r["labels"], annotations=[ann1, {"annotator": "A2", "labels": a2["labels"]}],
                   round=a1["round"])
        if r.get("adjudicated"):
            ref["adjudicated"] = True
        rows.append(ref)
        by_key[key(r)] = ref
        old_texts.append(text)
    for r in single:
        ref, text = anchor(r)
        ref.update(labels=r["labels"], annotations=[{"annotator": f"R5-{r['annotator']}", "labels": r["labels"]}],
                   round=r["round"])
        rows.append(ref)
        old_texts.append(text)
    for r in check:
        by_key[key(r)]["annotations"].append({"annotator": f"R5-{r['annotator']}", "labels": r["labels"],
                                              "blind": True, "kept": r["kept"]})
    dataset.validate(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for ref in rows:
            fh.write(json.dumps(ref, ensure_ascii=False) + "\n")
    # Every old reference found again, with its labels and (normalized) text.
    for normalized in (True, False):
        got = dataset.resolve(rows, normalized)
        same = sum(g.text == t for g, t in zip(got, old_texts))
        print(f"normalized={normalized}: {same}/{len(rows)} texts identical to the old examples")
    print(f"{len(first)} + {len(second)} + {len(adj)} + {len(single)} + {len(check)} old rows -> {len(rows)} "
          f"references ({sum(len(r['annotations']) for r in rows)} annotations) -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "models/labels/tdi_sentences.jsonl"))
