"""French-aware ranked search over the KB: query parser, analysis, the analyzed FTS5 index, ranking, snippets.

Analysis: accents and case folded (``text_utils.fold``), elided articles dropped (l', d', qu'...), each word
stemmed with the Snowball French stemmer (PyStemmer). ``search_index`` holds the analyzed tokens of each
document's title and text (rowid = the document's rowid); a query is the OR of its words and "phrases" minus its
-exclusions, ranked by SQLite's ``bm25()`` (a document matching more of the words ranks higher). ``documents_fts``
is the plain external-content index of ``documents`` that Datasette's ``?_search=`` uses. Knows nothing of spaCy.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from ..text_utils import fold, stop_words, synonyms_of

ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
TITLE_WEIGHT = 4.0      # bm25() weight of the title column (the text column weighs 1); tuned on the tuning half
SNIPPET_WORDS = 24      # words shown around the best-matching region
SNIPPET_SCAN = 100_000  # characters of a text scanned for the snippet

_WORD = re.compile(r"[^\W_]+['’]?")
_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_STEMMER = Stemmer.Stemmer("french")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index key of one folded word: its Snowball French stem, a final e dropped ("signee" = "signe")."""
    s = _STEMMER.stemWord(word)
    return s[:-1] if len(s) > 3 and s.endswith("e") else s


@lru_cache(maxsize=200_000)
def _key(raw: str) -> tuple[str, str] | None:
    """(folded word, stem) of one word as written; None for an elided article or nothing."""
    word = fold(raw)
    if word.endswith("'") or word.endswith("’"):
        word = word.rstrip("'’")
        if word in ELISIONS:
            return None
    return (word, stem(word)) if word else None


def tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(folded word, stem, start, end) of every word of text, elided articles left out."""
    out = []
    for m in _WORD.finditer(text or ""):
        key = _key(m.group())
        if key is not None:
            out.append((key[0], key[1], m.start(), m.end()))
    return out


def analyze(text: str) -> str:
    """The analyzed form stored in search_index: stems separated by spaces."""
    return " ".join(k[1] for k in map(_key, _WORD.findall(text or "")) if k is not None)


# Query -----------------------------------------------------------------------------------------------------------
@dataclass
class Query:
    """A parsed query: optional words, "phrases" (tuples of stems) and -exclusions, as stems."""
    terms: list[str] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def parts(self) -> list[tuple[str, ...]]:
        """What a document may match: each word alone, each phrase whole."""
        return [(t,) for t in self.terms] + self.phrases

    def stems(self) -> set[str]:
        return {s for p in self.parts for s in p}

    def match(self) -> str | None:
        """The FTS5 MATCH expression over search_index (None when nothing can match)."""
        if not self.parts:
            return None
        expr = "(" + " OR ".join(_fts(p) for p in self.parts) + ")"
        return expr + "".join(" NOT " + _fts(p) for p in self.excluded)


def _fts(part: tuple[str, ...]) -> str:
    return '"' + " ".join(part) + '"'   # stems are [a-z0-9]+: nothing to escape


def _stem_key(word: str) -> str | None:
    """The stem of a word of a synonym phrase, None for a stop word or an elided article."""
    key = _key(word)
    return None if key is None or key[0] in stop_words() else key[1]


def parse(query: str) -> Query:
    """Words (stop words dropped), "quoted phrases" (kept whole), -word or -"phrase" exclusions; a phrase of a
    synonym group (resources/drafting/synonyms.tsv) among the words adds the other phrases of its group."""
    q, stops = Query(), stop_words()
    words: list[str] = []
    for m in _PART.finditer(query or ""):
        minus, text = (m.group(1), m.group(2)) if m.group(2) is not None else (m.group(3), m.group(4))
        quoted = m.group(2) is not None
        toks = tokens(text)
        if not toks:
            continue
        if not quoted:
            toks = [t for t in toks if t[0] not in stops] if len(toks) == 1 else toks
            if not toks:
                continue
        part = tuple(t[1] for t in toks)
        if not minus and not quoted:
            words.extend(part)
        if minus:
            q.excluded.append(part)
        elif len(part) == 1:
            if part[0] not in q.terms:
                q.terms.append(part[0])
        elif part not in q.phrases:
            q.phrases.append(part)
    for _, alt in synonyms_of(words, _stem_key):
        if len(alt) == 1 and alt[0] not in q.terms:
            q.terms.append(alt[0])
        elif len(alt) > 1 and alt not in q.phrases:
            q.phrases.append(alt)
    return q


# Index -----------------------------------------------------------------------------------------------------------
def index_document(con: sqlite3.Connection, rowid: int) -> None:
    """Index a stored document (by rowid) in documents_fts and search_index."""
    row = con.execute("SELECT id, title, text FROM documents WHERE rowid = ?", (rowid,)).fetchone()
    con.execute("INSERT INTO documents_fts (rowid, id, title, text) VALUES (?, ?, ?, ?)", (rowid, *row))
    con.execute("INSERT INTO search_index (rowid, title, text) VALUES (?, ?, ?)",
                (rowid, analyze(row[1] or ""), analyze(row[2])))


def unindex_documents(con: sqlite3.Connection, doc_ids) -> None:
    """Remove documents (still stored) from both indexes; call before deleting their rows."""
    for doc_id in doc_ids:
        con.execute("INSERT INTO documents_fts (documents_fts, rowid, id, title, text) "
                    "SELECT 'delete', rowid, id, title, text FROM documents WHERE id = ?", (doc_id,))
        con.execute("DELETE FROM search_index WHERE rowid = (SELECT rowid FROM documents WHERE id = ?)", (doc_id,))


def rebuild(con: sqlite3.Connection) -> None:
    """Rebuild both indexes from the documents table."""
    con.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    con.execute("DELETE FROM search_index")
    for rowid, title, text in con.execute("SELECT rowid, title, text FROM documents").fetchall():
        con.execute("INSERT INTO search_index (rowid, title, text) VALUES (?, ?, ?)",
                    (rowid, analyze(title or ""), analyze(text)))


# Ranking and snippets --------------------------------------------------------------------------------------------
def run(con: sqlite3.Connection, query: Query, where: list[str], args: list, limit: int, offset: int,
        sort: str = "relevance") -> tuple[int, list[dict]]:
    """(total, the page of results) of a parsed query; ``where`` holds SQL conditions on documents ``d``."""
    expr = query.match()
    if expr is None:
        return 0, []
    cond = " AND ".join(["search_index MATCH ?"] + where)
    base = f"FROM search_index s JOIN documents d ON d.rowid = s.rowid WHERE {cond}"
    if where:
        total = con.execute(f"SELECT count(*) {base}", [expr, *args]).fetchone()[0]
    else:  # every row of search_index is a document's: no join needed
        total = con.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?", [expr]).fetchone()[0]
    if not total:
        return 0, []
    if sort == "relevance" and not where:
        rows = _top(con, expr, int(limit) + int(offset))[int(offset):]
    else:
        order = "d.date IS NULL, d.date DESC, bm" if sort == "date" else "bm"
        rows = con.execute(f"SELECT s.rowid, d.id, d.title, d.kind, d.date, bm25(search_index, ?, 1.0) AS bm "
                           f"{base} ORDER BY {order}, d.id LIMIT ? OFFSET ?",
                           [TITLE_WEIGHT, expr, *args, int(limit), int(offset)]).fetchall()
    stems = query.stems()
    out = []
    for r in rows:
        text = con.execute("SELECT substr(text, 1, ?) FROM documents WHERE rowid = ?",
                           (SNIPPET_SCAN, r["rowid"])).fetchone()[0]
        out.append({"id": r["id"], "title": r["title"], "kind": r["kind"], "date": r["date"],
                    "score": round(-r["bm"], 4), "snippet": snippet(text, stems)})
    return total, out


TIE_MARGIN = 1000  # rows (rowid and score only) fetched beyond the page, so that ties of its last score are seen


def _top(con: sqlite3.Connection, expr: str, n: int) -> list[dict]:
    """The n best documents by bm25() then id, as the full ORDER BY would give them, with documents read only for
    the best n (and the ties of the n-th score): the ranking runs in the FTS5 index alone."""
    if n <= 0:
        return []
    rank = "SELECT rowid, bm25(search_index, ?, 1.0) AS bm FROM search_index WHERE search_index MATCH ?"
    found = con.execute(f"{rank} ORDER BY bm LIMIT ?", [TITLE_WEIGHT, expr, n + TIE_MARGIN]).fetchall()
    if not found:
        return []
    last = found[min(n, len(found)) - 1]["bm"]  # the n-th score: the rows scoring at most this are the candidates
    if len(found) == n + TIE_MARGIN and found[-1]["bm"] == last:  # the n-th score's tie may run on: all of it
        found = con.execute(f"WITH r AS MATERIALIZED ({rank}) SELECT rowid, bm FROM r WHERE bm <= ?",
                            [TITLE_WEIGHT, expr, last]).fetchall()
    bm = {r["rowid"]: r["bm"] for r in found if r["bm"] <= last}
    marks = ",".join("?" * len(bm))
    docs = con.execute(f"SELECT rowid, id, title, kind, date FROM documents WHERE rowid IN ({marks})", list(bm))
    rows = [{"rowid": r["rowid"], "id": r["id"], "title": r["title"], "kind": r["kind"], "date": r["date"],
             "bm": bm[r["rowid"]]} for r in docs]
    rows.sort(key=lambda r: (r["bm"], r["id"]))
    return rows[:n]


def snippet(text: str, stems: set[str], words: int = SNIPPET_WORDS) -> str:
    """About ``words`` words of text around the region with the most distinct query stems, matches in [ ]."""
    toks = tokens(text[:SNIPPET_SCAN])
    if not toks:
        return ""
    best, best_n = 0, -1
    for i in range(0, len(toks)):
        if i and toks[i][1] not in stems:
            continue
        n = len({t[1] for t in toks[i:i + words]} & stems)
        if n > best_n:
            best, best_n = i, n
        if best_n == len(stems):
            break
    lo = max(0, best - 3)
    window = toks[lo:lo + words]
    start, end = window[0][2], window[-1][3]
    out, pos = [], start
    for _, s, a, b in window:
        if s in stems:
            out += [_plain(text[pos:a]), "[", _plain(text[a:b]), "]"]
            pos = b
    out.append(_plain(text[pos:end]))
    return ("… " if start else "") + " ".join("".join(out).split()) + (" …" if end < len(text) else "")


def _plain(s: str) -> str:
    return s.replace("[", "(").replace("]", ")")
