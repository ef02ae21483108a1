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
                "cost.usd", "judge.pass_rate"]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


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
        for r in result.results:
            typer.echo(f"\n{r.suite} · {r.config} · {len(r.cases)} case runs · {r.duration_s:.1f} s")
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
        raise typer.Exit(0 if result.passed else 1)

    @eval_app.command("report")
    def report(
        run_path: Annotated[Path, typer.Argument(exists=True, help="Run directory or a *.results.json file.")],
        out: Annotated[Path | None, typer.Option("--out", help="HTML file (default: report.html in the run dir).")] = None,
    ) -> None:
        """Render a self-contained HTML report of a run."""
        from .report_html import render_report
        from .results import load_results

        try:
            results = load_results(run_path)
        except CopilotError as exc:
            _fail(str(exc))
            return
        target = out or ((run_path if run_path.is_dir() else run_path.parent) / "report.html")
        target.write_text(render_report(results), encoding="utf-8")
        typer.echo(str(target))

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
