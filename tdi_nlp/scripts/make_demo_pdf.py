"""Build corpus/002_press_release.pdf from seed 002, with a running header and page numbers, so that the demo reads
a multi-page PDF. Needs fpdf2 (test extra) and the DejaVu fonts (Debian: fonts-dejavu-core).

    python -m tdi_nlp.scripts.make_demo_pdf [SEED] [OUT]
"""
from __future__ import annotations

import sys
from pathlib import Path

from fpdf import FPDF

from ..config import checkout_path
from ..readers import read_path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class _PressPDF(FPDF):
    def header(self):
        self.set_font("DejaVu", size=8)
        self.cell(0, 8, "Territoires d'industrie · Communiqué de presse", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


def build(seed: Path, out: Path) -> None:
    doc = read_path(seed).documents[0]
    pdf = _PressPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_title("Territoires d'industrie : premier bilan du programme")
    pdf.set_author("Ministère de l'économie et des finances")
    pdf.set_creation_date(__import__("datetime").datetime(2019, 9, 24, tzinfo=__import__("datetime").timezone.utc))
    pdf.alias_nb_pages()
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    for para in doc.text.split("\n\n"):
        pdf.multi_cell(0, 7, para.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(out))


if __name__ == "__main__":
    seed = Path(sys.argv[1]) if len(sys.argv) > 1 else checkout_path("corpus", "002_3af200a01a20ee1d.txt")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else checkout_path("corpus", "002_press_release.pdf", must_exist=False)
    build(seed, out)
    print(f"wrote {out}")
