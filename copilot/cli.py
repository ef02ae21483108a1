"""Command line: `copilot serve | worker | chat | suggest | check | rules | knowledge … | taxonomy … | tenant … | eval …`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from .errors import CopilotError
from .models import Conversation
from .settings import Settings
from .version import __version__

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Reply Copilot: rule-checked reply suggestions.")
knowledge_app = typer.Typer(no_args_is_help=True, help="Ingest, list and search the knowledge store.")
taxonomy_app = typer.Typer(no_args_is_help=True, help="Bring your own intent taxonomy.")
eval_app = typer.Typer(no_args_is_help=True, help="Evaluate intents, drafts and configs.")
tenant_app = typer.Typer(no_args_is_help=True, help="Set up a business: scaffold, validate, build and warm it.")
app.add_typer(knowledge_app, name="knowledge")
app.add_typer(tenant_app, name="tenant")
app.add_typer(taxonomy_app, name="taxonomy")
app.add_typer(eval_app, name="eval")
keys_app = typer.Typer(no_args_is_help=True, help="API keys: create, list, revoke.")
app.add_typer(keys_app, name="keys")
privacy_app = typer.Typer(no_args_is_help=True, help="Stored conversations: retention purge, one customer's erasure.")
app.add_typer(privacy_app, name="privacy")
from .evals.commands import register as _register_eval  # noqa: E402  (cheap: typer only)

from .tenant_commands import register as _register_tenant  # noqa: E402

_register_eval(eval_app)
from .service.keys_cli import register as _register_keys  # noqa: E402  (cheap: typer only)

_register_keys(keys_app)
from .automation.privacy_cli import register as _register_privacy  # noqa: E402  (cheap: typer only)

_register_privacy(privacy_app)
_register_tenant(tenant_app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reply-copilot {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Reply Copilot."""


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _read_conversation(source: str) -> Conversation:
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        _fail(f"cannot read {source!r}: {exc.strerror}")
    try:
        return Conversation.model_validate_json(raw)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors())
        _fail(f"invalid conversation in {source!r}: {fields}\n{exc}")
    raise AssertionError("unreachable")


# `tenant init` and `tenant check` take it, so the commands that answer a tenant's conversation do too.
TenantsDir = Annotated[Path | None, typer.Option("--tenants-dir", help="The folder of tenant folders. "
                                                 "Default: COPILOT_TENANTS_DIR.")]


def _copilot(tenants_dir: Path | None = None) -> Any:
    from .pipeline import Copilot

    return Copilot(Settings(**({"tenants_dir": tenants_dir} if tenants_dir else {})))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (each loads the models once).")] = 1,
    allow_no_keys: Annotated[bool, typer.Option("--allow-no-keys", help="Bind a non-local address although no "
                                                "API key exists (anyone who reaches it can use the API).")] = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs). Without API keys it listens on 127.0.0.1 only."""
    import uvicorn

    from .automation.db import Database
    from .service.auth import check_binding
    from .service.keys import KeyStore
    from .service.server import uvicorn_options

    settings = Settings()
    typer.echo(check_binding(host, KeyStore(Database.from_settings(settings)), allow_open=allow_no_keys), err=True)
    uvicorn.run("copilot.api:asgi_app", host=host, port=port, **uvicorn_options(settings, workers=workers))


@app.command()
def suggest(
    source: Annotated[str, typer.Argument(help="Conversation JSON file, or - for stdin.")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Human-readable view instead of JSON.")] = False,
    tenants_dir: TenantsDir = None,
) -> None:
    """Suggest a reply for a conversation (JSON in, Suggestion JSON out)."""
    conversation = _read_conversation(source)
    from .language import preload_models

    preload_models([m.text for m in conversation.customer_messages])  # overlaps the loading below
    try:
        result = _copilot(tenants_dir).suggest(conversation)
    except CopilotError as exc:
        _fail(str(exc))
    if pretty:
        from .pretty import print_suggestion

        print_suggestion(result)
    else:
        typer.echo(result.model_dump_json(indent=2))


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="Conversation JSON file, or - for stdin.")],
    draft: Annotated[str, typer.Option("--draft", help="The reply text to check.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the HygieneReport as JSON.")] = False,
    tenants_dir: TenantsDir = None,
) -> None:
    """Check a reply text against the rulebook in its conversation; exit 1 when a block rule fails."""
    report = _copilot(tenants_dir).check(_read_conversation(source), draft)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        from .pretty import print_report

        print_report(report)
    raise typer.Exit(0 if report.passed else 1)


@app.command()
def rules() -> None:
    """List the rules (the rulebook registry)."""
    from .rules import describe_rules

    for r in describe_rules():
        moments = f" [{', '.join(r.moments)}]" if r.moments else ""
        typer.echo(f"{r.id:<4} {r.severity:<5} {r.name}{moments}: {r.description}")


def _store(tenant: str, data_dir: Path | None = None, tenants_dir: Path | None = None) -> Any:
    """The store, with the default library's demo knowledge ingested for the default tenant, and a tenant's folder
    under `--tenants-dir` as its files are now (only what changed is embedded)."""
    from .knowledge import KnowledgeStore

    settings = Settings(**({"data_dir": data_dir} if data_dir else {}))
    store = KnowledgeStore(settings)
    folder = tenants_dir / tenant / "knowledge" if tenants_dir else settings.knowledge_dir / "demo"
    if (tenants_dir or tenant == settings.tenant) and folder.is_dir():
        store.ensure_ingested(folder, tenant=tenant)
    return store


# `tenant check --data-dir X` ingests there: the knowledge commands read the same folder.
_DataDir = Annotated[Path | None, typer.Option(help="The folder `tenant check` built (default: COPILOT_DATA_DIR).")]


@knowledge_app.command("ingest")
def knowledge_ingest(
    directory: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="Folder of knowledge files.")],
    tenant: Annotated[str, typer.Option(help="Tenant id.")] = "default",
) -> None:
    """Ingest a folder (idempotent: unchanged files write nothing)."""
    from .knowledge import KnowledgeStore

    report = KnowledgeStore(Settings()).ingest(directory, tenant=tenant)
    typer.echo(report.model_dump_json(indent=2) if hasattr(report, "model_dump_json") else str(report))


@knowledge_app.command("list")
def knowledge_list(
    tenant: Annotated[str, typer.Option(help="Tenant id.")] = "default",
    kind: Annotated[str | None, typer.Option(help="faq, policy or catalogue.")] = None,
    text: Annotated[bool, typer.Option("--text", help="Each entry's text as drafts quote it (an item's prices, "
                                                      "units and variants as its language writes them).")] = False,
    data_dir: _DataDir = None,
    tenants_dir: TenantsDir = None,
) -> None:
    """List the tenant's knowledge entries."""
    entries = _store(tenant, data_dir, tenants_dir).entries(tenant=tenant, kind=kind)
    if not entries:  # a tenant ingested into another data dir lists nothing: say where we looked
        _fail(f"no {kind or 'knowledge'} entries for tenant {tenant!r} in {data_dir or Settings().data_dir}: "
              f"`copilot tenant check {tenant}` ingests them (with the same --data-dir)")
    for hit in entries:
        typer.echo(f"{hit.id}\t{hit.text if text else hit.title}")


@knowledge_app.command("search")
def knowledge_search(
    text: Annotated[str, typer.Argument(help="A customer question.")],
    tenant: Annotated[str, typer.Option(help="Tenant id.")] = "default",
    language: Annotated[str | None, typer.Option(help="Prefer entries in this language.")] = None,
    k: Annotated[int, typer.Option(help="How many hits.")] = 3,
    data_dir: _DataDir = None,
    tenants_dir: TenantsDir = None,
) -> None:
    """Search the knowledge store as the pipeline does."""
    for hit in _store(tenant, data_dir, tenants_dir).search_text(text, tenant=tenant, language=language, k=k):
        typer.echo(f"{hit.score:.3f}\t{hit.id}\t{hit.text}")


@taxonomy_app.command("import")
def taxonomy_import(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV (text,intent) or JSONL file.")],
    tenant: Annotated[str, typer.Option(help="Tenant id; written to COPILOT_TENANTS_DIR/<tenant>/taxonomy/.")],
    oos_label: Annotated[str | None, typer.Option(help="Label of out-of-scope rows (left out).")] = None,
) -> None:
    """Build a tenant's taxonomy from labelled examples."""
    from .taxonomy import import_taxonomy

    settings = Settings()
    base = settings.tenants_dir or (settings.data_dir / "tenants")
    taxonomy = import_taxonomy(source, base / tenant / "taxonomy", oos_label=oos_label)
    n = sum(len(v) for i in taxonomy.intents for v in i.examples.values())
    typer.echo(f"tenant {tenant!r}: {len(taxonomy.intents)} intents, {n} examples → {base / tenant / 'taxonomy'}")


@eval_app.command("intents")
def eval_intents(
    test: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Labelled test file (CSV or JSONL).")],
    taxonomy: Annotated[Path, typer.Option(exists=True, help="Train file or taxonomy folder/YAML.")],
    validation: Annotated[Path | None, typer.Option(exists=True, help="Validation file for the threshold.")] = None,
    oos_label: Annotated[str | None, typer.Option(help="Label of out-of-scope rows.")] = None,
    examples_per_intent: Annotated[int | None, typer.Option(help="Use only N examples per intent.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object with the figures.")] = False,
) -> None:
    """Measure the intent classifier with the protocol of shared/data/README.md."""
    from .evals.intents import format_report, run_intent_eval

    settings = Settings()
    report = run_intent_eval(test, taxonomy=taxonomy, validation=validation, oos_label=oos_label,
                             examples_per_intent=examples_per_intent, cache_dir=settings.data_dir / "classifiers")
    typer.echo(report.model_dump_json(indent=2) if as_json else format_report(report))


@eval_app.command("calibrate")
def eval_calibrate(
    labelled: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Labelled conversations (YAML or JSONL).")],
    tenant: Annotated[str | None, typer.Option(help="Tenant whose policy and knowledge to use.")] = None,
    fit: Annotated[Path | None, typer.Option("--fit", dir_okay=False, help="Also fit a send_confidence model on them, "
                                             "written here (for the tenant's folder).")] = None,
) -> None:
    """Threshold table for auto-send on your own labelled conversations (docs/auto-send.md)."""
    from .calibration import calibrate_report

    typer.echo(calibrate_report(labelled, tenant=tenant, fit_to=fit))


from .automation.commands import register as _register_automation  # noqa: E402  (typer only)

_register_automation(app, make_copilot=_copilot)  # `copilot worker`, `copilot chat`


def run() -> None:
    """The `copilot` console script: our own errors end as one line and exit code 2, not a traceback."""
    try:
        app()
    except CopilotError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
