"""``tdi-nlp eval normalize``: word error rate of seed 000 (OCR) against a hand-corrected copy, before and after
normalization. The reference is tests/data/seed000_corrected.txt (made by hand from the seed)."""
from __future__ import annotations

from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ..config import checkout_path
from ..normalize import normalize

NAME = "normalize"
HELP = "word error rate of OCR'd seed 000 before and after normalization"
SEED = checkout_path("corpus", "000_56cbaf23b5cb3c3e.txt", must_exist=False)  # in the source checkout
REFERENCE = checkout_path("tests", "data", "seed000_corrected.txt", must_exist=False)


def wer(hypothesis: str, reference: str) -> float:
    """Word error rate: word-level edit distance over the number of reference words."""
    hyp, ref = hypothesis.split(), reference.split()
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)


def add_arguments(parser) -> None:
    parser.add_argument("--seed", help=f"OCR'd text (default corpus/{SEED.name} of the checkout)")
    parser.add_argument("--reference",
                        help=f"hand-corrected text (default tests/data/{REFERENCE.name} of the checkout)")


def run(args) -> int:
    seed = Path(args.seed) if getattr(args, "seed", None) else checkout_path("corpus", SEED.name)
    reference = (Path(args.reference) if getattr(args, "reference", None)
                 else checkout_path("tests", "data", REFERENCE.name))
    raw = seed.read_text(encoding="utf-8")
    ref = reference.read_text(encoding="utf-8")
    before, after = wer(raw, ref), wer(normalize(raw).text, ref)
    print(f"reference words: {len(ref.split())}")
    print(f"WER before normalization (baseline: raw OCR text): {before:.4f}")
    print(f"WER after normalization:                           {after:.4f}")
    print(f"relative reduction: {(1 - after / before) if before else 0:.1%}")
    return 0
