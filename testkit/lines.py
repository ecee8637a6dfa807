"""Made-up lines for tests of what the menu engine understands: a few options, each put through
to one team, so a test states only what the caller's words are matched against."""

from __future__ import annotations

from collections.abc import Sequence

from ivr.assistant import Assistant, parse

# An option: its name, description, phrases and intent ("" for none).
Option = tuple[str, str, Sequence[str], str]


def made_up_line(name: str, *options: Option, operator: str = "desk") -> Assistant:
    return parse(
        {
            "name": name,
            "greeting": f"{name}, how can we help?",
            "operator": operator,
            "directory": {operator: "+15555550800", "team": "+15555550801"},
            "menu": [
                {"key": str(key), "name": n, "description": d, "phrases": list(p), "transfer": "team"}
                | ({"intent": i} if i else {})
                for key, (n, d, p, i) in enumerate(options, start=1)
            ],
        }
    )
