"""One Aho-Corasick pass that finds where each extractor has something to look at.

Python's regular expressions try every alternative at every position, so running a dozen large patterns
over a whole ad is what makes extraction slow. Instead one automaton of trigger words (the words every
pattern of a topic needs) runs once over the ad, and each extractor runs its patterns only over the items
(lines or bullets) that hold one of its triggers. A topic without a trigger costs nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Literal, cast

import ahocorasick

from pasarkerja.extract.common import item_bounds
from pasarkerja.text.document import AnalysedText

Topic = Literal["education", "experience", "pay", "terms", "time", "flags", "region", "programme"]

_WORDS: dict[Topic, str] = {
    "education": """sma smk stm smu smea slta sltp smp sd paket d1 d2 d3 d4 d-1 d-2 d-3 d-4 d.i diii d-iii
        div d-iv dii d-ii d-i s1 s2 s3 s-1 s-2 s-3 s.1 s.2 s.3 diploma sarjana strata bachelor master
        magister doktor doctorate pascasarjana high_school vocational associate undergraduate
        university_degree ma mts a.md phd ph.d mba""",
    "experience": """tahun year yrs yr bulan month pengalaman berpengalaman experience experienced fresh
        lulusan_baru entry""",
    "pay": """rp idr rupiah juta ribu million mio thousand gaji salary salaries upah penghasilan pendapatan
        income take_home thp honor fee kompensasi compensation remunerasi pay dibayar bayaran wage umr
        umk ump umsk ums minimum nego dinego negotiable competitive kompetitif tbd didiskusikan
        kesepakatan""",
    "terms": """magang pemagangan internship intern praktik pkl trainee paruh part-time part_time parttime
        harian daily bhl casual freelance freelancer free_lance lepas pkwt pkwtt kontrak contract
        contractual fixed-term fixed_term tetap permanent permanen""",
    "time": """shift shifts sif non-shift non_shift senin selasa rabu kamis jumat jum'at sabtu minggu monday
        tuesday wednesday thursday friday saturday sunday hari days jam hours wib wita wit -day pukul""",
    "flags": """usia umur berusia age aged batas maksimal maximum max tidak_buta tidak_ber tidak_cacat
        tidak_memiliki tidak_sedang tidak_menikah tidak_hamil tidak_lebih tidak_memakai
        tidak_menggunakan not_colo not_married not_pregnant not_older not_more under jenis gender sex
        khusus hanya diutamakan preferably pria wanita laki lelaki perempuan male female cowok cewek men
        women ladies gentlemen berpenampilan penampilan good_looking good-looking good_appearance
        attractive wajah paras berparas cantik tampan ganteng no_tattoo no_disabilit belum sudah lajang
        single unmarried menikah janda duda beragama agama muslim muslimah nasrani christian berhijab
        berjilbab qur tinggi berat height weight postur tubuh badan bebas buta colour color sehat
        berbadan physically penglihatan mata""",
    "region": """lokasi penempatan ditempatkan location based area wilayah domisili alamat placement kota
        city kabupaten provinsi remote wfh wfa work_from dari_rumah""",
    "programme": """jp jam lesson hours hour hrs hr hari day days bnsp badan skkni lsp lembaga sertifikat
        certificate mendapat mendapatkan memperoleh""",
}

_AUTOMATON: ahocorasick.Automaton | None = None
_TOPICS_OF: dict[str, frozenset[str]] | None = None
_LOCK = threading.Lock()
_CACHE_KEY = "triggers"


def trigger_words() -> dict[str, frozenset[str]]:
    """Every trigger word (as it appears in the matching form) and the topics it opens a window for.

    ``SkillExtractor`` adds these words to its own automaton, so one pass over an ad finds the skill
    mentions and the trigger words together (``store_windows``)."""
    global _TOPICS_OF
    if _TOPICS_OF is None:
        topics_of: dict[str, set[str]] = {}
        for topic, words in _WORDS.items():
            for word in words.split():
                topics_of.setdefault(word.replace("_", " "), set()).add(topic)
        _TOPICS_OF = {word: frozenset(topics) for word, topics in topics_of.items()}
    return _TOPICS_OF


def _automaton() -> ahocorasick.Automaton:
    global _AUTOMATON
    if _AUTOMATON is None:
        with _LOCK:
            if _AUTOMATON is None:
                automaton = ahocorasick.Automaton()
                for word, topics in trigger_words().items():
                    automaton.add_word(word, (len(word), topics))
                automaton.make_automaton()
                _AUTOMATON = automaton
    return _AUTOMATON


def _scan(doc: AnalysedText) -> dict[str, list[tuple[int, int]]]:
    """Item windows per topic: the items holding a trigger that starts a word, merged, in text order."""
    text = doc.text
    length = len(text)
    starts: dict[str, list[int]] = {}
    for end_index, (trigger_length, topics) in _automaton().iter(text):
        start = end_index - trigger_length + 1
        if start > 0 and text[start - 1].isalpha():
            continue  # triggers start words ("rp" in "terpercaya" is none); a digit may precede ("150ribu")
        if trigger_length <= 3 and end_index + 1 < length and text[end_index + 1].isalpha():
            continue  # short triggers are whole words: "ma" is no trigger in "makan"
        for topic in topics:
            found = starts.get(topic)
            if found is None:
                starts[topic] = [start]
            else:
                found.append(start)
    return windows_from_starts(doc, starts)


def windows_from_starts(doc: AnalysedText, starts: dict[str, list[int]]) -> dict[str, list[tuple[int, int]]]:
    """The merged item windows per topic, from the start of every accepted trigger of each topic."""
    # Several topics share trigger positions ("maksimal", "hari"): each position's item is looked up once.
    bounds_at: dict[int, tuple[int, int]] = {}
    windows: dict[str, list[tuple[int, int]]] = {}
    for topic, positions in starts.items():
        spans: set[tuple[int, int]] = set()
        for position in positions:
            bounds = bounds_at.get(position)
            if bounds is None:
                bounds = bounds_at[position] = item_bounds(doc, position)
            spans.add(bounds)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        windows[topic] = merged
    return windows


def store_windows(doc: AnalysedText, starts: dict[str, list[int]]) -> None:
    """Record the windows of a scan made elsewhere (the skill pass), unless ``doc`` already has them."""
    if _CACHE_KEY not in doc.cache:
        doc.cache[_CACHE_KEY] = windows_from_starts(doc, starts)


def windows(doc: AnalysedText, topic: Topic) -> list[tuple[int, int]]:
    """The ``[start, end)`` windows of the matching form where ``topic``'s patterns can match."""
    found = cast("dict[str, list[tuple[int, int]]] | None", doc.cache.get(_CACHE_KEY))
    if found is None:
        found = _scan(doc)
        doc.cache[_CACHE_KEY] = found
    return found.get(topic, [])


def finditer(pattern: re.Pattern[str], doc: AnalysedText, topic: Topic) -> Iterator[re.Match[str]]:
    """``pattern.finditer`` over ``topic``'s windows only, positions absolute in the matching form."""
    text = doc.text
    for start, end in windows(doc, topic):
        yield from pattern.finditer(text, start, end)


def search(pattern: re.Pattern[str], doc: AnalysedText, topic: Topic) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``topic``'s windows."""
    return next(finditer(pattern, doc, topic), None)
