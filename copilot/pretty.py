"""Human-readable views for the CLI (`--pretty`): what an agent or a product person reads."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from .models import HygieneReport, Suggestion

_STATUS = {"pass": "[green]pass[/]", "fail": "[red]FAIL[/]", "error": "[yellow]error[/]", "skip": "[dim]skip[/]"}


def _console() -> Console:
    # Ids and texts are data: "faq:parking:hy" is no emoji code, "[VIP]" in an answer no markup (escape below).
    return Console(emoji=False)


def print_report(report: HygieneReport, console: Console | None = None) -> None:
    console = console or _console()
    table = Table(title=f"Hygiene: {'passed' if report.passed else 'BLOCKED'} · score {report.score:.2f}")
    for col in ("rule", "name", "severity", "status", "detail"):
        table.add_column(col)
    for c in report.checks:
        if c.status == "skip":
            continue
        table.add_row(c.rule, c.name, c.severity, _STATUS[c.status], escape(c.detail))
    console.print(table)


def print_suggestion(s: Suggestion, console: Console | None = None) -> None:
    console = console or _console()
    alts = ", ".join(f"{a.id} {a.confidence:.2f}" for a in s.intent.alternatives)
    # An intent the classifier doubted, taken from the FAQ entry or the named item that answers the message
    # (intent_from_knowledge): its confidence is still the classifier's, so say where it came from.
    top = s.knowledge[0] if s.knowledge else None
    taken = top is not None and (top.intent in (None, s.intent.id)) and any(
        a.confidence > s.intent.confidence for a in s.intent.alternatives)
    source = f", taken from {top.id}" if taken and top is not None else ""
    # The short facts first: a narrow terminal cut "Language" off the end of the alternatives.
    console.print(f"[bold]Language[/] {s.language}  [bold]Moment[/] {s.draft.moment}  [bold]Intent[/] {s.intent.id} "
                  f"({s.intent.confidence:.2f}{source}; next: {alts or '—'})")
    fields = escape(", ".join(f"{k}={v}" for k, v in s.fields.items()) or "—")
    console.print(f"[bold]Fields[/] {fields}   [bold]Missing[/] {', '.join(s.missing_fields) or '—'}")
    for k in s.knowledge:
        console.print(f"[bold]Knowledge[/] {k.score:.2f} {escape(k.id)}: {escape(k.text[:100])}")
    console.print(Panel(escape(s.draft.text), title=f"Draft ({s.draft.template_id})", expand=False))
    for o in s.draft.options:
        console.print(escape(f"  option {o.label}: {o.title} {o.price.amount if o.price else ''} {o.summary}"))
    print_report(s.hygiene, console)
    d = s.decision
    line = f"[bold]Decision[/] {d.action.upper()}" + (f" ({', '.join(d.reasons)})" if d.reasons else "")
    console.print(line + f" · send_confidence {d.send_confidence:.2f} · auto_send {'yes' if d.auto_send else 'no'}")
    if d.promise:
        console.print(escape(f"  Promise: “{d.promise.text}”{' by ' + d.promise.by if d.promise.by else ''}, "
                             f"kept by {d.promise.kept_by}"))
    if d.handoff:
        fields = ", ".join(f"{k}={v}" for k, v in d.handoff.fields.items())
        console.print(escape(f"  Summary: {d.handoff.summary}\n  Goal: {d.handoff.goal}\n  Next step: "
                             f"{d.handoff.next_step}" + (f"\n  Fields: {fields}" if fields else "")))
    for f in s.follow_ups:
        console.print(f"[bold]Follow-up[/] after {f.after} ({f.trigger}): {escape(f.text)}")
