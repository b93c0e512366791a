"""Tunables read from the resource files: the list-of-parts pattern form and the values the components use."""
import re
import tomllib

from tdi_nlp.components.dates import grammar as dates_grammar
from tdi_nlp.components.dates.grammar import DATES_DIR, compile_rules, find_candidates, pattern_text
from tdi_nlp.components.people import kb
from tdi_nlp.components.territories import component as territories
from tdi_nlp.components.quantities.count_units import PREPOSITIONS, pluralize_term


def test_pattern_parts_are_joined_as_written():
    assert pattern_text({"pattern": "a b"}) == "a b"
    assert pattern_text({"pattern": ["(?P<d>\\d+)", " # not a comment", "x"]}) == "(?P<d>\\d+) # not a comment" + "x"


def test_long_date_patterns_are_written_in_parts():
    rules = tomllib.loads((DATES_DIR / "grammar.toml").read_text(encoding="utf-8"))["rule"]
    assert all(isinstance(r["pattern"], list) for r in rules if len(pattern_text(r)) > 105)
    names = [r.name for r in compile_rules()]
    assert len(names) == len(set(names)) == len(rules)


def test_split_rule_still_matches_its_parts():
    rule = next(r for r in compile_rules() if r.name == "day_range_same_month")
    m = rule.regex.search("du 5 au 7 mars 2019")
    assert m and (m.group("d1"), m.group("d2"), m.group("m"), m.group("y")) == ("5", "7", "mars", "2019")
    found = find_candidates("entre le 3 et le 5 avril", compile_rules())
    assert found[0].rule.name == "day_range_same_month" and found[0].text == "entre le 3 et le 5 avril"


def test_date_settings_are_loaded():
    assert dates_grammar.BEFORE > 0 and dates_grammar.AFTER > 0
    assert "prochain" in dates_grammar.FUNCTION_WORDS and "prochain" not in dates_grammar.trigger_words()


def test_territory_tunables():
    assert territories.CUES["region"].search("le conseil regional de ")
    assert territories.CUES["commune"].search("le maire de ") and not territories.CUES["commune"].search("le maire ")
    pop = territories.MIN_POP
    assert pop["multiword"] < pop["word"] < pop["common"] < pop["anywhere"]
    assert 0 < territories.FUZZY_CUTOFF <= 100 and isinstance(territories.FUNCTION_WORDS, set)


def test_people_and_quantity_tunables():
    assert "ministre" in kb.STOP and 0 < kb.SCORE["min_score"] <= 1
    assert kb._KIND_OK["MD"] == {"MD", "M"}
    assert "de" in PREPOSITIONS
    assert pluralize_term("contrat de relance") == "contrats de relance"
    assert re.compile(pattern_text({"pattern": ["a", "b"]})).fullmatch("ab")
