"""Candidate generation for person mentions (no resolution here: see ``kb``).

Three kinds of candidates, found with regular expressions on the document text:
- "name": a civility and a name ("M. Paul Christophe", "Mme. Jacqueline Gourault", "Mme Nathalie Bassire"), a name
  known to the reference tables ("Agnès Pannier-Runacher"), or a capitalized name followed by a role phrase
  ("Philippe Varin, Président de France Industrie"), with an age ("Teiri Tamatika, âgé de 7 ans") or after a verb
  of saying ("comme l'écrivait Albert Camus"); each with the role phrase beside it when there is one;
- "title": a government title used alone ("Mme la secrétaire d'État auprès du ministre de l'économie et des
  finances", "le Premier ministre", "Monsieur le ministre"), with its portfolio words, a foreign leader ("le
  président russe"), an office in a named body ("la présidente de l'association Marion ...").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...config import RESOURCES_DIR
from ...text_utils import fold, words
from ..ranges import Ranges
from .kb import load_titles

UP = "A-ZÀ-ÖØ-Þ"
LOW = "a-zà-öø-ÿœ"
_WORD = (rf"(?:[{UP}][{LOW}]+|[{UP}]{{2,}}|[{UP}]/[{UP}][{LOW}]+)"
         rf"(?:-(?:[{UP}][{LOW}]+|[{UP}]{{2,}}|[{LOW}]+)|['’][{LOW}]{{3,}})*")
_PART = r"(?:von der|van der|van den|de la|de|du|des|Le|La|Di|Da|De|Du|El|Ben|Van|Von|van|von|der|den)"
NAME_RUN = rf"{_WORD}(?:[ ]+(?:{_PART}[ ]+|d'|d’)?{_WORD}){{0,3}}"
CIVILITY = r"(?:M\.|MM\.|Mmes|Mme\.?|MME|Mlle|Monsieur|Madame|monsieur|madame)"

ROLE_HEAD = (
    r"(?:premi(?:er|ère) ministre|ministre|secr[ée]taire d['’][ée]tat|secr[ée]taire g[ée]n[ée]rale?"
    r"|(?:vice|co)[- ]pr[ée]sidente?|pr[ée]sidente?|d[ée]put[ée]e?|s[ée]nat(?:eur|rice)|maire|adjointe?"
    r"|conseill(?:er|ère)|direct(?:eur|rice)(?: g[ée]n[ée]rale?)?|d[ée]l[ée]gu[ée]e?|dirigeante?|chef|cheffe"
    r"|associ[ée]e?|pr[ée]f[eè]te?|rapporteure?|haut[- ]commissaire|commissaire|fondat(?:eur|rice)|pdg"
    r"|responsable|charg[ée]e? de mission|[ée]lue?|repr[ée]sentante?|porte-parole|garde des sceaux"
    r"|administrat(?:eur|rice)|g[ée]rante?|ambassad(?:eur|rice)|rect(?:eur|rice)|avocate?|professeure?|procureure?)"
)
# a role phrase after a name: ", ministre de ..." up to the next comma, unless the comma opens "chargé de"
_ROLE_AFTER = re.compile(
    rf"[ ]*,[ ]*(?P<role>{ROLE_HEAD}\b(?:[^,;:()\n.]|\.(?=\S)|,[ ]*(?=charg|porte-parole|ministre))*)",
    re.IGNORECASE)
_ROLE_BEFORE = re.compile(rf"(?:\b(?:le|la|l['’])[ ]*)?\b(?P<role>{ROLE_HEAD}(?:[ ]+d[ée]l[ée]gu[ée]e?)?)[ ]+$",
                          re.IGNORECASE)
_CIV_NAME = re.compile(rf"(?<![\w.])(?P<civ>{CIVILITY})[ ]+(?P<name>{NAME_RUN})")
_RUN = re.compile(rf"(?:(?<=\b[dl]['’])|(?<=\bqu['’])|(?<![\w'’-]))(?P<name>{NAME_RUN})")  # "d'Édouard", "qu'Emmanuel"
# "Monsieur Le Maire", "Madame Le Pen": a particle of the name, not an article before a title
_TITLE_WORD = re.compile(r"(?:premi|ministre|pr[ée]sident|d[ée]put|s[ée]nat|secr[ée]taire|garde|haut|rapporteur|maire\b"
                         r"|pr[ée]f|d[ée]fenseur|chef|directeur|directrice)", re.I)
# "le ministre Riester", "la députée Panot": a role and a bare surname
_ROLE_SURNAME = re.compile(
    rf"(?<![\w'’])(?P<det>[Ll]e|[Ll]a|du|au)[ ]+(?P<role>(?i:{ROLE_HEAD})(?:[ ]+d[ée]l[ée]gu[ée]e?)?)[ ]+"
    rf"(?P<name>(?:(?:Le|La|De|Du|Di|Da|El|Van|Von)[ ]+)?{_WORD})"   # "le ministre Le Maire"
    rf"(?![ ]*[\w'’-]*[{UP}])(?![\w'’-])(?![ ]+(?:(?:von|van|de|du|der|den|di|da|del|el|la|le)[ ]+)+[{UP}])")

_TITLE = re.compile(
    rf"(?<![\w'’])(?P<pre>(?:(?P<civ>{CIVILITY})[ ]+)?(?P<det>le|la|l['’]|du|au|notre|votre|mon|ma|son|sa|leur)[ ]*"
    r"(?:propre[ ]+)?)"
    r"(?P<title>premi(?:er|ère) ministre|secr[ée]taire d['’][ée]tat|ministre(?: d[ée]l[ée]gu[ée]e?)?"
    r"|garde des sceaux|haut[- ]commissaire(?: de la r[ée]publique)?|pr[ée]sidente? de la r[ée]publique|chef de l['’][ée]tat"
    r"|porte-parole du gouvernement"
    r"|d[ée]put[ée]e?|s[ée]nat(?:eur|rice)|d[ée]fenseure? des droits|pr[ée]sidente? de l['’]assembl[ée]e nationale|pr[ée]sidente? du s[ée]nat"
    r"|pr[ée]sidente? (?:du conseil r[ée]gional|du conseil d[ée]partemental|de (?:la )?r[ée]gion|du d[ée]partement)"
    rf"(?:[ ]+(?:(?:de la|de|du|des|d['’])[ ]*)?(?-i:[{UP}])[\w'’-]+)?)\b", re.IGNORECASE)
# Titles outside the government that the tables do not resolve: the chair or the rapporteur of a sitting, addressed
# with a civility ("Mme la présidente", "M. le rapporteur"; a complement after it is another title), and a prefect
# of a named place ("le préfet du Rhône", "Mme la préfète de région", "Monsieur le préfet").
_CHAIR = re.compile(
    rf"(?<![\w'’-])(?P<civ>{CIVILITY})[ ]+(?P<det>(?i:le|la|l['’]))[ ]*"
    rf"(?P<title>(?i:pr[ée]sidente?|rapporteure?(?: g[ée]n[ée]rale?)?|pr[ée]f[eè]te?))(?![\w'’-])(?![ ]+(?:de|du|des|d['’])\b)"
    rf"(?![ ]+[{UP}])")
_PREFECT = re.compile(
    rf"(?<![\w'’-])(?P<det>[Ll]e|[Ll]a)[ ]+(?P<title>pr[ée]f[eè]te?)[ ]+(?:(?:de la|de l['’]|du|des|de|d['’])[ ]*"
    rf"(?:[{UP}][\w'’-]+(?:[ ]+(?:et[ ]+)?[{UP}][\w'’-]+)*)|de (?:la )?(?:r[ée]gion|d[ée]partement|police|zone))")
# A local office named alone ("le préfet et votre ministre délégué", "notre préfet", "autour du préfet", "La Dasen, à
# qui j'ai parlé", "La rectrice, avec laquelle je me suis entretenue"): the holder of the place the document speaks
# of, a PERSON with no id, where the document names such a place for that office (`_LOCAL_PLACE`) and the title is
# not said of any holder ("le préfet peut ...").
_LOCAL = re.compile(
    rf"(?<![\w'’-])(?P<det>[Ll]e|[Ll]a|[Ll]['’]|du|au|[Nn]otre|[Vv]otre)[ ]*(?P<title>pr[ée]f[eè]te?|rect(?:eur|rice)|DASEN|Dasen"
    rf"|direct(?:eur|rice) acad[ée]mique)(?![\w'’-])"
    rf"(?![ ]+(?:de|du|des|d['’]|à|aux?|adjointe?|d[ée]l[ée]gu[ée]e?|peut|pourra|doit|devra|dispose|a le pouvoir)\b)"
    rf"(?![ ]+[{UP}])(?![ ]*[(])")
# a member of the European Commission by title ("le commissaire européen, M. Thierry Breton")
_EU_COMMISSIONER = re.compile(r"(?<![\w'’-])(?P<det>[Ll]e|[Ll]a|du|au)[ ]+(?P<title>commissaire europ[ée]en(?:ne)?)"
                              r"(?![\w'’-])(?![ ]+(?:à|aux?|charg[ée]e?|de|du|des)\b)(?![ ]+(?:M\.|Mme|[A-ZÀ-Þ]))")
_LOCAL_PLACE = {
    "pref": re.compile(rf"\bpr[ée]f(?:et|[eè]te|ecture)[ ]+(?:de la|de l['’]|du|des|de|d['’])[ ]*[{UP}]"),
    "acad": re.compile(rf"\b(?:acad[ée]mie|rectorat|d[ée]partement)[ ]+(?:de la|de l['’]|du|des|de|d['’])[ ]*[{UP}]"),
}
# a body or place named by a common noun, after an office, with a name or a complement or the holder's name after
# it: "la présidente de l'association Marion ...", "le directeur du centre de ressources ...", "le maire de la
# commune, M. Henri Flohr" (not "le directeur de l'école ne dit rien")
_BODY_NOUN = (r"(?:commune|association|fondation|f[ée]d[ée]ration|centre|agence|institut|observatoire|syndicat"
              r"|soci[ée]t[ée]|entreprise|collectif|union|chambre|caisse|office|comit[ée]|d[ée]l[ée]gation|mission"
              r"|direction|universit[ée]|[ée]cole|coll[èe]ge|lyc[ée]e|h[ôo]pital|clinique|mutuelle|coop[ée]rative|ong"
              r"|budget)")
# a capitalized body word a lower-case complement may follow: "la Cour de cassation", "la Fédération de l'habillement"
_NAMED_BODY = "(?:" + "|".join(f"(?<={w})" for w in ("Cour", "Tribunal", "Conseil", "Fédération", "Confédération",
                                                     "Chambre", "Union", "Association", "Agence", "Institut")) + ")"
# the holder of an office of a named place or body: "le maire de Lyon", "la rectrice de l'académie de Lille", "le
# directeur général de l'Ademe", "la présidente de la Commission européenne", "le secrétaire général des Nations unies",
# "le président de la commission des lois"
_OFFICE = re.compile(
    rf"(?:(?<=jusqu')|(?<=jusqu’)|(?<![\w'’-]))(?P<det>[Ll]e|[Ll]a|[Ll]['’]|du|au)[ ]*(?:actuel(?:le)?[ ]+)?(?P<title>maire|procureure?(?: g[ée]n[ée]rale?)?"
    rf"|rapporteure? g[ée]n[ée]rale?|rect(?:eur|rice)|gouverneure?(?: militaire)?"
    rf"|direct(?:eur|rice)(?: g[ée]n[ée]rale?)?|pr[ée]sidente?(?:[- ]directeur g[ée]n[ée]ral|[ ]d[ée]l[ée]gu[ée]e?)?|pdg"
    rf"|(?i:secr[ée]taire g[ée]n[ée]rale?)|ambassad(?:eur|rice)|haute?[- ]commissaire|d[ée]l[ée]gu[ée]e?(?: g[ée]n[ée]rale?)?"
    rf"|fondat(?:eur|rice)|porte-parole|chanceli(?:er|ère))"
    rf"[ ]+(?:de la|de l['’]|du|des|de|d['’]|pr[èe]s (?:de )?(?:la|le|l['’]))[ ]*"
    rf"(?:(?:(?:acad[ée]mie|ville|r[ée]publique)[ ]+(?:de la|de l['’]|du|des|de|d['’])?[ ]*)?"
    rf"[{UP}][\w'’-]+(?:[ ]+(?:(?:de la|de l['’]|du|des|de|d['’]|et)[ ]*)?[{UP}][\w'’-]+){{0,4}}"
    rf"(?:{_NAMED_BODY}[ ]+(?:de la|de l['’]|de|des|du|d['’])[ ]*[{LOW}]+)?"   # "la Cour de cassation"
    r"(?:[ ]+(?:europ[ée]enne?|unies|nationale?|fran[çc]aise?|internationale?|mondiale?)(?![\w'’-]))?"
    # "le président de la commission des affaires économiques": a parliamentary committee, its adjective kept
    rf"|commission[ ]+(?:des|de la|de l['’]|du|d['’])[ ]*[{LOW}][\w'’-]+"
    rf"(?:[ ]+[{LOW}][\w'’-]*(?:iques?|ales?|aux|elles?|i[eè]re?s?|aires?|[ée]es?|ives?|ifs?)(?![\w'’-]))?"
    rf"|{_BODY_NOUN}(?:[ ]+[{UP}][\w'’-]+(?:[ ]+[{UP}][\w'’-]+){{0,3}}"
    rf"|[ ]+(?:de la|de l['’]|du|des|de|d['’]|pour)[ ]*[{LOW}][\w'’-]+|(?=[ ]*,[ ]*(?:(?:M\.|Mme)[ ]+)?[{UP}][{LOW}])))")
# offices outside the government: folded title head -> key of resources/people/offices.tsv (None: no table)
OTHER_OFFICES = {"defenseur": "defenseur", "president de l'assemblee": "assemblee", "president du senat": "senat",
                 "presidente de l'assemblee": "assemblee", "presidente du senat": "senat",
                 "president du conseil": None, "presidente du conseil": None, "president de la region": None,
                 "presidente de la region": None, "president de region": None, "presidente de region": None,
                 "president du departement": None, "presidente du departement": None}


# folded endings of the feminine forms of office words ("présidente", "directrice", "procureure", "préfète",
# "déléguée", "secrétaire générale"); "maire", "commissaire", "porte-parole" say nothing of the holder's sex
_FEMININE = ("ente", "ice", "eure", "ete", "ee", "ale", "ere", "euse", "enne")


def other_office(title: str) -> tuple[bool, str | None]:
    """(is an office outside the government, its offices.tsv key) for a folded title."""
    for head, key in OTHER_OFFICES.items():
        if title.startswith(head):
            return True, key
    return False, None


def _foreign_re() -> re.Pattern:
    demonyms = load_titles()["foreign"]["demonyms"]
    forms = {f for d in demonyms for f in (d, d + "e", d + "ne", d + "s", d + "es") }
    with open(RESOURCES_DIR / "geo" / "countries.tsv", encoding="utf-8") as fh:
        countries = [ln.split("\t")[1] for ln in fh if not ln.startswith(("#", "code\t"))]
    countries = [c for c in countries if c and c != "France"]
    alt = "|".join(re.escape(x) for x in sorted(forms, key=len, reverse=True))
    calt = "|".join(re.escape(x) for x in sorted(countries, key=len, reverse=True))
    # "de la République hellénique", "de la République tchèque": a republic other than the French one
    republic = r"de la [Rr][ée]publique[ ]+(?!fran[çc]aise)[a-zà-ÿ-]{4,}"
    return re.compile(rf"[ ]+(?:(?i:{alt})|(?:de la|de l['’]|du|des|de|d['’])[ ]*(?:{calt})|{republic})(?![\w'’-])")


_FOREIGN = _foreign_re()
_FRENCH_AFTER = re.compile(r"[ ]+fran[çc]ais(?:e)?(?![\w'’-])")
# "le président russe", "la chancelière allemande", "le vice-chancelier allemand": a foreign office-holder by title
# (no French holder)
_FOREIGN_HEAD = re.compile(r"(?<![\w'’])(?P<det>le|la|l['’]|du|au)[ ]*(?P<title>pr[ée]sidente?|(?:vice-)?chanceli(?:er|ère)|roi|reine"
                           r"|[ée]mir|chef du gouvernement|chef de l['’][ée]tat)(?![\w'’-])", re.IGNORECASE)
# "à Marie, à Lucas, à Inès et à Thomas": people listed by first name (each a known first name)
_FIRST = rf"[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"
_SEP = r"(?:[ ]*,[ ]*(?:et[ ]+)?|[ ]+et[ ]+)(?:(?:à|a|pour|de)[ ]+)?"
_FIRST_LIST = re.compile(rf"(?<![\w'’.-])(?:{_FIRST})(?:{_SEP}{_FIRST}(?![\w'’-]|[ ]+[{UP}])){{1,20}}")
# ", " / " et " / ", comme " between two people of a list ("avec Léa Marchal, Hugo Berthier", "comme Jean Dupont,
# comme Paul")
_LIST_GAP_BEFORE = re.compile(r"(?:[ ]*,[ ]*(?:et[ ]+|comme[ ]+)?|[ ]+et[ ]+)$")
_LIST_GAP_AFTER = re.compile(rf"((?:[ ]*,[ ]*(?:et[ ]+)?|[ ]+et[ ]+))(?:{CIVILITY}[ ]+)?")
_EMBEDDED = re.compile(r"(?:aupr[eè]s|ancien(?:ne)?|ex-?)[ ]*$", re.IGNORECASE)
# "après du ministre" (a misspelt "auprès du"), "... et du ministre de l'action" (no comma): inside a title;
# "après le ministre de l'intérieur", "Sébastien Lecornu, et du ministre de ...": a mention
_EMBEDDED_DU = re.compile(r"(?:(?<![,\s])[ ]+et|^et)[ ]*$", re.IGNORECASE)
_AFTER_APRES = re.compile(r"apr[eè]s[ ]*$", re.IGNORECASE)
# "la petite Teuira Mihilani, âgée de 8 ans", "Jean Dupont (45 ans)": a name with its age is a person
_AGE_AFTER = re.compile(r"[ ]*(?:,[ ]*(?:âgée?s?[ ]+de[ ]+)?|\([ ]*)(?:\d{1,3}|un|deux|trois|quatre|cinq|six|sept|huit"
                        r"|neuf|dix)[ ]+ans\b")
# "l'histoire de Salvador. Né en 2006, ...", "Inès, née le 3 mai": one capitalized word inside a sentence, then a
# birth ("né(e) en/le/à") opening the next clause or sentence, is a person named by first name
_BORN = re.compile(rf"(?<=[{LOW},][ ])(?P<name>[{UP}][{LOW}]{{2,}}(?:-[{UP}][{LOW}]+)?)(?=[ ]*[,.][ ]*(?:(?:il|elle|Il|Elle)[ ]+"
                   r"est[ ]+)?[Nn][ée]e?[ ]+(?:en|le|à|au|dans)[ ])")
_PLACE_PREPOSITION = re.compile(r"(?<![\w'’])(?:en|dans|vers|sur|près de|ville de|commune de)[ ]+$")
# "comme l'écrivait Albert Camus", "selon Jean Tirole": a known first name and a name after a verb of saying
# "M. Cédric O", "Cédric O": a capitalized word and a one-letter surname (not an initial: no period after it), a
# name the tables hold
_ONE_LETTER = re.compile(rf"(?<![\w'’.-])(?:(?P<civ>{CIVILITY})[ ]+)?(?P<name>[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?[ ]+[{UP}])"
                         rf"(?![\w'’-])(?!\.\w)")
# "la loi Studer", "les lois Auroux": a law named after a person, the surname a person of the tables bears
_LAW = re.compile(rf"(?<![\w'’-])(?:[Ll]a|[Ll]es|[Uu]ne|[Cc]ette|[Dd]e)[ ]+lois?[ ]+(?P<name>[{UP}][{LOW}]+)(?![\w'’-])"
                  rf"(?![ ]+[{UP}])")
# "Léa SALAME", "Gabriel ATTAL": a first name in mixed case and a surname in capitals, the way interview transcripts
# write names
_CAPS_SURNAME = re.compile(rf"(?<![\w'’-])({_FIRST})[ ]+[{UP}]{{2}}[{UP}'’-]*(?![\w'’-])")
_QUOTED_BY = re.compile(r"(?<!\w)(?:selon|d['’]apr[eè]s|[ée]crivait|[ée]crit|disait|dit|d[ée]clarait|rappelait"
                        r"|affirmait|citait|citer|citant|cite|soulignait|expliquait)[ ]+$", re.IGNORECASE)
_TRIM = set(load_titles()["trim_words"])  # resources/people/titles.toml
_GENERIC_BEFORE = re.compile(rf"(?<![\w'’])(?:{'|'.join(load_titles()['generic']['before'])})[ ]+$", re.IGNORECASE)
_GENERIC_AFTER = re.compile(rf"[ ]*,?[ ]*(?:{'|'.join(load_titles()['generic']['after'])})(?![\w'’-])", re.IGNORECASE)


def generic(text: str, start: int, end: int) -> bool:
    """A title said of whoever holds the office ("quel que soit le président américain", "le président élu ou
    réélu"): titles.toml [generic]."""
    return bool(_GENERIC_BEFORE.search(text, max(0, start - 40), start) or _GENERIC_AFTER.match(text, end))
_NAMES = load_titles()["names"]
_NOT_NAME = set(_NAMES["not_name_words"])
_GREETING = re.compile(r"(?<![\w'’])(?:" + "|".join(_NAMES["greetings"]) + r")[ ]*,?[ ]+$")
_SPEAKER_NOT = set(_NAMES["speaker_not_words"])
# "le navire Oruc Reis", "le porte-avions Charles de Gaulle": a thing named after a person (titles.toml)
_THING_BEFORE = re.compile(rf"(?<![\w'’-])(?:{'|'.join(_NAMES['things'])})(?:[ ]+(?:de|d['’])[ ]*[{LOW}]+)?[ ]+$",
                           re.IGNORECASE)
# a name in capitals opening a line, alone on it or before ":" / ".-" / " -": "SONIA MABROUK", "GABRIEL ATTAL :"
_SPEAKER = re.compile(rf"^[ \t]*(?P<name>[{UP}][{UP}'’-]*(?:[ ]+[{UP}][{UP}'’-]*){{1,4}})[ \t]*"
                      rf"(?:$|(?:[ ]?:|\.-|[ ]+[-–])[ \t]+)", re.MULTILINE)
# "LE PRESIDENT.-", "LE PRÉSIDENT :" opening a line of a press conference: the President of the Republic
_SPEAKER_PRESIDENT = re.compile(r"^[ \t]*(?P<title>LE PR[EÉ]SIDENT)(?=[ \t]*(?:\.-|:|[-–][ ]|$))", re.MULTILINE)
# "le Président a annoncé", "lancée par le Président": the title alone, capitalized, with no civility before it and no
# complement, name or qualifier after it, is the President of the Republic (as "le chef de l'État")
_BARE_PRESIDENT = re.compile(rf"(?<![\w'’])(?P<det>[Ll]e|du|au)[ ]+(?P<title>Président)(?![\w'’-])"
                             rf"(?![ ]+(?:de|du|des|d['’]|[{UP}]|élu|sortant|d[ée]l[ée]gu[ée]|honoraire|fondateur"
                             rf"|directeur|ex[ée]cutif|int[ée]rimaire|par int[ée]rim|en exercice|actuel)(?![\w'’-]))")
_CIVILITY_BEFORE = re.compile(rf"{CIVILITY}[ ]*$")
_HONORIFIC = re.compile(rf"(?<![\w'’-])(?P<hon>{'|'.join(map(re.escape, _NAMES['honorifics']))})[ ]+"
                        rf"(?P<name>(?:(?:de|d['’])[ ]*)?{NAME_RUN})")
_FEMALE_HONORIFICS = {"sœur", "soeur", "mère"}
_EPICENE_HONORIFICS = {"collègue"}
_NAMED_AFTER_BEFORE = re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, _NAMES['named_after']))})[ ]+(?:d['’])?$",
                                 re.IGNORECASE)   # "le lycée Clemenceau", "la promotion Jaurès"
_POSSESSIVE_BEFORE = re.compile(r"(?<![\w'’])(?:son|sa|ses|mon|ma|mes|ton|ta|tes|notre|votre|leur)[ ]+$", re.IGNORECASE)
# "le Général" alone, capitalized: the one person the convention names (titles.toml [names.alone_honorifics])
_ALONE = _NAMES["alone_honorifics"]
_ALONE_HONORIFIC = re.compile(rf"(?<![\w'’])(?P<det>[Ll]e|[Ll]a|du|au)[ ]+(?P<hon>{'|'.join(map(re.escape, _ALONE))})"
                              rf"(?![\w'’-])(?![ ]+(?:(?:de|d['’])[ ]*)?[{UP}])")
# "la petite Lola", "le jeune Yanis": a child or a young person named by first name alone
_YOUNG = re.compile(rf"(?<![\w'’])(?:[Ll]e|[Ll]a|du|au|de la|à la)[ ]+(?:petite?|jeune)[ ]+(?P<name>{_FIRST})"
                    rf"(?![\w'’-])(?![ ]+(?:(?:de|du|le|la)[ ]+)?[{UP}])")
# "Je m'appelle Margaux", "Ils s'appelaient Thybault, Chanel ou encore Alisha": names listed after a naming verb
_NAMED = rf"{_FIRST}(?:[ ]+{_FIRST})?(?![\w'’-]|[ ]+[{UP}])"   # a longer name is the name runs' ("Yann MAUSS")
_NAMING = re.compile(rf"(?<![\w'’])(?i:{'|'.join(_NAMES['naming_verbs'])})[ ]+(?P<names>{_NAMED}"
                     rf"(?:(?:[ ]*,[ ]*|[ ]+(?:et|ou)(?:[ ]+encore)?[ ]+){_NAMED})*)(?![\w'’-])")
_PERSONAL_SUBJECT = re.compile(r"(?<![\w'’])(?:je|tu|il|elle|ils|elles|on)[ ]+$", re.IGNORECASE)
_RELATIVES = "|".join(map(re.escape, sorted(_NAMES["relatives"], key=len, reverse=True)))
_POSSESSIVE = r"(?:son|sa|mon|ma|ton|ta|notre|votre|leur)"
# "ma grand-mère, Ninnin,", "Margaux, ma fille": a relative named in apposition
_RELATIVE_NAME = re.compile(rf"(?<![\w'’])(?i:{_POSSESSIVE}[ ]+(?:{_RELATIVES}))[ ]*,[ ]*(?P<name>{_FIRST})"
                            rf"(?=[ ]*[,.;:)]|[ ]+(?:qui|que|dont)\b)")
_NAME_RELATIVE = re.compile(rf"(?<![\w'’.-])(?P<name>{_FIRST})[ ]*,[ ]*(?i:{_POSSESSIVE}[ ]+(?:{_RELATIVES}))(?![\w'’-])")
_JOINED = "|".join(sorted(_NAMES["joined_titles"], key=len, reverse=True))
# an office word right before a name, with a civility and article or an article: "Mme la secrétaire d'État ",
# "le président ", "du ministre "
_JOINED_BEFORE = re.compile(rf"(?<![\w'’-])(?:(?P<civ>{CIVILITY})[ ]+(?:le|la|l['’])[ ]*|(?:le|la|l['’]|du|au)[ ]*)?"
                            rf"(?P<title>(?i:{_JOINED}))[ ]+$", re.IGNORECASE)


def joined_start(text: str, start: int) -> int:
    """The start of the mention of a name at ``start`` with the office word right before it ("le [président Macron]",
    "[Mme la secrétaire d'État Bérangère Couillard]"); ``start`` when no office word stands there."""
    m = _JOINED_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return start
    return m.start() if m.group("civ") else m.start("title")
# "le secrétaire général Dupont", "le directeur général": an adjective there, no honorific
_NOT_HONORIFIC_AFTER = re.compile(r"(?:secr[ée]taire|direct(?:eur|rice)|procureure?|inspect(?:eur|rice)|avocate?"
                                  r"|rapporteure?|commissaire|conseil|d[ée]l[ée]gu[ée]e?|contr[ôo]leur|consul|vicaire"
                                  r"|tr[ée]sori(?:er|ère)|quartier|[ée]tat-major|[ée]tat)[ ]+$", re.IGNORECASE)
# "Il est le ministre délégué ...", "qui est le ministre de l'intérieur": a title said of someone, not a mention
_PREDICATIVE = re.compile(r"(?<![\w'’])(?:il|elle|je|j['’]|tu|vous|qui|on)[ ]+(?:est|était|suis|es|êtes|sera|serait|reste"
                          r"|restera|devient|deviendra|demeure|redevient)[ ]+$", re.IGNORECASE)
_ADDRESS_BODY = (r"(?:commission|conseil|communaut[ée]|cour|tribunal|assembl[ée]e|r[ée]gion|d[ée]partement|r[ée]publique"
                 r"|association|f[ée]d[ée]ration|comit[ée]|chambre|agence|m[ée]tropole|ville|d[ée]l[ée]gation|mission"
                 r"|groupe|parquet|autorit[ée]|office|caisse|arm[ée]e)")
# an address by title with its civility ("Monsieur le Maire", "Madame la Rectrice", "Monsieur le Président de la
# commission des affaires sociales", "Monsieur le Premier président à la Cour d'appel"): the complement up to the
# punctuation that closes the address, when it names a place or a body
_ADDRESS = re.compile(
    rf"(?<![\w'’-])(?P<civ>{CIVILITY})[ ]+(?P<det>(?i:le|la|l['’]))[ ]*(?P<title>(?i:premi(?:er|ère) pr[ée]sidente?"
    r"|maire|rect(?:eur|rice)|procureure?(?: g[ée]n[ée]ral(?:e)?)?|pr[ée]sidente?|pr[ée]f[eè]te?|rapporteure?(?: g[ée]n[ée]rale?)?"
    r"|ambassad(?:eur|rice)|gouverneure?(?: militaire)?|chef d['’][ée]tat-major|b[âa]tonni(?:er|ère)|doyen(?:ne)?|direct(?:eur|rice)(?: g[ée]n[ée]rale?)?"
    r"|secr[ée]taire g[ée]n[ée]rale?|vice-pr[ée]sidente?|questeur|questrice))(?![\w'’-])"
    rf"(?:[ ]+(?i:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|au|aux)[ ]*(?:[{UP}][\w'’-]*|(?i:{_ADDRESS_BODY}))"
    rf"(?:[ ]+[\w'’-]+){{0,5}}?(?=[ ]*(?:[,;:.!?\n]|$)))?")


def _long_words(run: str) -> bool:
    """Words of three letters or more, a particle ("Du Bellay"), or a last word of two letters in mixed case ("Omar
    Sy"): a run the NER calls a person may be a name."""
    ws = run.split()
    return all(len(w) >= 3 or w in _PARTICLES or (i == len(ws) - 1 and i > 0 and re.fullmatch(rf"[{UP}][{LOW}]", w)
                                                   and fold(w) not in _SHORT_WORDS) for i, w in enumerate(ws))


_PARTICLES = {"de", "du", "le", "la", "di", "da", "De", "Du", "Le", "La", "Di", "Da", "El", "d'", "d’"}
_SHORT_WORDS = {"en", "et", "au", "un", "ou", "on", "il", "je", "tu", "ce", "se", "sa", "ma", "ta", "ni", "si", "ne", "le",
                "la", "de", "du", "a", "y"}


def _places() -> set[str]:
    """Folded names of countries and continents: no person is "Monsieur Europe"."""
    with open(RESOURCES_DIR / "geo" / "countries.tsv", encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if not ln.startswith(("#", "code\t"))]
    names = {fold(r[1]) for r in rows if len(r) > 1} | {fold(a) for r in rows if len(r) > 2 for a in r[2].split("|") if a}
    return names | {"france", "europe", "afrique", "asie", "amerique", "oceanie", "antarctique"}


_PLACES = _places()


@dataclass
class Candidate:
    kind: str                      # "name" or "title"
    start: int
    end: int
    name: str = ""                 # written name (no civility)
    civility: str | None = None    # "M." or "Mme"
    role: str | None = None        # role phrase beside the name, or the title itself
    role_span: tuple[int, int] | None = None
    title_ends: list[int] = field(default_factory=list)   # possible ends of a title (shortest first)
    source: str = ""               # civility, gazetteer, role, ner
    foreign: bool = False          # "le Premier ministre italien": no French holder
    person: str | None = None      # the slug, when the finder knows it (a foreign leader's surname)


def norm_civility(civ: str | None) -> str | None:
    if not civ:
        return None
    c = civ.lower().rstrip(".")
    return "Mme" if c in ("mme", "madame", "mmes", "mlle") else "M."


def _role_after(text: str, end: int) -> tuple[str, tuple[int, int]] | None:
    m = _ROLE_AFTER.match(text, end, min(len(text), end + 300))
    if not m:
        return None
    role = m.group("role").rstrip(" .")
    s = m.start("role")
    return role, (s, s + len(role))


def _role_before(text: str, start: int) -> tuple[str, tuple[int, int]] | None:
    window = text[max(0, start - 40):start]
    m = _ROLE_BEFORE.search(window)
    if not m:
        return None
    base = start - len(window)
    return m.group("role"), (base + m.start("role"), base + m.end("role"))


class Finder:
    """Finds candidates; knows the name index and the title vocabulary, resolves nothing."""

    def __init__(self, known_names: set[str], first_names: set[str], title_vocab: set[str],
                 leaders: dict[str, str] | None = None, surnames: set[str] | None = None):
        self.known_names = known_names       # folded "first last"
        self.surnames = surnames or set()    # folded last names of the tables
        self.first_names = first_names       # folded first names
        self.title_vocab = title_vocab       # folded words used in government titles
        self.leaders = leaders or {}         # surname that names a foreign leader alone -> slug
        forms = {f: last for last in self.leaders for f in (last, last.upper())}
        self._leader_forms = forms
        self._leader_re = re.compile(r"(?:(?<=\b[dl]['’])|(?<![\w'’-]))(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                                     + r")(?![\w'’-])") if forms else None

    def is_first(self, folded: str) -> bool:
        """A known first name, or a compound of known ones ("marie-amelie")."""
        return folded in self.first_names or ("-" in folded and all(p in self.first_names
                                                                     for p in folded.split("-")))

    # ------------------------------------------------------------ names
    def names(self, text: str, per_spans: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
        out: list[Candidate] = self._speakers(text)
        taken = Ranges((c.start, c.end) for c in out)  # "start or end inside a taken name": covers(s) or covers(e - 1)
        for m in _ONE_LETTER.finditer(text):       # before the civility pass: "M. Cédric" is not the name
            if fold(m.group("name")) in self.known_names and not taken.overlaps(m.start(), m.end()):
                c = Candidate("name", m.start(), m.end(), name=m.group("name"), civility=norm_civility(m.group("civ")),
                              source="gazetteer")
                self._attach_role(text, c)
                out.append(c)
                taken.add(c.start, c.end)
        for m in _LAW.finditer(text):
            s, e = m.start("name"), m.end("name")
            if fold(m.group("name")) in self.surnames and not taken.overlaps(s, e):
                out.append(Candidate("name", s, e, name=m.group("name"), source="law"))
                taken.add(s, e)
        for m in _CIV_NAME.finditer(text):
            name = m.group("name")
            parts = name.split()
            if fold(parts[0]) in ("le", "la") and (parts[0].islower() or len(parts) < 2
                                                   or _TITLE_WORD.match(parts[1]) and parts[1].lower() != "maire"):
                continue      # "Madame la ministre"; "Monsieur Le Maire", "M. LE MAIRE.-" are a name
            if len(parts) == 1 and fold(name) in _PLACES | _NOT_NAME:
                continue      # "le « Monsieur Europe »"
            c = Candidate("name", m.start(), m.end(), name=name, civility=norm_civility(m.group("civ")),
                          source="civility")
            self._attach_role(text, c)
            out.append(c)
            taken.add(c.start, c.end)
        for m in _ROLE_SURNAME.finditer(text):
            s, e = m.start("name"), m.end("name")
            if taken.covers(s) or taken.covers(e - 1):
                continue
            c = Candidate("name", s, e, name=m.group("name"), civility="Mme" if m.group("det").lower() == "la" else "M.",
                          role=m.group("role"), role_span=(m.start("role"), m.end("role")), source="role")
            out.append(c)
            taken.add(s, e)
        per_ranges = Ranges(per_spans)
        for m in _FIRST_LIST.finditer(text):
            items = list(re.finditer(_FIRST, m.group()))
            known = [self.is_first(fold(w.group())) for w in items]
            if sum(known) < 2 or not all(k or per_ranges.covers(m.start() + w.start())
                                         for k, w in zip(known, items)):
                continue          # every item a known first name or a person for the NER, two known at least
            for w in items:
                s, e = m.start() + w.start(), m.start() + w.end()
                if not (taken.covers(s) or taken.covers(e - 1)):
                    out.append(Candidate("name", s, e, name=w.group(), source="first_names"))
                    taken.add(s, e)
        for m in _ALONE_HONORIFIC.finditer(text):
            s = m.start("hon") if m.group("det").lower() in ("du", "au") else m.start()
            if not (taken.covers(s) or taken.covers(m.end() - 1)):
                out.append(Candidate("name", s, m.end(), name=m.group("hon"), source="honorific",
                                     person=_ALONE[m.group("hon")]))
                taken.add(s, m.end())
        for m in _YOUNG.finditer(text):
            s, e = m.start("name"), m.end("name")
            if (taken.covers(s) or taken.covers(e - 1) or fold(m.group("name")) in _PLACES | _NOT_NAME
                    or re.search(rf"(?<![\w'’])(?:[Ll]a|[Ll]e|[Ll]['’]|une?|cette|ce)[ ]*{re.escape(m.group('name'))}(?![\w'’-])",
                                 text)):
                continue      # "la petite Smart ... la Smart": a thing the text names with an article
            out.append(Candidate("name", s, e, name=m.group("name"), source="aged"))
            taken.add(s, e)
        for m in _BORN.finditer(text):
            s, e = m.start("name"), m.end("name")
            if not (taken.covers(s) or taken.covers(e - 1) or fold(m.group("name")) in _PLACES | _NOT_NAME
                    or _PLACE_PREPOSITION.search(text, max(0, s - 12), s)):   # "la ville de Lyon. Née en 1950, elle"
                out.append(Candidate("name", s, e, name=m.group("name"), source="aged"))
                taken.add(s, e)
        for m in _NAMING.finditer(text):
            # "la commune s'appelle Die": a thing's name unless a personal pronoun names or the name is a first name
            personal = _PERSONAL_SUBJECT.search(text, max(0, m.start() - 8), m.start()) or text[m.start()] in "mMtT"
            for w in re.finditer(_NAMED, m.group("names")):
                s, e = m.start("names") + w.start(), m.start("names") + w.end()
                if not (personal or self.is_first(fold(w.group().split()[0]))):
                    continue
                if not (taken.covers(s) or taken.covers(e - 1) or fold(w.group()) in _PLACES | _NOT_NAME):
                    out.append(Candidate("name", s, e, name=w.group(), source="aged"))
                    taken.add(s, e)
        for pattern in (_RELATIVE_NAME, _NAME_RELATIVE):
            for m in pattern.finditer(text):
                s, e = m.start("name"), m.end("name")
                if re.search(rf"[{UP}][\w'’-]*[ ]+$", text[max(0, s - 30):s]):
                    continue      # "Jean Dupont, mon frère": the name runs take the full name
                if not (taken.covers(s) or taken.covers(e - 1) or fold(m.group("name")) in _PLACES | _NOT_NAME):
                    out.append(Candidate("name", s, e, name=m.group("name"), source="aged"))
                    taken.add(s, e)
        for m in _HONORIFIC.finditer(text):
            s, e = m.start(), m.end()
            if taken.covers(s) or taken.covers(e - 1) or _NOT_HONORIFIC_AFTER.search(text, max(0, s - 20), s):
                continue      # "le père Hamel", "le général de Gaulle"
            hon = m.group("hon").lower()
            if _POSSESSIVE_BEFORE.search(text, max(0, s - 8), s):
                s = m.start("name")   # "son père Bakary", "sa sœur Inès": a relative, the name alone
            civility = "Mme" if hon in _FEMALE_HONORIFICS else None if hon in _EPICENE_HONORIFICS else "M."
            out.append(Candidate("name", s, e, name=m.group("name"), civility=civility,
                                 source="colleague" if hon in _EPICENE_HONORIFICS else "honorific"))
            taken.add(s, e)
        per = sorted(per_spans)  # entity spans: disjoint
        maybe = []
        for s, e in self._runs(text):
            if taken.covers(s) or taken.covers(e - 1):
                continue
            found = self._from_run(text, text[s:e], s, per)
            for c in found:
                out.append(c)
                taken.add(c.start, c.end)
            parts = text[s:e].split()
            if not found and (2 <= len(parts) <= 3 and self.is_first(fold(parts[0]))
                              or len(parts) == 1 and self._lone_first(text, s, e)):
                maybe.append(Candidate("name", s, e, name=text[s:e], source="list"))
        out += self._listed(text, out, maybe, taken)
        out += self._repeated(text, out, taken)
        out += self._greeted(text, out, taken)
        if self._leader_re is not None:   # "l'administration Biden", "Poutine": a foreign leader's surname alone
            for m in self._leader_re.finditer(text):
                if not (taken.covers(m.start()) or taken.covers(m.end() - 1)
                        or _NAMED_AFTER_BEFORE.search(text, max(0, m.start() - 20), m.start())):
                    last = self._leader_forms[m.group()]
                    out.append(Candidate("name", m.start(), m.end(), name=last, source="leader",
                                         person=self.leaders[last]))
                    taken.add(m.start(), m.end())
        # "Biden a raison": the surname alone of a person named in full in the document
        surnames = {c.name.split()[-1] for c in out if len(c.name.split()) >= 2 and len(c.name.split()[-1]) >= 4}
        surnames |= {c.name for c in out if c.source == "aged"}   # "Tarik, 38 ans, ... Tarik a été opéré"
        if surnames:
            alone = re.compile(r"(?:(?<=\b[dl]['’])|(?<=\bqu['’])|(?<![\w'’-]))(?:" + "|".join(map(re.escape, sorted(surnames)))
                               + r")(?![\w'’-])")
            for m in alone.finditer(text):
                if not (taken.covers(m.start()) or taken.covers(m.end() - 1)):
                    out.append(Candidate("name", m.start(), m.end(), name=m.group(), source="surname"))
                    taken.add(m.start(), m.end())
        return out

    def _speakers(self, text: str) -> list[Candidate]:
        """Speaker lines in capitals ("SONIA MABROUK", "GABRIEL ATTAL :"): a name the document gives as a speaker
        at least ``speaker_repeats`` times, or known to the tables, or opening with a known first name unless it is
        the text's first line (a question's title: "MARINE MARCHANDE") in a text that writes no name the interview
        way, a first name and a surname in capitals ("Bonjour Léa SALAME": then the first line is the first speaker)."""
        found = [m for m in _SPEAKER.finditer(text)]
        counts = Counter(fold(m.group("name")) for m in found)
        out = []
        interview = None
        for m in found:
            name = m.group("name")
            parts = [fold(w) for w in name.split()]
            if set(parts) & _SPEAKER_NOT or any(len(w) < 2 and i == 0 for i, w in enumerate(parts)):
                continue
            first = self.is_first(parts[0]) and parts[0] not in _PLACES
            if first and text[:m.start()].strip() == "":
                if interview is None:
                    interview = any(self.is_first(fold(c.group(1))) for c in _CAPS_SURNAME.finditer(text, m.end()))
                first = interview
            if counts[fold(name)] >= _NAMES["speaker_repeats"] or first or fold(name) in self.known_names:
                out.append(Candidate("name", m.start("name"), m.end("name"), name=name, source="speaker"))
        return out

    @staticmethod
    def _runs(text: str) -> list[tuple[int, int]]:
        """Runs of capitalized words, cut at greetings and forms of address ("Merci Monsieur", "Bonjour Léa")."""
        out = []
        for m in _RUN.finditer(text):
            toks = [(m.start() + t.start(), m.start() + t.end()) for t in re.finditer(r"[^ ]+", m.group("name"))]
            part: list[tuple[int, int]] = []
            for tok in toks + [(-1, -1)]:
                if tok[0] >= 0 and fold(text[tok[0]:tok[1]]) not in _NOT_NAME:
                    part.append(tok)
                    continue
                while part and not text[part[0][0]].isupper():
                    part.pop(0)
                while part and not text[part[-1][0]].isupper():
                    part.pop()
                if part:
                    out.append((part[0][0], part[-1][1]))
                part = []
        return out

    def _repeated(self, text: str, found: list[Candidate], taken: Ranges) -> list[Candidate]:
        """A name found once is the same person wherever the document writes it again, in another case or
        accents ("JEFFERSON DESPORT" as a speaker, "Jefferson DESPORT" in a sentence)."""
        local = {fold(c.name) for c in found if len(c.name.split()) >= 2}
        out: list[Candidate] = []
        if not local:
            return out
        for s, e in self._runs(text):
            if taken.covers(s) or taken.covers(e - 1):
                continue
            for c in self._known_in(text, text[s:e], s, local):
                if not (taken.covers(c.start) or taken.covers(c.end - 1)):
                    c.source = "repeat"
                    out.append(c)
                    taken.add(c.start, c.end)
        return out

    @staticmethod
    def _greeted(text: str, found: list[Candidate], taken: Ranges) -> list[Candidate]:
        """"Bonjour Oriane.", "Merci d'être avec nous Christelle.": the first name alone, after a greeting, of the
        one person of that first name named in full in the document."""
        full: dict[str, dict[str, None]] = {}  # first name -> full names in text order (the first one is used)
        for c in found:
            parts = c.name.split()
            if len(parts) >= 2 and parts[0][:1].isupper():
                first = parts[0].title() if parts[0].isupper() else parts[0]
                full.setdefault(first, {})[c.name if not c.name.isupper() else c.name.title()] = None
        firsts = {f: next(iter(n)) for f, n in full.items() if len({fold(x) for x in n}) == 1 and len(f) >= 3}
        out: list[Candidate] = []
        if not firsts:
            return out
        alt = "|".join(map(re.escape, sorted(firsts, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![\w'’-])(?:{alt})(?=[ ]*[.,!?;…]|[ ]*$)", text, re.MULTILINE):
            if taken.covers(m.start()) or not _GREETING.search(text, max(0, m.start() - 30), m.start()):
                continue
            out.append(Candidate("name", m.start(), m.end(), name=firsts[m.group()], source="greeting"))
            taken.add(m.start(), m.end())
        return out

    @staticmethod
    def _listed(text: str, found: list[Candidate], maybe: list[Candidate], taken: Ranges) -> list[Candidate]:
        """Unknown "Prénom Nom" runs listed beside another person ("avec Léa Marchal, Hugo Berthier et M. Paul
        Christophe"): people named in a list."""
        bounds = [(c.start, c.end) for c in found]
        accepted: list[Candidate] = []
        changed = True
        while changed:
            changed = False
            ends = {e for _, e in bounds}
            starts = {s for s, _ in bounds}
            for c in maybe:
                if any(c is a for a in accepted):
                    continue
                others = [m for m in maybe if m is not c]
                before = _LIST_GAP_BEFORE.search(text, max(0, c.start - 12), c.start)
                after = _LIST_GAP_AFTER.match(text, c.end)
                near = False
                if before is not None:
                    near = before.start() in ends or any(m.end == before.start() for m in others)
                if after is not None and not near:
                    near = bool({after.end(), after.end(1)} & starts) or any(m.start == after.end() for m in others)
                if near and not (taken.covers(c.start) or taken.covers(c.end - 1)):
                    accepted.append(c)
                    bounds.append((c.start, c.end))
                    taken.add(c.start, c.end)
                    changed = True
        return accepted

    def _known_in(self, text: str, run: str, base: int, names: set[str]) -> list[Candidate]:
        """The names of `names` (folded) inside a run of capitalized words, longest first, two words at least."""
        toks = [(t.start(), t.end()) for t in re.finditer(r"[^ ]+", run)]
        found, i = [], 0
        while i < len(toks):
            hit = None
            for j in range(len(toks), i + 1, -1):
                s, e = toks[i][0], toks[j - 1][1]
                if fold(run[s:e]) in names:
                    hit = (s, e, j)
                    break
            if hit:
                s, e, j = hit
                c = Candidate("name", base + s, base + e, name=run[s:e], source="gazetteer")
                self._attach_role(text, c)
                found.append(c)
                i = j
            else:
                i += 1
        return found

    def _from_run(self, text: str, run: str, base: int, per: list[tuple[int, int]]) -> list[Candidate]:
        if _THING_BEFORE.search(text, max(0, base - 40), base):
            return []         # "son navire de prospection Oruc Reis": a ship named after a person
        toks = [(t.start(), t.end()) for t in re.finditer(r"[^ ]+", run)]
        found = self._known_in(text, run, base, self.known_names)
        if not found and len(toks) == 1:
            k = bisect_right(per, base, key=lambda p: p[0]) - 1
            if self.is_first(fold(run)) or (k >= 0 and per[k][0] <= base and base + len(run) <= per[k][1]):
                by_age = self._aged_first_name(text, run, base)
                if by_age or not (self._lone_first(text, base, base + len(run))
                                  and _QUOTED_BY.search(text, max(0, base - 30), base)):
                    return by_age
                # "comme le disait Nicolas tout à l'heure": a first name alone after a verb of saying
                return [Candidate("name", base, base + len(run), name=run, source="quoted")]
            return []
        if found or len(toks) < 2 or len(toks) > 4:
            return found
        # an unknown name: "Prénom Nom" followed by a role phrase, or a first name the NER calls a person
        s, e = base, base + len(run)
        first = fold(run.split()[0])
        if first in _PLACES:
            return []         # "FRANCE RELANCE": a place opens it, not a first name
        role = _role_after(text, e)
        before = _role_before(text, s)
        k = bisect_right(per, s, key=lambda p: p[0]) - 1  # the only span of the sorted disjoint per that can hold s
        is_per = k >= 0 and e <= per[k][1] and (self.is_first(first) or (
            per[k] == (s, e) and _long_words(run)))
        k2 = bisect_right(per, e, key=lambda p: p[0]) - 1   # "Joachim [Du Bellay]": the NER's person ends the run
        is_per = is_per or (self.is_first(first) and k2 >= 0 and s < per[k2][0] and per[k2][1] == e)
        aged = len(toks) <= 3 and _AGE_AFTER.match(text, e) is not None
        quoted = self.is_first(first) and _QUOTED_BY.search(text, max(0, s - 30), s) is not None
        words_ = run.split()   # "Anne HIDALGO", "Sonia MABROUK": a known first name and a surname in capitals
        caps = (self.is_first(first) and first not in _PLACES and not words_[0].isupper()
                and all(w.isupper() and len(w) >= 2 for w in words_[1:] if not w.islower()))
        if role or is_per or aged or quoted or caps or (before and self.is_first(first)):
            c = Candidate("name", s, e, name=run, source="role" if role else "ner")
            self._attach_role(text, c)
            return [c]
        return []

    def _lone_first(self, text: str, start: int, end: int) -> bool:
        """One known first name written alone in mixed case inside a sentence (no place, no form of address, no
        sentence start, no capitalized word or "de" + capital after it): a first name standing for a person when
        the context says so (a list beside a person, a verb of saying before it)."""
        word = text[start:end]
        return (len(word) >= 3 and not word.isupper() and self.is_first(fold(word))
                and fold(word) not in _PLACES | _NOT_NAME
                and not re.search(r"(?:^|[.!?:;\n«\"(])[ \t]*$", text[max(0, start - 5):start])
                and not re.match(rf"[ ]+(?:(?:de|du|des|d['’])[ ]*)?[{UP}]", text[end:end + 6]))

    @staticmethod
    def _aged_first_name(text: str, run: str, base: int) -> list[Candidate]:
        """"le courage de Tarik, 38 ans, qui ...": one capitalized word (a known first name or a person for the NER)
        with an age in apposition, closed by a comma or a parenthesis, inside a sentence, is a person named by first
        name (a place or a heading is not)."""
        end = base + len(run)
        age = _AGE_AFTER.match(text, end)
        if (age is None or not re.match(r"[ ]*[,)]", text[age.end():]) or run.isupper() or len(run) < 3
                or fold(run) in _PLACES | _NOT_NAME or re.search(r"(?:^|[.!?:;\n])[ \t«\"]*$", text[max(0, base - 5):base])):
            return []
        return [Candidate("name", base, end, name=run, source="aged")]

    def _attach_role(self, text: str, c: Candidate) -> None:
        found = _role_after(text, c.end) or _role_before(text, c.start if not c.civility else c.start)
        if found:
            c.role, c.role_span = found

    # ------------------------------------------------------------ titles
    def titles(self, text: str, skip: list[tuple[int, int]]) -> list[Candidate]:
        out = []
        skipped = Ranges(skip)
        inside = False   # the last title was inside another ("auprès du ministre de l'économie")
        for m in _TITLE.finditer(text):
            s, e = m.start("pre"), m.end("title")
            if skipped.covers(m.start("title")):
                continue
            before = text[max(0, s - 12):s]
            det = fold(m.group("det"))
            if _EMBEDDED.search(before) or (det == "du" and _AFTER_APRES.search(before)) or (
                    det == "du" and inside and _EMBEDDED_DU.search(before)):
                inside = True
                continue      # "auprès du ministre de...", "... et du ministre de l'action": inside a title
            inside = False
            if _PREDICATIVE.search(text, max(0, s - 25), s):
                continue      # "Il est le ministre délégué ...": said of someone
            title = fold(m.group("title"))
            if title.startswith(("depute", "senat")) and not (m.group("civ") and det in ("le", "la")):
                continue      # "Monsieur le député" is a mention; "le député de la circonscription" is not
            if re.match(rf"[ ]+(?:{CIVILITY}[ ]+)?[{UP}][{LOW}]+[ ]+[{UP}]", text[e:e + 60]):
                continue      # "la ministre Jacqueline Gourault": the name carries the mention
            if re.match(r"s\b", text[e:e + 1]):
                continue
            ends = [e]
            foreign = _FOREIGN.match(text, e) if title.startswith(("premi", "president", "chef", "ministre")) else None
            french = _FRENCH_AFTER.match(text, e) if title.startswith(("premi", "president")) else None
            if foreign:
                ends = [foreign.end()]
            elif french:     # "le Premier ministre français": the French one, the adjective in the mention
                ends = [french.end()]
            elif not title.startswith(("premi", "president", "chef", "defenseur", "depute", "senat",
                                       "porte-parole")) and not title.endswith(
                    "republique"):   # "le haut-commissaire de la République [en Polynésie]": the place is no portfolio
                ends = self._complement_ends(text, e)
                foreign = _FOREIGN.match(text, ends[-1]) if title.startswith("ministre") else None
                if foreign:    # "le ministre de l'intérieur du Mali", "le ministre des finances allemand"
                    ends = [foreign.end()]
            if generic(text, s, ends[-1]):
                continue      # "quel que soit le Premier ministre": no one
            c = Candidate("title", s, ends[-1], civility=norm_civility(m.group("civ")), role=m.group("title"),
                          title_ends=ends, source="title", foreign=bool(foreign))
            if c.civility is None and det in ("la",):
                c.civility = "Mme"
            elif c.civility is None and det in ("le", "du", "au"):
                c.civility = "M."
            if "deleguee" in title or title.startswith(("premiere", "presidente", "defenseure", "deputee", "senatrice")):
                c.civility = "Mme"
            out.append(c)
        found = Ranges((c.start, c.end) for c in out)
        for m in _FOREIGN_HEAD.finditer(text):
            foreign = _FOREIGN.match(text, m.end())
            if foreign is None or found.overlaps(m.start(), foreign.end()) or skipped.overlaps(m.start(), foreign.end()):
                continue
            if re.match(rf"[ ]+(?:{CIVILITY}[ ]+)?[{UP}][{LOW}]+", text[foreign.end():foreign.end() + 60]):
                continue      # "le président américain Joe Biden": the name carries the mention
            if generic(text, m.start(), foreign.end()):
                continue      # "quel que soit le président américain": no one
            female = fold(m.group("title")).endswith(("e", "ere")) or fold(m.group("det")) == "la"
            out.append(Candidate("title", m.start(), foreign.end(), civility="Mme" if female else "M.",
                                 role=m.group("title"), title_ends=[foreign.end()], source="title", foreign=True))
        for m in _BARE_PRESIDENT.finditer(text):
            if (found.overlaps(m.start(), m.end()) or skipped.overlaps(m.start(), m.end())
                    or _CIVILITY_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _FOREIGN.match(text, m.end())
                    or generic(text, m.start(), m.end())):
                continue      # "Monsieur le Président" (an address), "le Président russe", "quel que soit le Président"
            out.append(Candidate("title", m.start(), m.end(), civility="M.", role="président",
                                 title_ends=[m.end()], source="title"))
        for m in _SPEAKER_PRESIDENT.finditer(text):   # "LE PRESIDENT.-" in a press conference
            if not (found.overlaps(m.start("title"), m.end()) or skipped.overlaps(m.start("title"), m.end())):
                out.append(Candidate("title", m.start("title"), m.end(), civility="M.", role="président",
                                     title_ends=[m.end()], source="title"))
        return sorted(out, key=lambda c: c.start)

    def chairs(self, text: str, skip: list[tuple[int, int]]) -> list[Candidate]:
        """Titles outside the government that no table resolves: "Mme la présidente", "M. le rapporteur",
        "le préfet du Rhône" (source "chair"; role = the title word)."""
        out = []
        skipped = Ranges(skip)
        for rx in (_CHAIR, _PREFECT, _OFFICE, _ADDRESS, _EU_COMMISSIONER):
            for m in rx.finditer(text):
                if skipped.overlaps(m.start(), m.end()):
                    continue
                civ = m.groupdict().get("civ")
                female = fold(m.group("title")).endswith(_FEMININE)   # "maire", "porte-parole": either sex
                civility = norm_civility(civ) if civ else ("Mme" if m.group("det").lower() == "la" else "M.")
                if female and not civ:
                    civility = "Mme"
                out.append(Candidate("title", m.start(), m.end(), civility=civility, role=m.group("title"),
                                     title_ends=[m.end()], source="chair"))
                skipped.add(m.start(), m.end())
        placed: dict[str, bool] = {}   # does the document name a place of that kind (searched once per kind)
        for m in _LOCAL.finditer(text):
            kind = "pref" if fold(m.group("title")).startswith("pref") else "acad"
            if kind not in placed:
                placed[kind] = _LOCAL_PLACE[kind].search(text) is not None
            if skipped.overlaps(m.start(), m.end()) or not placed[kind]:
                continue
            female = fold(m.group("title")).endswith(_FEMININE) or m.group("det").lower() == "la"
            out.append(Candidate("title", m.start(), m.end(), civility="Mme" if female else "M.",
                                 role=m.group("title"), title_ends=[m.end()], source="chair"))
            skipped.add(m.start(), m.end())
        return sorted(out, key=lambda c: c.start)

    def _complement_ends(self, text: str, end: int) -> list[int]:
        """Possible ends of the portfolio after a title head, shortest first."""
        ends, pos, n = [end], end, 0
        # a comma goes on with "chargé", "porte-parole" or a portfolio's next "de" group ("des solidarités, de
        # l'autonomie et des personnes handicapées")
        pattern = re.compile(r"[ ]*(,[ ]*(?=charg|porte|(?:de|du|des|d['’])\b))?[ ]*([\w'’-]+(?:['’])?)", re.UNICODE)
        while n < 30:
            m = pattern.match(text, pos)
            if not m:
                break
            w = words(m.group(2))
            if w == ["et"] and re.match(r"[ ]+(?:le|la|les|l['’]|du|des|au|aux|de la|de l['’]|à la|à l['’])[ ]*(?:ministre|secr[ée]taire|premi|garde|haut|pr[ée]sident"
                                        r"|d[ée]put|s[ée]nat)", text[m.end():m.end() + 20], re.IGNORECASE):
                break     # "le ministre des outre-mer et le ministre de la santé", "... et du ministre de ...": a second title
            if not w or any(x.rstrip("'") not in self.title_vocab and x not in self.title_vocab for x in w):
                break
            if m.group(2) == "à" and not re.match(r"[ ]+(?:la|le|les|l['’])", text[m.end():m.end() + 5]):
                break     # "la capacité de la ministre à exercer ses fonctions": a verb, no portfolio
            pos = m.end()
            n += 1
            if w[-1] not in _TRIM:
                ends.append(pos)
        return ends
