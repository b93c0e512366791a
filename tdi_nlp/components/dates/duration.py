"""DURATION facts ("pendant un an", "sur 2 ans", "dix-huit mois") and the amounts they are built from."""
from __future__ import annotations

import re

from text_to_num import text2num

from . import values as V
from ..quantities.numbers import counted_quarter
from ...text_utils import fold, stop_words
from .context import Context, Fact, _g, key
from .grammar import Candidate


_VAGUE_LENGTH = re.compile(r"de\s+(?:tres\s+|très\s+)?(?:longs?(?:ues)?|nombreu(?:x|ses))")  # PXY, "de nombreux mois" PXM


def amount(text: str | None) -> float | None:
    if text is None:
        return None
    t = key(text)
    if t in ("quelques", "plusieurs", "des") or _VAGUE_LENGTH.fullmatch(t):
        return None                                  # "pendant de longues années": PXY
    if re.fullmatch(r"\d+(?:[,.]\d+)?", t):
        return float(t.replace(",", "."))
    if t in ("un", "une"):
        return 1.0
    try:
        return float(text2num(t, "fr"))
    except ValueError:
        return -1.0


def r_duration(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    if c.rule.name == "duration_range":
        return r_duration_range(c, ctx)
    approx = "approx" if _g(m, "approx") or _g(m, "about") else None
    if amount(_g(m, "n")) is not None and _AGO.search(ctx.text[max(0, c.start - 40):c.start]):
        return []  # "il y a 45 minutes": an offset, not a DURATION ("il y a quelques mois" is one: TimeBank)
    if _g(m, "fixed"):
        fixed = key(m.group("fixed"))
        if fixed in ctx.lex["term_durations"] and _last_word(ctx, c.start) in ctx.lex["term_determiners"]:
            return []  # "le précédent quinquennat": one term, a vague period
        iso, amt, unit = ctx.fixed[fixed]
        return [Fact(c.start, c.end, "DURATION", {"duration": iso, "amount": amt, "unit": unit, **({"mod": approx} if approx else {})})]
    if key(_g(m, "rm") or "").startswith("prochain") and not _g(m, "n"):
        return []  # "les prochaines semaines": vague (the guide), unlike "ces derniers jours" (TimeBank PXD)
    if key(_g(m, "rm") or "").startswith("premi") and not _g(m, "n"):
        return []  # "les premières années du quinquennat": vague; "leurs trois premières années" is P3Y
    if ctx.convention == "guide" and key(_g(m, "rm") or "").startswith("derni") and not _g(m, "n"):
        return []  # "ces derniers jours": a vague period under the guide (TimeML: DURATION PXD)
    vague = not _g(m, "n") or key(m.group("n")) in ("quelques", "plusieurs", "des") or bool(
        _VAGUE_LENGTH.fullmatch(key(m.group("n"))))
    if vague and _AHEAD.match(ctx.text[c.end:c.end + 12]):
        return []  # "au cours des mois à venir": a vague period, as "les prochains mois"
    if ctx.convention == "guide" and (vague or _g(m, "about")) and _BY.search(ctx.text[max(0, c.start - 10):c.start]):
        return []  # "d'ici quelques semaines": vague (the guide; TimeML: DURATION)
    rate = _RATE.match(ctx.text[c.end:c.end + 30])
    if rate and _g(m, "n") and key(rate.group(1)) == key(m.group("n")):
        return []  # "vingt-quatre heures sur vingt-quatre", "sept jours sur sept": always, not a length
    if key(_g(m, "n") or "") in ("un", "une") and _NOT_A_LENGTH.match(ctx.text[c.end:c.end + 20]):
        return []  # "un jour ou l'autre", "une seconde question"
    if key(_g(m, "n") or "") in ("un", "une") and _kind_of_period(ctx, c.end):
        return []  # "une année blanche", "une journée de mobilisation": a kind of day or year
    if amount(_g(m, "n")) in ctx.lex["work_week_hours"] and key(m.group("u")) == "heures" \
            and ctx.preceded_by(c.start, ["les", "aux", "des"]):
        return []  # "le passage aux 35 heures": a work-time regime
    n = float(ctx.lex["about_amounts"][key(m.group("about"))]) if _g(m, "about") else amount(_g(m, "n"))
    if key(_g(m, "n") or "") == "des" and key(m.group("u")) not in ctx.lex["vague_plural_units"] \
            and not ctx.preceded_by(c.start, ctx.lex["vague_plural_cues"]):
        return []  # "des jours fériés"; "depuis des jours" is PXD
    if n is not None and n < 0:
        if ctx.units[key(m.group("u"))] == "quarter" and ctx.convention == "guide" \
                and counted_quarter(ctx.text, c.start, c.end):
            return []  # "quatre ou cinq trimestres" of a pension: two COUNTs (the quantities extractor)
        pair = _PAIR.fullmatch(key(_g(m, "n") or ""))
        if pair and amount(pair.group(1)) and amount(pair.group(2)) and _BETWEEN.search(ctx.text[max(0, c.start - 8):c.start]):
            low, high = (int(x) if float(x).is_integer() else x   # "entre deux et six ans": one range
                         for x in (amount(pair.group(1)) or 0.0, amount(pair.group(2)) or 0.0))
            unit = ctx.units[key(m.group("u"))]
            return [Fact(c.start, c.end, "DURATION", V.duration(None, unit, mod="approx", amount_min=low,
                                                                amount_max=high))] if 0 < low < high else []
        return []
    if n is not None and _g(m, "half"):
        n += 0.5
    unit = ctx.units[key(m.group("u"))]
    if unit in ("hour", "minute") and ctx.convention == "guide" and _AGO.search(ctx.text[max(0, c.start - 40):c.start]):
        return []  # "il y a quelques minutes": a time of day (the guide), as "il y a 45 minutes"
    if unit == "quarter" and ctx.convention == "guide" and counted_quarter(ctx.text, c.start, c.end):
        return []  # "dans la limite de huit trimestres" of a pension: a COUNT (the quantities extractor)
    if unit == "day" and key(_g(m, "n") or "") == "un" and not ctx.preceded_by(c.start, ctx.lex["duration_cues"]):
        return []  # "un jour" (someday)
    if unit == "year" and _g(m, "about") and re.search(r"(?:\bde|\bd['’])\s*$", ctx.text[max(0, c.start - 4):c.start]):
        return []  # "une voisine d'une quarantaine d'années": an age
    if unit == "year" and (is_age(c, ctx) or _age_at(c, ctx, n)):
        return []
    if unit in ("month", "week", "day") and _age_noun_before(c, ctx):
        return []  # "un bébé de six mois": an age
    if unit == "month" and _AGE_AND.search(ctx.text[max(0, c.start - 24):c.start]):
        return []  # "partir à 62 ans et 3 mois": the months of an age
    if unit == "hour" and n is not None and n <= 24 and ctx.preceded_by(c.start, ctx.lex["clock_cues"]):
        return []  # "à 20 heures": a time of day
    if unit == "hour" and n is not None and n <= 24 and _CLOCK_RANGE.match(ctx.text, c.end) \
            and ctx.preceded_by(c.start, ["de", "entre"]):
        return []  # "de 5 heures à 13 heures": times of day
    if ctx.preceded_by(c.start, ["tous les", "toutes les"]):
        return []  # "tous les deux ans": a frequency, as "chaque année"
    if n == 1 and _ONE_IN.match(ctx.text, c.end):
        return []  # "une année sur deux": a frequency
    if unit == "hour" and n is not None and n <= 24 and _MINUTES_AFTER.match(ctx.text, c.end):
        return []  # "Huit heures seize,": a time of day
    if unit == "hour" and _PART_OF_DAY.match(ctx.text, c.end):
        return []  # "à 2 heures du matin": a time of day
    if n == 1 and ctx.preceded_by(c.start, ctx.lex["copulas"]):
        return []  # "2020 est une année symbolique"
    # the guide leaves the qualifier out of the span ("près de trois ans" -> "trois ans"), its value keeps it,
    # and the article of an amount ("les dix prochaines années" -> "dix prochaines années"; a possessive stays)
    start = m.start("n") if approx and _g(m, "approx") and ctx.convention == "guide" else c.start
    if _g(m, "rm") and _g(m, "n") and ctx.convention == "guide" and _ARTICLE.match(ctx.text, c.start):
        start = m.start("n")
    return [Fact(start, c.end, "DURATION", V.duration(n, unit, mod=approx))]


def r_duration_range(c: Candidate, ctx: Context) -> list[Fact]:
    """'six à dix-huit mois': one DURATION, a range (the guide); after a change word ('la durée est passée de
    quarante-deux à quarante-trois ans') two, each with the unit. TimeML: left to the single-amount rule."""
    m = c.match
    low, high = amount(m.group("n1")), amount(m.group("n"))
    if ctx.convention != "guide" or not low or not high or low <= 0 or high <= low:
        return []
    if "," in m.group("sep") and (high != low + 1 or high > 10 or m.group("n1")[0].isdigit()):
        return []  # "deux, trois semaines" is a rough range; "5, 10 ans" a list (the single-amount rule)
    unit = ctx.units[key(m.group("u"))]
    before = re.split(r"[.;!?]\s", ctx.text[max(0, c.start - 80):c.start])[-1].lower().replace("’", "'")
    if unit == "year" and high >= 15 and not any(re.search(r"(?<!\w)" + w + r"(?!\w)", before)
                                                 for w in ctx.lex["length_nouns"]):
        return []  # "le report de l'âge de 62 à 64 ans": ages
    if unit == "year" and is_age(c, ctx):
        return []  # "des enfants de 3 à 6 ans"
    if unit == "quarter" and counted_quarter(ctx.text, c.start, c.end):
        return []  # "quatre ou cinq trimestres" of a pension: two COUNTs (the quantities extractor)
    if unit == "hour" and high <= 24 and ctx.preceded_by(c.start, ["de", "entre"]):
        return []  # "ouvert de 9 à 17 heures": times of day
    if any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", before) for w in ctx.lex["change_cues"]) or any(
            re.search(r"(?<!\w)" + re.escape(w) + r"(?:\s+\w+){0,2}\s*$", before) for w in ctx.lex["change_verbs_adjacent"]):
        return [Fact(c.start, m.end("n1"), "DURATION", V.duration(_whole(low), unit)),
                Fact(m.start("n"), c.end, "DURATION", V.duration(_whole(high), unit))]
    return [Fact(c.start, c.end, "DURATION", V.duration(None, unit, mod="approx", amount_min=_whole(low),
                                                        amount_max=_whole(high)))]


def _whole(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


_ONE_IN = re.compile(r"(?i)\s+sur\s+(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)(?!\w)")
_PART_OF_DAY = re.compile(r"(?i)\s+(?:du\s+matin|du\s+soir|de\s+l['’]après-midi|de\s+la\s+nuit)(?!\w)")
_PAIR = re.compile(r"(\S+(?:-\S+)*) et (\S+(?:-\S+)*)")
_BETWEEN = re.compile(r"(?i)\bentre\s*$")
_CLOCK_RANGE = re.compile(r"(?i)\s+(?:à|et)\s+\d{1,2}\s*(?:heures|h)\b")
_AGO = re.compile(r"(?i)(?:\bil\s+y\s+a|\bvoilà|\bvoici)(?:\s+[\w'’]+){0,2}\s*$")
# "Huit heures seize, c'est l'heure de l'interview": hours then minutes, a time of day
_MINUTES_AFTER = re.compile(r"(?i)\s+(?:[0-5]?\d|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
                            r"quatorze|quinze|seize|vingt|trente|quarante|cinquante)(?:-[\w]+|\s+et\s+une?)?"
                            r"(?:\s+minutes?)?\s*(?:[,.;:!?)]|$)")
_AHEAD = re.compile(r"\s+à\s+venir\b")
_BY = re.compile(r"(?i)\bd['’]ici(?:\s+à)?\s*$")
_RATE = re.compile(r"(?i)\s+sur\s+([\w-]+)\b")
_NOT_A_LENGTH = re.compile(r"(?i)\s+ou\s+(?:l['’]autre|un\s+autre)\b|\s+(?:question|fois|partie|chance|étape|vague|phase)\b")
_QUALIFIED = re.compile(r"(?:\s+(?:de|d'))?\s+(?:plus|moins)\s+(?:de|d')\s*$")


def _age_noun_before(c: Candidate, ctx: Context) -> bool:
    noun = re.search(r"([\w-]+)\s+(?:de|d'|âgée?s?\s+de)\s*$", ctx.text[max(0, c.start - 30):c.start].replace("’", "'"))
    return noun is not None and noun.group(1).lower() in ctx.lex["age_nouns"]


def _kind_of_period(ctx: Context, end: int) -> bool:
    after = key(ctx.text[end:end + 24])
    return any(re.match(re.escape(w) + r"(?!\w)", after) for w in ctx.lex["kind_of_period"])


def _last_word(ctx: Context, pos: int) -> str:
    words = re.findall(r"[\w'’]+", ctx.text[max(0, pos - 20):pos].lower().replace("’", "'"))
    if not words:
        return ""
    return words[-1] if not words[-1].endswith("'") or len(words[-1]) > 2 else words[-1]


_AGE_FILLERS = re.compile(r"(?i)(?:\s+(?:en\s+moyenne|aujourd'hui|déjà|environ|près\s+de|plus\s+de|moins\s+de|"
                          r"à\s+peine|bientôt|tout\s+juste))+\s*$")
_AT = re.compile(r"(?:^|[\s(])(?:à|dès|avant|après|jusqu'à|jusqu’à)\s*$")
_AGE_LIST = re.compile(r"(?:^|\s)à\s+(?:1[5-9]|[2-9]\d)\s+(?:voire|ou|et)\s+(?:à\s+)?$", re.I)
_SINCE_AGE = re.compile(r"(?:^|[\s(])dès\s*$", re.I)
_LATER = re.compile(r"\s+(?:après|plus\s+tard|de\s|d['’])", re.I)
# "les personnes qui ont commencé à travailler entre 14 ans et 20 ans": ages between which one started
_START_BETWEEN = re.compile(r"(?i)(?:travailler|commencé|commencer|commençant|commencent|commençaient|entré|entrée|"
                            r"entrés|entrées)\s+entre\s+(?:(?:1\d|[2-9]\d)\s+(?:ans\s+)?(?:et|ou)\s+)?$")
_AGE_AND = re.compile(r"(?:^|\s)(?:à|dès)\s+\d+\s+ans\s+et\s*$", re.I)
_AGE_OPENING = re.compile(r"(?:^|[.!?«»:;]\s*|\n\s*)À\s+$")
_ARTICLE = re.compile(r"(?i:les|ces)\s")
_LENGTH_OF = re.compile(r"\s+(?:de|d['’])\s*(?!(?:âge|toute?|plus|moins|même)\b)[^\W\d_]", re.I)
_POSSESSIVE = re.compile(r"(?:^|\s)(?:ses|leurs|mes|nos|vos|tes)\s*$", re.I)


def _age_at(c: Candidate, ctx: Context, n: float | None) -> bool:
    """'la retraite à 64 ans', 'le seuil de 64 ans', 'depuis ses 25 ans': an age (15 years or more after 'à' or
    an age threshold cue; any after a possessive)."""
    before = ctx.text[max(0, c.start - 12):c.start]
    verb = re.search(r"([\w'’-]+)\s+à\s*$", ctx.text[max(0, c.start - 30):c.start])
    if verb and verb.group(1).lower() in ctx.lex["age_at_verbs"]:
        return True                                  # "être scolarisé à 3 ans": an age, whatever N
    if _AGE_LIST.search(ctx.text[max(0, c.start - 24):c.start]) and n is not None and n >= 10:
        return True                                  # "commençaient à 15 voire à 14 ans": a list of ages after "à"
    if n is not None and n >= 10 and _START_BETWEEN.search(ctx.text[max(0, c.start - 45):c.start]):
        return True                                  # "commencé à travailler entre 14 ans et 20 ans"
    if _SINCE_AGE.search(before) and not _LATER.match(ctx.text, c.end):
        return True                                  # "obligatoire dès 3 ans" ("dès 3 ans après" is a length)
    at = _AT.search(before)
    if at and "apr" in at.group() and _LENGTH_OF.match(ctx.text, c.end):
        at = None                                    # "après quarante ans de drames": the length of something
    return bool(_POSSESSIVE.search(before)) or (n is not None and n >= 15 and (
        bool(at) or ctx.preceded_by(c.start, ctx.lex["age_threshold_cues"])))


def is_age(c: Candidate, ctx: Context) -> bool:
    """'Alain Parmentier, 53 ans,', 'âgé de 54 ans', 'une fillette de 6 ans', 'les 6-16 ans': ages, not durations."""
    if ctx.preceded_by(c.start, ctx.lex["age_cues"]) or re.search(r"\d\s*[-–]\s*$", ctx.text[max(0, c.start - 3):c.start]):
        return True
    if _AGE_OPENING.search(ctx.text[max(0, c.start - 6):c.start]) and re.match(r"\s*,", ctx.text[c.end:]):
        return True  # "À 12 ans, on ...": an age opening the sentence
    filler = _AGE_FILLERS.search(ctx.text[max(0, c.start - 40):c.start].replace("’", "'"))
    if filler and ctx.preceded_by(c.start - (min(c.start, 40) - filler.start()), ctx.lex["age_cues"]):
        return True  # "les Canadair ayant en moyenne vingt-quatre ans", "ont aujourd'hui plus de 60 ans"
    before = ctx.text[max(0, c.start - 40):c.start]
    if re.search(r"[A-ZÀ-Ý][\w-]+,\s*$", before) and re.match(r"\s*,", ctx.text[c.end:]):
        return True
    before = _QUALIFIED.sub(" de ", before.replace("’", "'"))  # "un apprenti de plus de 18 ans"
    noun = re.search(r"([\w-]+)\s+(?:de|d')\s*$", before)
    if noun is not None and (noun.group(1).lower() in ctx.lex["age_nouns"] or (
            noun.group(1)[0].isupper() and fold(noun.group(1)) not in stop_words())):
        return True  # "Durand, de 53 ans"; not "Après (plus) de deux ans de débats": a capitalised preposition
    noun = re.search(r"([\w-]+)\s+(?:de|d')\s*\S+\s+(?:à|ou)\s*$", before)  # "des enfants de 3 à 6 ans"
    if noun is not None and noun.group(1).lower() in ctx.lex["age_nouns"]:
        return True
    # "un chauffeur de bus de 38 ans": the person noun before a complement
    noun = re.search(r"([\w-]+)\s+(?:de|d'|du|des)\s*[\w-]+\s+(?:de|d')\s*$", before)
    return noun is not None and noun.group(1).lower() in ctx.lex["age_nouns"]
