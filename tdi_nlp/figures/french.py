"""Figures written in French: "1,36 milliard d'euros", "plus d'un milliard d'euros", "150 000 euros"."""
from __future__ import annotations

import re

CURRENCY_WORDS = {"EUR": "euros", "USD": "dollars", "GBP": "livres sterling", "CHF": "francs suisses"}
QUALIFIER_WORDS = {">": "plus de", ">=": "au moins", "<": "moins de", "<=": "jusqu'à", "~": "environ"}
SCALES = ((1e9, "milliard"), (1e6, "million"))


def _fr_decimal(x: float, places: int = 3) -> str:
    """1.36 -> "1,36", 150000 -> "150 000"; with places=2 a fraction keeps its cents (1500.5 -> "1 500,50")."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", " ")
    text = f"{x:,.{places}f}"
    text = text if places == 2 else text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def _fr_number(x: float) -> tuple[str, bool]:
    """(French number, scaled): 1.36e9 -> ("1,36 milliard", True), 150000 -> ("150 000", False)."""
    for scale, word in SCALES:
        if abs(x) >= scale:
            n = round(x / scale, 3)
            return f"{_fr_decimal(n)} {word}{'s' if n >= 2 else ''}", True
    return _fr_decimal(x, places=2), False


def french_amount(amount: float, qualifier: str | None = "=", amount_max: float | None = None,
                  currency: str = "EUR") -> str:
    """1.36e9 -> "1,36 milliard d'euros"; ">" 1e9 -> "plus d'un milliard d'euros"; 150000 -> "150 000 euros"."""
    unit = CURRENCY_WORDS.get(currency, currency)
    low, scaled = _fr_number(amount)
    text = low
    if amount_max is not None and amount_max != amount:
        high, scaled = _fr_number(amount_max)
        text = f"entre {low} et {high}"
    text = re.sub(r"^1 (milli(?:on|ard))", r"un \1", text)
    text += (" d'" if scaled else " ") + unit
    words = QUALIFIER_WORDS.get(qualifier or "=")
    if words and amount_max is None:
        text = (words[:-1] + "'" if words.endswith(" de") and text.startswith("un ") else words + " ") + text
    return text
