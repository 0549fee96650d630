"""Language of an ad or CV: Indonesian, English or a mix, from function words (fast, no model).

Function words are frequent, short and nearly disjoint between the two languages, so their shares are a
reliable signal even on short bullets; content words (often English loans in Indonesian ads: "skill",
"staff", "marketing") are deliberately not counted.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["id", "en", "mixed", "unknown"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


INDONESIAN_FUNCTION_WORDS: frozenset[str] = _words(
    """yang dan di ke dari untuk dengan pada dalam ini itu atau akan adalah tidak bisa dapat mampu memiliki
    serta oleh sebagai juga kami anda kamu kita mereka sudah belum harus telah lebih bagi agar secara tersebut
    karena jika bila sedang sangat para setiap semua hanya maupun hingga sampai antara tanpa bersedia minimal
    maksimal diutamakan berpengalaman pengalaman kerja lowongan dibutuhkan dicari segera tahun bulan hari
    gaji syarat persyaratan kualifikasi tanggung jawab melamar lamaran kirim"""
)
ENGLISH_FUNCTION_WORDS: frozenset[str] = _words(
    """the and of to in for with on at by from is are be been was were will would should can could must
    this that these those a an or not you your we our they their it its as have has having about into
    who which what when where able ability experience years year required requirements responsibilities
    preferred plus skills knowledge strong good excellent working work team job apply candidate"""
)
_ENGLISH_ONLY = ENGLISH_FUNCTION_WORDS - INDONESIAN_FUNCTION_WORDS
# The words are the runs of a-z in the lower-cased text. Found on bytes: every character but a-z becomes a
# space (a non-ASCII character is one "?" byte first, so it still separates words exactly like the regex
# "[a-z]+" would), then one C-level split. About 4x faster than ``re.findall`` on a whole ad.
_LETTERS = bytes(range(ord("a"), ord("z") + 1))
_NOT_LETTERS_TO_SPACE = bytes(character if character in _LETTERS else ord(" ") for character in range(256))
_INDONESIAN_BYTES = frozenset(word.encode("ascii") for word in INDONESIAN_FUNCTION_WORDS)
_ENGLISH_ONLY_BYTES = frozenset(word.encode("ascii") for word in _ENGLISH_ONLY)


def detect_language(text: str) -> Language:
    """``id``, ``en``, ``mixed`` (both languages carry at least a fifth of the function words) or
    ``unknown`` (too few function words to tell). Expects any case; lower-cases itself."""
    words = text.lower().encode("ascii", "replace").translate(_NOT_LETTERS_TO_SPACE).split()
    # Counted in C (map + sum) rather than a Python loop; a word in both lists counts as Indonesian.
    indonesian = sum(map(_INDONESIAN_BYTES.__contains__, words))
    english = sum(map(_ENGLISH_ONLY_BYTES.__contains__, words))
    total = indonesian + english
    if total < 2:
        return "unknown"
    share = indonesian / total
    if share >= 0.8:
        return "id"
    if share <= 0.2:
        return "en"
    if min(indonesian, english) < 2:
        return "id" if indonesian > english else "en"
    return "mixed"
