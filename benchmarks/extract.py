"""Benchmark of full vacancy extraction (``pasarkerja.extract.vacancy``) on real Indonesian job ads.

    .venv/bin/python benchmarks/extract.py --texts 20000 [--embedding-texts 500] [--no-peer]
        [--peer-texts 200] [--no-embeddings]

The ads are the real postings with a full description in ``../shared/data/jobs_id/`` (loker.id dev set,
JobStreet 2024-03 alterra, JobStreet data-role scrapes talitha and adin), read in place and repeated in
order until ``--texts`` texts. Each run builds its extractor in a fresh subprocess so start-up (imports,
vocabularies, automata; with embeddings also the shipped label vectors and the model) is measured cold.

Printed: ads per CPU-second of this process (= per core: extraction is single-threaded; with embeddings
NumPy may use more threads, so CPU time is still the fair figure), wall time, peak RSS and start-up time
for (1) the lexical pipeline (embedding fallbacks off), (2) the full pipeline with the embedding
fallbacks (on ``--embedding-texts`` texts, fewer because each requirement bullet without a lexical hit
is embedded), (3) the simplest correct baseline in the same process: one Aho-Corasick pass of the skill
catalogue over the lower-cased text with word boundaries, no sections, no other fields; and (4) the peer
``esco-skill-extractor`` (its own venv ``evaluation/.venv-peer``, through ``evaluation/peer_baseline.py
--bench``) on the first ``--peer-texts`` texts, when installed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
JOBS = ROOT.parent / "shared" / "data" / "jobs_id"
PEER_PYTHON = ROOT / "evaluation" / ".venv-peer" / "bin" / "python"
PEER_SCRIPT = ROOT / "evaluation" / "peer_baseline.py"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from _common import key_values, peak_rss_mb, print_table  # noqa: E402

# file -> (title column, text column, location column)
SOURCES: dict[str, tuple[str, str, str]] = {
    "loker_id_postings_dev.csv": ("Title", "Description", "Location"),
    "jobstreet_id_2024-03_alterra.csv": ("Job Title", "Job Description", "Location"),
    "jobstreet_id_2025-07_data_roles_talitha.csv": ("title", "description", "location"),
    "jobstreet_id_2026-03_data_roles_adin.csv": ("title", "description", "location"),
}
MIN_TEXT_CHARS = 200  # list-page teasers are not ads


def load_ads(folder: Path = JOBS) -> list[dict[str, str]]:
    """Every posting with a full description: ``{"title", "text", "location"}``, in file order."""
    csv.field_size_limit(50_000_000)
    ads: list[dict[str, str]] = []
    for name, (title, text, location) in SOURCES.items():
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                body = (row.get(text) or "").strip()
                if len(body) >= MIN_TEXT_CHARS:
                    ads.append(
                        {"title": row.get(title) or "", "text": body, "location": row.get(location) or ""}
                    )
    return ads


def repeat(ads: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    return [ads[i % len(ads)] for i in range(n)]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- one measured run, in a child process (cold start) ---------------------------------------------------


_DISTINCT = [0]


def _child(mode: str, n: int) -> None:
    distinct_ads = load_ads()
    _DISTINCT[0] = len(distinct_ads)
    ads = repeat(distinct_ads, n)
    wall0, cpu0 = time.perf_counter(), _cpu()
    if mode == "baseline":
        run = _baseline_runner()
    else:
        from pasarkerja.extract import Extractor

        extractor = Extractor(use_embeddings=mode == "embeddings")
        if mode == "embeddings":
            # Load what the fallbacks need now, so start-up includes it (else the first ad pays for it).
            extractor.skills.warm_up()
            extractor.occupations.warm_up()

        def run(ad: dict[str, str]) -> int:
            facts = extractor.vacancy(ad["text"], ad["title"], ad["location"])
            return len(facts.skills)

    startup_wall, startup_cpu = time.perf_counter() - wall0, _cpu() - cpu0
    distinct = min(len(ads), _DISTINCT[0])  # the first pass over the distinct ads: cold caches
    wall1, cpu1 = time.perf_counter(), _cpu()
    skills = 0
    first_pass_cpu = 0.0
    for index, ad in enumerate(ads):
        skills += run(ad)
        if index + 1 == distinct:
            first_pass_cpu = _cpu() - cpu1
    wall, cpu = time.perf_counter() - wall1, _cpu() - cpu1
    result = {
        "mode": mode,
        "texts": n,
        "startup_wall_s": startup_wall,
        "startup_cpu_s": startup_cpu,
        "wall_s": wall,
        "cpu_s": cpu,
        "skills": skills,
        "peak_rss_mb": peak_rss_mb(),
    }
    result["first_pass_texts"] = distinct
    result["first_pass_cpu_s"] = first_pass_cpu
    print(json.dumps(result))


def _baseline_runner() -> Any:
    """The simplest correct skill finder: the catalogue's labels and variants, lower-cased, one
    Aho-Corasick pass over the lower-cased ad, whole words only. No cleaning, sections or other fields."""
    import ahocorasick

    from pasarkerja.taxonomy.vocab import skill_catalogue

    automaton = ahocorasick.Automaton()
    for index, record in enumerate(skill_catalogue()):
        for form in (record.label_id, record.label_en, *record.alt_labels):
            key = form.lower().strip() if form else ""
            if key and not automaton.exists(key):
                automaton.add_word(key, (index, len(key)))
    automaton.make_automaton()

    def run(ad: dict[str, str]) -> int:
        text = ad["text"].lower()
        found = set()
        for end, (index, length) in automaton.iter(text):
            start = end - length + 1
            if (start == 0 or not text[start - 1].isalnum()) and (
                end + 1 >= len(text) or not text[end + 1].isalnum()
            ):
                found.add(index)
        return len(found)

    return run


def _measure(mode: str, n: int) -> dict[str, Any]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--texts", str(n)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{completed.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _peer(ads: list[dict[str, str]], n: int, timeout_s: float) -> dict[str, float] | None:
    if not PEER_PYTHON.exists():
        print("peer: not installed (make -C evaluation peer)")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for ad in ads[:n]:
            handle.write(json.dumps({"text": ad["text"]}, ensure_ascii=False) + "\n")
        path = handle.name
    try:
        completed = subprocess.run(
            [str(PEER_PYTHON), str(PEER_SCRIPT), "--bench", path],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        # The peer's first run embeds all of ESCO before it reads a text; that can take very long.
        print(f"peer: no result within {timeout_s:.0f} s (first run builds its ESCO cache; rerun later)")
        return None
    finally:
        os.unlink(path)
    if completed.returncode != 0:
        print(f"peer: failed ({completed.stderr.strip().splitlines()[-1:]})")
        return None
    line = completed.stdout.strip().splitlines()[-1]
    figures = dict(part.split("=", 1) for part in line.split())
    return {key: float(value) for key, value in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--texts", type=int, default=20_000, help="texts for the lexical run and the baseline"
    )
    parser.add_argument("--embedding-texts", type=int, default=500, help="texts for the embedding run")
    parser.add_argument("--peer-texts", type=int, default=200, help="texts for the peer (it is slow)")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer esco-skill-extractor")
    parser.add_argument("--peer-timeout", type=float, default=900, help="seconds to wait for the peer")
    parser.add_argument("--no-embeddings", action="store_true", help="skip the embedding-fallback run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.texts)
        return

    ads = load_ads()
    if not ads:
        print(f"skipped: no job ads under {JOBS} (the shared data folder is absent)")
        return
    sizes = sorted(len(ad["text"]) for ad in ads)
    print(
        f"{len(ads):,} real ads with a description (median {sizes[len(sizes) // 2]:,} chars), "
        f"repeated to {args.texts:,} texts; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    runs = [("baseline", args.texts), ("lexical", args.texts)]
    if not args.no_embeddings:
        runs.append(("embeddings", min(args.embedding_texts, args.texts)))
    results = {mode: _measure(mode, n) for mode, n in runs}
    peer = (
        None
        if args.no_peer
        else _peer(repeat(ads, args.texts), min(args.peer_texts, args.texts), args.peer_timeout)
    )

    names = {
        "baseline": "baseline: skill dictionary pass only (same process)",
        "lexical": "pasarkerja vacancy(), embeddings off",
        "embeddings": "pasarkerja vacancy(), embedding fallbacks on",
    }
    rows: list[list[object]] = []
    for mode, r in results.items():
        rows.append(
            [
                names[mode],
                r["texts"],
                r["texts"] / r["cpu_s"],
                r["first_pass_texts"] / r["first_pass_cpu_s"] if r["first_pass_cpu_s"] > 0 else "",
                r["texts"] / r["wall_s"],
                r["wall_s"],
                r["startup_wall_s"],
                r["startup_cpu_s"],
                r["peak_rss_mb"],
            ]
        )
    if peer is not None:
        rows.append(
            [
                "peer esco-skill-extractor (1 torch thread)",
                int(peer["peer_texts"]),
                peer["peer_ads_per_s_per_core"],
                "",
                peer["peer_ads_per_s_per_core"],
                peer["peer_texts"] / peer["peer_ads_per_s_per_core"],
                peer["peer_startup_s"],
                "",
                "",
            ]
        )
    print_table(
        [
            "run",
            "texts",
            "ads/CPU-s",
            "ads/CPU-s 1st pass",
            "ads/wall-s",
            "wall_s",
            "startup_s",
            "startup_cpu_s",
            "peak_rss_mb",
        ],
        rows,
    )
    lexical = results["lexical"]
    figures: dict[str, object] = {
        "texts": lexical["texts"],
        "ads_per_s_per_core": lexical["texts"] / lexical["cpu_s"],
        "first_pass_ads_per_s_per_core": lexical["first_pass_texts"] / lexical["first_pass_cpu_s"],
        "wall_s": lexical["wall_s"],
        "startup_s": lexical["startup_wall_s"],
    }
    if "embeddings" in results:
        emb = results["embeddings"]
        figures["embedding_texts"] = emb["texts"]
        figures["embedding_ads_per_s_per_core"] = emb["texts"] / emb["cpu_s"]
        figures["startup_embeddings_s"] = emb["startup_wall_s"]
    figures["baseline_ads_per_s_per_core"] = results["baseline"]["texts"] / results["baseline"]["cpu_s"]
    figures["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results.values())
    figures["peer_texts_per_s"] = peer["peer_ads_per_s_per_core"] if peer is not None else "n/a"
    print(key_values(figures))


if __name__ == "__main__":
    main()
