"""The folders are the architecture, and these borders keep them so: the dialog core imports
nothing of the web, the database or Twilio; the runtime never imports the development tools; and
importing the package or its command costs nothing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ivr"
RUNTIME = (
    "ivr.web",
    "ivr.answering",
    "ivr.record",
    "ivr.business",
    "ivr.dialog",
    "ivr.config",
    "ivr.assistant",
)


def imports_of(module: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules_under(package: str) -> list[tuple[str, Path]]:
    root = PACKAGE.parent / package.replace(".", "/")
    files = sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]
    return [(str(path.relative_to(PACKAGE.parent)), path) for path in files]


def crossings(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{name} imports {imported}"
        for name, path in modules_under(package)
        for imported in sorted(imports_of(path))
        if imported.startswith(forbidden)
    ]


def test_the_dialog_core_imports_no_web_framework_database_or_twilio():
    web_and_storage = ("flask", "werkzeug", "sqlalchemy", "twilio", "ivr.web", "ivr.record", "ivr.answering")
    assert crossings("ivr.dialog", (*web_and_storage, "ivr.business", "ivr.devtools", "ivr.cli")) == []


def test_the_record_knows_nothing_of_the_web_the_answering_or_the_business():
    forbidden = ("flask", "werkzeug", "twilio", "ivr.web", "ivr.answering", "ivr.business", "ivr.devtools")
    assert crossings("ivr.record", forbidden) == []


@pytest.mark.parametrize("package", [*RUNTIME, "ivr.assistant", "ivr.logs"])
def test_the_runtime_never_imports_the_development_tools_or_the_command(package):
    assert crossings(package, ("ivr.devtools", "ivr.cli", "testkit", "tests", "bench")) == []


def test_only_the_web_layer_speaks_flask():
    for package in ("ivr.answering", "ivr.business", "ivr.record", "ivr.dialog"):
        assert crossings(package, ("flask", "werkzeug")) == [], package


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `statement`."""
    probe = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "statement",
    [
        "import ivr",
        "import ivr.cli",
        "import ivr.config; ivr.config.Settings.from_env(dotenv=None)",
        "from ivr.cli import main",
    ],
)
def test_importing_the_package_or_its_command_loads_no_model_sdk_database_or_web_framework(statement):
    heavy = {"anthropic", "sqlalchemy", "flask", "twilio", "psycopg", "rapidfuzz"}
    assert heavy & {name.split(".")[0] for name in loaded_after(statement)} == set()


def test_a_menu_line_never_loads_the_model_sdk(tmp_path):
    statement = (
        "from ivr import create_app; from ivr.config import Settings; "
        f"create_app(Settings(database_url='sqlite:///{tmp_path}/ivr.sqlite3', twilio_auth_token='t'))"
    )
    loaded = {name.split(".")[0] for name in loaded_after(statement)}
    assert "flask" in loaded  # the app was built
    assert "anthropic" not in loaded
