"""CLI commands of the automated mode: `copilot worker` and `copilot chat` (registered by cli.py)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import Annotated, Any

import typer

# The CLI hands over how to build the pipeline: only the entry points import the spine.
_make_copilot: Callable[[], Any] | None = None


def register(app: typer.Typer, *, make_copilot: Callable[[], Any]) -> None:
    global _make_copilot
    _make_copilot = make_copilot
    app.command()(worker)
    app.command()(chat)


def _copilot() -> Any:
    assert _make_copilot is not None, "register() first"
    return _make_copilot()


def worker(
    batch: Annotated[int, typer.Option(help="Turns drafted at once by this worker.")] = 4,
    poll: Annotated[float, typer.Option(help="Seconds between polls when idle.")] = 0.25,
) -> None:
    """Run a worker against the automation database (COPILOT_DATABASE_URL; PostgreSQL for scale-out:
    run several). SIGTERM/SIGINT: finish the turn in hand, then stop; a second signal gives it back."""
    from .db import Database
    from .worker import Worker

    copilot = _copilot()
    copilot.warm_up()
    db = Database.from_settings(copilot.settings)
    db.migrate()
    w = Worker.from_settings(db, copilot, batch=batch)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()

        def on_signal() -> None:
            if stop.is_set() and task is not None:
                task.cancel()  # second signal: give the turn in hand back now
            stop.set()

        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, on_signal)
        typer.echo(f"worker {w.owner} on {db.engine.url.render_as_string(hide_password=True)}", err=True)
        try:
            await w.run(stop, poll_s=poll)
        finally:
            await w.aclose()

    try:
        asyncio.run(main())
    except asyncio.CancelledError:
        pass
    db.dispose()


def chat(
    channel: Annotated[str, typer.Option(help="Channel (whatsapp applies its 24-hour window).")] = "webchat",
    tenant: Annotated[str | None, typer.Option(help="Tenant id (default: COPILOT_TENANT).")] = None,
    start: Annotated[str | None, typer.Option(help="Clock start, ISO 8601 UTC, e.g. 2026-12-01T03:00.")] = None,
) -> None:
    """Play the customer against the automated mode (embedded SQLite, a clock you move with /wait):
    see what is sent, what is handed off and which follow-ups are scheduled."""
    from datetime import UTC, datetime

    from .chat import run_chat

    at = None
    if start:
        try:
            at = datetime.fromisoformat(start)
        except ValueError:
            raise typer.BadParameter(f"not an ISO 8601 time: {start!r}", param_hint="--start") from None
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
    run_chat(_copilot(), channel=channel, tenant=tenant, start=at)
