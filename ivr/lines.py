"""Every assistant one deployment answers as, and which called number reaches which.

IVR_ASSISTANT names one assistant file, which answers every number, or a folder of them: each file
there lists its `numbers`, and one may be the `default` for numbers no file claims. The call's
`To` picks its assistant on every webhook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ivr.assistant import Assistant, AssistantError
from ivr.assistant import load as load_file


@dataclass(frozen=True)
class Lines:
    assistants: tuple[Assistant, ...]
    by_number: Mapping[str, Assistant] = field(default_factory=dict)
    default: Assistant | None = None

    def for_number(self, number: str | None) -> Assistant | None:
        """The assistant a call to `number` reaches: the one listing it, else the default."""
        return self.by_number.get((number or "").strip(), self.default)

    @property
    def first(self) -> Assistant:
        """The default, or the first assistant: what the console and `ivr` commands show."""
        return self.default or self.assistants[0]


def load(path: str | Path) -> Lines:
    """One assistant file, or a folder of them; AssistantError naming every file's problems."""
    path = Path(path)
    if not path.is_dir():
        only = load_file(path)
        return Lines((only,), default=only)
    files = sorted(path.glob("*.toml"))
    if not files:
        raise AssistantError(f"{path}: the folder holds no assistant files (*.toml)")
    problems: list[str] = []
    found: list[tuple[Path, Assistant]] = []
    for file in files:
        try:
            found.append((file, load_file(file)))
        except AssistantError as error:
            problems.extend(error.problems)
    if problems:
        raise AssistantError(*problems)
    return _routed(found)


def _routed(found: list[tuple[Path, Assistant]]) -> Lines:
    """The numbers' owners, refusing any number two files claim, a second default, two files of one
    name (calls record the assistant by name) and a file no call can reach."""
    problems = []
    owners: dict[str, Path] = {}
    names: dict[str, Path] = {}
    default: tuple[Path, Assistant] | None = None
    for file, line in found:
        for number in line.numbers:
            if number in owners:
                problems.append(
                    f"{file}: numbers: {number} is also claimed by {owners[number]}; give it to one"
                )
            owners.setdefault(number, file)
        if line.name in names:
            problems.append(
                f"{file}: name: '{line.name}' is also {names[line.name]}'s name; give each its own"
            )
        names.setdefault(line.name, file)
        if line.default and default is not None:
            problems.append(f"{file}: default: {default[0]} is the default already; mark only one")
        elif line.default:
            default = (file, line)
        if not line.numbers and not line.default:
            problems.append(
                f'{file}: numbers: no call reaches it: list its numbers = ["+1..."] or mark it default = true'
            )
    if problems:
        raise AssistantError(*problems)
    by_file = dict(found)
    by_number = {number: by_file[file] for number, file in owners.items()}
    return Lines(tuple(line for _, line in found), by_number, default[1] if default else None)
