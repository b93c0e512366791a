"""Build the compact geographic reference tables shipped in ``tdi_nlp/resources/geo/``.

Usage: ``python -m tdi_nlp.scripts.build_geo [--shared DIR] [--out DIR]``

Reads ../shared/data/gazetteers/ (decoupage-administratif and geohisto from Etalab, Licence Ouverte; the ANCT
list of the 149 Territoires d'industrie; the 2020 list of 148 from signaux-faibles) and writes facts only:
names, codes, dates, memberships and generated aliases. Every table starts with ``#`` lines naming its sources.
The hand-written ``manual_aliases.tsv`` (usual names such as "PACA" or "Dieppe Maritime") is not built here.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import re
from collections import Counter, defaultdict
from pathlib import Path

from ..config import RESOURCES_DIR, shared_path

OUT_DIR = RESOURCES_DIR / "geo"
GAZ = ("data", "gazetteers")

ADMIN = "admin_geo_decoupage_administratif (npm @etalab/decoupage-administratif 0.7.0/0.8.0/6.0.0, Licence Ouverte)"
HISTO = "admin_geo_geohisto (github.com/etalab/geohisto exports, Licence Ouverte 2.0)"
ANCT = "tdi_anct_149 (ANCT, github.com/anct-carto/superposeur-V2, data.gouv.fr programme-territoires-dindustrie)"
SF = "tdi_signaux_faibles (github.com/signaux-faibles/datapi, October 2020 list of 148 TI)"

# Legal forms written before an EPCI or TI name; stripping them gives the name as written in texts.
LEGAL_PREFIXES = [
    r"communaut[ée] d'agglom[ée]ration (?:de la |de l'|du |des |de |d')?",
    r"communaut[ée] de communes (?:de la |de l'|du |des |de |d')?",
    r"communaut[ée] urbaine (?:de la |de l'|du |des |de |d')?",
    r"m[ée]tropole (?:de la |de l'|du |des |de |d')",
    r"p[ôo]le m[ée]tropolitain ",
    r"petr (?:de la |de l'|du |des |de |d')?",
    r"(?:ca|cc|cu) (?:de la |de l'|du |des |de |d')?",
]
PREFIX_RE = re.compile(r"^(?:" + "|".join(LEGAL_PREFIXES) + r")", re.IGNORECASE)
SUFFIX_RE = re.compile(r"\s+(?:agglo|agglom[ée]ration|communaut[ée]|m[ée]tropole|intercom)$", re.IGNORECASE)
ARTICLE_RE = re.compile(r"^(?:le |la |les |l')", re.IGNORECASE)
ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z]{2,})\)\s*$")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_tsv(path: Path, header: list[str], rows: list[list], sources: list[str]) -> None:
    lines = [f"# {s}" for s in sources] + ["\t".join(header)]
    lines += ["\t".join("" if v is None else str(v).replace("\t", " ") for v in row) for row in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)  # reproducible bytes
    path.write_bytes(data)
    print(f"wrote {path} ({len(rows)} rows)")


def name_aliases(name: str) -> tuple[list[str], list[str]]:
    """(aliases usable anywhere, aliases usable only after a cue such as "communauté de communes de")."""
    full, free, cued = name, [], []
    acro = ACRONYM_RE.search(name)
    if acro:  # "CA de la Région Nazairienne et de l'Estuaire (CARENE)"
        name = name[: acro.start()]
        free += [acro.group(1), name]
    stripped = PREFIX_RE.sub("", name).strip() or name
    no_article = ARTICLE_RE.sub("", stripped).strip() or stripped
    short = SUFFIX_RE.sub("", no_article).strip()
    free += [stripped, no_article]
    if short and short != no_article:
        cued.append(short)
    return _dedup(free, full), _dedup(cued, full)


def _dedup(items: list[str], name: str) -> list[str]:
    out = []
    for x in items:
        if x and x.lower() != name.lower() and x not in out:
            out.append(x)
    return out


def build_regions(src: Path) -> tuple[list[list], dict]:
    current = {r["code"]: r for r in read_csv(src / "admin_geo_decoupage_administratif" / "regions_2019.csv")}
    rows, names = [], {}
    for r in read_csv(src / "admin_geo_geohisto" / "regions_history.csv"):
        code = r["insee_code"]
        ended = not r["end_datetime"].startswith("9999")
        successor = ""
        if r["successors"]:
            successor = r["successors"].split(":")[2].split("@")[0]
        if ended and successor == code:  # "Centre" renamed "Centre-Val de Loire": an alias, not a region
            continue
        name = current[code]["nom"] if (not ended and code in current) else r["name"]
        status = "former" if ended else "current"
        aliases = [a for a in {r["name"]} if a != name]
        if code == "24" and not ended:
            aliases.append("Centre")  # the name before 2015-01-17 (from the same table)
        rows.append([code, name, status, successor or (code if not ended else ""), r["start_datetime"][:10],
                     "" if not ended else r["end_datetime"][:10], "|".join(aliases)])
        names[code] = name
    rows.sort(key=lambda x: (x[2] != "current", x[0]))
    return rows, names


def build_departments(src: Path) -> list[list]:
    rows = []
    for d in read_csv(src / "admin_geo_decoupage_administratif" / "departements_2019.csv"):
        name = d["nom"]
        aliases = [a for a in [ARTICLE_RE.sub("", name)] if a != name]
        rows.append([d["code"], name, d["region"], d["chefLieu"], "|".join(aliases)])
    return rows


def build_communes(src: Path) -> tuple[list[list], dict]:
    base = src / "admin_geo_decoupage_administratif"
    communes: dict[str, dict] = {}
    for year in ("2019", "2026"):  # the newer file overwrites: current names and population
        for c in read_csv(base / f"communes_{year}.csv"):
            if c["type"] == "commune-actuelle":
                communes[c["code"]] = c
    epci_of = {}
    for year in ("2019", "2020", "2026"):
        for m in read_csv(base / f"epci_membres_{year}.csv"):
            epci_of[m["code_commune"]] = m["siren_epci"]
    rows = []
    for code, c in sorted(communes.items()):
        rows.append([code, c["nom"], c["departement"], c["region"], c["population"] or 0, epci_of.get(code, "")])
    return rows, communes


def build_epci(src: Path, communes: dict) -> list[list]:
    base = src / "admin_geo_decoupage_administratif"
    epci: dict[str, dict] = {}
    former: dict[str, set] = defaultdict(set)
    for year in ("2019", "2020", "2026"):
        for e in read_csv(base / f"epci_{year}.csv"):
            if e["siren"] in epci and epci[e["siren"]]["nom"] != e["nom"]:
                former[e["siren"]].add(epci[e["siren"]]["nom"])
            epci[e["siren"]] = e
    for e in read_csv(base / "ept_2026.csv"):
        epci[e["siren"]] = {"siren": e["siren"], "nom": e["nom"], "type": "EPT"}
    members: dict[str, list[str]] = {}
    for year in ("2026", "2020", "2019"):  # EPCI dissolved since 2019 keep their last members
        found: dict[str, list[str]] = defaultdict(list)
        for m in read_csv(base / f"epci_membres_{year}.csv"):
            found[m["siren_epci"]].append(m["code_commune"])
        for siren, codes in found.items():
            members.setdefault(siren, codes)
    for e in read_csv(base / "ept_2026.csv"):
        members[e["siren"]] = e["codes_communes"].split(";")
    rows = []
    for siren, e in sorted(epci.items()):
        depts = Counter(communes[c]["departement"] for c in members.get(siren, []) if c in communes)
        regions = Counter(communes[c]["region"] for c in members.get(siren, []) if c in communes)
        free, cued = name_aliases(e["nom"])
        for old in sorted(former.get(siren, ())):
            f2, c2 = name_aliases(old)
            free += [old] + f2
            cued += c2
        rows.append([siren, e["nom"], e["type"], depts.most_common(1)[0][0] if depts else "",
                     regions.most_common(1)[0][0] if regions else "", "|".join(_dedup(free, e["nom"])),
                     "|".join(_dedup(cued, e["nom"]))])
    return rows


def build_tdi(src: Path) -> list[list]:
    t22 = {r["id_ti"].removeprefix("ti-"): r for r in read_csv(src / "tdi_anct_149" / "tdi_149_territoires.csv")}
    t20 = {r["code_ti"]: r for r in read_csv(src / "tdi_signaux_faibles" / "tdi_2020_territoires.csv")}
    rows = []
    for code in sorted(set(t22) | set(t20)):
        a, b = t22.get(code, {}), t20.get(code, {})  # {} (falsy) where a table lacks the code
        name = a["lib_ti"] if a else b["libelle_ti"]
        name20 = b["libelle_ti"] if b else ""
        region = a["code_region"] if a else b["code_region"]
        aliases = []
        for n in (name, name20):
            if n:
                free, _ = name_aliases(n)
                aliases += [n] + free
        epci20 = ";".join(x for x in (b["siren_epci_entiers"] + ";" + b["siren_epci_partiels"]).split(";") if x) if b else ""
        rows.append([code, name, name20, region, b["departements"] if b else "",
                     a["siren_groupements"].replace(",", ";") if a else "", epci20,
                     "2020;2022" if a and b else ("2022" if a else "2020"), "|".join(_dedup(aliases, name))])
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", type=Path, default=shared_path(*GAZ), help="gazetteers folder")
    p.add_argument("--out", type=Path, default=OUT_DIR)
    args = p.parse_args(argv)
    src = args.shared
    if not src.is_dir():
        print(f"gazetteers not found at {src}")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    regions, _ = build_regions(src)
    write_tsv(args.out / "regions.tsv", ["code", "name", "status", "successor", "valid_from", "valid_to", "aliases"],
              regions, [f"source: {ADMIN} regions_2019.csv; {HISTO} regions_history.csv",
                        "successor: the current region (itself for current ones)"])
    write_tsv(args.out / "departments.tsv", ["code", "name", "region", "chef_lieu", "aliases"],
              build_departments(src), [f"source: {ADMIN} departements_2019.csv"])
    communes_rows, communes = build_communes(src)
    write_tsv(args.out / "communes.tsv.gz", ["code", "name", "department", "region", "population", "epci"],
              communes_rows, [f"source: {ADMIN} communes_2019/2026.csv (communes actuelles, 2026 names and "
                              "population), epci_membres_2019/2020/2026.csv"])
    write_tsv(args.out / "epci.tsv.gz", ["siren", "name", "type", "department", "region", "aliases", "cue_aliases"],
              build_epci(src, communes),
              [f"source: {ADMIN} epci_2019/2020/2026.csv, ept_2026.csv, epci_membres_2026.csv",
               "department/region: the most frequent among member communes; aliases generated by stripping legal "
               "forms (CA, CC, Communauté d'agglomération de...), cue_aliases also strip Agglo/Communauté/Métropole"])
    write_tsv(args.out / "tdi.tsv", ["id", "name", "name_2020", "region", "departments_2020", "epci_2022",
                                     "epci_2020", "lists", "aliases"],
              build_tdi(src), [f"source: {ANCT} tdi_149_territoires.csv (2022, 149 TI); {SF} "
                               "tdi_2020_territoires.csv (2020, 148 TI; EPCI derived from commune perimeters)",
                               "id: the shared ANCT numbering (2-digit region + serial)"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
