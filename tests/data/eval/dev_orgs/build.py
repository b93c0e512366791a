"""Build sample.jsonl from this folder's worksheet.txt with the first sample's builder (../blind/build.py).

AN questions are read as there; a sitting excerpt ("seance-<session>-<first>-<last>", source the AN sittings
corpus) is built by ``tdi_nlp.eval.blind.seance_excerpt``. Run from the repository root:
python tests/data/eval/dev_orgs/build.py (dev_places/build.py runs this builder on its folder)
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
import build  # noqa: E402
from draw import SHARED  # noqa: E402
from tdi_nlp.eval.blind import SEANCE_SOURCE, seance_excerpt  # noqa: E402

_raw_document = build.raw_document


def raw_document(source: str, doc_id: str):
    if source == SEANCE_SOURCE:
        return seance_excerpt(SHARED / source, doc_id)
    return _raw_document(source, doc_id)


build.raw_document = raw_document



def main(folder: Path = HERE) -> None:
    build.main(folder)


if __name__ == "__main__":
    main()
