"""The static sentence embeddings: BERT's tokenizer, the shipped weights and their checks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ivr.dialog.embeddings import (
    DEFAULT_PATH,
    StaticEmbeddings,
    WeightsError,
    WordPiece,
    normalize,
    pre_tokenize,
)

# A vocabulary small enough to check by hand: BERT's own example, "unaffable" -> un ##aff ##able.
TINY = "[PAD] [UNK] un ##aff ##able hello world cafe , ! ' s re - fill".split()


@pytest.fixture(scope="module")
def model() -> StaticEmbeddings:
    return StaticEmbeddings.load()


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_wordpiece_cuts_a_word_into_the_longest_pieces_first() -> None:
    assert WordPiece(TINY).tokenize("unaffable") == ["un", "##aff", "##able"]


def test_a_word_that_cannot_be_cut_is_unknown_and_left_out() -> None:
    pieces = WordPiece(TINY)
    assert pieces.tokenize("hello unaffablex world") == ["hello", "[UNK]", "world"]
    assert pieces.encode("hello unaffablex world") == [TINY.index("hello"), TINY.index("world")]


def test_a_word_longer_than_100_characters_is_unknown() -> None:
    pieces = WordPiece(["[UNK]", "a", "##a"])
    assert pieces.tokenize("a" * 100) == ["a"] + ["##a"] * 99
    assert pieces.tokenize("a" * 101) == ["[UNK]"]


def test_lowercase_and_accents_stripped() -> None:
    assert normalize("Café HÉLLO Ünïcödé") == "cafe hello unicode"
    assert WordPiece(TINY).tokenize("CAFÉ") == ["cafe"]


def test_every_punctuation_character_is_a_word_of_its_own() -> None:
    assert pre_tokenize("hello, world!! re-fill it's") == [
        "hello", ",", "world", "!", "!", "re", "-", "fill", "it", "'", "s"
    ]  # fmt: skip


def test_controls_dropped_whitespace_becomes_space_and_ideographs_stand_alone() -> None:
    assert normalize("a\tb\u00a0c\u200bd\x00e") == "a b cde"
    assert pre_tokenize(normalize("東京tower")) == ["東", "京", "tower"]


def test_special_tokens_are_matched_in_the_raw_text() -> None:
    # As the tokenizers library does: "[PAD]" is token 0 wherever it stands; "[unk]" is just text.
    pieces = WordPiece(TINY)
    assert pieces.tokenize("hello[PAD]world [unk]") == ["hello", "[PAD]", "world", "[UNK]", "[UNK]", "[UNK]"]
    assert pieces.encode("hello[PAD]world [UNK]") == [TINY.index("hello"), 0, TINY.index("world")]


def test_shipped_vocabulary_cuts_a_rare_word_as_bert_uncased_does(model: StaticEmbeddings) -> None:
    assert model.tokenizer.tokenize("Unaffable, please!") == ["una", "##ffa", "##ble", ",", "please", "!"]


def test_common_words_bert_has_only_in_pieces_are_taken_whole(model: StaticEmbeddings) -> None:
    # BERT cuts these into pieces ("mani" + "##cure") that know nothing of nails or bills
    said = "a manicure, an invoice, a leaking faucet, my invoices"
    assert model.tokenizer.tokenize(said) == [
        "a", "manicure", ",", "an", "invoice", ",", "a", "leaking", "faucet", ",", "my", "invoices"
    ]  # fmt: skip


def test_a_whole_word_keeps_what_the_transformer_knows_of_it(model: StaticEmbeddings) -> None:
    manicure, nails, bill, invoice, faucet, plumbing = model.encode(
        ["manicure", "nails", "bill", "invoice", "faucet", "plumbing repair"]
    )
    assert cosine(manicure, nails) > 0.5 > cosine(manicure, bill)
    assert cosine(invoice, bill) > cosine(invoice, nails)
    assert cosine(faucet, plumbing) > cosine(faucet, bill)


def test_rows_are_unit_length_and_an_empty_text_is_zero(model: StaticEmbeddings) -> None:
    vectors = model.encode(["I need to pay my bill", "", "?"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, model.dim)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)
    assert not vectors[1].any()


def test_similar_sentences_are_closer_than_unrelated_ones(model: StaticEmbeddings) -> None:
    bill, invoice, hours, pipe, flood = model.encode(
        [
            "I need to pay my bill",
            "I have a question about my invoice",
            "what time do you open tomorrow",
            "a pipe burst in my basement",
            "there is water flooding the kitchen",
        ]
    )
    assert cosine(bill, invoice) > cosine(bill, hours)
    assert cosine(bill, invoice) > cosine(bill, pipe)
    assert cosine(pipe, flood) > cosine(pipe, hours)
    assert cosine(pipe, flood) > cosine(pipe, invoice)


def test_encoding_is_deterministic(model: StaticEmbeddings) -> None:
    texts = ["Can I move my appointment to next week?", "far macy", "Héllo!"]
    first = model.encode(texts)
    assert np.array_equal(first, model.encode(texts))
    assert np.array_equal(first, StaticEmbeddings.load().encode(texts))
    assert np.array_equal(first[1], model.encode(["far macy"])[0])  # a row does not depend on the batch


def test_a_corrupted_matrix_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_PATH, folder)
    matrix = folder / "embeddings.npy"
    data = bytearray(matrix.read_bytes())
    data[len(data) // 2] ^= 0x01
    matrix.write_bytes(bytes(data))
    with pytest.raises(WeightsError, match=r"embeddings\.npy: sha256 [0-9a-f]{64} differs from") as caught:
        StaticEmbeddings.load(folder)
    assert "damaged or was replaced" in str(caught.value)


def test_a_missing_or_unreadable_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_PATH, folder)
    (folder / "vocab.txt").unlink()
    with pytest.raises(WeightsError, match=r"vocab\.txt: cannot read"):
        StaticEmbeddings.load(folder)
    (folder / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(WeightsError, match=r"manifest\.json: unreadable"):
        StaticEmbeddings.load(folder)


def test_the_manifest_records_the_shipped_files() -> None:
    manifest = json.loads((DEFAULT_PATH / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["sha256"]) == {"embeddings.npy", "vocab.txt"}
    assert (DEFAULT_PATH / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")
    source = (DEFAULT_PATH / "SOURCE.md").read_text(encoding="utf-8")
    assert all(digest in source for digest in manifest["sha256"].values())


def test_importing_the_module_loads_no_numpy_nor_the_web_stack() -> None:
    code = (
        "import sys, ivr.dialog.embeddings; "
        "print(sorted(m for m in ('numpy', 'flask', 'sqlalchemy', 'twilio') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
