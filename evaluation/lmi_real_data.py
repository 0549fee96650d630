"""Labour-market indicators over the real loker.id postings (issue 6, item 6): a sanity check of the whole
path — extraction → the ``lmi`` vacancy relation → DuckDB (and Dask) → suppression-aware tables.

Run from the repository root::

    .venv/bin/python evaluation/lmi_real_data.py [--no-embeddings] [--write]

Every posting of ``../shared/data/jobs_id/loker_id_postings_dev.csv`` (both parts: no threshold is tuned
here, these are descriptive figures) goes through ``pasarkerja.extract.vacancy(Description, title,
location)``.
The vacancy relation takes from the extraction: the ISCO-08 code, the region (Kemendagri code), the minimum
education, the employment type, the skills and the discriminatory flags; the posting date is the portal's
``Posted Date``. Pay follows the importer's rule (structured columns first, extraction fills the gaps): the
portal's ``Min Salary``/``Max Salary`` (Rp per month) when given, else the pay extracted from the text; the
employment type likewise falls back to the portal's ``Type`` when the text states none. Tables printed
(and written to ``evaluation/results/lmi.md`` with ``--write``): vacancies and offered pay by province, pay
by ISCO major group, the share below the provincial minimum wage, the share with discriminatory
requirements, and the top skills by ISCO major group.
The Dask engine recomputes every table and must agree exactly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pyarrow as pa

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from split import LOKER_POSTINGS, postings  # noqa: E402  (evaluation/ is put on sys.path just above)

from pasarkerja.extract import Extractor  # noqa: E402
from pasarkerja.lmi import (  # noqa: E402
    TOTAL,
    IndicatorTable,
    LmiSource,
    compute,
    is_discriminatory,
    open_engine,
)
from pasarkerja.taxonomy import isco_groups, regions  # noqa: E402

PERIOD = "2025"  # the postings were posted 16 June … 9 July 2025: the year holds them all
RESULTS = HERE / "results" / "lmi.md"
NOTES_MARK = "## What the tables say, and what surprised us"
# The portal's work-type labels in the extractor's vocabulary ("Full Time" says nothing about the contract).
PORTAL_TYPES = {
    "Contract": "contract",
    "Part Time": "part-time",
    "Freelance": "freelance",
    "Internship": "internship",
}


def _money(text: str) -> int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value > 0 else None


def extract_relations(
    rows: Sequence[dict[str, str]], use_embeddings: bool
) -> tuple[dict[str, pa.Table], dict[str, Any], dict[str, str]]:
    """The vacancy and vacancy_skill relations from the extraction of every posting, figures about the
    extraction, and skill id → label."""
    extractor = Extractor(use_embeddings=use_embeddings)
    vacancy: dict[str, list[Any]] = {
        name: []
        for name in (
            "vacancy_id", "occupation_code", "region_code", "min_education", "pay_min", "pay_max",
            "pay_period", "employment_type", "openings", "posted_date", "closed_on", "status",
            "discriminatory",
        )
    }  # fmt: skip
    skill_pairs: list[tuple[int, str]] = []
    labels: dict[str, str] = {}
    flag_kinds: Counter[str] = Counter()
    portal_pay_agree = portal_pay_both = pay_from_portal = pay_from_text = 0
    started = time.perf_counter()
    for number, row in enumerate(rows, start=1):
        facts = extractor.vacancy(row["Description"], title=row["Title"], location=row["Location"])
        data = facts.to_dict()
        posted = dt.datetime.strptime(row["Posted Date"][:10], "%Y-%m-%d").date()
        pay = facts.pay
        portal_min, portal_max = _money(row["Min Salary"]), _money(row["Max Salary"])
        if portal_min and portal_max and pay.monthly_min_rp and pay.monthly_max_rp:
            portal_pay_both += 1
            portal_pay_agree += (portal_min, portal_max) == (pay.monthly_min_rp, pay.monthly_max_rp)
        if portal_min or portal_max:
            pay_from_portal += 1
            pay_min, pay_max, pay_period = portal_min, portal_max, "month"
        elif pay.min_rp or pay.max_rp:
            pay_from_text += 1
            pay_min, pay_max, pay_period = pay.min_rp, pay.max_rp, pay.period
        else:
            pay_min = pay_max = pay_period = None
        employment = facts.employment_type.type if facts.employment_type else PORTAL_TYPES.get(row["Type"])
        vacancy["vacancy_id"].append(number)
        vacancy["occupation_code"].append(facts.occupation.code if facts.occupation else None)
        vacancy["region_code"].append(facts.region.code if facts.region else None)
        vacancy["min_education"].append(facts.education.level if facts.education else None)
        vacancy["pay_min"].append(pay_min)
        vacancy["pay_max"].append(pay_max)
        vacancy["pay_period"].append(pay_period)
        vacancy["employment_type"].append(employment)
        vacancy["openings"].append(1)
        vacancy["posted_date"].append(posted)
        vacancy["closed_on"].append(None)
        vacancy["status"].append("open")
        vacancy["discriminatory"].append(is_discriminatory(data))
        flag_kinds.update({flag.kind for flag in facts.flags})
        for skill in facts.skills:
            labels.setdefault(skill.id, skill.label)
            skill_pairs.append((number, skill.id))
    seconds = time.perf_counter() - started
    unique_pairs = sorted(set(skill_pairs))
    tables = {
        "vacancy": pa.table(vacancy),
        "vacancy_skill": pa.table(
            {"vacancy_id": [p[0] for p in unique_pairs], "skill_id": [p[1] for p in unique_pairs]}
        ),
    }
    n = len(rows)
    figures = {
        "postings": n,
        "extract_s": round(seconds, 1),
        "with_occupation": sum(c is not None for c in vacancy["occupation_code"]),
        "with_region": sum(c is not None for c in vacancy["region_code"]),
        "pay_from_portal": pay_from_portal,
        "pay_from_text": pay_from_text,
        "with_education": sum(c is not None for c in vacancy["min_education"]),
        "skills_per_posting": round(len(unique_pairs) / n, 2) if n else 0.0,
        "flag_kinds": dict(flag_kinds.most_common()),
        "portal_pay_both": portal_pay_both,
        "portal_pay_agree": portal_pay_agree,
        "posted_dates": (min(vacancy["posted_date"]), max(vacancy["posted_date"])),
    }
    return tables, figures, labels


def markdown(table: IndicatorTable, labels: dict[str, dict[str, str]], measures: Sequence[str]) -> str:
    """A Markdown table of some measures, margins last, suppressed cells as ``x``."""
    header = [*table.by, *measures]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in table.rows:
        cells = []
        for name, code in zip(table.by, row.key, strict=True):
            if code == TOTAL:
                cells.append("**Total**")
            elif code is None:
                cells.append("(unknown)")
            else:
                label = labels.get(name, {}).get(code)
                cells.append(f"{code} {label}" if label else code)
        for measure in measures:
            value = row.values.get(measure)
            if row.suppressed:
                cells.append("x")
            elif value is None:
                cells.append("–")
            elif isinstance(value, float) and not value.is_integer():
                cells.append(f"{value:,.2f}")
            else:
                cells.append(f"{int(value):,}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="LMI indicators over the real loker.id postings.")
    parser.add_argument("--no-embeddings", action="store_true", help="lexical extraction only")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--limit", type=int, default=0, help="first N postings only (for a quick look)")
    args = parser.parse_args()

    rows = list(postings())
    if args.limit:
        rows = rows[: args.limit]
    tables, figures, skill_labels = extract_relations(rows, use_embeddings=not args.no_embeddings)
    source = LmiSource.from_arrow(tables)
    region_names = {code: r.name for code, r in regions().items() if r.level == "province"}
    group_names = {code: g.title_en for code, g in isco_groups().items() if g.level == 1}
    labels = {"province": region_names, "isco1": group_names, "skill": skill_labels}

    queries: list[tuple[str, str, list[str], list[str], dict[str, Any]]] = [
        ("Vacancies and offered pay by province (Rp/month)", "offered_pay", ["province"],
         ["with_pay", "pay_stated_pct", "p25", "value", "p75"], {}),
        ("Offered pay by ISCO-08 major group (Rp/month)", "offered_pay", ["isco1"],
         ["with_pay", "p25", "value", "p75"], {}),
        ("Share of vacancies below the provincial minimum wage (UMP), by province",
         "below_minimum_wage_share", ["province"], ["checked", "value"], {}),
        ("Share of vacancies with discriminatory requirements, by ISCO-08 major group",
         "discriminatory_share", ["isco1"], ["checked", "value"], {}),
        ("Vacancies posted by ISCO-08 major group", "vacancies_posted", ["isco1"], ["value"], {}),
        ("Top 5 skills in demand by ISCO-08 major group (vacancies asking for it, share of the group's "
         "vacancies in %)", "top_skills", ["isco1"], ["rank", "value", "share_pct"], {"limit": 5}),
    ]  # fmt: skip
    sections: list[str] = []
    published: dict[str, IndicatorTable] = {}
    with closing(open_engine(source, "duckdb")) as duck, closing(open_engine(source, "dask")) as dask_engine:
        same = True
        for title, name, by, measures, options in queries:
            table = compute(name, by, PERIOD, source=duck, **options)
            other = compute(name, by, PERIOD, source=dask_engine, **options)
            same = same and table.rows == other.rows
            published[title] = table
            sections.append(f"### {title}\n\n`compute({name!r}, by={by}, period={PERIOD!r})`\n\n"
                            + markdown(table, labels, measures))  # fmt: skip
    lo, hi = figures["posted_dates"]
    mode = "lexical only" if args.no_embeddings else "with embeddings"
    summary = (
        f"{figures['postings']:,} loker.id postings ({LOKER_POSTINGS.name}, posted {lo} … {hi}), "
        f"extracted in {figures['extract_s']} s ({mode}). "
        f"Extraction coverage: occupation {figures['with_occupation']:,}, region {figures['with_region']:,}, "
        f"education {figures['with_education']:,}; "
        f"{figures['skills_per_posting']} distinct skills per posting. Flags raised (postings with at least "
        f"one of the kind): {', '.join(f'{k} {v}' for k, v in figures['flag_kinds'].items())}. "
        f"Pay: from the portal's salary fields {figures['pay_from_portal']:,}, from the text only "
        f"{figures['pay_from_text']:,}. Extracted monthly pay equals the portal's Min/Max Salary fields on "
        f"{figures['portal_pay_agree']:,} of "
        f"{figures['portal_pay_both']:,} postings where both have a range. "
        f"DuckDB and Dask tables identical: {same}."
    )
    report = "\n\n".join([summary, *sections])
    print(report)
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        # The reading of the tables is written by hand below NOTES_MARK; a re-run keeps it.
        previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        notes = NOTES_MARK + "\n"
        if NOTES_MARK in previous:
            notes = previous[previous.index(NOTES_MARK) :].split("\n## Tables\n", 1)[0]
        command = "`.venv/bin/python evaluation/lmi_real_data.py --write" + (
            " --no-embeddings`" if args.no_embeddings else "`"
        )
        RESULTS.write_text(
            "# Labour-market indicators over real loker.id postings\n\n"
            f"Generated by {command}; period {PERIOD}. Vacancy-based tables are not suppressed (job ads are "
            "public documents; see docs/INDICATORS.md).\n\n"
            + notes.rstrip("\n")
            + "\n\n## Tables\n\n"
            + report
            + "\n",
            encoding="utf-8",
        )
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
