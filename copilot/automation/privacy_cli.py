"""`copilot privacy purge | delete`: the retention period and one customer's erasure, from a shell
or a cron job (the same functions the worker and the admin route use: `automation.retention`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ..settings import Settings
    from .db import Database
    from .retention import Deleted


def _open() -> tuple[Database, Settings]:
    from ..settings import Settings
    from .db import Database

    settings = Settings()
    db = Database.from_settings(settings)
    db.migrate()
    return db, settings


def _say(deleted: Deleted) -> None:
    typer.echo(" ".join(f"{table} {n}" for table, n in deleted.model_dump().items()))


def register(app: typer.Typer) -> None:
    @app.command("purge")
    def purge(
        days: Annotated[int | None, typer.Option(min=1, help="Keep this many days (default: COPILOT_RETENTION_DAYS).")] = None,
    ) -> None:
        """Delete stored conversations older than the retention period (workers also do it hourly)."""
        from datetime import UTC, datetime

        from .retention import purge as run_purge

        db, settings = _open()
        keep = days if days is not None else settings.retention_days
        if keep <= 0:
            typer.echo("COPILOT_RETENTION_DAYS is 0: everything is kept; pass --days N to purge anyway.")
            return
        _say(run_purge(db, now=datetime.now(UTC), days=keep))

    @app.command("delete")
    def delete(
        tenant: Annotated[str, typer.Option(help="The business the customer wrote to.")],
        customer: Annotated[str, typer.Option(help="The channel's conversation id (e.g. a WhatsApp number), "
                                                   "or the customer's e-mail or phone.")],
        channel: Annotated[str | None, typer.Option(help="Only this channel's conversations.")] = None,
    ) -> None:
        """Delete one customer's conversations and everything in them; prints what was deleted."""
        from .retention import delete_customer

        db, _ = _open()
        _say(delete_customer(db, tenant=tenant, customer=customer, channel=channel))
