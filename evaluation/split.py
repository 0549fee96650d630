"""The tuning/test split of the loker.id development postings, fixed before anyone looked at the data.

A posting belongs to the *test* part when the SHA-256 of its ``Job ID`` modulo 100 is below 40 (≈40%);
everything else is the *tuning* part. Thresholds, dictionaries and weights may be tuned on the tuning part
only; every figure in ``evaluation/README.md`` is reported on the test part.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LOKER_POSTINGS = SHARED / "jobs_id" / "loker_id_postings_dev.csv"
TEST_SHARE_PERCENT = 40


def part_of(job_id: str) -> str:
    bucket = int(hashlib.sha256(job_id.strip().encode()).hexdigest(), 16) % 100
    return "test" if bucket < TEST_SHARE_PERCENT else "tune"


def postings(part: str | None = None, path: Path = LOKER_POSTINGS) -> Iterator[dict[str, str]]:
    """The loker.id postings (optionally one part), read in place from ../shared/data."""
    if not path.exists():
        sys.exit(f"shared data not present: {path} — the evaluation needs ../shared/data/jobs_id/")
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if part is None or part_of(row["Job ID"]) == part:
                yield row


if __name__ == "__main__":
    counts = {"tune": 0, "test": 0}
    for row in postings():
        counts[part_of(row["Job ID"])] += 1
    print(counts)
