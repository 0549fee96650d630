"""How much of what real Indonesian job postings ask for can a real course catalogue teach, and at what cost?

    .venv/bin/python evaluation/evaluate_gap.py                    # writes evaluation/results/gap.md
    .venv/bin/python evaluation/evaluate_gap.py --with-embeddings  # also the embedding fallback (slow)

Inputs (read in place from ../shared/data, never copied): the loker.id postings (test part of
``evaluation/split.py`` only) and the Coursera catalogue ``training/coursera_courses.csv`` (1,856 courses).

* Skills of each course: the project's text understanding (``extract.programme``) over its title, its listed
  skills and its description. Skills of each posting: ``extract.vacancy`` over its title and description.
  By default the extractor's lexical stages only (``PASARKERJA_EXTRACT_EMBEDDINGS=0``): the embedding
  fallback costs minutes of CPU over 1,856 English course texts on the shared machine; ``--with-embeddings``
  turns it on.
* A posting's skills are *teachable* when at least one course teaches them.
* The pathway for each posting is the cheapest set of courses covering its teachable skills for a seeker
  holding none of them (``gap.training_pathway``, exact CP-SAT, online courses so region is no constraint),
  once by hours and once by money. The catalogue states neither hours nor price, so both are **assumed**
  from its ``Duration`` bucket at Coursera's usual pacing of 10 hours a week and a USD 49 monthly
  subscription (Rp 16,300 per USD): 1–4 weeks → 25 h (33 JP), 1 month; 1–3 months → 87 h (116 JP), 2 months;
  3–6 months → 195 h (260 JP), 4.5 months. Absolute costs therefore carry that assumption; the comparisons
  (exact vs greedy, set cover vs one course per skill) do not.
* Baselines in the same run: the greedy cover (its cost over the exact optimum, against the stated
  ln n + 1 bound) and the naive "cheapest course for each skill separately" (no set cover).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from split import SHARED, postings

from pasarkerja import extract
from pasarkerja.gap import Catalogue, Programme, greedy_bound, training_pathway
from pasarkerja.match import SeekerProfile

COURSES = SHARED / "training" / "coursera_courses.csv"
RESULTS = Path(__file__).resolve().parent / "results" / "gap.md"
HOURS_PER_WEEK = 10
USD_PER_MONTH = 49
RP_PER_USD = 16_300
# Duration bucket → (clock hours, months of subscription) at the pacing above.
DURATION = {
    "1 - 4 Weeks": (25, 1.0),
    "1 - 3 Months": (87, 2.0),
    "3 - 6 Months": (195, 4.5),
}
TODAY = dt.date(2026, 1, 5)


def load_catalogue() -> tuple[list[Programme], Counter[str]]:
    if not COURSES.exists():
        sys.exit(f"shared data not present: {COURSES} — the evaluation needs ../shared/data/training/")
    programmes: list[Programme] = []
    skipped: Counter[str] = Counter()
    with COURSES.open(encoding="utf-8", newline="") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            hours, months = DURATION.get(row["Duration"].strip(), (None, None))
            if hours is None or months is None:
                skipped["unknown duration"] += 1
                continue
            text = f"{row['Title']}. Skills: {row['Skills']}. {row['Description']}"
            facts = extract.programme(text, title=row["Title"])
            skills = tuple(dict.fromkeys(s.id for s in facts.skills))
            if not skills:
                skipped["no skill recognised"] += 1
            programmes.append(
                Programme(
                    id=f"C{i:04d}",
                    title=row["Title"],
                    skill_ids=skills,
                    hours_jp=round(hours * 60 / 45),
                    cost_rp=round(months * USD_PER_MONTH * RP_PER_USD),
                    modality="online",
                    provider=row["Institution"],
                )
            )
    return programmes, skipped


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    embeddings = "--with-embeddings" in sys.argv[1:]
    # Read when the default extractor is first built, i.e. at the first extract call below.
    os.environ["PASARKERJA_EXTRACT_EMBEDDINGS"] = "1" if embeddings else "0"
    started = time.perf_counter()
    programmes, skipped = load_catalogue()
    catalogue = Catalogue(programmes)
    taught = {s for p in programmes for s in p.skill_ids}
    catalogue_s = time.perf_counter() - started

    seeker = SeekerProfile(id="new-entrant")
    rows: list[dict[str, object]] = []
    skill_counts: Counter[str] = Counter()
    untaught_counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for posting in postings("test"):
        facts = extract.vacancy(posting["Description"], title=posting["Title"], location=posting["Location"])
        skills = list(dict.fromkeys(s.id for s in facts.skills))
        essential = [s.id for s in facts.skills if s.required == "essential"]
        for s in facts.skills:
            labels[s.id] = s.label
        teachable = [s for s in skills if s in taught]
        skill_counts.update(skills)
        untaught_counts.update(s for s in skills if s not in taught)
        row: dict[str, object] = {
            "category": posting["Category"] or "(none)",
            "skills": len(skills),
            "essential": len(essential),
            "teachable": len(teachable),
            "essential_teachable": sum(1 for s in essential if s in taught),
        }
        if teachable:
            hours = training_pathway(
                seeker, teachable, catalogue, today=TODAY, objective="hours", method="exact"
            )
            money = training_pathway(
                seeker, teachable, catalogue, today=TODAY, objective="money", method="exact"
            )
            greedy = training_pathway(
                seeker, teachable, catalogue, today=TODAY, objective="hours", method="greedy"
            )
            assert hours.complete and money.complete and greedy.complete
            cheapest_each = sum(
                min(p.hours_jp or 0 for p in programmes if p.id in set(catalogue.programmes_for(s)))
                for s in teachable
            )
            row.update(
                hours_jp=hours.objective_value,
                hours_courses=len(hours.steps),
                money_rp=money.objective_value,
                money_courses=len(money.steps),
                optimal=hours.optimal and money.optimal,
                greedy_jp=greedy.objective_value,
                bound=greedy_bound(len(teachable)),
                each_jp=cheapest_each,
            )
        rows.append(row)
    elapsed = time.perf_counter() - started
    write_report(
        rows,
        programmes,
        taught,
        skipped,
        skill_counts,
        untaught_counts,
        labels,
        catalogue_s,
        elapsed,
        embeddings,
    )
    print(f"wrote {RESULTS} ({len(rows)} postings, {elapsed:.0f} s)")


def write_report(
    rows: list[dict[str, object]],
    programmes: list[Programme],
    taught: set[str],
    skipped: Counter[str],
    skill_counts: Counter[str],
    untaught_counts: Counter[str],
    labels: dict[str, str],
    catalogue_s: float,
    elapsed: float,
    embeddings: bool,
) -> None:
    def nums(key: str, subset: list[dict[str, object]] | None = None) -> list[float]:
        return [float(r[key]) for r in (subset if subset is not None else rows) if key in r]  # type: ignore[arg-type]

    total_skills = sum(nums("skills"))
    total_teachable = sum(nums("teachable"))
    total_essential = sum(nums("essential"))
    with_skills = [r for r in rows if float(r["skills"]) > 0]  # type: ignore[arg-type]
    full = [r for r in with_skills if r["teachable"] == r["skills"]]
    none = [r for r in with_skills if r["teachable"] == 0]
    macro = statistics.mean(float(r["teachable"]) / float(r["skills"]) for r in with_skills)  # type: ignore[arg-type]
    paths = [r for r in rows if "hours_jp" in r]
    ratios = [float(r["greedy_jp"]) / float(r["hours_jp"]) for r in paths if float(r["hours_jp"]) > 0]  # type: ignore[arg-type]
    within = sum(1 for r in paths if float(r["greedy_jp"]) <= float(r["bound"]) * float(r["hours_jp"]) + 1e-9)  # type: ignore[arg-type]
    savings = [1 - float(r["hours_jp"]) / float(r["each_jp"]) for r in paths if float(r["each_jp"]) > 0]  # type: ignore[arg-type]
    with_courses = sum(1 for p in programmes if p.skill_ids)

    lines = [
        "# Skills gap: can a real course catalogue teach what real postings ask for?",
        "",
        "Produced by `evaluation/evaluate_gap.py` (method and assumptions in its docstring). Postings: the",
        f"**test part** of the loker.id development set (`evaluation/split.py`), {len(rows)} postings.",
        "Catalogue:",
        f"Coursera, {len(programmes):,} courses, {with_courses:,} with at least one recognised skill, "
        "teaching "
        f"{len(taught):,} distinct skills of the project's catalogue"
        + (f" (left out: {dict(skipped)})." if skipped else "."),
        f"Run time {elapsed:.0f} s (catalogue extraction {catalogue_s:.0f} s), one process, "
        "shared 2-core machine. Skill extraction: "
        + (
            "lexical stages and the embedding fallback."
            if embeddings
            else "lexical stages only (no embeddings)."
        ),
        "",
        "## Coverage",
        "",
        "| measure | value |",
        "|---|---|",
        f"| postings with ≥ 1 extracted skill | {len(with_skills)} of {len(rows)} |",
        f"| extracted skills per posting (mean / median) | {statistics.mean(nums('skills')):.1f} / "
        f"{statistics.median(nums('skills')):.0f} |",
        "| skills the catalogue can teach (micro: all skill mentions) | "
        f"{total_teachable:.0f} of {total_skills:.0f} "
        f"= **{100 * total_teachable / max(total_skills, 1):.1f} %** |",
        f"| essential skills the catalogue can teach | {sum(nums('essential_teachable')):.0f} of "
        f"{total_essential:.0f} = {100 * sum(nums('essential_teachable')) / max(total_essential, 1):.1f} % |",
        f"| share teachable per posting (macro mean) | {100 * macro:.1f} % |",
        f"| postings fully teachable | {len(full)} ({100 * len(full) / max(len(with_skills), 1):.1f} %) |",
        f"| postings with nothing teachable | {len(none)} "
        f"({100 * len(none) / max(len(with_skills), 1):.1f} %) |",
        "",
        "## Pathway cost (teachable skills, seeker holding none of them)",
        "",
        "| objective | mean | median | p90 | courses (mean) |",
        "|---|---|---|---|---|",
        f"| hours (JP of 45 min) | {statistics.mean(nums('hours_jp')):.0f} | "
        f"{statistics.median(nums('hours_jp')):.0f}"
        f" | {percentile(nums('hours_jp'), 0.9):.0f} | {statistics.mean(nums('hours_courses')):.2f} |",
        f"| money (Rp, assumed subscription) | {statistics.mean(nums('money_rp')):,.0f} | "
        f"{statistics.median(nums('money_rp')):,.0f} | {percentile(nums('money_rp'), 0.9):,.0f} | "
        f"{statistics.mean(nums('money_courses')):.2f} |",
        "",
        f"Exact CP-SAT proved optimality for {sum(1 for r in paths if r['optimal'])} of {len(paths)} "
        "pathways.",
        "",
        "## Against the baselines (hours objective)",
        "",
        "| comparison | value |",
        "|---|---|",
        f"| greedy cost ÷ exact optimum: mean / max | {statistics.mean(ratios):.3f} / {max(ratios):.3f} |",
        f"| greedy within its stated ln n + 1 bound | {within} of {len(paths)} |",
        f"| greedy strictly worse than the optimum | {sum(1 for x in ratios if x > 1 + 1e-9)} of "
        f"{len(ratios)} |",
        "| set cover saving over one cheapest course per skill: mean / median | "
        f"{100 * statistics.mean(savings):.1f}"
        f" % / {100 * statistics.median(savings):.1f} % |",
        "",
        "## By posting category (largest first)",
        "",
        "| category | postings | skills teachable | mean pathway JP |",
        "|---|---|---|---|",
    ]
    categories = Counter(str(r["category"]) for r in rows)
    for category, count in categories.most_common(10):
        subset = [r for r in rows if r["category"] == category]
        skills = sum(nums("skills", subset))
        teach = sum(nums("teachable", subset))
        hours = nums("hours_jp", subset)
        lines.append(
            f"| {category} | {count} | {100 * teach / max(skills, 1):.0f} % | {statistics.mean(hours):.0f} |"
            if hours
            else f"| {category} | {count} | 0 % | – |"
        )
    lines += [
        "",
        "## Most asked-for skills the catalogue does not teach",
        "",
        "| skill | postings |",
        "|---|---|",
        *[f"| {labels.get(s, s)} (`{s}`) | {n} |" for s, n in untaught_counts.most_common(12)],
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
