"""Named bodies the gazetteer does not list, found by rules (word lists in ``resources/orgs/rules.toml``):

- a head word and its complement: "la Cour des comptes", "l'Agence nationale du sport", "la commission des
  lois", "le tribunal administratif de Lyon", "la direction régionale de l'environnement, de l'aménagement et du
  logement";
- an acronym defined in the text after a body's name ("... numérique (Arcom)"), and its later uses;
- parliamentary groups listed after "groupe(s)" ("sur les bancs des groupes LaREM, Dem et Agir ens");
- lower-case phrases before an acronym in parentheses, bodies or things ("(MRAE)", "(AAH)");
- capitalized names after a cue noun or before an apposition ("l'entreprise Morvelec", "Flexico, une PME"), or
  listed beside a body ("Vinci et Eiffage").
Each returns character or token spans and names; the component adds the facts.
"""
from __future__ import annotations

import csv
import re
import tomllib
from functools import lru_cache

from spacy.tokens import Doc, Span

from ...config import RESOURCES_DIR
from ...text_utils import fold
from .. import folded_words

_RULES = tomllib.loads((RESOURCES_DIR / "orgs" / "rules.toml").read_text(encoding="utf-8"))["bodies"]
_HEADS = set(_RULES["heads"])
_LOWER = {k: set(v) for k, v in _RULES["lower_heads"].items()}
_LINKS = set(_RULES["links"])
_FIRST_LINKS = set(_RULES["first_links"])
_ARTICLES = set(_RULES["articles"])
_NOT_END = set(_RULES["not_end"])
_STOP = set(_RULES["stop_words"])
_LOWER_NOT_AFTER = set(_RULES["lower_not_after"])
_KIND_AFTER = set(_RULES["kind_after"])
_TITLE_NOT_AFTER = set(_RULES["title_not_after"])
_GENERIC = set(_RULES["generic_names"])


def _country_names() -> set[str]:
    """Folded names and aliases of countries (resources/geo/countries.tsv): "la Fédération de Russie" is a state."""
    with open(RESOURCES_DIR / "geo" / "countries.tsv", encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if not ln.startswith(("#", "code\t"))]
    return {fold(n) for r in rows for n in [r[1], *(r[2].split("|") if len(r) > 2 else [])] if n}


_COUNTRIES = _country_names()
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_GROUP_CUE = re.compile(r"\bgroupes?[ ]+", re.IGNORECASE)
_ACRONYM = re.compile(r"[ ]*\([ ]*([A-ZÀ-Þ][\w&-]{1,11})[ ]*\)")
_APPOSED_ACRONYM = re.compile(r"(?<![\w'’-])([A-ZÀ-Þ](?:[A-ZÀ-Þ]{1,10}|[a-zà-ÿ]{2,10}))[ ]*,[ ]*(?:la|le|l['’])[ ]*$")
_FIT_SKIP = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en"}


def _content(tok) -> bool:
    """A noun or adjective of a name; a hyphenated capitalized name too ("des Hauts-de-France")."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or fold(tok.text) in _STOP:
        return False
    return bool(tok.is_alpha or (tok.text[:1].isupper() and _HYPHENATED.fullmatch(tok.text)))


def _complement_end(doc: Doc, i: int, place: bool, need_link: bool, late_first: bool = False) -> int:
    """The end (token index) of a head's complement starting at token i: adjectives, then groups "de (la) X",
    "et (de) X", ", de X", each X a run of nouns and adjectives. place: the last word must be capitalized (a
    court's seat); need_link: adjectives alone are not enough; late_first: "à", "au", "aux" may also open the first
    group after the adjectives (a lower-case head: "la délégation interministérielle à la lutte contre ...")."""
    end, k, n, linked = i, i, len(doc), False
    seat_end = i       # the end of the last group that ends on a capitalized word
    while k < n and _content(doc[k]) and doc[k].pos_ == "ADJ" and "\n" not in doc[k - 1].whitespace_:
        k += 1
        end = k
    i_links = k if late_first else i   # "à", "au", "aux" open a group only right after the head ("Commissariat à
    #                                     l'énergie"; "l'Union européenne aux États-Unis" is two names)
    by_first = False   # a name opened by "à" goes on with them: "à l'hébergement et à l'accès au logement"
    between = False    # the last group was opened by "entre": "et les femmes" closes the pair
    while k < n and "\n" not in doc[k - 1].whitespace_:
        t = doc[k]
        j = k
        if t.text == "," and k + 1 < n and fold(doc[k + 1].text) in _LINKS:
            j = k + 1
        elif fold(t.text) == "et" and k + 1 < n:
            if doc[k + 1].pos_ == "ADJ" and _content(doc[k + 1]):   # "olympique et sportif"
                k += 1
                while k < n and _content(doc[k]) and doc[k].pos_ == "ADJ":
                    k += 1
                    end = k
                continue
            j = k + 1
        pair = fold(t.text) == "et" and between and fold(doc[j].text) in _ARTICLES   # "entre les hommes et les femmes"
        first_link = (fold(doc[j].text) in _FIRST_LINKS and doc[j].lower_ != "a"   # "a siégé": the verb, not "à"
                      and (j == k == i_links or by_first))
        if fold(doc[j].text) not in _LINKS and not first_link and not pair:
            break
        by_first = by_first or first_link
        between = fold(doc[j].text) == "entre"
        if not pair:
            j += 1
        while j < n and fold(doc[j].text) in _ARTICLES:
            j += 1
        m = j
        while m < n and _content(doc[m]):
            m += 1
            if "\n" in doc[m - 1].whitespace_:
                break
        if m == j:
            break
        end = k = m
        linked = True
        if doc[m - 1].is_title:
            seat_end = m
    while end > i and fold(doc[end - 1].text) in _NOT_END:
        end -= 1
    if place and not (end > i and doc[end - 1].is_title):
        end = seat_end     # "le tribunal de Bobigny de façon définitive": the name ends on its seat
    if (place and end == i) or (need_link and not linked):
        return i
    return end


def head_bodies(doc: Doc) -> list[Span]:
    """Spans of bodies named by a head word and its complement. A capitalized head ("Cour", "Haute Autorité")
    takes adjectives or "de" groups (adjectives alone not at a sentence start); a lower-case head only with the
    cue words of ``lower_heads`` after it and at least one "de" group."""
    out, k, n = [], 0, len(doc)
    folded = folded_words(doc)
    for i in [i for i, f in enumerate(folded) if f in _HEADS or f in _LOWER]:   # a token no head word skips
        if i < k:
            continue
        k = i
        t = doc[k]
        head = folded[k]
        lower = t.is_lower and head in _LOWER
        if lower and k > 0 and folded[k - 1] in _LOWER_NOT_AFTER:
            lower = False     # "une commission départementale de ...": a kind of body
        if not lower and k > 0 and folded[k - 1] in _TITLE_NOT_AFTER:
            k += 1            # "un Conseil de défense": a meeting, a kind
            continue
        if not ((t.is_title and head in _HEADS) or lower) or (k + 1 < n and "\n" in t.whitespace_):
            k += 1
            continue
        start, first = k, k + 1
        if head in ("haut", "haute") and first < n and doc[first].is_title:   # "Haut Conseil", "Haute Autorité"
            first += 1
        if lower:
            nxt = fold(" ".join(x.text for x in doc[first:first + 2]).replace("' ", "'"))
            cue = next((c for c in _LOWER[head] if nxt == c or nxt.startswith((c + " ", c + "'"))), None)
            if cue is None:
                k += 1
                continue
            seat = head == "tribunal" or (head == "cour" and not cue.startswith("de"))   # "la cour d'appel de Douai"
            end = _complement_end(doc, first, place=seat, need_link=True, late_first=True)
        else:
            end = _complement_end(doc, first, place=False, need_link=bool(t.is_sent_start))
        if end > first and (fold(doc[start:end].text) in _GENERIC | _COUNTRIES
                            or (lower and " ".join(folded[end:end + 2]) in _KIND_AFTER)):
            k = end           # "le Conseil départemental", "le comité d'éthique de chaque fédération": a kind
        elif end > first:
            out.append(doc[start:end])
            k = end
        else:
            k += 1
    return out


def fits(acronym: str, name: str, strict: bool = False) -> bool:
    """The acronym's letters are, in order, initials of the name's words, the first among its first two
    ("RESIS" for "centre de ressources et d'études systémiques contre les intimidations scolaires"); strict: the
    first the name's first ("ARS" for "agence régionale de santé d'Occitanie")."""
    initials = [w[0] for w in re.findall(r"\w+", fold(name)) if w not in _FIT_SKIP]
    letters = [c for c in fold(acronym) if c.isalpha()]
    if len(letters) < 2 or not initials or letters[0] not in initials[:1 if strict else 2]:
        return False
    pos = initials.index(letters[0])
    for c in letters[1:]:
        try:
            pos = initials.index(c, pos + 1)
        except ValueError:
            return False
    return True


def defined_acronyms(text: str, names: list[tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """acronym -> the (start, end, name) of the body whose name it follows in parentheses, when its first letter
    is the name's ("Autorité de régulation ... (Arcom)") or its letters fit the name's words, or that stands just
    before the name in apposition ("la Dilcrah, la délégation interministérielle à la lutte contre le racisme,
    l'antisémitisme et la haine anti-LGBT")."""
    out = {}
    for s, e, name in names:
        m = _ACRONYM.match(text, e)
        if m and (fold(m.group(1))[0] == fold(name)[0] or fits(m.group(1), name)) and not m.group(1).islower():
            out[m.group(1)] = (s, e, name)
        m = _APPOSED_ACRONYM.search(text, max(0, s - 20), s)
        clause = re.match(r"[^.;:()\n]{0,200}", text[s:])
        if m and clause and fits(m.group(1), " ".join(clause.group().split()[:len(m.group(1)) + 6])):
            out.setdefault(m.group(1), (s, e, name))   # the name may go on past where the rules cut it
    return out


def _group_variants(form: str) -> set[str]:
    """A group's short label as the sittings write it too: "Ecolo - NUPES" is also "Ecolo-NUPES", "Écolo - NUPES"
    and "Écolo-NUPES" (the table drops the accent of a capital)."""
    out = {form, form.replace(" - ", "-")}
    if form.startswith("E") and form[1:2].islower():
        out |= {"É" + v[1:] for v in out}
    return out


@lru_cache(maxsize=1)
def group_forms() -> dict[str, str]:
    """Short labels and acronyms of AN parliamentary groups (resources/people/groups.tsv) -> full label."""
    path = RESOURCES_DIR / "people" / "groups.tsv"
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    out = {}
    for r in sorted(rows, key=lambda r: r["start"]):
        head = r["label"].split(" (")[0]   # "Démocrate (MoDem et Indépendants)", "Horizons et apparentés"
        for form in (r["short_label"], r["acronym"], head):
            if form and len(form) >= 2:
                for variant in _group_variants(form):
                    out[variant] = r["label"]
    return out


# the rest of a group's label after its head: "(MODEM) et démocrates apparentés", " et apparentés"
_LABEL_REST = re.compile(r"(?:[ ]*\([ ]*[\w-]{2,12}[ ]*\))?[ ]+et[ ]+(?:[\w-]+[ ]+)?apparentés(?![\w-])|[ ]*\([ ]*[\w-]{2,12}[ ]*\)",
                         re.IGNORECASE)


def listed_groups(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of group short labels listed after "groupe(s)": "des groupes LaREM, Dem et LR"."""
    forms = group_forms()
    lower = {f.lower(): label for f, label in forms.items() if " " in f}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # a label's head of several words in any case ("Mouvement démocrate (MODEM) et démocrates apparentés")
    long_alt = "|".join(re.escape(f) for f in sorted(lower, key=len, reverse=True))
    item = re.compile(rf"(?:{alt})(?![\w-])|(?i:{long_alt})(?![\w-])")
    sep = re.compile(r"[ ]*,[ ]*|[ ]+et[ ]+")
    out = []
    for m in _GROUP_CUE.finditer(text):
        pos = m.end()
        while True:
            hit = item.match(text, pos)
            if not hit:
                break
            out.append((hit.start(), hit.end(), forms.get(hit.group()) or lower[hit.group().lower()]))
            rest = _LABEL_REST.match(text, hit.end())
            more = sep.match(text, rest.end() if rest else hit.end())
            if not more:
                break
            pos = more.end()
    return out


_ALL = tomllib.loads((RESOURCES_DIR / "orgs" / "rules.toml").read_text(encoding="utf-8"))
_ACR_HEADS = set(_ALL["acronyms"]["heads"]) | _HEADS | set(_LOWER)
_ACR_SKIP = set(_ALL["acronyms"]["skip"])
_THING_CUES = set(_ALL["acronyms"]["thing_cues"])
_ACR_TOKEN = re.compile(r"[A-ZÀ-Þ](?=[\w&-]*[A-ZÀ-Þ]|[a-zà-ÿ]{2,})[\w&-]{1,11}")
_CUE_NOUNS = set(_ALL["cue_nouns"])
_APPOSITION = set(_ALL["apposition_nouns"])
_NAMING_VERBS = set(_ALL["cue_naming_verbs"])
_CUE_EXAMPLES = set(_ALL["cue_examples"])
# a name opens with a capital, or with a short lower-case prefix and a hyphen ("l'association e-Enfance")
_NAME_START = re.compile(r"[^\W\d_](?<=[A-ZÀ-ÖØ-Þ])|[a-z]{1,2}-[A-ZÀ-ÖØ-Þ]")
_COPULA_DETS = {"la", "le", "l'", "l’", "une", "un", "notre"}
_LIST_LINKS = set(_ALL["list_links"])
_LIST_OPENERS = set(_ALL["list_openers"])
_SEAT_OPENERS = set(_ALL["seat_openers"])
_NAME_LINKS = {"de", "du", "des", "d'", "d’", "&"}
_PLURAL_DETS = set(_ALL["plural_determiners"])
_THING_HEADS = sorted(_ALL["thing_heads"], key=len, reverse=True)
_THING_CALLED = set(_ALL["thing_called"])
# a lower-case word, then "(communément) appelés TUC", "dits SIVP": the acronym names the phrase before it
_CALLED = re.compile(r"(?<=[a-zà-ÿ,] )(?:(?:plus )?(?:communément|couramment) )?([a-zé]+)[ ]+([A-Z]{2,8})(?![\w-])")
_THING = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(h) for h in _THING_HEADS) + r")(?:[ ]+[\w'’-]+){1,8}",
                    re.IGNORECASE)


def thing_acronyms(text: str) -> set[str]:
    """Acronyms of the phrases that name a law, a plan or a target ("la loi de programmation militaire" -> LPM,
    "le projet de loi de finances" -> PLF): the initials of the head and its content words, for each length."""
    out = {m.group(2) for m in _CALLED.finditer(text) if fold(m.group(1)) in _THING_CALLED}
    for m in _THING.finditer(text):
        initials = [w[0] for w in re.findall(r"[^\W\d_]+", fold(m.group())) if w not in _FIT_SKIP]
        for n in range(3, len(initials) + 1):
            out.add("".join(initials[:n]).upper())
    return out


def lower_phrase_acronyms(doc: Doc, acronyms: set[str]) -> set[str]:
    """The acronyms (of ``acronyms``) whose letters are the initials of a lower-case phrase of the document that no
    body head opens ("le service militaire volontaire" -> SMV, "la taxe sur la valeur ajoutée" -> TVA): things."""
    wanted = {}
    for acronym in acronyms:
        letters = [c for c in fold(acronym) if c.isalpha()]
        if 2 <= len(letters) <= 6 and len(letters) == len(acronym):
            wanted[acronym] = letters
    if not wanted:
        return set()
    # each token read once, from arrays (no Token object per word): this serves every acronym of the document
    rows = doc.to_array(["IS_LOWER", "IS_ALPHA", "IS_PUNCT"])
    folded = folded_words(doc)
    lower = ((rows[:, 0] != 0) & (rows[:, 1] != 0)).tolist()
    skip = [f in _ACR_SKIP and not punct for f, punct in zip(folded, rows[:, 2].tolist())]
    starts: dict[str, list[int]] = {}
    for i, f in enumerate(folded):
        if lower[i] and f not in _ACR_HEADS:
            starts.setdefault(f[0], []).append(i)
    out = set()
    for acronym, letters in wanted.items():
        for i in starts.get(letters[0], ()):
            p, j = 1, i + 1
            while p < len(letters) and j < len(doc) and j - i < 3 * len(letters):
                if skip[j]:
                    j += 1
                    continue
                if not (lower[j] and folded[j][0] == letters[p]):
                    break
                p += 1
                j += 1
            if p == len(letters) and (j >= len(doc) or not (lower[j] and doc[j].pos_ in ("NOUN", "ADJ"))):
                out.add(acronym)
                break
    return out


def _acronym_start(doc: Doc, i: int, acronym: str) -> int | None:
    """The first token of the words before doc[i] whose initials spell acronym (skipped words aside, one miss
    allowed): "mission régionale d'autorité environnementale" for MRAE."""
    letters = [c for c in fold(acronym) if c.isalpha()]
    p, misses = len(letters) - 1, 0
    for j in range(i - 1, max(-1, i - 18), -1):
        w = doc[j]
        f = fold(w.text)
        if "\n" in w.whitespace_ or (w.is_punct and w.text != ","):
            return None
        if f in _ACR_SKIP:
            continue
        if f and f[0] == letters[p]:
            p -= 1
            if p < 0:
                return j
        else:
            misses += 1
            if misses > 1:
                return None
    return None


def _capitalized_name(span: Span) -> bool:
    """Two words or more, each capitalized but the linking words: "Société du Grand Paris"."""
    content = [t for t in span if fold(t.text) not in _ACR_SKIP]
    return len(content) >= 2 and all(t.text[:1].isupper() and t.is_alpha for t in content)


def acronym_phrases(doc: Doc) -> list[tuple[Span, str, bool]]:
    """(phrase, acronym, is_body) for each acronym written in parentheses after the lower-case words it abbreviates.
    is_body when they open with a singular body head ("la mission régionale d'autorité environnementale (MRAE)",
    "le centre de ressources et d'études ... (RESIS)"); else the acronym names a thing ("l'allocation aux adultes
    handicapés (AAH)", "les centres régionaux des œuvres universitaires (CROUS)"). Capitalized names are left to
    the other rules."""
    out = []
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not _ACR_TOKEN.fullmatch(doc[i + 1].text):
            continue
        acronym = doc[i + 1].text
        start = _acronym_start(doc, i, acronym)
        if start is None:
            continue
        if start >= 2 and fold(doc[start - 1].text) in _LINKS and fold(doc[start - 2].text) in _ACR_HEADS:
            start -= 2      # "centre de [ressources et d'études ...]"
        head = doc[start]
        det = fold(doc[start - 1].text) if start else ""
        if not head.is_lower:
            cue = next((fold(t.text) for t in reversed(doc[max(0, start - 3):start]) if not t.is_punct), "")
            end = i if doc[i - 1].text != "," else i - 1
            if det in _PLURAL_DETS or cue in _THING_CUES:   # "les Frégates ... (FDI)", "l'initiative « ... (CREWS) »"
                out.append((doc[start:end], acronym, False))
            elif _capitalized_name(doc[start:end]):     # "la Société du Grand Paris (SGP)"
                out.append((doc[start:end], acronym, True))
            continue
        end = i if doc[i - 1].text != "," else i - 1
        body = fold(head.text) in _ACR_HEADS
        if body and det in _LOWER_NOT_AFTER:
            continue        # "une mission ... (MRAE)": a kind of body
        out.append((doc[start:end], acronym, body))
    return out


def _name_run(doc: Doc, k: int, limit: int = 5) -> int:
    """The end of a run of capitalized words from token k ("Marion", "AXA Prévoyance", "Caisse d'Épargne")."""
    end, n = k, len(doc)
    while end < n and end - k < limit:
        t = doc[end]
        if (t.text[:1].isupper() or (end == k and _NAME_START.match(t.text))) and re.fullmatch(r"[\w'’&-]+", t.text):
            end += 1
        elif (fold(t.text) in _NAME_LINKS and end > k and end + 1 < n and doc[end + 1].text[:1].isupper()
              and "\n" not in t.whitespace_):
            end += 1
        else:
            break
        if "\n" in doc[end - 1].whitespace_:
            break
    while end > k and fold(doc[end - 1].text) in _NAME_LINKS:
        end -= 1
    return end


def cued_names(doc: Doc) -> list[Span]:
    """Capitalized names that a common noun before them ("l'entreprise Flexico", "l'association Marion la main
    tendue") or an apposition after them ("Flexico, une PME de 250 salariés") makes bodies."""
    out = []
    n = len(doc)
    folded = folded_words(doc)
    for k in [k for k in range(1, n - 1) if folded[k] in _CUE_NOUNS or folded[k][:-1] in _CUE_NOUNS]:
        t = doc[k]                                                     # a cue noun, singular or plural
        if not t.is_lower or "\n" in t.whitespace_:
            continue
        first = k + 1
        if folded[k] not in _CUE_NOUNS:       # "des associations, notamment Marion": a plural names only by example
            first = _past_complement(doc, folded, first)   # "des associations de lutte contre le harcèlement, comme"
            if not (first + 1 < n and folded[first] == "," and folded[first + 1] in _CUE_EXAMPLES):
                continue
            first += 2
            if first >= n:
                continue
        after = doc[first]
        if after.is_lower and after.pos_ == "ADJ" and first + 1 < n:
            first += 1      # "l'entreprise pétrolière Perenco"
        elif (fold(after.text) in ("d'", "d’", "de") and first + 2 < n and doc[first + 1].is_lower
              and doc[first + 1].pos_ in ("NOUN", "VERB")):      # "de fait": "fait" is often tagged a verb
            first += 2      # "le média d'investigation Disclose", "le groupement de fait Cheikh Yassine"
        elif folded[first] in ("s'", "s’", "se") and first + 2 < n and folded[first + 1] in _NAMING_VERBS:
            first += 2      # "l'entreprise s'appelle Flexico"
        if _NAME_START.match(doc[first].text) and "\n" not in doc[first - 1].whitespace_:
            end = _name_run(doc, first)
            if end > first:
                out.append(doc[first:end])
    for k in [k for k in range(n - 3) if folded[k] == ","]:
        if doc[k].text != ",":
            continue
        copula = False
        if folded[k + 1] in ("un", "une"):
            if folded[k + 2] not in _APPOSITION:
                continue
        elif folded[k + 1] in ("c'", "c’") and folded[k + 2] == "est":
            # "Flexico, c'est (un petit peu) la start-up du groupe": a determiner and an apposition noun within a
            # few words
            tail = folded[k + 3:k + 8]
            if not any(w in _COPULA_DETS and j + 1 < len(tail) and tail[j + 1] in _APPOSITION
                       for j, w in enumerate(tail)):
                continue
            copula = True
        else:
            continue
        start = k
        while start > 0 and start > k - 4 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_punct:
            start -= 1
        if start == k or (doc[start].is_sent_start and doc[start].pos_ != "PROPN"
                          and not (copula and k - start >= 2)):
            continue      # a capitalized word opening the sentence; two of them before ", c'est la PME" are a name
        out.append(doc[start:k])
    return out


def _past_complement(doc: Doc, folded: list[str], first: int, most: int = 8) -> int:
    """The token after a plural cue noun's complement in lower case ("de lutte contre le harcèlement scolaire"), or
    first when no "de" opens one there."""
    if first >= len(doc) or folded[first] not in ("de", "d'", "d’", "du", "des", "pour", "contre"):
        return first
    k = first + 1
    while k < len(doc) and k - first <= most and (doc[k].is_lower or folded[k] in ("d'", "d’", "l'", "l’")):
        k += 1
    return k if k < len(doc) and folded[k] == "," else first


def listed_beside(doc: Doc, bodies: list[Span]) -> list[Span]:
    """Capitalized names joined to a body by "et", "ou" or a comma: "pour Vinci et Eiffage", "de BlackRock et
    d'AXA Prévoyance" (either side of the body)."""
    out = []
    for b in bodies:
        k = b.start - 1
        if k >= 1 and fold(doc[k].text) in _LIST_OPENERS:
            k -= 1
        if k >= 1 and fold(doc[k].text) in _LIST_LINKS:
            end = k
            start = end
            while start > 0 and end - start < 3 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
                start -= 1
            if start < end and not (doc[start].is_sent_start and doc[start].pos_ != "PROPN"):
                out.append(doc[start:end])
        k = b.end
        if k < len(doc) - 2 and doc[k].text == "," and fold(doc[k + 1].text) in _SEAT_OPENERS:
            continue      # "l'entreprise Aperam, à Isbergues": the body's seat
        if k < len(doc) - 1 and doc[k].text == "!":
            k += 1        # "comme HUGO ! ou Les Papillons": the exclamation mark of a name
        if k < len(doc) - 1 and fold(doc[k].text) in _LIST_LINKS:
            k += 1
            if k < len(doc) - 1 and fold(doc[k].text) in _LIST_OPENERS:
                k += 1
            end = _name_run(doc, k, limit=3)
            if end > k:
                out.append(doc[k:end])
    return out


# "Arc France", "France Bénévolat": a capitalized word beside "France", no article between, names a body
_FRANCE_NAME = re.compile(r"(?<![\w'’-])(?:(?P<a>[A-ZÀ-Þ][\w’'-]+)[ ]+France|France[ ]+(?P<b>[A-ZÀ-Þ][\w’'-]+))(?![\w'’-])")


def france_names(text: str, first_names: set[str]) -> list[tuple[int, int]]:
    """(start, end) of the names of bodies made of "France" and a capitalized word ("Arc France", "France
    Bénévolat"): not when the other word opens the sentence, is a place, a known first name ("Anatole France") or
    a word in capitals."""
    out = []
    for m in _FRANCE_NAME.finditer(text):
        word = m.group("a") or m.group("b")
        ws = m.start("a") if m.group("a") else m.start("b")
        before = text[max(0, m.start() - 3):m.start()]
        if (word.isupper() or fold(word) in _COUNTRIES or fold(word) in first_names
                or (m.group("a") and (m.start() == 0 or re.search(r"[.!?:;\n«\"][ ]*$", before)))
                or fold(word) in _FIT_SKIP):
            continue
        out.append((m.start(), m.end()))
    return out


# a complement between a body's name and its acronym in parentheses: "Bureau d'enquêtes et d'analyses [sur les
# risques industriels] (BEA-RI)"
_TO_ACRONYM = re.compile(r"[ ]+(?:sur|pour|contre|de|du|des|d['’]|en|à|au|aux)\b[^()\n.;:,]{1,80}?"
                         r"(?=[ ]*\([ ]*([A-ZÀ-Þ][\w&-]{1,11})[ ]*\))")


def to_acronym(text: str, end: int, name: str) -> int:
    """The end of a body's name that goes on to the acronym in parentheses after it when the acronym's letters
    fit the longer name and not the name found; ``end`` otherwise."""
    m = _TO_ACRONYM.match(text, end)
    if m is None or fits(m.group(1), name, strict=True):
        return end
    longer = name + text[end:m.end()]
    return m.end() if fits(m.group(1), longer, strict=True) else end
