"""Build the compact people tables shipped in ``tdi_nlp/resources/people/``.

Usage: ``python -m tdi_nlp.scripts.build_people [--shared DIR] [--out DIR]``

Reads ../shared/data/gazetteers/ (government members, AN bodies, deputies, senators) and writes facts only
(names, titles, dates, codes) as tab-separated files with a ``#`` header line naming the source of each.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ..config import RESOURCES_DIR, shared_path
from ..text_utils import fold, slugify

GAZ = ("data", "gazetteers")
SENATE_SINCE = "2008-01-01"   # senators whose last mandate ended before this are left out
MINISTRY_SINCE = "2002-01-01"

# NosDéputés group acronyms -> AN group acronyms (organes.csv libelleAbrev) when they differ, per legislature.
GROUP_ALIASES = {
    "15": {"LREM": "LAREM", "UAI": "UDI-AGIR", "UDII": "UDI-I", "AE": "AGIR-E", "LFI": "FI", "UDI": "UDI_I"},
    "16": {"LFI": "LFI-NUPES", "GDR": "GDR-NUPES", "ECO": "ECOLO", "REN": "RE", "MODEM": "DEM"},
}


def _group_name(names: dict, leg: str, sigle: str) -> str:
    return names.get((leg, GROUP_ALIASES[leg].get(sigle, sigle).upper()), "")


def _rows(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def _write(path: Path, source: str, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# source: {source}\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else str(v).replace("\t", " ").strip() for v in r])
    print(f"wrote {path} ({len(rows)} rows)")


def _last_name(value: str) -> str:
    """NosDéputés writes particles after the name: "Fournas (de)" -> "de Fournas"."""
    m = re.match(r"^(.*?)\s*\((d['’]|de la|de|du|des|le|la)\)$", value.strip(), re.IGNORECASE)
    if not m:
        return value.strip()
    particle = m.group(2).lower()
    return f"{particle}{m.group(1)}" if particle.endswith(("'", "’")) else f"{particle} {m.group(1)}"


def _day(value: str) -> str:
    return (value or "")[:10]


def build_government(gaz: Path, out: Path) -> None:
    src = gaz / "gouvernements_5e_republique" / "membres_gouvernements_iso.csv"
    rows = []
    for r in _rows(src):
        first, last = r["prenom"].strip(), r["nom"].strip()
        title = " ".join(r["fonction"].split())
        code = "PM" if re.match(r"Premi(?:er|ère) ministre", title) else r["code_fonction"]  # Barnier, Bayrou: "PE"
        rows.append([slugify(f"{first} {last}"), first, last, code, title,
                     r["date_debut"], r["date_fin"], r["id_gouvernement"], r["gouvernement"]])
    _write(out / "government.tsv", "data.gouv.fr 'Historique des gouvernements de la Ve République' "
           "(../shared/data/gazetteers/gouvernements_5e_republique/membres_gouvernements_iso.csv)",
           ["person", "first", "last", "code", "title", "start", "end", "gov_id", "gov_name"], rows)


def build_ministries(gaz: Path, out: Path) -> None:
    src = gaz / "an_organes" / "organes_gouvernement_ministeres.csv"
    rows = []
    for r in _rows(src):
        if r["codeType"] != "MINISTERE" or (r["dateFin"] and r["dateFin"] < MINISTRY_SINCE):
            continue
        rows.append([r["id"], " ".join(r["libelle"].split()), " ".join(r["libelleAbrege"].split()),
                     r["dateDebut"], r["dateFin"], r["organeParent"]])
    rows.sort(key=lambda x: (x[3], x[0]))
    _write(out / "ministries.tsv", "Assemblée nationale open data, organes MINISTERE via Regards Citoyens "
           "NosDeputes2-data (../shared/data/gazetteers/an_organes/organes_gouvernement_ministeres.csv)",
           ["organe", "label", "short_label", "start", "end", "government"], rows)


def build_groups(gaz: Path, out: Path) -> dict[tuple[str, str], str]:
    src = gaz / "an_organes" / "organes.csv"
    rows, names = [], {}
    for r in _rows(src):
        if r["codeType"] != "GP" or r["legislature"] not in ("15", "16"):
            continue
        rows.append([r["id"], r["libelleAbrev"], r["libelleAbrege"], r["libelle"], r["dateDebut"], r["dateFin"],
                     r["legislature"]])
        names[(r["legislature"], r["libelleAbrev"].upper())] = r["libelle"]
    _write(out / "groups.tsv", "Assemblée nationale open data, organes GP of the 15th and 16th legislatures "
           "(../shared/data/gazetteers/an_organes/organes.csv)",
           ["organe", "acronym", "short_label", "label", "start", "end", "legislature"], rows)
    return names


def build_deputies(gaz: Path, out: Path, group_names: dict) -> None:
    base = gaz / "deputes_nosdeputes"
    rows = []
    for leg in ("15", "16"):
        for r in _rows(base / f"deputes_legislature{leg}.csv"):
            sigle = r["groupe_sigle"]
            last = _last_name(r["nom_de_famille"])
            rows.append([f"PA{r['id_an']}", slugify(f"{r['prenom']} {last}"), r["prenom"], last, r["civilite"], r["num_deptmt"], r["nom_circo"], r["num_circo"],
                         sigle, _group_name(group_names, leg, sigle),
                         r["mandat_debut"], r["mandat_fin"], leg, r["slug"]])
    _write(out / "deputies.tsv", "NosDéputés.fr exports (Regards Citoyens, AGPL-3.0 repository; facts only) "
           "(../shared/data/gazetteers/deputes_nosdeputes/deputes_legislature15.csv, deputes_legislature16.csv)",
           ["acteur_ref", "person", "first", "last", "civility", "dept_code", "dept_name", "constituency",
            "group", "group_name", "start", "end", "legislature", "nosdeputes_slug"], rows)
    hist = []
    for r in _rows(base / "deputes15_groupes_historique_2017-06_2019-07.csv"):
        sigle = r["groupe_sigle"]
        hist.append([r["slug"], sigle, _group_name(group_names, "15", sigle),
                     r["date_debut"], r["date_fin"]])
    _write(out / "deputy_groups.tsv", "Regards Citoyens historique-groupes-deputes, 15th legislature "
           "2017-06..2019-07 (../shared/data/gazetteers/deputes_nosdeputes/"
           "deputes15_groupes_historique_2017-06_2019-07.csv; facts only)",
           ["nosdeputes_slug", "group", "group_name", "start", "end"], hist)


def build_senators(gaz: Path, out: Path) -> None:
    base = gaz / "senateurs_data_senat"
    spans: dict[str, list[str]] = defaultdict(lambda: ["9999", ""])
    for r in _rows(base / "ODSEN_ELUSEN.csv"):
        s = spans[r["Matricule"]]
        start, end = _day(r["Date de début de mandat"]), _day(r["Date de fin de mandat"])
        s[0] = min(s[0], start or "9999")
        s[1] = "" if not end or s[1] == "open" else max(s[1], end)
        if not end:
            s[1] = "open"
    rows = []
    for r in _rows(base / "ODSEN_GENERAL.csv"):
        start, end = spans.get(r["Matricule"], ["", ""])
        if end != "open" and end < SENATE_SINCE:
            continue
        first, last = r["Prénom usuel"].strip(), r["Nom usuel"].strip()
        rows.append([r["Matricule"], slugify(f"{first} {last}"), first, last, r["Qualité"],
                     r["Code Circonscription"], r["Circonscription"], r["Groupe politique"], start,
                     "" if end == "open" else end])
    _write(out / "senators.tsv", "data.senat.fr ODSEN_GENERAL and ODSEN_ELUSEN, snapshot Nov 2021 "
           "(../shared/data/gazetteers/senateurs_data_senat/)",
           ["matricule", "person", "first", "last", "civility", "dept_code", "dept_name", "group", "start", "end"],
           rows)


def build_first_names(gaz: Path, out: Path) -> None:
    """First name -> sex, counted over deputies and senators (used to read 'Mme la ministre')."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for leg in ("15", "16"):
        for r in _rows(gaz / "deputes_nosdeputes" / f"deputes_legislature{leg}.csv"):
            counts[fold(r["prenom"])]["F" if r["sexe"] == "F" else "M"] += 1
    for r in _rows(gaz / "senateurs_data_senat" / "ODSEN_GENERAL.csv"):
        counts[fold(r["Prénom usuel"])]["F" if r["Qualité"].startswith("Mme") else "M"] += 1
    rows = [[name, c.most_common(1)[0][0], sum(c.values())] for name, c in sorted(counts.items()) if name]
    _write(out / "first_names.tsv", "derived from deputies (NosDéputés sexe) and senators (data.senat.fr Qualité)",
           ["first_folded", "sex", "count"], rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None, help="shared folder (default: ../shared)")
    ap.add_argument("--out", type=Path, default=RESOURCES_DIR / "people")
    args = ap.parse_args(argv)
    gaz = (args.shared.joinpath(*GAZ) if args.shared else shared_path(*GAZ))
    if not gaz.is_dir():
        print(f"build_people: gazetteers not found at {gaz}", file=sys.stderr)
        return 1
    build_government(gaz, args.out)
    build_ministries(gaz, args.out)
    names = build_groups(gaz, args.out)
    build_deputies(gaz, args.out, names)
    build_senators(gaz, args.out)
    build_first_names(gaz, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
