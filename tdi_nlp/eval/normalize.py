"""``tdi-nlp eval normalize``: word error rate of seed 000 (OCR) against a hand-corrected copy, before and after
normalization. The reference is tests/data/seed000_corrected.txt (made by hand from the seed)."""
from __future__ import annotations

from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ..config import REPO_DIR
from ..normalize import normalize

NAME = "normalize"
HELP = "word error rate of OCR'd seed 000 before and after normalization"
SEED = REPO_DIR / "corpus" / "000_56cbaf23b5cb3c3e.txt"
REFERENCE = REPO_DIR / "tests" / "data" / "seed000_corrected.txt"


def wer(hypothesis: str, reference: str) -> float:
    """Word error rate: word-level edit distance over the number of reference words."""
    hyp, ref = hypothesis.split(), reference.split()
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)


def add_arguments(parser) -> None:
    parser.add_argument("--seed", default=str(SEED))
    parser.add_argument("--reference", default=str(REFERENCE))


def run(args) -> int:
    raw = Path(args.seed).read_text(encoding="utf-8")
    ref = Path(args.reference).read_text(encoding="utf-8")
    before, after = wer(raw, ref), wer(normalize(raw).text, ref)
    print(f"reference words: {len(ref.split())}")
    print(f"WER before normalization (baseline: raw OCR text): {before:.4f}")
    print(f"WER after normalization:                           {after:.4f}")
    print(f"relative reduction: {(1 - after / before) if before else 0:.1%}")
    return 0
