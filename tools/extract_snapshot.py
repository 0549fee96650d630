"""Snapshot of the extractor's output over every distinct real job ad, to prove an optimisation changes
nothing.

    .venv/bin/python tools/extract_snapshot.py --out /tmp/before.jsonl
    .venv/bin/python tools/extract_snapshot.py --out /tmp/after.jsonl --compare /tmp/before.jsonl

The ads are those of ``benchmarks/extract.py`` (the postings with a full description in
``../shared/data/jobs_id/``, read in place). For each ad the JSON of four results is written on one line:
``vacancy(text, title, location)`` (the benchmarked call), ``vacancy(text)`` (occupation and region from
the text alone), ``profile(text)`` and ``programme(text, title)``, so every extractor and both occupation
paths are covered. Embedding fallbacks are off (the bulk path). ``--compare`` reports the ads whose output
differs from an earlier snapshot and exits with status 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from extract import load_ads  # noqa: E402  (benchmarks/extract.py: the same ads the benchmark reads)

from pasarkerja.extract import Extractor  # noqa: E402


def snapshot_lines(ads: list[dict[str, str]]) -> list[str]:
    """One JSON line per ad with the four results (keys sorted, so equal output gives equal text)."""
    extractor = Extractor(use_embeddings=False)
    lines: list[str] = []
    for index, ad in enumerate(ads):
        record: dict[str, Any] = {
            "index": index,
            "vacancy": extractor.vacancy(ad["text"], ad["title"], ad["location"]).to_dict(),
            "vacancy_text_only": extractor.vacancy(ad["text"]).to_dict(),
            "profile": extractor.profile(ad["text"]).to_dict(),
            "programme": extractor.programme(ad["text"], ad["title"]).to_dict(),
        }
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return lines


def compare(lines: list[str], earlier: list[str]) -> int:
    """Print the ads (and result kinds) that differ; the number of differing ads."""
    if len(lines) != len(earlier):
        print(f"different number of ads: {len(lines)} now, {len(earlier)} before")
    differing = 0
    for now_line, before_line in zip(lines, earlier, strict=False):
        if now_line == before_line:
            continue
        differing += 1
        now, before = json.loads(now_line), json.loads(before_line)
        kinds = [key for key in now if now[key] != before.get(key)]
        if differing <= 20:
            print(f"ad {now['index']}: differs in {', '.join(kinds)}")
    return differing + abs(len(lines) - len(earlier))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="JSON Lines file to write")
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args()
    ads = load_ads()
    if not ads:
        raise SystemExit("no job ads found under ../shared/data/jobs_id/")
    started = time.process_time()
    lines = snapshot_lines(ads)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(ads):,} ads, 4 results each, {time.process_time() - started:.1f} CPU-s -> {args.out}")
    if args.compare is not None:
        earlier = args.compare.read_text(encoding="utf-8").splitlines()
        differing = compare(lines, earlier)
        print("identical" if differing == 0 else f"{differing} ads differ")
        raise SystemExit(1 if differing else 0)


if __name__ == "__main__":
    main()
