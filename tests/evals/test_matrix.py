"""A prompt × model matrix against the fake model server: each config uses its prompt, the cache is warm on re-run."""

from __future__ import annotations

from pathlib import Path

import yaml

from copilot.evals.runner import run_suite
from eval_builders import TINY_CASES, write_cases


def test_prompt_versions_and_models_are_axes_of_one_run_and_a_rerun_hits_the_cache(
        tmp_path: Path, data_dir: Path, model_server, llm_env: None) -> None:
    write_cases(tmp_path / "d.yaml", TINY_CASES[:2])
    suite = {"name": "matrix", "datasets": ["d.yaml"], "parallel_configs": 2,
             "matrix": {"axes": {"prompt": {"v1": {"prompt_versions": {"suggest": "v1"}},
                                            "v2": {"prompt_versions": {"suggest": "v2"}}},
                                 "model": {"a": {"model": "openai/fake-a"}, "b": {"model": "openai/fake-b"}}},
                        "settings": {"api_base": model_server.url, "retries": 0, "timeout_s": 10}}}
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(suite, sort_keys=False), encoding="utf-8")
    # The server's port is new each time and api_base is part of the cache key: the first run is cold.
    first = run_suite(tmp_path / "s.yaml", out_dir=tmp_path / "r1", base_settings={"data_dir": data_dir},
                      progress=False)
    asked = len(model_server.requests)

    assert [r.config for r in first.results] == ["v1-a", "v1-b", "v2-a", "v2-b"]
    for r in first.results:
        assert any(v.startswith(f"suggest/{r.axes['prompt']}") for v in r.prompt_versions), r.prompt_versions
        assert r.models == [f"openai/fake-{r.axes['model']}"] and r.failure is None
    by_prompt = {("search found" in m.messages[0]["content"]) for m in model_server.requests}
    assert by_prompt == {True, False}                  # v2's system prompt differs from v1's
    assert asked >= 8                                  # 2 cases × 4 configs reached the model

    again = run_suite(tmp_path / "s.yaml", out_dir=tmp_path / "r2", base_settings={"data_dir": data_dir},
                      progress=False)
    assert len(model_server.requests) == asked         # every answer came from the cache
    assert all(r.metrics["llm.cached_calls"] == r.metrics["llm.calls"] > 0 for r in again.results)
