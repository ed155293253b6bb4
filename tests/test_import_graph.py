"""The product never imports the eval or the tests: `corroborate eval` arrives as a plug-in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = [*sorted((ROOT / "assistant").rglob("*.py")), *sorted((ROOT / "index").rglob("*.py")),
           ROOT / "app.py"]


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", PRODUCT, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_product_module_imports_evals_or_tests(path):
    assert not _imported(path) & {"evals", "tests"}


def test_the_scan_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from evals.cli import execute\n    import tests.x\n")
    assert {"evals", "tests"} <= _imported(module)


def test_eval_is_a_command_through_its_entry_point(capsys):
    from assistant.cli import build_parser, plugin_commands

    assert "eval" in [c.name for c in plugin_commands()]
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["eval", "--help"])
    assert done.value.code == 0 and "--suite" in capsys.readouterr().out
