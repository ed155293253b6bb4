"""``corroborate eval``: the eval as a plug-in command of the CLI (entry point group
``corroborate.commands`` in pyproject.toml), so the product never imports this package."""

from __future__ import annotations

import argparse


class EvalCommand:
    name = "eval"
    help = ("score the answers on the eval suites; exit 1 when a threshold in "
            "evals/thresholds.toml is missed")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        from evals.options import add_arguments

        add_arguments(parser)

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        from evals.cli import execute

        return execute(args)


COMMAND = EvalCommand()
