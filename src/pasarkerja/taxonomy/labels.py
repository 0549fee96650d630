"""Label normalisation shared by every taxonomy look-up (occupations, skills, regions, education levels)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def normalise_label(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse whitespace.

    ``"  Pekerja  Pengelasan (Las)!"`` → ``"pekerja pengelasan las"``; ``"Café"`` → ``"cafe"``;
    ``"S-1"`` → ``"s 1"``. Letters outside Latin script that have no ASCII decomposition are dropped, which
    is acceptable for Indonesian and English labels.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()
