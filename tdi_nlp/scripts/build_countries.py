"""Build resources/geo/countries.tsv: French names of the world's countries (CLDR, through babel).

Run ``python -m tdi_nlp.scripts.build_countries`` (needs ``pip install tdi-nlp[build]``). Kept: ISO 3166-1
alpha-2 codes of CLDR's French locale, minus France and its overseas territories (their departments, regions and
communes are in the other tables), minus non-country codes (EU, UN, ...). Names that are also French first names
or ambiguous with French places are left to the hand aliases below.
"""
from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, __version__ as babel_version

from ..config import RESOURCES_DIR

OUT = RESOURCES_DIR / "geo" / "countries.tsv"
# France, its overseas territories, and CLDR codes that are not countries.
SKIP = {"FR", "GF", "GP", "MQ", "RE", "YT", "NC", "PF", "PM", "WF", "BL", "MF", "TF", "CP", "CQ", "DG", "EA",
        "IC", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "TA", "UM"}
# CLDR names that are also French first names or French places: only their longer forms are kept.
DROP_NAMES = {"Maurice", "Salvador", "Jersey", "Guernesey", "Niue", "Tonga"}
# Usual French names beside CLDR's (written by hand).
ALIASES = {
    "US": ["USA", "États-Unis d'Amérique", "Etats-Unis"], "GB": ["Grande-Bretagne"],
    "CZ": ["République tchèque"], "MM": ["Birmanie"], "MU": ["île Maurice"], "SV": ["El Salvador"],
    "KR": ["République de Corée"], "KP": ["République populaire démocratique de Corée"],
    "CD": ["RDC", "République démocratique du Congo"], "VA": ["Vatican", "Saint-Siège"],
    "RU": ["Fédération de Russie"], "CN": ["République populaire de Chine"], "NL": ["Hollande"],
    "AE": ["Émirats"], "KG": ["Kirghizistan"],
}


def build() -> int:
    names = Locale("fr").territories
    rows = []
    for code, name in sorted(names.items()):
        if not re.fullmatch(r"[A-Z]{2}", code) or code in SKIP:
            continue
        aliases = ALIASES.get(code, [])
        if name in DROP_NAMES:
            name, aliases = (aliases[0], aliases[1:]) if aliases else (name, [])
            if name in DROP_NAMES:
                continue
        rows.append((code, name, "|".join(a for a in aliases if a != name)))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(f"# source: Unicode CLDR French territory names through babel {babel_version} (Unicode License v3);"
                 " aliases written by hand (tdi_nlp/scripts/build_countries.py)\n")
        fh.write("code\tname\taliases\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    return len(rows)


def main() -> None:
    print(f"{build()} countries -> {Path(OUT).name}")


if __name__ == "__main__":
    main()
