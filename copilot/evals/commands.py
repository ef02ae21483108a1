"""`copilot eval run | report | compare`, registered on the CLI's `eval` sub-app by copilot/cli.py.

Exit codes: 0 ok · 1 the gate failed (or `compare --fail-on-regression` found one) · 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import CopilotError

_KEY_METRICS = ["cases", "intent.accuracy", "intent.macro_f1", "fields.recall", "fields.precision",
                "escalation.recall", "escalation.precision", "moment.accuracy", "hygiene.pass_rate",
                "hygiene.drafts_passed", "hygiene.must_pass_rate", "hygiene.unrevised_rate", "grounding.facts_rate",
                "similarity.mean", "decision.within_rate", "latency.median_ms", "latency.p95_ms", "cost.tokens",
                "cost.usd", "judge.pass_rate", "factuality.pass_rate", "assertions.pass_rate", "failures.rate", "failures.fallbacks", "failures.timeouts",
                "failures.copilot_errors", "failures.judge_errors", "llm.calls", "llm.cached_calls"]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _load(run_path: Path) -> list:
    """Every config's results in a run (directory or file); a bad path is a usage error."""
    from .results import load_results

    try:
        return load_results(run_path)
    except CopilotError as exc:
        _fail(str(exc))
        return []


def _side_by_side_next_to(page: Path, results: list) -> Path | None:
    """Several configs: their outputs next to each other on one page beside `page`."""
    if len(results) < 2:
        return None
    from .side_by_side import render_side_by_side

    side = page.with_name(page.stem + ".side-by-side.html")
    side.write_text(render_side_by_side(results), encoding="utf-8")
    return side


def register(eval_app: typer.Typer) -> None:
    """Add `run`, `report` and `compare` to the given Typer sub-app."""

    @eval_app.command("run")
    def run(
        suite: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Suite YAML file.")],
        config: Annotated[list[str] | None, typer.Option("--config", help="Run only this config (repeatable).")] = None,
        repeat: Annotated[int, typer.Option(min=1, max=50, help="Run every case N times; variance is reported.")] = 1,
        no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not reuse cached LLM responses.")] = False,
        out: Annotated[Path | None, typer.Option("--out", help="Run directory (re-using one resumes it).")] = None,
        html: Annotated[Path | None, typer.Option("--html", help="Also write the HTML report here.")] = None,
        quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    ) -> None:
        """Run a suite on its configs, write results, and exit 1 if a gate threshold fails."""
        from .gate import gate_summary
        from .runner import run_suite

        try:
            result = run_suite(suite, configs=config or None, repeat=repeat, cache=not no_cache, out_dir=out,
                               progress=not quiet)
        except CopilotError as exc:
            _fail(str(exc))
            return
        for r in sorted(result.results, key=lambda r: r.failure is None):   # failed systems first
            typer.echo(f"\n{r.suite} · {r.config} · {len(r.cases)} case runs · {r.duration_s:.1f} s")
            if r.failure:
                typer.echo(f"  SYSTEM UNDER TEST FAILED: {r.failure}")
            for key in _KEY_METRICS:
                value = r.metrics.get(key)
                if value is not None:
                    std = r.metrics_std.get(key)
                    typer.echo(f"  {key:<28} {value:>10.4g}" + (f"  ± {std:.3g}" if std else ""))
            typer.echo(gate_summary(r))
        typer.echo(f"\nresults: {result.run_dir}")
        if html:
            from .report_html import render_report

            html.write_text(render_report(result.results), encoding="utf-8")
            typer.echo(f"report: {html}")
            if side := _side_by_side_next_to(html, result.results):
                typer.echo(f"side by side: {side}")
        raise typer.Exit(0 if result.passed else 1)

    @eval_app.command("report")
    def report(
        run_path: Annotated[Path, typer.Argument(exists=True, help="Run directory or a *.results.json file.")],
        out: Annotated[Path | None, typer.Option("--out", help="HTML file (default: report.html in the run dir).")] = None,
    ) -> None:
        """Render a self-contained HTML report of a run."""
        from .report_html import render_report

        results = _load(run_path)
        target = out or ((run_path if run_path.is_dir() else run_path.parent) / "report.html")
        target.write_text(render_report(results), encoding="utf-8")
        typer.echo(str(target))
        if side := _side_by_side_next_to(target, results):
            typer.echo(str(side))

    @eval_app.command("side-by-side")
    def side_by_side(
        run_path: Annotated[list[Path], typer.Argument(exists=True, help="Run directories or *.results.json files.")],
        config: Annotated[list[str] | None, typer.Option("--config", help="Only these configs, in this order.")] = None,
        out: Annotated[Path | None, typer.Option("--out", help="HTML file (default: side-by-side.html in the first run dir).")] = None,
    ) -> None:
        """One page: a row per case, a column per config (draft, intent, decision, failed rules), with filters."""
        from .side_by_side import render_side_by_side

        results = [r for p in run_path for r in _load(p)]
        if config:
            by_name = {r.config: r for r in results}
            missing = [c for c in config if c not in by_name]
            if missing:
                _fail(f"no results for config(s) {missing}; found {sorted(by_name)}")
            results = [by_name[c] for c in config]
        first = run_path[0]
        target = out or ((first if first.is_dir() else first.parent) / "side-by-side.html")
        target.write_text(render_side_by_side(results), encoding="utf-8")
        typer.echo(str(target))

    @eval_app.command("promptfoo")
    def promptfoo(
        suite: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Suite YAML file.")],
        out: Annotated[Path, typer.Option("--out", help="Folder for promptfooconfig.yaml, tests, provider, pack.")],
        config: Annotated[list[str] | None, typer.Option("--config", help="Only these configs (repeatable).")] = None,
        url: Annotated[str | None, typer.Option("--url", help="Ask a running `copilot serve` at this URL instead.")] = None,
    ) -> None:
        """Export a suite as a promptfoo project: `npx promptfoo eval` there gives our verdicts."""
        from .promptfoo import export_config

        try:
            path = export_config(suite, out, configs=config or None, url=url)
        except CopilotError as exc:
            _fail(str(exc))
            return
        typer.echo(str(path))

    @eval_app.command("export")
    def export(
        run_path: Annotated[Path, typer.Argument(exists=True, help="Run directory or a *.results.json file.")],
        out: Annotated[Path, typer.Option("--out", help="JSON file in promptfoo's results format.")],
    ) -> None:
        """Write a run in promptfoo's results format (`promptfoo import FILE` shows it in promptfoo's viewer)."""
        import json

        from .promptfoo import export_results

        results = _load(run_path)
        out.write_text(json.dumps(export_results(results), ensure_ascii=False, indent=1), encoding="utf-8")
        typer.echo(str(out))

    @eval_app.command("compare")
    def compare(
        run_a: Annotated[Path, typer.Argument(exists=True, help="Baseline run (directory or results file).")],
        run_b: Annotated[Path, typer.Argument(exists=True, help="Candidate run.")],
        config: Annotated[str | None, typer.Option("--config", help="Config to compare when a run holds several.")] = None,
        html: Annotated[Path | None, typer.Option("--html", help="Also write the comparison as HTML.")] = None,
        fail_on_regression: Annotated[bool, typer.Option("--fail-on-regression", help="Exit 1 if any case regressed.")] = False,
    ) -> None:
        """Show regressions and improvements case by case between two runs."""
        from .compare import compare_runs, format_comparison, render_comparison
        from .results import load_result

        try:
            cmp = compare_runs(load_result(run_a, config=config), load_result(run_b, config=config))
        except CopilotError as exc:
            _fail(str(exc))
            return
        typer.echo(format_comparison(cmp))
        if html:
            html.write_text(render_comparison(cmp), encoding="utf-8")
            typer.echo(f"\nhtml: {html}")
        raise typer.Exit(1 if fail_on_regression and cmp.regressions else 0)
