"""all-MiniLM-L6-v2 itself, in numpy: the sentence transformer the static model was distilled from.

Six BERT layers (384 wide, 12 heads) over the sentence's WordPiece tokens, then the mean of the
outputs at unit length, as sentence-transformers computes it. It knows what the static model cannot
(that a manicure is about nails, that conditioner is a hair product), at about 5-7 ms of CPU per
sentence (each reads the layers' 42 MB of weights: bench/README.md), so the menu engine's second
semantic tier asks it only what the first left unplaced (SEMANTIC_TIER=deep).

The weights ship in ivr/dialog/weights/minilm-l6/ as int8 with a float32 scale per row (biases and
layer norms in float32), checked by sha256 when loaded and rebuilt byte for byte from the published
model by `tools/build_static_model.py --transformer`. The layers' matrices are widened to float32
once, at load; the 30,522 word embeddings stay int8 and only a sentence's rows are widened."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ivr.dialog.embeddings import MANIFEST, WeightsError, WordPiece, _checked

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_PATH = Path(__file__).parent / "weights" / "minilm-l6"
WEIGHTS = "weights.bin"
VOCAB = "vocab.txt"


class Transformer:
    """load() once per process, then encode() sentences: one unit-length float32 row each."""

    def __init__(
        self, tensors: dict[str, npt.NDArray[Any]], tokenizer: WordPiece, config: dict[str, Any]
    ) -> None:
        import numpy as np

        self.tokenizer = tokenizer
        self.heads = int(config["heads"])
        self.eps = float(config["layer_norm_eps"])
        self.max_tokens = int(config["max_tokens"])
        self.cls, self.sep = tokenizer.ids["[CLS]"], tokenizer.ids["[SEP]"]
        self.words, self.word_scales = tensors["embeddings.word"], tensors["embeddings.word.scale"]
        self.positions = _widened(tensors, "embeddings.position")
        self.type0 = tensors["embeddings.type0"]
        self.norm0 = (tensors["embeddings.norm.weight"], tensors["embeddings.norm.bias"])
        self.layers = []
        for n in range(int(config["layers"])):
            at = f"layer.{n}."
            qkv = np.concatenate([_widened(tensors, at + part) for part in ("query", "key", "value")])
            self.layers.append(
                (
                    np.ascontiguousarray(qkv.T),
                    np.concatenate([tensors[at + part + ".bias"] for part in ("query", "key", "value")]),
                    np.ascontiguousarray(_widened(tensors, at + "attention_out").T),
                    tensors[at + "attention_out.bias"],
                    (tensors[at + "attention_norm.weight"], tensors[at + "attention_norm.bias"]),
                    np.ascontiguousarray(_widened(tensors, at + "intermediate").T),
                    tensors[at + "intermediate.bias"],
                    np.ascontiguousarray(_widened(tensors, at + "output").T),
                    tensors[at + "output.bias"],
                    (tensors[at + "output_norm.weight"], tensors[at + "output_norm.bias"]),
                )
            )

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> Transformer:
        """Read the model folder, checking each file's sha256 against the manifest."""
        folder = Path(path)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            expected, index, config = manifest["sha256"], manifest["tensors"], manifest["config"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise WeightsError(f"{folder / MANIFEST}: unreadable ({error})") from None
        raw = _checked(folder / WEIGHTS, expected.get(WEIGHTS))
        vocab = _checked(folder / VOCAB, expected.get(VOCAB)).decode("utf-8").splitlines()
        tensors = _tensors(raw, index, folder / WEIGHTS)
        if tensors["embeddings.word"].shape[0] != len(vocab):
            raise WeightsError(f"{folder}: {len(vocab)} tokens in {VOCAB}, the weights have another number")
        tokenizer = WordPiece(vocab, added_tokens=("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"))
        return cls(tensors, tokenizer, config)

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        width = self.positions.shape[1]
        return (
            np.stack([self._sentence(text) for text in texts]) if texts else np.zeros((0, width), np.float32)
        )

    def _sentence(self, text: str) -> npt.NDArray[np.float32]:
        import numpy as np

        ids = [self.cls, *self.tokenizer.with_unknown(text)[: self.max_tokens - 2], self.sep]
        x = self.words[ids].astype(np.float32) * self.word_scales[ids, None]
        x = _norm(x + self.positions[: len(ids)] + self.type0, *self.norm0, self.eps)
        n, width = x.shape
        size = width // self.heads
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in self.layers:
            q, k, v = (x @ qkv + qkv_b).reshape(n, 3, self.heads, size).transpose(1, 2, 0, 3)
            scores = q @ k.transpose(0, 2, 1) / np.float32(math.sqrt(size))
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            heard = (scores / scores.sum(axis=-1, keepdims=True)) @ v
            x = _norm(x + heard.transpose(1, 0, 2).reshape(n, width) @ out + out_b, *norm1, self.eps)
            x = _norm(x + _gelu(x @ up + up_b) @ down + down_b, *norm2, self.eps)
        mean = x.mean(axis=0)
        return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


def _norm(x: Any, weight: Any, bias: Any, eps: float) -> Any:
    import numpy as np

    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps) * weight + bias


def _gelu(x: Any) -> Any:
    """BERT's exact GELU, x * Phi(x), with erf by Abramowitz and Stegun 7.1.26 (error under 2e-7)."""
    import numpy as np

    z = np.abs(x) * np.float32(1 / math.sqrt(2))
    t = 1 / (1 + np.float32(0.3275911) * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1 - poly * np.exp(-z * z))
    return x * 0.5 * (1 + erf)


def _widened(tensors: dict[str, Any], name: str) -> Any:
    """An int8 matrix as float32: each row times its scale."""
    import numpy as np

    return tensors[name].astype(np.float32) * tensors[name + ".scale"][:, None]


def _tensors(raw: bytes, index: dict[str, Any], path: Path) -> dict[str, Any]:
    """The named arrays laid end to end in `raw`, as the manifest lists them (read-only views)."""
    import numpy as np

    tensors = {}
    for name, (dtype, shape, offset) in index.items():
        count = math.prod(shape)
        try:
            flat = np.frombuffer(raw, dtype=np.dtype(dtype), count=count, offset=offset)
            tensors[name] = flat.reshape(shape)
        except ValueError as error:
            raise WeightsError(f"{path}: {name} does not fit ({error})") from None
    return tensors
