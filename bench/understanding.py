"""Would a semantic tier help the menu engine understand callers? A study on the blind labelled sets.

    PYTHONPATH=. /tmp/buildvenv/bin/python -m bench.understanding \\
        --candidates /tmp/cand --model2vec /tmp/cand/m2v --onnx /tmp/onnx

For each of the three sample lines (ivr/assistants/*.toml and their *.utterances.csv), three tiers:
  a) the matcher alone (ivr.dialog.matching.match), today's engine;
  b) the matcher, then, where it found nothing clear (intent "none"), the static embeddings shipped in
     ivr/dialog/weights/minilm-static (ivr.dialog.embeddings, numpy only): the utterance's cosine with
     each option's texts (name, description, each phrase; optionally the intent), per option the max
     or the mean; the best option is taken if it scores >= T and beats the runner-up by >= M;
  c) the same with all-MiniLM-L6-v2 itself, int8, through onnxruntime (tokenizers for its tokenizer).

T and M (and max or mean, with or without the intent, and for (b) the PCA size and dtype) are chosen
on the even rows of each set, pooled: the most rows right, with the tier routing at most 10% of the
"none" rows (off-menu callers) to an option; ties go to the higher T, then the higher M. (The matcher
alone already routes about a fifth of those rows somewhere, so the bound is on what the tier adds.)
Results are given on the odd rows (held out) and on all rows. The CSVs and TOMLs are never changed.

Optional parts, each skipped with a message when its input or package is missing:
  --candidates DIR  folders DIR/d<dims>-<dtype> from tools/build_static_model.py --out, to compare
  --model2vec DIR   the shipped model saved by model2vec (--save-model2vec): checks that our encoder
                    gives model2vec's vectors (needs the model2vec package)
  --onnx DIR        minilm-int8.onnx and tokenizer.json (--export-onnx; needs onnxruntime, tokenizers)
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ivr import assistant as assistants
from ivr.assistant import Assistant, MenuOption
from ivr.devtools.accuracy import load_labelled
from ivr.dialog.embeddings import DEFAULT_PATH, StaticEmbeddings
from ivr.dialog.matching import Match, match

ROOT = Path(__file__).resolve().parent.parent
SETS = ("riverside-clinic", "harbor-plumbing", "trattoria")
MAX_NONE_ROUTED = 0.10
THRESHOLDS = np.round(np.arange(0.0, 1.0001, 0.01), 2)
MARGINS = np.round(np.arange(0.0, 0.3001, 0.01), 2)

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Case:
    line: str
    index: int  # 0-based row in its CSV
    utterance: str
    expected: str
    kind: str
    baseline: str  # what the matcher alone answers
    unsure: bool  # the matcher's intent is "none": the tier runs

    @property
    def tuning(self) -> bool:
        return self.index % 2 == 0


@dataclass(frozen=True)
class Variant:
    aggregate: str  # "max" or "mean" over an option's texts
    intent: bool  # the option's intent is one of its texts


@dataclass(frozen=True)
class Scored:
    """The tier's view of one unsure case: the best option, its score and the runner-up's."""

    best: str
    score: float
    second: float


@dataclass(frozen=True)
class Choice:
    threshold: float
    margin: float


def label(found: Match) -> str:
    """What the phrase matcher alone did, as a labelled set names it: an option's name or the intent."""
    return found.option.name if found.intent == "option" and found.option else found.intent


def load_cases() -> tuple[dict[str, Assistant], list[Case]]:
    lines, cases = {}, []
    for name in SETS:
        line = assistants.load(ROOT / "ivr" / "assistants" / f"{name}.toml")
        lines[name] = line
        rows = load_labelled(ROOT / "ivr" / "assistants" / f"{name}.utterances.csv")
        for index, row in enumerate(rows):
            found = match(line, row.utterance)
            cases.append(
                Case(name, index, row.utterance, row.expected, row.kind, label(found), found.intent == "none")
            )
    return lines, cases


def option_texts(option: MenuOption, with_intent: bool) -> list[str]:
    texts = [option.name, option.description, *option.phrases]
    return [*texts, option.intent] if with_intent and option.intent else texts


class OptionIndex:
    """Each option's texts embedded once per line, as the engine would at start-up."""

    def __init__(self, line: Assistant, encode: Encode, variant: Variant) -> None:
        self.variant = variant
        self.names: list[str] = []
        owners: list[int] = []
        texts: list[str] = []
        for number, option in enumerate(line.menu):
            self.names.append(option.name)
            for text in option_texts(option, variant.intent):
                texts.append(text)
                owners.append(number)
        self.owners = np.asarray(owners)
        self.vectors = encode(texts)
        self.encode = encode

    def score(self, utterance: str) -> Scored:
        sims = self.vectors @ self.encode([utterance])[0]
        per_option = np.array(
            [
                sims[self.owners == n].max()
                if self.variant.aggregate == "max"
                else sims[self.owners == n].mean()
                for n in range(len(self.names))
            ]
        )
        order = np.argsort(-per_option, kind="stable")
        second = float(per_option[order[1]]) if len(order) > 1 else -1.0
        return Scored(self.names[order[0]], float(per_option[order[0]]), second)


def score_cases(
    lines: dict[str, Assistant], cases: list[Case], encode: Encode, variant: Variant
) -> dict[Case, Scored]:
    indexes = {name: OptionIndex(line, encode, variant) for name, line in lines.items()}
    return {case: indexes[case.line].score(case.utterance) for case in cases if case.unsure}


def routed(case: Case, scored: dict[Case, Scored], choice: Choice | None) -> str:
    """The answer with the tier: the matcher's, unless it was unsure and the tier is sure."""
    if choice is None or not case.unsure:
        return case.baseline
    found = scored[case]
    if found.score >= choice.threshold and found.score - found.second >= choice.margin:
        return found.best
    return "none"


def choose(cases: list[Case], scored: dict[Case, Scored]) -> tuple[Choice, int]:
    """The T and M that get the most tuning rows right, the tier routing at most 10% of "none" rows."""
    tuning = [c for c in cases if c.tuning]
    fixed = sum(c.baseline == c.expected for c in tuning if not c.unsure)
    none_rows = sum(c.expected == "none" for c in tuning)
    unsure = [c for c in tuning if c.unsure]
    best = np.array([scored[c].score for c in unsure])
    gap = best - np.array([scored[c].second for c in unsure])
    right_if_routed = np.array([scored[c].best == c.expected for c in unsure])
    is_none = np.array([c.expected == "none" for c in unsure])
    top: tuple[tuple[int, float, float], Choice, int] | None = None
    for threshold in THRESHOLDS:
        for margin in MARGINS:
            go = (best >= threshold) & (gap >= margin)
            if int((go & is_none).sum()) > MAX_NONE_ROUTED * none_rows:
                continue
            right = fixed + int((go & right_if_routed).sum() + (~go & is_none).sum())
            key = (right, float(threshold), float(margin))
            if top is None or key > top[0]:
                top = (key, Choice(float(threshold), float(margin)), right)
    assert top is not None, "no threshold keeps off-menu routing within bounds"
    return top[1], top[2]


# --- Reports --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    right: int
    total: int
    none_routed: int
    none_total: int
    tier_routed: int  # of none_routed, those the tier routed (the matcher was unsure)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def cell(self) -> str:
        return f"{self.accuracy:.1%} ({self.right}/{self.total})"

    def none_cell(self) -> str:
        share = self.none_routed / self.none_total if self.none_total else 0.0
        tier = self.tier_routed / self.none_total if self.none_total else 0.0
        return f"{share:.1%} ({self.none_routed}/{self.none_total}); tier {tier:.1%}"


def figures(cases: Iterable[Case], answer: Callable[[Case], str]) -> Figures:
    right = total = none_routed = none_total = tier_routed = 0
    for case in cases:
        got = answer(case)
        total += 1
        right += got == case.expected
        if case.expected == "none":
            none_total += 1
            none_routed += got != "none"
            tier_routed += case.unsure and got != "none"
    return Figures(right, total, none_routed, none_total, tier_routed)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- Encoders -------------------------------------------------------------------------------------


def static_encoder(path: Path) -> tuple[StaticEmbeddings, Encode]:
    model = StaticEmbeddings.load(path)
    return model, model.encode


class OnnxMiniLM:
    """all-MiniLM-L6-v2 int8: [CLS] tokens [SEP], the transformer, mean over tokens, unit length."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # a phone-line worker has a core's share at most
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(folder / "minilm-int8.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(256)  # sentence-transformers' max_seq_length for this model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
            feeds = {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }
            hidden = self.session.run(None, feeds)[0][0]
            rows.append(hidden.mean(axis=0))
        out = np.asarray(rows, dtype=np.float32)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


# --- Checks and costs -----------------------------------------------------------------------------


def check_model2vec(shipped: Path, saved: Path, sentences: list[str]) -> str:
    """Our encoder against model2vec's on the same weights: same tokens, same vectors."""
    if importlib.util.find_spec("model2vec") is None:
        return "model2vec is not installed: the equivalence check is skipped."
    from model2vec import StaticModel

    ours = StaticEmbeddings.load(shipped)
    native = StaticModel.from_pretrained(saved)
    if not np.array_equal(native.embedding, ours.matrix):
        return f"{saved} does not hold the shipped matrix: the check is skipped."
    upcast = StaticModel.from_pretrained(saved, quantize_to="float32")
    mine = ours.encode(sentences)
    theirs = upcast.encode(sentences, use_multiprocessing=False).astype(np.float32)
    theirs_native = native.encode(sentences, use_multiprocessing=False).astype(np.float32)
    same_tokens = sum(
        ours.tokenizer.encode(s, ours.max_tokens) == ids
        for s, ids in zip(sentences, native.tokenize(sentences), strict=True)
    )
    rounding = " (it rounds to float16)" if native.embedding.dtype == np.float16 else ""
    return (
        f"{len(sentences)} sentences: token ids equal for {same_tokens}; largest difference from "
        f"model2vec's encode on the same matrix in float32: {np.abs(mine - theirs).max():.2e}; "
        f"from model2vec's own output with its {native.embedding.dtype} matrix: "
        f"{np.abs(mine - theirs_native).max():.2e}{rounding}"
    )


def cpu_per_utterance(work: Callable[[str], Any], utterances: list[str], repeats: int) -> tuple[float, float]:
    """Median and p99, over utterances, of each one's median CPU time (this thread), in ms."""
    for text in utterances[:20]:
        work(text)  # warm caches
    each = []
    for text in utterances:
        runs = []
        for _ in range(repeats):
            start = time.thread_time_ns()
            work(text)
            runs.append(time.thread_time_ns() - start)
        each.append(statistics.median(runs) / 1e6)
    each.sort()
    return statistics.median(each), each[min(len(each) - 1, round(0.99 * (len(each) - 1)))]


# Peak RSS from /proc (VmHWM): ru_maxrss would carry the parent's peak across fork and exec.
PEAK = "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])"
STATIC_RSS = f"""
import sys
before = {PEAK}
import ivr.dialog.embeddings as e
assert "numpy" not in sys.modules, "importing the module loaded numpy"
model = e.StaticEmbeddings.load(sys.argv[1])
model.encode(["I need to pay my bill"])
print(before, {PEAK})
"""
ONNX_RSS = f"""
import sys, pathlib
before = {PEAK}
from bench.understanding import OnnxMiniLM
OnnxMiniLM(pathlib.Path(sys.argv[1])).encode(["I need to pay my bill"])
print(before, {PEAK})
"""


def rss_added(code: str, argument: str) -> float:
    """MB of peak RSS that importing, loading and one encode add to a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", code, argument],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    before, after = int(out[-2]), int(out[-1])
    return (after - before) / 1024


def install_closure(names: Iterable[str]) -> dict[str, int]:
    """Bytes installed by each distribution these need, dependencies included (extras left out)."""
    from packaging.requirements import Requirement

    sizes: dict[str, int] = {}
    todo = list(names)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in sizes:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        sizes[name] = sum(
            (f.size if f.size is not None else _size(Path(str(dist.locate_file(f)))))
            for f in dist.files or ()
        )
        for text in dist.requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return sizes


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def project_requirements() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            names.add(re.sub(r"[-_.]+", "-", line.split("==")[0]).lower())
    return names


# --- The study ------------------------------------------------------------------------------------


# Text the labelled sets do not have: accents, other scripts, special tokens, a word too long to cut.
TRICKY = ("Crème brûlée, naïve café!", "ΟΔΟΣ İstanbul 日本語", "[CLS] hi [PAD] x[UNK]y", "a" * 120, "")
VARIANTS = tuple(Variant(aggregate, intent) for aggregate in ("max", "mean") for intent in (False, True))


def best_variant(
    lines: dict[str, Assistant], cases: list[Case], encode: Encode
) -> list[tuple[Variant, Choice, int, dict[Case, Scored]]]:
    """Every variant with its T and M chosen on the tuning rows, best first (by tuning rows right)."""
    results = []
    for variant in VARIANTS:
        scored = score_cases(lines, cases, encode, variant)
        choice, right = choose(cases, scored)
        results.append((variant, choice, right, scored))
    return sorted(results, key=lambda r: -r[2])


def describe(variant: Variant, choice: Choice) -> str:
    texts = "name+description+phrases" + ("+intent" if variant.intent else "")
    return f"{variant.aggregate} over {texts}, T={choice.threshold:.2f}, M={choice.margin:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--static", type=Path, default=DEFAULT_PATH, help="the static model (default: shipped)"
    )
    parser.add_argument("--candidates", type=Path, help="folders of other builds: d<dims>-<dtype>")
    parser.add_argument("--model2vec", type=Path, help="the shipped model as model2vec saved it")
    parser.add_argument("--onnx", type=Path, help="folder with minilm-int8.onnx and tokenizer.json")
    parser.add_argument("--repeats", type=int, default=20, help="timing runs per utterance")
    args = parser.parse_args()

    lines, cases = load_cases()
    tuning = sum(c.tuning for c in cases)
    print(f"{len(cases)} rows, {tuning} for tuning (even rows), {len(cases) - tuning} held out (odd rows)")
    print(f"the matcher is unsure (intent none) on {sum(c.unsure for c in cases)} rows\n")

    if args.candidates:
        print("## Static model builds (each with its own best variant, T and M on the tuning rows)\n")
        rows = []
        for folder in sorted(
            args.candidates.glob("d*-*"), key=lambda p: (p.name.split("-")[1], int(p.name[1:].split("-")[0]))
        ):
            if not (folder / "manifest.json").exists():
                continue
            _, encode = static_encoder(folder)
            variant, choice, right, scored = best_variant(lines, cases, encode)[0]
            held = figures(
                (c for c in cases if not c.tuning), lambda c, s=scored, ch=choice: routed(c, s, ch)
            )
            size = (folder / "embeddings.npy").stat().st_size
            rows.append(
                (
                    folder.name,
                    f"{size / 1e6:.1f} MB",
                    f"{right}/{tuning}",
                    held.cell(),
                    describe(variant, choice),
                )
            )
        print(table(("build", "matrix", "tuning right", "held-out accuracy", "chosen"), rows) + "\n")

    tiers: dict[str, tuple[Choice | None, dict[Case, Scored], Callable[[str], Any] | None]] = {
        "a) matcher": (None, {}, None)
    }
    model, encode = static_encoder(args.static)
    ranked = best_variant(lines, cases, encode)
    print(f"## Variants of (b), static {model.dim} dims {model.matrix.dtype}\n")
    print(variants_table(ranked, cases, tuning) + "\n")
    variant, choice, _, scored = ranked[0]
    index = {name: OptionIndex(line, encode, variant) for name, line in lines.items()}
    tiers["b) + static"] = (choice, scored, lambda text, ix=index["riverside-clinic"]: ix.score(text))
    print(f"(b) chosen: {describe(variant, choice)}\n")

    onnx = None
    if args.onnx and all(importlib.util.find_spec(m) for m in ("onnxruntime", "tokenizers")):
        onnx = OnnxMiniLM(args.onnx)
        ranked = best_variant(lines, cases, onnx.encode)
        print("## Variants of (c), all-MiniLM-L6-v2 int8 (onnxruntime)\n")
        print(variants_table(ranked, cases, tuning) + "\n")
        variant, choice, _, scored = ranked[0]
        index_c = {name: OptionIndex(line, onnx.encode, variant) for name, line in lines.items()}
        tiers["c) + MiniLM int8"] = (
            choice,
            scored,
            lambda text, ix=index_c["riverside-clinic"]: ix.score(text),
        )
        print(f"(c) chosen: {describe(variant, choice)}\n")
    else:
        print("(c) skipped: give --onnx DIR, with onnxruntime and tokenizers installed\n")

    print_results(cases, tiers)
    print_costs(cases, tiers, args, onnx is not None)
    if args.model2vec:
        sentences = [c.utterance for c in cases][:200] + list(TRICKY)
        print(
            "\n## Our encoder against model2vec\n\n" + check_model2vec(args.static, args.model2vec, sentences)
        )


def variants_table(
    ranked: list[tuple[Variant, Choice, int, dict[Case, Scored]]], cases: list[Case], tuning: int
) -> str:
    rows = []
    for variant, choice, right, scored in ranked:
        held = figures((c for c in cases if not c.tuning), lambda c, s=scored, ch=choice: routed(c, s, ch))
        rows.append((describe(variant, choice), f"{right}/{tuning}", held.cell(), held.none_cell()))
    return table(("variant", "tuning right", "held-out accuracy", "held-out none routed"), rows)


def print_results(cases: list[Case], tiers: dict[str, tuple[Choice | None, dict[Case, Scored], Any]]) -> None:
    print("## Accuracy, and off-menu (none) rows routed anywhere\n")
    rows = []
    for line in (*SETS, "all three"):
        subset = [c for c in cases if line in (c.line, "all three")]
        for name, (choice, scored, _) in tiers.items():

            def answer(c: Case, s: dict[Case, Scored] = scored, ch: Choice | None = choice) -> str:
                return routed(c, s, ch)

            held = figures((c for c in subset if not c.tuning), answer)
            every = figures(subset, answer)
            rows.append((line, name, held.cell(), every.cell(), held.none_cell(), every.none_cell()))
    header = ("set", "tier", "held-out", "all rows", "none routed, held-out", "none routed, all")
    print(table(header, rows) + "\n")

    print("## Accuracy by kind, all rows of the three sets\n")
    kinds = sorted({c.kind for c in cases})
    by_kind = []
    for kind in kinds:
        subset = [c for c in cases if c.kind == kind]
        cells = []
        for choice, scored, _ in tiers.values():
            cells.append(figures(subset, lambda c, s=scored, ch=choice: routed(c, s, ch)).cell())
        by_kind.append((kind, *cells))
    print(table(("kind", *tiers), by_kind) + "\n")

    print("## What each tier changed (all rows): fixed / broken against the matcher\n")
    for name, (choice, scored, _) in tiers.items():
        if choice is None:
            continue
        changed: dict[str, list[str]] = defaultdict(list)
        for c in cases:
            got = routed(c, scored, choice)
            if got != c.baseline:
                verdict = (
                    "fixed" if got == c.expected else ("broke" if c.baseline == c.expected else "still wrong")
                )
                changed[verdict].append(f"[{c.line}/{c.kind}] {c.utterance!r}: {c.expected} -> {got}")
        print(f"{name}: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(changed.items())))
        for verdict in ("broke", "still wrong"):
            for line in changed.get(verdict, []):
                print(f"  {verdict}: {line}")
    print()


def print_costs(
    cases: list[Case], tiers: dict[str, tuple[Any, Any, Any]], args: argparse.Namespace, onnx: bool
) -> None:
    print("## Costs\n")
    clinic = assistants.load(ROOT / "ivr" / "assistants" / "riverside-clinic.toml")
    utterances = [c.utterance for c in cases if c.line == "riverside-clinic"]
    rows = []
    med, p99 = cpu_per_utterance(lambda text: match(clinic, text), utterances, args.repeats)
    rows.append(("matcher (every utterance)", f"{med:.3f}", f"{p99:.3f}"))
    for name, (_, _, work) in tiers.items():
        if work is not None:
            repeats = args.repeats if "static" in name else max(3, args.repeats // 4)
            med, p99 = cpu_per_utterance(work, utterances, repeats)
            rows.append((f"{name} tier (when the matcher is unsure)", f"{med:.3f}", f"{p99:.3f}"))
    print(table(("CPU per utterance, this thread", "median ms", "p99 ms"), rows) + "\n")

    rss = [("static: numpy + the matrix", f"{rss_added(STATIC_RSS, str(args.static)):.1f}")]
    if onnx:
        rss.append(
            (
                "MiniLM int8: onnxruntime + tokenizers + the model",
                f"{rss_added(ONNX_RSS, str(args.onnx)):.1f}",
            )
        )
    print(table(("peak RSS added to a fresh process", "MB"), rss) + "\n")

    have = project_requirements()
    sizes = []
    for label_, names, files in (
        ("static", ["numpy"], [args.static / "embeddings.npy", args.static / "vocab.txt"]),
        (
            "MiniLM int8",
            ["numpy", "onnxruntime", "tokenizers"],
            [args.onnx / "minilm-int8.onnx", args.onnx / "tokenizer.json"] if args.onnx else [],
        ),
    ):
        closure = install_closure(names)
        new = {k: v for k, v in closure.items() if k not in have or k == "numpy"}
        weights = sum(_size(f) for f in files)
        listed = ", ".join(f"{k} {v / 1e6:.1f}" for k, v in sorted(new.items(), key=lambda kv: -kv[1]))
        sizes.append((label_, f"{sum(new.values()) / 1e6:.1f}", f"{weights / 1e6:.1f}", listed))
    print(table(("tier", "site-packages MB added", "weights MB", "distributions (MB)"), sizes))


if __name__ == "__main__":
    main()
