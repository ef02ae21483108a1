"""promptfoo (npm, pinned in promptfoo/package.json) with our provider and assertion pack gives our verdicts.

.ci/run installs it and sets COPILOT_TEST_REQUIRE_PROMPTFOO=1; elsewhere the test is skipped only when
promptfoo is not installed (`cd promptfoo && npm install`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from copilot.evals.promptfoo import export_config, export_results, promptfoo_verdicts
from copilot.evals.results import case_verdict
from copilot.evals.runner import run_suite
from eval_builders import TINY_CASES, write_cases

REPO = Path(__file__).resolve().parents[2]
PROMPTFOO = REPO / "promptfoo" / "node_modules" / ".bin" / "promptfoo"
if not PROMPTFOO.exists() and not os.environ.get("COPILOT_TEST_REQUIRE_PROMPTFOO"):
    pytest.skip("promptfoo is not installed (cd promptfoo && npm install)", allow_module_level=True)

# The tiny cases plus two that fail on purpose: a wrong expectation and a failed assertion.
CASES = [*TINY_CASES,
         {**TINY_CASES[1], "id": "t-refund-wrong", "expect": {"escalate": False}},
         {**TINY_CASES[0], "id": "t-order-assert", "assert": [{"type": "icontains", "value": "tracking link"}]}]


def promptfoo_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
            "PROMPTFOO_PYTHON": sys.executable, "COPILOT_DATA_DIR": str(data_dir),
            "PROMPTFOO_DISABLE_TELEMETRY": "1", "PROMPTFOO_DISABLE_UPDATE": "1",
            "PROMPTFOO_CONFIG_DIR": str(tmp_path / "promptfoo-home"), "NO_COLOR": "1"}


def test_npx_promptfoo_eval_with_our_provider_and_pack_gives_our_verdicts(tmp_path: Path, data_dir: Path) -> None:
    write_cases(tmp_path / "cases.yaml", CASES)
    suite = tmp_path / "suite.yaml"
    suite.write_text(yaml.safe_dump({"name": "pf", "datasets": ["cases.yaml"],
                                     "assert": [{"type": "not-contains", "value": "[Name]"}]}), encoding="utf-8")
    ours = run_suite(suite, out_dir=tmp_path / "run", base_settings={"data_dir": data_dir}, progress=False)["offline"]
    want = {("offline", c.case.id): case_verdict(c) == "pass" for c in ours.cases}
    assert set(want.values()) == {True, False}          # both verdicts occur, so agreement means something

    project = export_config(suite, tmp_path / "pf")
    out = subprocess.run([str(PROMPTFOO), "eval", "-c", str(project), "-o", "results.json", "--no-progress-bar"],
                         cwd=project.parent, env=promptfoo_env(tmp_path, data_dir), capture_output=True, text=True,
                         timeout=600)
    assert (project.parent / "results.json").exists(), out.stdout[-3000:] + out.stderr[-3000:]
    got = promptfoo_verdicts(json.loads((project.parent / "results.json").read_text(encoding="utf-8")))
    assert got == want


def test_our_results_export_imports_into_promptfoo(tmp_path: Path, data_dir: Path) -> None:
    write_cases(tmp_path / "cases.yaml", CASES)
    (tmp_path / "s.yaml").write_text(yaml.safe_dump({"name": "pf", "datasets": ["cases.yaml"]}), encoding="utf-8")
    result = run_suite(tmp_path / "s.yaml", out_dir=tmp_path / "run", base_settings={"data_dir": data_dir},
                       progress=False)
    exported = export_results(result.results)
    assert promptfoo_verdicts(exported) == {("offline", c.case.id): case_verdict(c) == "pass"
                                            for c in result["offline"].cases}
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    out = subprocess.run([str(PROMPTFOO), "import", str(path)], cwd=tmp_path, env=promptfoo_env(tmp_path, data_dir),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "Eval with ID" in out.stdout + out.stderr, out.stdout[-2000:] + out.stderr[-2000:]
