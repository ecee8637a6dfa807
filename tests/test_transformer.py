"""all-MiniLM-L6-v2 in numpy (the deep tier's model): the shipped weights give the model's own
sentence embeddings, and a damaged or missing file is refused by name."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ivr.dialog.embeddings import WeightsError
from ivr.dialog.transformer import DEFAULT_PATH, Transformer

MANIFEST = json.loads((DEFAULT_PATH / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model() -> Transformer:
    return Transformer.load()


@pytest.mark.parametrize("sentence", MANIFEST["reference"])
def test_each_sentence_gets_the_models_own_embedding(model, sentence):
    # The build recorded the float32 model's embedding (transformers, mean pooling); the shipped
    # weights are int8 per row, so the two agree to within rounding, not bit for bit.
    ours = model.encode([sentence])[0]
    assert ours.shape == (384,)
    assert ours.dtype == np.float32
    assert float(np.linalg.norm(ours)) == pytest.approx(1.0, abs=1e-5)
    assert float(ours @ np.array(MANIFEST["reference"][sentence], dtype=np.float32)) > 0.999


def test_sentences_of_one_meaning_are_nearer_than_sentences_of_another(model):
    nails, manicure, drain = model.encode(["book my nails", "I'd like a manicure", "the sink is blocked"])
    assert nails @ manicure > nails @ drain + 0.2


def test_a_damaged_weights_file_is_refused_and_named(tmp_path: Path):
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_PATH, folder)
    damaged = bytearray((folder / "weights.bin").read_bytes())
    damaged[1000] ^= 0xFF
    (folder / "weights.bin").write_bytes(bytes(damaged))
    with pytest.raises(WeightsError, match=r"weights\.bin: sha256 [0-9a-f]{64} differs from") as caught:
        Transformer.load(folder)
    assert "rebuild it with tools/build_static_model.py" in str(caught.value)


def test_a_missing_file_or_unreadable_manifest_is_named(tmp_path: Path):
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_PATH, folder)
    (folder / "vocab.txt").unlink()
    with pytest.raises(WeightsError, match=r"vocab\.txt: cannot read"):
        Transformer.load(folder)
    (folder / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(WeightsError, match=r"manifest\.json: unreadable"):
        Transformer.load(folder)


def test_the_manifest_records_the_shipped_files_and_their_licence():
    assert set(MANIFEST["sha256"]) == {"weights.bin", "vocab.txt"}
    assert MANIFEST["source"].startswith("sentence-transformers/all-MiniLM-L6-v2@")
    assert (DEFAULT_PATH / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")


def test_importing_the_module_loads_no_numpy():
    code = "import sys, ivr.dialog.transformer; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
