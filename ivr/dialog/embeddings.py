"""Sentence embeddings with numpy alone: a static model, one vector per WordPiece token.

The weights in weights/minilm-static/ are a model2vec distillation of all-MiniLM-L6-v2, built by
tools/build_static_model.py. A sentence's embedding is the mean of its tokens' rows, scaled to unit
length, exactly as model2vec's StaticModel.encode computes it (bench/understanding.py checks the two
agree), so no tokenizers, torch or model2vec package is needed at run time.

The tokenizer is BERT's uncased one, as the Hugging Face tokenizers library runs it:
- the special tokens [PAD] and [UNK] are matched in the raw text first, as whole strings;
- clean: control and format characters are dropped, every whitespace character becomes a space;
- CJK ideographs are split off as words of their own;
- accents are stripped (NFD, then combining marks dropped), then each character is lowercased;
- words are split at whitespace, and every punctuation character is a word of its own;
- each word is cut greedily into the longest pieces in the vocabulary, later pieces spelled "##...";
  a word that cannot be cut, or is longer than 100 characters, is [UNK], which is left out.

Importing this module loads nothing: numpy is imported by StaticEmbeddings.load.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_PATH = Path(__file__).parent / "weights" / "minilm-static"
MATRIX = "embeddings.npy"
VOCAB = "vocab.txt"
MANIFEST = "manifest.json"  # shape, dtype, tokenizer settings and the sha256 of the two files above

# Ideographs that BERT splits into words of one character each (its _is_chinese_char).
_CJK = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B920, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class WeightsError(RuntimeError):
    """The model's files are missing, altered or inconsistent; the message names the file."""


class WordPiece:
    """BERT's uncased tokenizer over a vocabulary: text to token ids, [UNK] left out."""

    def __init__(
        self,
        vocab: Sequence[str],
        *,
        unk_token: str = "[UNK]",
        prefix: str = "##",
        max_chars_per_word: int = 100,
        added_tokens: Iterable[str] = ("[PAD]", "[UNK]"),
    ) -> None:
        self.ids = {token: i for i, token in enumerate(vocab)}
        self.unk_id = self.ids.get(unk_token)
        self.prefix = prefix
        self.max_chars_per_word = max_chars_per_word
        added = sorted((t for t in added_tokens if t in self.ids), key=len, reverse=True)
        self._added = re.compile("|".join(map(re.escape, added))) if added else None

    def tokenize(self, text: str) -> list[str]:
        """The tokens of the text, [UNK] included: for reading and for tests."""
        tokens = list(self.ids)
        unk = "[UNK]" if self.unk_id is None else tokens[self.unk_id]
        return [tokens[i] if i is not None else unk for i in self._token_ids(text)]

    def encode(self, text: str, max_tokens: int | None = None) -> list[int]:
        """Token ids of the text, cut to max_tokens, with unknown words left out."""
        ids = self._token_ids(text)
        if max_tokens is not None:
            ids = ids[:max_tokens]
        unk = self.unk_id
        return [i for i in ids if i is not None and i != unk]

    def with_unknown(self, text: str) -> list[int]:
        """Token ids of the text, an unknown word as [UNK] (what a transformer reads)."""
        unk = self.ids["[UNK]"] if self.unk_id is None else self.unk_id
        return [unk if i is None else i for i in self._token_ids(text)]

    def _token_ids(self, text: str) -> list[int | None]:
        ids: list[int | None] = []
        for piece, is_added in self._split_added(text):
            if is_added:
                ids.append(self.ids[piece])
                continue
            for word in pre_tokenize(normalize(piece)):
                ids.extend(self._word_ids(word))
        return ids

    def _split_added(self, text: str) -> list[tuple[str, bool]]:
        if self._added is None:
            return [(text, False)]
        pieces, start = [], 0
        for found in self._added.finditer(text):
            pieces += [(text[start : found.start()], False), (found.group(), True)]
            start = found.end()
        return [*pieces, (text[start:], False)]

    def _word_ids(self, word: str) -> list[int | None]:
        """Greedy longest-match-first; one None (unknown) for the whole word if any part fails."""
        if len(word) > self.max_chars_per_word:
            return [None]
        ids: list[int | None] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.ids.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [None]
            ids.append(found)
            start = end
        return ids


def normalize(text: str) -> str:
    """BERT's normaliser: clean, space out CJK ideographs, strip accents, lowercase."""
    chars = []
    for char in text:
        if char in "\t\n\r":
            chars.append(" ")
        elif char == "\ufffd" or unicodedata.category(char).startswith("C"):
            continue  # controls (NUL included) and format characters
        elif char.isspace():
            chars.append(" ")
        elif _is_cjk(char):
            chars += [" ", char, " "]
        else:
            chars.append(char)
    decomposed = unicodedata.normalize("NFD", "".join(chars))
    # Character by character, as the tokenizers library lowercases: no final-sigma rule.
    return "".join(c.lower() for c in decomposed if unicodedata.category(c) != "Mn")


def pre_tokenize(text: str) -> list[str]:
    """Split at whitespace, each punctuation character a word of its own."""
    words: list[str] = []
    for chunk in text.split():
        current = ""
        for char in chunk:
            if _is_punctuation(char):
                if current:
                    words.append(current)
                words.append(char)
                current = ""
            else:
                current += char
        if current:
            words.append(current)
    return words


def _is_punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK)


class StaticEmbeddings:
    """A static embedding model: load() once per process, then encode() sentences."""

    def __init__(
        self, matrix: npt.NDArray[Any], tokenizer: WordPiece, max_tokens: int, max_chars: int
    ) -> None:
        self.matrix = matrix  # one row per token; float16 or int8, read-only
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens
        self.max_chars = max_chars  # model2vec cuts the text to this many characters first

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1])

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> StaticEmbeddings:
        """Read the model folder, checking each file's sha256 against the manifest."""
        import numpy as np

        folder = Path(path)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            expected = manifest["sha256"]
            settings = manifest["tokenizer"]
            shape, dtype = tuple(manifest["shape"]), np.dtype(manifest["dtype"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise WeightsError(f"{folder / MANIFEST}: unreadable ({error})") from None
        raw = _checked(folder / MATRIX, expected.get(MATRIX))
        vocab = _checked(folder / VOCAB, expected.get(VOCAB)).decode("utf-8").splitlines()
        matrix = _npy(raw, folder / MATRIX)
        if matrix.shape != shape or matrix.dtype != dtype or len(vocab) != shape[0]:
            raise WeightsError(
                f"{folder}: {MATRIX} is {matrix.dtype} {matrix.shape} for {len(vocab)} tokens, "
                f"the manifest says {dtype} {shape}"
            )
        tokenizer = WordPiece(
            vocab,
            unk_token=settings["unk_token"],
            prefix=settings["continuing_subword_prefix"],
            max_chars_per_word=settings["max_input_chars_per_word"],
            added_tokens=settings["added_tokens"],
        )
        max_tokens = settings["max_length"]
        return cls(matrix, tokenizer, max_tokens, max_tokens * settings["median_token_length"])

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One unit-length float32 row per text; all zeros for a text with no known token."""
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.tokenizer.encode(text[: self.max_chars], self.max_tokens)
            if ids:
                out[row] = self.matrix[ids].astype(np.float32).mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, np.float32(1e-32))


def _checked(path: Path, expected: object) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise WeightsError(f"{path}: cannot read ({error.strerror})") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise WeightsError(
            f"{path}: sha256 {digest} differs from {expected} recorded in {MANIFEST}: "
            "the file is damaged or was replaced; rebuild it with tools/build_static_model.py"
        )
    return data


def _npy(data: bytes, path: Path) -> npt.NDArray[Any]:
    """The array in .npy bytes, without copying them (so read-only)."""
    import numpy as np

    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
    except ValueError as error:
        raise WeightsError(f"{path}: not a .npy array ({error})") from None
    if fortran or dtype.hasobject:
        raise WeightsError(f"{path}: expected a C-ordered numeric array")
    count = 1
    for size in shape:
        count *= size
    return np.frombuffer(data, dtype=dtype, count=count, offset=stream.tell()).reshape(shape)
