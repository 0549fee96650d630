"""Quality of vacancy text understanding on real loker.id ads (issue 3, item 5), ours and the peer's.

Run from the repository root (or ``make -C evaluation extraction``)::

    .venv/bin/python evaluation/evaluate_extraction.py [--part test|tune] [--embeddings off|on|both]
        [--peer PEER_JSON | --run-peer] [--write] [--json] [--misses]

What is measured (definitions in ``evaluation/README.md``):

* **Occupation** — accuracy@1 and @3 at 4-, 2- and 1-digit ISCO-08 level against the 309 hand-coded titles of
  ``gold/occupations_test.csv``; the ranking is ``occupation.code`` followed by ``occupation.candidates``.
* **Skills** — micro precision / recall / F1 against ``gold/skills_test.jsonl`` (every skill mention of 64
  ads, each with the catalogue id a human chose, or ``null`` + a label when the catalogue lacks the skill).
  Per ad, the gold *items* are the distinct catalogue ids plus, for catalogue-less mentions, their normalised
  span texts; a prediction matches an item when it has the same skill id, or — for a catalogue-less item —
  when its span text normalises to the same string. Catalogue-less gold items therefore count against recall
  unless something finds exactly that phrase. A span-overlap (mention-level) score is reported beside it.
* **Fields** — education, experience, pay, region and employment type against the portal's own structured
  columns on ALL ads of the part (how each column maps and what counts as correct: ``score_fields``).

``--embeddings both`` (default) runs the lexical configuration on every ad of the part and the configuration
with the embedding fallbacks on the gold ads only (the fallback is the slow part; the fields do not use it).
``--embeddings on --all-ads`` runs the fallback on every ad. ``--write`` also writes
``evaluation/results/extraction.md``. ``--reuse-facts DIR`` keeps our facts between runs (to add the peer
later without paying for the fallback twice). ``--run-peer`` runs ``peer_baseline.py`` in its own venv
(``evaluation/.venv-peer``) first; ``--peer FILE`` reads a result it wrote earlier.

``--part tune`` prints the field figures of the tuning part as a DEV FIGURE only; the gold sets exist for
the test part only, and nothing in the product was tuned on the test part.

Top-level imports are standard library only: ``peer_baseline.py`` (in the peer venv, without pasarkerja)
imports ``requirement_scope`` from here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from split import SHARED, postings  # noqa: E402  (evaluation/ is put on sys.path just above)

GOLD_OCCUPATIONS = HERE / "gold" / "occupations_test.csv"
GOLD_SKILLS = HERE / "gold" / "skills_test.jsonl"
RESULTS_MD = HERE / "results" / "extraction.md"
ESCO_CLASSIFICATION_ZIP = SHARED / "esco" / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
PEER_VENV_PYTHON = HERE / ".venv-peer" / "bin" / "python"
DEFAULT_PEER_OUT = Path("/tmp/pasarkerja-eval/peer_test.json")

# --- the requirement blocks of a loker.id ad -------------------------------------------------------------
# Every loker.id ad follows the portal's template: "Tanggung Jawab Pekerjaan :", "Keahlian :",
# "Kualifikasi :", then optionally "Waktu Bekerja :", "Tunjangan :", "Insentif :". The skill gold set lists
# every mention inside the "Keahlian" + "Kualifikasi" blocks (see gold/SKILLS_GOLD.md).
_SCOPE_START = re.compile(r"^[ \t]*Keahlian\s*:", re.MULTILINE)
_SCOPE_END = re.compile(r"^[ \t]*(?:Waktu Bekerja|Tunjangan|Insentif)\s*:", re.MULTILINE)


def requirement_scope(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the Keahlian + Kualifikasi blocks of a loker.id ad, or None without them."""
    start = _SCOPE_START.search(text)
    if start is None:
        return None
    end = _SCOPE_END.search(text, start.end())
    return start.start(), (end.start() if end else len(text))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def locate_mentions(text: str, mentions: Sequence[dict[str, Any]], job_id: str) -> list[tuple[int, int]]:
    """Character spans of the gold mentions inside the requirement blocks of ``text``.

    Mentions are found in order: each one at its first whole-word, case-sensitive occurrence in the scope
    after the previous occurrence of the same string (so a string listed twice takes two occurrences).
    Raises ``ValueError`` naming the ad and the mention when one cannot be found — the gold must stay exact.
    """
    scope = requirement_scope(text)
    if scope is None:
        raise ValueError(f"gold skills, job {job_id}: the ad has no 'Keahlian :' block")
    used: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for mention in mentions:
        surface = mention["text"]
        position = used.get(surface, scope[0])
        while True:
            found = text.find(surface, position, scope[1])
            if found < 0:
                raise ValueError(
                    f"gold skills, job {job_id}: mention {surface!r} not found in the requirement blocks"
                )
            end = found + len(surface)
            before_ok = found == 0 or not (_is_word_char(text[found - 1]) and _is_word_char(surface[0]))
            after_ok = end == len(text) or not (_is_word_char(text[end]) and _is_word_char(surface[-1]))
            if before_ok and after_ok:
                break
            position = found + 1
        used[surface] = end
        spans.append((found, end))
    return spans


# --- statistics ------------------------------------------------------------------------------------------
def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score 95% interval of a proportion (0, 0 when n == 0)."""
    if n == 0:
        return 0.0, 0.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Rate:
    """A proportion with its count, for the tables (accuracy, coverage)."""

    hits: int = 0
    n: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.n += 1

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else 0.0

    def as_dict(self) -> dict[str, Any]:
        low, high = wilson(self.hits, self.n)
        return {
            "value": round(self.value, 4),
            "hits": self.hits,
            "n": self.n,
            "ci95": [round(low, 4), round(high, 4)],
        }

    def cell(self) -> str:
        if self.n == 0:
            return "n/a"
        low, high = wilson(self.hits, self.n)
        return f"{self.value:.3f} [{low:.2f}–{high:.2f}] ({self.hits}/{self.n})"


@dataclass
class PRF:
    """Micro-averaged precision / recall / F1 from true-positive counts on each side."""

    tp_pred: int = 0  # predictions that are right
    n_pred: int = 0
    tp_gold: int = 0  # gold items that were found
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "precision_ci95": [round(x, 4) for x in wilson(self.tp_pred, self.n_pred)],
            "recall": round(self.recall, 4),
            "recall_ci95": [round(x, 4) for x in wilson(self.tp_gold, self.n_gold)],
            "f1": round(self.f1, 4),
            "tp_pred": self.tp_pred,
            "n_pred": self.n_pred,
            "tp_gold": self.tp_gold,
            "n_gold": self.n_gold,
        }

    def cells(self) -> list[str]:
        return [
            f"{self.precision:.3f} ({self.tp_pred}/{self.n_pred})",
            f"{self.recall:.3f} ({self.tp_gold}/{self.n_gold})",
            f"{self.f1:.3f}",
        ]


# --- gold ------------------------------------------------------------------------------------------------
def load_gold_occupations(path: Path = GOLD_OCCUPATIONS) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        gold = {row["job_id"].strip(): row["isco_code"].strip() for row in csv.DictReader(handle)}
    for job_id, code in gold.items():
        if not re.fullmatch(r"\d{4}", code):
            raise ValueError(f"{path.name}: job {job_id}: isco_code {code!r} is not a 4-digit unit group")
    return gold


MENTION_KEYS = {"text", "skill_id", "label", "required"}


def load_gold_skills(path: Path = GOLD_SKILLS) -> dict[str, list[dict[str, Any]]]:
    """Job ID → its gold mentions ``{"text", "skill_id" (str or None), "label", "required"}``."""
    gold: dict[str, list[dict[str, Any]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        for mention in record["mentions"]:
            ok = (
                set(mention) == MENTION_KEYS
                and isinstance(mention["text"], str)
                and mention["text"].strip() != ""
                and (mention["skill_id"] is None or isinstance(mention["skill_id"], str))
                and isinstance(mention["label"], str)
                and mention["label"].strip() != ""
                and mention["required"] in ("essential", "optional")
            )
            if not ok:
                raise ValueError(f"{path.name}:{number}: job {record['job_id']}: bad mention {mention!r}")
        gold[str(record["job_id"])] = record["mentions"]
    return gold


def check_gold_ids(gold: dict[str, list[dict[str, Any]]], catalogue_ids: set[str]) -> None:
    """Every gold skill id must exist in the catalogue (a renamed or removed skill must be relabelled)."""
    for job_id, mentions in gold.items():
        for mention in mentions:
            if mention["skill_id"] is not None and mention["skill_id"] not in catalogue_ids:
                raise ValueError(
                    f"gold skills, job {job_id}: mention {mention['text']!r}: skill_id "
                    f"{mention['skill_id']!r} is not in the skill catalogue"
                )


# --- skill matching --------------------------------------------------------------------------------------
# ("id", catalogue skill id) or ("span", normalised text of a catalogue-less mention)
GoldItem = tuple[str, str]

_EDGE_PUNCTUATION = " \t\n.,;:!?()[]{}\"'‘’“”-–—/•*"


def normalise_span(text: str) -> str:
    """Comparison key of a mention text: lower case, whitespace collapsed, edge punctuation stripped."""
    return " ".join(text.split()).lower().strip(_EDGE_PUNCTUATION)


def gold_skill_items(mentions: Iterable[dict[str, Any]]) -> set[GoldItem]:
    """The distinct gold skills of one ad: catalogue ids, and the normalised spans of catalogue-less ones."""
    items: set[GoldItem] = set()
    for mention in mentions:
        if mention["skill_id"] is not None:
            items.add(("id", mention["skill_id"]))
        else:
            items.add(("span", normalise_span(mention["text"])))
    return items


def score_skill_ad(scores: PRF, gold: set[GoldItem], predicted: Iterable[tuple[str, str | None]]) -> None:
    """Add one ad to micro-averaged id-level counts.

    ``predicted`` holds ``(skill id, span text or None)`` pairs; the predicted *units* are the distinct ids.
    A predicted id is right when it is a gold id, or when one of its span texts normalises to the span of a
    catalogue-less gold item. A gold item is found when its id was predicted, or (catalogue-less) when some
    prediction's span text normalises to it.
    """
    spans_by_id: dict[str, set[str]] = {}
    for skill_id, span_text in predicted:
        texts = spans_by_id.setdefault(skill_id, set())
        if span_text:
            texts.add(normalise_span(span_text))
    gold_ids = {value for kind, value in gold if kind == "id"}
    gold_spans = {value for kind, value in gold if kind == "span"}
    predicted_spans = set().union(*spans_by_id.values()) if spans_by_id else set()
    scores.n_pred += len(spans_by_id)
    scores.tp_pred += sum(1 for i, texts in spans_by_id.items() if i in gold_ids or texts & gold_spans)
    scores.n_gold += len(gold)
    scores.tp_gold += sum(
        1
        for kind, value in gold
        if (kind == "id" and value in spans_by_id) or (kind == "span" and value in predicted_spans)
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class SkillScores:
    ids: PRF = field(default_factory=PRF)
    mentions: PRF = field(default_factory=PRF)
    requirement_agreement: Rate = field(default_factory=Rate)  # on overlap-matched mention pairs
    gold_in_catalogue: Rate = field(default_factory=Rate)  # gold items (per ad) that have a catalogue id


def score_our_skills(
    rows: dict[str, dict[str, str]],
    ours: dict[str, dict[str, Any]],
    gold: dict[str, list[dict[str, Any]]],
    whole_ad: bool,
) -> tuple[SkillScores, list[dict[str, Any]]]:
    """Our skills against the gold. ``whole_ad=False`` keeps predictions whose span lies in the requirement
    blocks (the gold's scope); ``True`` keeps every prediction (precision then also counts skills taken from
    duties and company text, which the gold does not label — a lower bound)."""
    result = SkillScores()
    misses: list[dict[str, Any]] = []
    for job_id, mentions in gold.items():
        text = rows[job_id]["Description"]
        scope = requirement_scope(text)
        if scope is None:
            raise ValueError(f"gold skills, job {job_id}: the ad has no 'Keahlian :' block")
        spans = locate_mentions(text, mentions, job_id)
        predicted = [
            s
            for s in ours[job_id]["skills"]
            if s.get("span")
            and s.get("source", "text") == "text"
            and (whole_ad or (scope[0] <= s["span"][0] and s["span"][1] <= scope[1]))
        ]
        items = gold_skill_items(mentions)
        for kind, _ in items:
            result.gold_in_catalogue.add(kind == "id")
        score_skill_ad(result.ids, items, [(s["id"], text[s["span"][0] : s["span"][1]]) for s in predicted])
        # mention level: overlap of predicted spans with gold mention substrings, independent of ids
        result.mentions.n_gold += len(spans)
        result.mentions.n_pred += len(predicted)
        for span, mention in zip(spans, mentions, strict=True):
            matched = [s for s in predicted if _overlaps(span, (s["span"][0], s["span"][1]))]
            result.mentions.tp_gold += bool(matched)
            if matched:
                result.requirement_agreement.add(matched[0]["required"] == mention["required"])
            elif not whole_ad:
                misses.append({"job_id": job_id, "text": mention["text"], "skill_id": mention["skill_id"]})
        result.mentions.tp_pred += sum(
            1 for s in predicted if any(_overlaps((s["span"][0], s["span"][1]), sp) for sp in spans)
        )
    return result, misses


# --- occupations -----------------------------------------------------------------------------------------
LEVELS = (4, 2, 1)


def score_occupations(ranked: dict[str, list[str]], gold: dict[str, str]) -> dict[str, Rate]:
    """acc@1 / acc@3 at 4-, 2-, 1-digit level; ``ranked`` is the best-first list of ISCO codes per ad.

    At d digits an ad counts as right at k when the gold code's first d digits equal those of one of the top
    k predicted codes. An ad with no prediction counts as wrong.
    """
    rates = {f"acc@{k}_{d}digit": Rate() for k in (1, 3) for d in LEVELS}
    rates["coverage"] = Rate()
    for job_id, code in gold.items():
        codes = [c for c in ranked.get(job_id, []) if c]
        rates["coverage"].add(bool(codes))
        for d in LEVELS:
            rates[f"acc@1_{d}digit"].add(bool(codes) and codes[0][:d] == code[:d])
            rates[f"acc@3_{d}digit"].add(any(c[:d] == code[:d] for c in codes[:3]))
    return rates


def dedupe(codes: Iterable[str]) -> list[str]:
    """Codes in first-seen order without repeats or empty strings."""
    seen: list[str] = []
    for code in codes:
        if code and code not in seen:
            seen.append(code)
    return seen


def our_ranked_codes(facts: dict[str, Any]) -> list[str]:
    occupation = facts.get("occupation")
    if not occupation or not occupation.get("code"):
        return []
    return dedupe([occupation["code"], *(c["code"] for c in occupation.get("candidates", []))])


# --- the peer's ESCO concepts ----------------------------------------------------------------------------
def esco_occupation_isco() -> dict[str, str]:
    """ESCO occupation URI → ISCO-08 unit group, from ESCO v1.1.1 ``occupations_en.csv`` (read in place)."""
    with zipfile.ZipFile(ESCO_CLASSIFICATION_ZIP) as archive:
        name = next(n for n in archive.namelist() if n.endswith("occupations_en.csv"))
        with archive.open(name) as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            return {
                row["conceptUri"]: row["iscoGroup"].strip()[:4] for row in reader if row["iscoGroup"].strip()
            }


def esco_skill_index() -> dict[str, set[str]]:
    """Normalised ESCO v1.1.1 skill label (preferred and alternative) → the skill URIs that carry it."""
    index: dict[str, set[str]] = {}
    with zipfile.ZipFile(ESCO_CLASSIFICATION_ZIP) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/skills_en.csv") or n == "skills_en.csv")
        with archive.open(name) as raw:
            for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                for label in [row["preferredLabel"], *row["altLabels"].split("\n")]:
                    key = " ".join(label.split()).lower()
                    if key:
                        index.setdefault(key, set()).add(row["conceptUri"])
    return index


def gold_esco_items(
    mentions: Sequence[dict[str, Any]], crosswalk: dict[str, str], index: dict[str, set[str]]
) -> dict[GoldItem, set[str]]:
    """Each distinct gold item of one ad → the ESCO skill URIs it stands for: the catalogue's ``esco_uri`` of
    its id, plus ESCO skills whose label equals the mention text or the gold label (exact, normalised)."""
    items: dict[GoldItem, set[str]] = {}
    for mention in mentions:
        key: GoldItem = (
            ("id", mention["skill_id"]) if mention["skill_id"] else ("span", normalise_span(mention["text"]))
        )
        uris = items.setdefault(key, set())
        if mention["skill_id"] in crosswalk:
            uris.add(crosswalk[mention["skill_id"]])
        for form in (mention["text"], mention["label"]):
            uris |= index.get(" ".join(form.split()).lower(), set())
    return items


def score_uri_level(scores: PRF, gold: dict[GoldItem, set[str]], predicted: set[str]) -> None:
    """Id-level counts in ESCO's own space: a predicted URI is right when some gold item stands for it."""
    gold_uris = set().union(*gold.values()) if gold else set()
    scores.n_pred += len(predicted)
    scores.tp_pred += len(predicted & gold_uris)
    scores.n_gold += len(gold)
    scores.tp_gold += sum(1 for uris in gold.values() if uris & predicted)


def score_peer_skills(
    gold: dict[str, list[dict[str, Any]]],
    peer_ads: dict[str, Any],
    key: str,
    by_uri: dict[str, str],
    crosswalk: dict[str, str],
    esco_index: dict[str, set[str]],
) -> dict[str, Any]:
    """The peer's ESCO skills against the gold, three readings.

    * ``crosswalk_strict`` — peer URIs mapped to catalogue ids through the catalogue's ``esco_uri`` column and
      scored exactly like ours; a URI with no catalogue skill is a wrong prediction (headline).
    * ``crosswalk_mapped`` — the same, counting only the peer's predictions that map (an upper bound on its
      precision when the crosswalk is incomplete).
    * ``esco_space`` — in ESCO's own space: gold items stand for the ESCO URI of their catalogue id plus ESCO
      skills with exactly the mention's text or label (kind to the peer where our crosswalk is thin).
    The peer gives no spans, so catalogue-less gold items can only be found in the ESCO-space reading.
    """
    strict, mapped, esco = PRF(), PRF(), PRF()
    n_raw = n_mapped = 0
    for job_id, mentions in gold.items():
        uris = list(dict.fromkeys(peer_ads[job_id][key]))
        n_raw += len(uris)
        n_mapped += sum(1 for u in uris if u in by_uri)
        items = gold_skill_items(mentions)
        score_skill_ad(strict, items, [(by_uri.get(u, "esco:" + u), None) for u in uris])
        score_skill_ad(mapped, items, [(by_uri[u], None) for u in uris if u in by_uri])
        score_uri_level(esco, gold_esco_items(mentions, crosswalk, esco_index), set(uris))
    return {
        "crosswalk_strict": strict,
        "crosswalk_mapped": mapped,
        "esco_space": esco,
        "peer_skills": n_raw,
        "peer_skills_mapped": n_mapped,
    }


# --- portal fields ---------------------------------------------------------------------------------------
EDU_FLAGS = (
    ("SMA/SMK/STM", "SMA"),
    ("Diploma/D1/D2/D3", "diploma"),
    ("Sarjana/S1", "S1"),
    ("Master/S2", "S2"),
    ("Doctor/S3", "S3"),
)
# loker.id's "Type" → our employment type. "Full Time" is the portal's default for a regular job; we read it
# as a permanent (tetap) post, the only one of our types it can mean on its own.
EMPLOYMENT_TYPES = {
    "full time": "permanent",
    "contract": "contract",
    "internship": "internship",
    "part time": "part-time",
    "freelance": "freelance",
}


def education_band(level: str) -> str:
    """Our education level code → the portal's bands. The portal's lowest option is SMA, so an ad that asks
    for less (SD, SMP, none) is compared with the SMA band: that is what its employer could tick."""
    from pasarkerja.taxonomy.education import education_rank

    rank = education_rank(level)
    if rank <= 3:
        return "SMA"
    if rank <= 6:
        return "diploma"
    return {7: "S1", 8: "S2", 9: "S3"}[rank]


def portal_education(row: dict[str, str]) -> list[str]:
    """The education bands the employer ticked, lowest first."""
    return [band for column, band in EDU_FLAGS if row[column].strip() == "1"]


def _float(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


def score_fields(
    rows: Sequence[dict[str, str]],
    ours: dict[str, dict[str, Any]],
    text_only: dict[str, dict[str, Any]] | None = None,
) -> dict[str, dict[str, Rate]]:
    """Extracted fields against the portal's structured columns; every rate names what it counts.

    ``text_only`` (optional) holds the facts extracted without the portal's ``Location`` (title + text only)
    for the region check that does not see the reference. Mapping and correctness per field:

    * education — the portal ticks one or more bands (SMA/SMK/STM, Diploma, S1, S2, S3); the reference is the
      lowest ticked band. Correct: our minimum level, put in the same band, equals it. Looser: it is one of
      the ticked bands.
    * experience — the portal's ``Min Experience``/``Max Experience`` are loker.id's bucket (0, 1–2, 3–5,
      6–10 years). Correct: our ``min_years`` lies in [Min, Max]; strict: it equals Min. ``Fresh Graduate``
      (1/0) against our ``fresh_graduate_ok`` on every ad (no experience fact = not stated = 0).
    * pay — ``Min Salary``/``Max Salary`` are Rp per month. Correct: our monthly min/max equal them exactly,
      or within ±5 %; also: no amount extracted where the portal has none, and ``Salary Negotiation`` (1/0)
      against our pay kind ``negotiable``.
    * region — the portal's ``Location`` resolved by our own ``resolve_region`` is the reference. Correct:
      same province / same regency code. Reported twice: with the location given to the extractor (as the
      product does; agreement is then close to 100 % by design) and from title + text alone.
    * employment type — ``Type`` mapped by ``EMPLOYMENT_TYPES``. Correct: the same type.
    """
    from pasarkerja.taxonomy.regions import resolve_region

    out: dict[str, dict[str, Rate]] = {}

    def rate(group: str, name: str) -> Rate:
        return out.setdefault(group, {}).setdefault(name, Rate())

    for row in rows:
        facts = ours[row["Job ID"]]
        # education
        ticked = portal_education(row)
        education = facts.get("education")
        rate("education", "coverage (a minimum level extracted)").add(bool(education))
        if ticked and education:
            band = education_band(education["level"])
            rate("education", "= lowest ticked band").add(band == ticked[0])
            rate("education", "one of the ticked bands").add(band in ticked)

        # experience
        experience = facts.get("experience")
        years = experience.get("min_years") if experience else None
        rate("experience", "coverage (min years extracted)").add(years is not None)
        low, high = _float(row["Min Experience"]), _float(row["Max Experience"])
        if years is not None and low is not None:
            rate("experience", "min years in portal bucket [Min, Max]").add(
                low <= float(years) <= (high if high is not None else low)
            )
            rate("experience", "min years = portal Min").add(float(years) == low)
        rate("experience", "fresh graduate flag agrees (all ads)").add(
            bool(experience and experience.get("fresh_graduate_ok")) == (row["Fresh Graduate"].strip() == "1")
        )

        # pay
        pay = facts.get("pay") or {}
        minimum, maximum = _float(row["Min Salary"]), _float(row["Max Salary"])
        has_amount = pay.get("monthly_min_rp") is not None or pay.get("monthly_max_rp") is not None
        rate("pay", "coverage (an amount extracted)").add(has_amount)
        if minimum is not None:
            rate("pay", "amount extracted where the portal has one").add(has_amount)
        if minimum is not None and has_amount:
            got_min = float(pay.get("monthly_min_rp") or pay.get("monthly_max_rp") or 0)
            got_max = float(pay.get("monthly_max_rp") or pay.get("monthly_min_rp") or 0)
            want_max = maximum if maximum is not None else minimum
            rate("pay", "min and max exact").add(got_min == minimum and got_max == want_max)
            rate("pay", "min and max within ±5%").add(
                abs(got_min - minimum) <= 0.05 * minimum and abs(got_max - want_max) <= 0.05 * want_max
            )
        if minimum is None:
            rate("pay", "no amount where the portal has none").add(not has_amount)
        rate("pay", "negotiable agrees with Salary Negotiation (all ads)").add(
            (pay.get("kind") == "negotiable") == (row["Salary Negotiation"].strip() == "1")
        )

        # region
        match = resolve_region(row["Location"])
        if match is None or not match.code:
            rate("region", "portal Location that our resolver cannot place").add(True)
        for label, source in (("with Location", facts), ("text only", (text_only or {}).get(row["Job ID"]))):
            if source is None:
                continue
            region = source.get("region")
            got = region.get("code") if region else None
            rate("region", f"coverage ({label})").add(bool(got))
            if match is not None and match.code and region and got:
                got_province = region.get("province_code") or got[:2]
                want_province = match.province_code or match.code[:2]
                rate("region", f"province agrees ({label})").add(got_province == want_province)
                if match.level != "provinsi":
                    rate("region", f"regency agrees ({label})").add(got == match.code)

        # employment type
        employment = facts.get("employment_type")
        rate("employment type", "coverage (a type extracted)").add(bool(employment))
        want = EMPLOYMENT_TYPES.get(row["Type"].strip().lower())
        if employment and want:
            rate("employment type", "= portal Type").add(employment["type"] == want)
    return out


def employment_confusion(rows: Sequence[dict[str, str]], ours: dict[str, dict[str, Any]]) -> Counter[str]:
    """``"portal Type → ours"`` counts over the ads where we extracted a type."""
    pairs: Counter[str] = Counter()
    for row in rows:
        employment = ours[row["Job ID"]].get("employment_type")
        if employment:
            pairs[f"{row['Type'].strip()} → {employment['type']}"] += 1
    return pairs


# --- our extractor ---------------------------------------------------------------------------------------
def run_ours(
    rows: Sequence[dict[str, str]], use_embeddings: bool, with_location: bool = True
) -> tuple[dict[str, dict[str, Any]], dict[str, float]]:
    """Our ``vacancy`` facts (``to_dict()``) per Job ID, and timing (wall and CPU seconds)."""
    from pasarkerja.extract import Extractor

    started = time.perf_counter()
    extractor = Extractor(use_embeddings=use_embeddings)
    extractor.vacancy("Dibutuhkan staff admin, min. SMA", title="Staff Admin", location="Jakarta")  # warm-up
    startup_s = time.perf_counter() - started
    results: dict[str, dict[str, Any]] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for row in rows:
        location = row["Location"] if with_location else None
        facts = extractor.vacancy(row["Description"], title=row["Title"], location=location)
        results[row["Job ID"]] = facts.to_dict()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return results, {
        "startup_s": round(startup_s, 2),
        "ads": len(rows),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "ads_per_cpu_s": round(len(rows) / cpu, 1) if cpu else 0.0,
    }


# --- report ----------------------------------------------------------------------------------------------
def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _peer_result(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.run_peer:
        if not PEER_VENV_PYTHON.exists():
            sys.exit(f"peer venv missing: {PEER_VENV_PYTHON} — run: make -C evaluation peer")
        out = args.peer or DEFAULT_PEER_OUT
        subprocess.run(
            [str(PEER_VENV_PYTHON), str(HERE / "peer_baseline.py"), "--part", args.part, "--out", str(out)],
            check=True,
        )
        return dict(json.loads(out.read_text(encoding="utf-8")))
    if args.peer:
        return dict(json.loads(args.peer.read_text(encoding="utf-8")))
    return None


def _timing_line(name: str, timing: dict[str, float]) -> str:
    return (
        f"{name}: {timing['ads']} ads in {timing['wall_s']} s wall / {timing['cpu_s']} s CPU "
        f"({timing['ads_per_cpu_s']} ads per CPU-second), start-up {timing['startup_s']} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate vacancy extraction on the loker.id test part.")
    parser.add_argument("--part", choices=["test", "tune"], default="test")
    parser.add_argument(
        "--embeddings",
        choices=["off", "on", "both"],
        default="both",
        help="the embedding fallbacks: off (lexical), on, or both side by side (default)",
    )
    parser.add_argument(
        "--all-ads", action="store_true", help="with the fallback on, run every ad, not only the gold ads"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of markdown")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS_MD.relative_to(ROOT)}")
    parser.add_argument("--peer", type=Path, help="a peer result written by peer_baseline.py")
    parser.add_argument(
        "--run-peer", action="store_true", help="run peer_baseline.py in evaluation/.venv-peer first"
    )
    parser.add_argument("--misses", action="store_true", help="also list gold skill mentions we did not find")
    parser.add_argument(
        "--reuse-facts",
        type=Path,
        metavar="DIR",
        help="keep our facts in DIR and reuse them on the next run (delete DIR after a code change)",
    )
    args = parser.parse_args()

    rows = sorted(postings(args.part), key=lambda r: int(r["Job ID"]))
    by_id = {r["Job ID"]: r for r in rows}
    gold_occ = {k: v for k, v in load_gold_occupations().items() if k in by_id}
    gold_sk = {k: v for k, v in load_gold_skills().items() if k in by_id}
    gold_ids = sorted(set(gold_occ) | set(gold_sk), key=int)

    # The configurations: lexical on every ad; the fallback on the gold ads unless --all-ads.
    def run(
        name: str, subset: Sequence[dict[str, str]], use_embeddings: bool, with_location: bool = True
    ) -> tuple[dict[str, dict[str, Any]], dict[str, float]]:
        if args.reuse_facts is None:
            return run_ours(subset, use_embeddings, with_location)
        # The facts of a configuration kept between runs (e.g. to add the peer later without paying for
        # the slow fallback twice); keyed by part, configuration and the exact list of ads.
        key = f"{args.part}-{name}-{len(subset)}-{subset[0]['Job ID'] if subset else 0}.json"
        path = args.reuse_facts / key
        if path.exists():
            saved = json.loads(path.read_text(encoding="utf-8"))
            return saved["facts"], saved["timing"]
        facts, timing = run_ours(subset, use_embeddings, with_location)
        args.reuse_facts.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"facts": facts, "timing": timing}, ensure_ascii=False), encoding="utf-8")
        return facts, timing

    configs: dict[str, tuple[dict[str, dict[str, Any]], dict[str, float]]] = {}
    if args.embeddings in ("off", "both"):
        configs["ours, fallback off"] = run("off", rows, use_embeddings=False)
    if args.embeddings in ("on", "both"):
        subset = rows if args.all_ads or args.part == "tune" else [by_id[j] for j in gold_ids]
        configs["ours, fallback on"] = run("on", subset, use_embeddings=True)
    field_name, (field_facts, _) = next(iter(configs.items()))
    text_only, _ = run("off-text-only", rows, use_embeddings=False, with_location=False)

    report: dict[str, Any] = {
        "part": args.part,
        "ads": len(rows),
        "timing": {name: timing for name, (_, timing) in configs.items()},
    }
    md: list[str] = [f"# Extraction on real ads — results (`{args.part}` part)\n"]
    if args.part == "tune":
        md.append("**DEV FIGURE — tuning part, not held out; the headline numbers are the test part's.**\n")
    md.append(
        f"Written by `.venv/bin/python evaluation/evaluate_extraction.py --part {args.part} "
        f"--embeddings {args.embeddings}{' --all-ads' if args.all_ads else ''}"
        f"{' --peer FILE' if (args.peer or args.run_peer) else ''} --write`. "
        f"Part `{args.part}`: {len(rows)} ads. Timing (one process, machine shared with other jobs; "
        "CPU time is the steadier figure):\n"
    )
    for name, (_, timing) in configs.items():
        md.append(f"* {_timing_line(name, timing)}")

    peer = _peer_result(args)
    if peer is not None:
        report["peer_timing"] = {
            k: peer.get(k) for k in ("startup_s", "texts", "seconds", "cpu_s", "ads_per_s")
        }
        if peer["texts"]:
            md.append(
                f"* peer (esco-skill-extractor, {peer.get('torch_threads', 1)} torch thread): "
                f"{peer['texts']} whole ads, skills + occupations, in {peer['seconds']} s wall / "
                f"{peer.get('cpu_s', 'n/a')} s CPU ({peer['ads_per_s']} ads/s, "
                f"{peer.get('ads_per_cpu_s', 'n/a')} ads per CPU-second), start-up {peer['startup_s']} s"
            )
        else:
            md.append(f"* peer (esco-skill-extractor): occupations only, start-up {peer['startup_s']} s")
    md.append("")

    if args.part == "test":
        # occupations
        occ: dict[str, dict[str, Rate]] = {
            name: score_occupations({j: our_ranked_codes(facts[j]) for j in gold_occ if j in facts}, gold_occ)
            for name, (facts, _) in configs.items()
        }
        if peer is not None:
            isco = esco_occupation_isco()
            ads = peer["ads"]
            occ["peer, ranked by its score (title)"] = score_occupations(
                {j: dedupe(isco.get(u, "") for u, _ in ads[j]["occupations_title_ranked"]) for j in gold_occ},
                gold_occ,
            )
            occ["peer, plain API (title)"] = score_occupations(
                {j: dedupe(isco.get(u, "") for u in ads[j]["occupations_title_api"]) for j in gold_occ},
                gold_occ,
            )
        report["occupation"] = {n: {k: r.as_dict() for k, r in rates.items()} for n, rates in occ.items()}
        md.append(f"## Occupation (ISCO-08), {len(gold_occ)} hand-coded test ads\n")
        metrics = [f"acc@{k}_{d}digit" for d in LEVELS for k in (1, 3)] + ["coverage"]
        md.append(_table(["metric", *occ], [[m, *(occ[n][m].cell() for n in occ)] for m in metrics]) + "\n")

        # skills
        from pasarkerja.taxonomy.vocab import skill_catalogue

        catalogue = skill_catalogue()
        check_gold_ids(gold_sk, {r.id for r in catalogue})
        crosswalk = {r.id: r.esco_uri for r in catalogue if r.esco_uri}
        by_uri: dict[str, str] = {}
        for skill_id, uri in crosswalk.items():
            by_uri.setdefault(uri, skill_id)
        n_mentions = sum(len(m) for m in gold_sk.values())
        n_null = sum(1 for ms in gold_sk.values() for m in ms if m["skill_id"] is None)
        report["skills"] = {"gold_ads": len(gold_sk), "gold_mentions": n_mentions, "catalogue_less": n_null}
        skill_rows: list[list[str]] = []
        misses: list[dict[str, Any]] = []
        coverage: Rate | None = None
        agreement: dict[str, Rate] = {}
        for name, (facts, _) in configs.items():
            scoped, name_misses = score_our_skills(by_id, facts, gold_sk, whole_ad=False)
            whole, _ = score_our_skills(by_id, facts, gold_sk, whole_ad=True)
            misses = misses or name_misses
            coverage = scoped.gold_in_catalogue
            agreement[name] = scoped.requirement_agreement
            report["skills"][name] = {
                "ids_scope": scoped.ids.as_dict(),
                "mentions_scope": scoped.mentions.as_dict(),
                "ids_whole_ad": whole.ids.as_dict(),
                "required_agreement": scoped.requirement_agreement.as_dict(),
            }
            skill_rows += [
                [f"{name} — skill id, requirement blocks", *scoped.ids.cells()],
                [f"{name} — mention (span overlap), requirement blocks", *scoped.mentions.cells()],
                [f"{name} — skill id, whole ad (P is a lower bound)", *whole.ids.cells()],
            ]
        peer_has_skills = peer is not None and all("skills_scope" in peer["ads"].get(j, {}) for j in gold_sk)
        if peer is not None and peer_has_skills:
            esco_index = esco_skill_index()
            for key, label in (("skills_scope", "requirement blocks"), ("skills_whole", "whole ad")):
                result = score_peer_skills(gold_sk, peer["ads"], key, by_uri, crosswalk, esco_index)
                report["skills"][f"peer_{key}"] = {
                    k: (v.as_dict() if isinstance(v, PRF) else v) for k, v in result.items()
                }
                mapped = f"{result['peer_skills_mapped']}/{result['peer_skills']}"
                skill_rows += [
                    [f"peer — skill id via esco_uri crosswalk, {label}", *result["crosswalk_strict"].cells()],
                    [
                        f"peer — the same, only its {mapped} predictions that map to the catalogue",
                        *result["crosswalk_mapped"].cells(),
                    ],
                    [f"peer — ESCO URI in ESCO's own space, {label}", *result["esco_space"].cells()],
                ]
        md.append(
            f"## Skills, {len(gold_sk)} hand-labelled test ads, {n_mentions} gold mentions "
            f"({n_null} of them catalogue-less)\n"
        )
        md.append(
            "Micro-averaged over ads. Id level: P = predicted distinct skills that match a gold item / "
            "predicted distinct skills; R = gold items (distinct catalogue ids + catalogue-less spans) "
            "found / gold items. Mention level: P = predicted spans overlapping a gold mention / predicted "
            "spans; R = gold mentions overlapped / gold mentions.\n"
        )
        md.append(_table(["system / level", "precision", "recall", "F1"], skill_rows) + "\n")
        if coverage is not None:
            md.append(
                f"Gold items with a catalogue id (the ceiling of id-level recall for a system that only "
                f"predicts catalogue ids): {coverage.cell()}. "
                "Essential/optional agreement on matched mentions: "
                + "; ".join(f"{n} {r.cell()}" for n, r in agreement.items())
                + ".\n"
            )
            report["skills"]["gold_items_in_catalogue"] = coverage.as_dict()
        if peer is not None and not peer_has_skills:
            md.append("Peer skills: not in this peer result (it was run with --occupations-only).\n")
        if peer is not None and peer_has_skills:
            md.append(
                f"Catalogue skills with an `esco_uri` crosswalk when this ran: {len(crosswalk)} of "
                f"{len(catalogue)}.\n"
            )
            report["skills"]["crosswalk_size"] = len(crosswalk)
        if args.misses:
            report["skills"]["misses"] = misses
            md.append(
                "Missed gold mentions (first configuration): "
                + "; ".join(f"{m['job_id']} {m['text']!r}" for m in misses)
                + "\n"
            )

    fields = score_fields(rows, field_facts, text_only)
    report["fields"] = {g: {k: r.as_dict() for k, r in rates.items()} for g, rates in fields.items()}
    report["employment_confusion"] = dict(employment_confusion(rows, field_facts))
    md.append(
        f"## Fields against the portal's structured columns, all {len(rows)} {args.part}-part ads "
        f"({field_name}; the fallback does not touch these fields)\n"
    )
    md.append(
        _table(
            ["field", "measure", "value [Wilson 95%] (hits/n)"],
            [[g, k, r.cell()] for g, rates in fields.items() for k, r in rates.items()],
        )
        + "\n"
    )
    md.append(
        "Employment type, portal `Type` → ours, where we extracted one: "
        + ", ".join(f"{k}: {v}" for k, v in employment_confusion(rows, field_facts).most_common())
        + ".\n"
    )

    text = json.dumps(report, indent=2, ensure_ascii=False) if args.json else "\n".join(md)
    print(text)
    if args.write:
        RESULTS_MD.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_MD.write_text("\n".join(md), encoding="utf-8")
        print(f"\nwritten: {RESULTS_MD.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
