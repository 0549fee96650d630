"""Propose ESCO crosswalk links for the Indonesian-first skill catalogue, and apply the reviewed decisions.

Two steps, both offline:

1. ``propose`` — match every catalogue skill (``skill_catalogue()``) against the ESCO v1.1.1 skills read by
   ``pasarkerja.taxonomy.esco.read_esco`` from ``../shared/data/esco/``:

   a. **exact**: a normalised form of the skill (English label, Indonesian label or a variant) equals a
      normalised ESCO preferred or alternative label. ESCO's own disambiguators are also tried without
      their brackets ("Python (computer programming)" → "python"); so is our label without its brackets;
   b. **fuzzy** (only for skills with no exact hit): rapidfuzz ``token_set_ratio`` over crudely stemmed
      English tokens ("forklift operation" ~ "operate forklift") at ``--threshold`` (default 90), guarded
      by ``token_sort_ratio`` >= ``--sort-floor`` (default 70) because token-set alone scores any subset
      100 ("sewing" vs "sewing machine maintenance"). Up to ``--alternatives`` candidates per skill.

   Both are restricted to compatible skill types (``vocab.ESCO_LINK_TYPES``): a language matches only an ESCO
   language, a transversal skill never an ESCO knowledge concept, and so on.

   The proposals are merged into the review file (``esco_link_review.csv`` next to the catalogue): a row
   that was already reviewed (same skill, same URI) keeps its ``decision`` and ``reason``; a new row
   arrives with an empty decision, which ``apply`` refuses until a person has decided it.

2. ``apply`` — write the accepted URIs of the review file into the ``esco_uri`` column of the skill CSVs
   (every other field stays as it was). The review file is the whole truth: a skill with no accepted row
   gets an empty ``esco_uri``. URIs are checked against ESCO first; one accepted URI per skill.

    python tools/propose_esco_links.py propose
    python tools/propose_esco_links.py apply

ESCO labels are only used for matching and shown in the review file; no ESCO description is copied.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pasarkerja.taxonomy.esco import read_esco  # noqa: E402  # after the sys.path tweak: runs uninstalled
from pasarkerja.taxonomy.records import SkillRecord, SkillType  # noqa: E402
from pasarkerja.taxonomy.vocab import (  # noqa: E402
    ESCO_LINK_REVIEW_CSV,
    ESCO_LINK_TYPES,
    SKILL_COLUMNS,
    SKILLS_DIR,
    skill_catalogue,
)

DEFAULT_ESCO_DIR = ROOT.parent / "shared" / "data" / "esco"
REVIEW_COLUMNS = (
    "skill_id",
    "type",
    "label_en",
    "label_id",
    "esco_uri",
    "esco_label",
    "esco_type",
    "method",
    "score",
    "matched_form",
    "matched_esco_label",
    "decision",
    "reason",
)
DECISIONS = frozenset({"accept", "reject"})

_TOKEN = re.compile(r"[a-z0-9]+(?:[+#]+|(?:\.[a-z0-9]+)+)?")
_BRACKETS = re.compile(r"\s*\([^)]*\)")
# Words that carry no meaning of their own in a skill label; fuzzy candidates must share another token.
_STOP = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "by", "as", "or", "at", "from"}
    | {"use", "using", "via", "e", "g", "etc", "basic", "dan", "di", "ke", "yang", "untuk"}
)
# Crude English suffix stripping, only so that verb and noun forms meet ("operate" ~ "operation" ~
# "operating"); longest suffix first. Tokens of 4 characters or fewer are left alone ("gas", "bus").
_SUFFIXES = (
    ("ations", "at"),
    ("ation", "at"),
    ("ators", "at"),
    ("ator", "at"),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ions", ""),
    ("ion", ""),
    ("ers", ""),
    ("er", ""),
    ("es", ""),
    ("e", ""),
    ("s", ""),
)


def normalise_label(text: str) -> str:
    """Exact-match key: lower case, '&' as 'and', punctuation dropped except inside C++ / C# / .NET tokens."""
    return " ".join(_TOKEN.findall(text.lower().replace("&", " and ")))


def _stem(token: str) -> str:
    if len(token) <= 4 or not token.isalpha():
        return token
    for suffix, replacement in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            token = token[: -len(suffix)] + replacement
            break
    # "management" -> "manage" must meet "manage" -> "manag": a final e left over is dropped too.
    return token[:-1] if token.endswith("e") and len(token) > 5 else token


def fuzzy_key(text: str) -> str:
    """Fuzzy-match key: the exact key's tokens, stemmed, stop words dropped."""
    return " ".join(_stem(token) for token in normalise_label(text).split() if token not in _STOP)


def skill_forms(skill: SkillRecord) -> list[str]:
    """Every form of one of our skills, plus its English label without brackets, in priority order."""
    forms = [skill.label_en, _BRACKETS.sub("", skill.label_en), *skill.alt_labels]
    return list(dict.fromkeys(form for form in forms if form.strip()))


@dataclass(frozen=True, slots=True)
class EscoSkill:
    uri: str
    preferred: str
    labels: tuple[str, ...]
    type: SkillType


def read_esco_skills(esco_dir: Path) -> dict[str, EscoSkill]:
    """ESCO skills keyed by concept URI, with our skill type (language / transversal / knowledge / skill)."""
    release = read_esco([esco_dir])
    skills: dict[str, EscoSkill] = {}
    for record in release.skills:
        assert record.esco_uri is not None  # read_esco always sets it
        labels = (record.label_en, *record.alt_labels)
        skills[record.esco_uri] = EscoSkill(record.esco_uri, record.label_en, labels, record.type)
    return skills


@dataclass(frozen=True, slots=True)
class Proposal:
    skill: SkillRecord
    esco: EscoSkill
    method: str
    score: float
    matched_form: str
    matched_esco_label: str


class Matcher:
    """Exact and fuzzy look-ups of our skill forms among ESCO labels (indices built once)."""

    def __init__(self, esco: dict[str, EscoSkill]) -> None:
        self.esco = esco
        # exact key -> {uri: the ESCO label that produced it}
        self.exact: dict[str, dict[str, str]] = defaultdict(dict)
        self.fuzzy_labels: list[tuple[str, str, str]] = []  # (fuzzy key, uri, label)
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for uri, skill in esco.items():
            for label in skill.labels:
                for variant in (label, _BRACKETS.sub("", label)):
                    key = normalise_label(variant)
                    if key:
                        self.exact[key].setdefault(uri, label)
                key = fuzzy_key(label)
                if not key:
                    continue
                position = len(self.fuzzy_labels)
                self.fuzzy_labels.append((key, uri, label))
                for token in set(key.split()):
                    self.by_token[token].append(position)

    def exact_hits(self, skill: SkillRecord) -> list[Proposal]:
        hits: dict[str, Proposal] = {}
        for rank, form in enumerate(skill_forms(skill)):
            key = normalise_label(form)
            if len(key) < 2:
                continue
            for uri, label in self.exact.get(key, {}).items():
                candidate = self.esco[uri]
                if candidate.type not in ESCO_LINK_TYPES[skill.type] or uri in hits:
                    continue
                # The English label (rank 0/1) scores 1.0; Indonesian label and variants a little less.
                score = 1.0 if rank < 2 else 0.99
                hits[uri] = Proposal(skill, candidate, "exact", score, form, label)
        return sorted(hits.values(), key=lambda proposal: (-proposal.score, proposal.esco.preferred))

    def fuzzy_hits(
        self, skill: SkillRecord, threshold: float, sort_floor: float, limit: int
    ) -> list[Proposal]:
        best: dict[str, Proposal] = {}
        for rank, form in enumerate(skill_forms(skill)):
            key = fuzzy_key(form)
            tokens = set(key.split())
            # A single short token (an abbreviation, "las", "cor") fuzzy-matches too much to be useful.
            if not tokens or (len(tokens) == 1 and len(key) < 6):
                continue
            # Sorted, so that equal scores resolve the same way in every run (a set has no fixed order).
            positions = sorted({position for token in tokens for position in self.by_token.get(token, ())})
            weight = 1.0 if rank < 2 else 0.98
            for position in positions:
                esco_key, uri, label = self.fuzzy_labels[position]
                candidate = self.esco[uri]
                if candidate.type not in ESCO_LINK_TYPES[skill.type]:
                    continue
                set_score = fuzz.token_set_ratio(key, esco_key)
                if set_score < threshold:
                    continue
                sort_score = fuzz.token_sort_ratio(key, esco_key)
                if sort_score < sort_floor:
                    continue
                # Rank by both: token-set finds the overlap, token-sort penalises what is left over.
                score = weight * (0.5 * set_score + 0.5 * sort_score) / 100.0
                previous = best.get(uri)
                if previous is None or score > previous.score:
                    best[uri] = Proposal(skill, candidate, "fuzzy", score, form, label)
        # Ties are broken by the ESCO label, so the same data always give the same proposals.
        ranked = sorted(best.values(), key=lambda proposal: (-proposal.score, proposal.esco.preferred))
        return ranked[:limit]


def propose(
    catalogue: Sequence[SkillRecord],
    esco: dict[str, EscoSkill],
    *,
    threshold: float = 90.0,
    sort_floor: float = 70.0,
    alternatives: int = 2,
) -> list[Proposal]:
    """Exact hits for every skill; fuzzy candidates only for skills without an exact hit."""
    matcher = Matcher(esco)
    proposals: list[Proposal] = []
    for skill in catalogue:
        exact = matcher.exact_hits(skill)
        proposals.extend(exact or matcher.fuzzy_hits(skill, threshold, sort_floor, alternatives))
    return proposals


def read_review(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != REVIEW_COLUMNS:
            raise SystemExit(f"{path.name}: header must be {','.join(REVIEW_COLUMNS)}")
        return list(reader)


def merge(proposals: Iterable[Proposal], previous: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """New proposal rows, keeping the decision and reason of rows reviewed before (same skill and URI).

    Reviewed rows the matcher no longer proposes (added by hand, or found by an older matcher) are kept
    too, so a decision is never lost by re-running ``propose``.
    """
    decided = {(row["skill_id"], row["esco_uri"]): row for row in previous}
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for proposal in proposals:
        key = (proposal.skill.id, proposal.esco.uri)
        if key in seen:
            continue
        seen.add(key)
        old = decided.get(key, {})
        rows.append(
            {
                "skill_id": proposal.skill.id,
                "type": proposal.skill.type,
                "label_en": proposal.skill.label_en,
                "label_id": proposal.skill.label_id or "",
                "esco_uri": proposal.esco.uri,
                "esco_label": proposal.esco.preferred,
                "esco_type": proposal.esco.type,
                "method": proposal.method,
                "score": f"{proposal.score:.3f}",
                "matched_form": proposal.matched_form,
                "matched_esco_label": proposal.matched_esco_label,
                "decision": old.get("decision", ""),
                "reason": old.get("reason", ""),
            }
        )
    for key, row in decided.items():
        if key not in seen and row["decision"]:
            rows.append(row)
    order = {skill.id: index for index, skill in enumerate(skill_catalogue())}
    rows.sort(
        key=lambda row: (order.get(row["skill_id"], len(order)), -float(row["score"] or 0), row["esco_label"])
    )
    return rows


def write_review(path: Path, rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(REVIEW_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def accepted_links(
    rows: Iterable[dict[str, str]], esco: dict[str, EscoSkill], known_ids: set[str], name: str
) -> dict[str, str]:
    """Accepted ``skill_id -> esco_uri``, after checking every row of the review file."""
    accepted: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        skill_id, uri, decision = row["skill_id"], row["esco_uri"], row["decision"]
        where = f"{name}:{line} skill {skill_id!r}"
        if skill_id not in known_ids:
            raise SystemExit(f"{where}: field 'skill_id' names no skill of the catalogue")
        if decision not in DECISIONS:
            raise SystemExit(f"{where}: field 'decision' must be accept or reject, not {decision!r}")
        if decision == "reject" and not row["reason"].strip():
            raise SystemExit(f"{where}: field 'reason' must say why the link was rejected")
        if uri not in esco:
            raise SystemExit(f"{where}: field 'esco_uri' {uri!r} is not an ESCO v1.1.1 skill")
        if decision == "accept":
            if skill_id in accepted and accepted[skill_id] != uri:
                raise SystemExit(f"{where}: a second, different URI accepted for the same skill")
            accepted[skill_id] = uri
    return accepted


def apply(accepted: dict[str, str]) -> int:
    """Write accepted URIs into the catalogue CSVs (blank for every other skill); returns rows changed."""
    changed = 0
    for path in sorted(SKILLS_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        if tuple(header) != SKILL_COLUMNS:
            raise SystemExit(f"{path.name}: unexpected header {header}")
        id_at, uri_at = header.index("id"), header.index("esco_uri")
        file_changed = False
        for fields in body:
            uri = accepted.get(fields[id_at], "")
            if fields[uri_at] != uri:
                fields[uri_at] = uri
                changed += 1
                file_changed = True
        if file_changed:
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows([header, *body])
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO_DIR, help="folder with the two ESCO zips")
    parser.add_argument("--review", type=Path, default=ESCO_LINK_REVIEW_CSV, help="the review CSV")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("propose", help="merge new match proposals into the review file")
    make.add_argument("--threshold", type=float, default=90.0, help="minimum token_set_ratio (0-100)")
    make.add_argument("--sort-floor", type=float, default=70.0, help="minimum token_sort_ratio (0-100)")
    make.add_argument("--alternatives", type=int, default=2, help="fuzzy candidates kept per skill")
    commands.add_parser("apply", help="write accepted links into the catalogue CSVs")
    args = parser.parse_args(argv)

    if not args.esco.exists():
        raise SystemExit(f"ESCO folder not found: {args.esco}")
    esco = read_esco_skills(args.esco)
    catalogue = skill_catalogue()
    previous = read_review(args.review)
    if args.command == "propose":
        proposals = propose(
            catalogue,
            esco,
            threshold=args.threshold,
            sort_floor=args.sort_floor,
            alternatives=args.alternatives,
        )
        rows = merge(proposals, previous)
        write_review(args.review, rows)
        pending = sum(1 for row in rows if not row["decision"])
        skills = len({row["skill_id"] for row in rows})
        print(f"{len(rows)} proposals for {skills} of {len(catalogue)} skills; {pending} await a decision")
        return 0
    accepted = accepted_links(previous, esco, {skill.id for skill in catalogue}, args.review.name)
    changed = apply(accepted)
    print(f"{len(accepted)} accepted links; {changed} catalogue rows updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
