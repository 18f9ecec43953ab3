"""Every command has help and is documented in the README (after sqlite-utils' test_docs)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from beleidsgraaf.cli import app
from tests.conftest import ROOT, Run

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_readme_opens_with_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    assert README.index("```sh") < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli: Run, command: str) -> None:
    result = cli(command, "--help")
    assert "Usage:" in result.stdout
    summary = get_command(app).commands[command].help  # type: ignore[attr-defined]
    assert summary and len(summary.strip()) > 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`beleidsgraaf {command}" in README


def test_readme_links_point_at_files_that_exist() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert Path(ROOT, target).exists(), target
