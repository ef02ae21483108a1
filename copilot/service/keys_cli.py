"""`copilot keys create | list | revoke`: API keys in the automation database (service.keys)."""

from __future__ import annotations

from typing import Annotated

import typer


def _store() -> object:
    from ..automation.db import Database
    from ..settings import Settings
    from .keys import KeyStore

    return KeyStore(Database.from_settings(Settings()))


def register(app: typer.Typer) -> None:
    @app.command("create")
    def create(
        tenant: Annotated[list[str], typer.Option(help="Tenant the key may act for; repeat for more; '*' = all.")],
        role: Annotated[list[str], typer.Option(help="suggest, inbound, operator or admin; repeat for more.")],
        name: Annotated[str, typer.Option(help="A label for people (who holds the key).")] = "",
    ) -> None:
        """Create a key. Its only copy is printed on the last line: store it now."""
        key = _store().create(tenants=tenant, roles=role, name=name)  # type: ignore[attr-defined]
        typer.echo(f"tenants {','.join(sorted(set(tenant)))}; roles {','.join(sorted(set(role)))}")
        typer.echo(key)

    @app.command("list")
    def list_keys() -> None:
        """Key ids, tenants, roles and state (never the secrets)."""
        for row in _store().list():  # type: ignore[attr-defined]
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
            typer.echo(f"{row.key_id}\t{','.join(row.tenants)}\t{','.join(row.roles)}\t{state}\t{row.name}")

    @app.command("revoke")
    def revoke(key_id: Annotated[str, typer.Argument(help="The id: the part after cpk_ and before the next _.")]) -> None:
        """Revoke a key (running servers stop accepting it within 5 s)."""
        if not _store().revoke(key_id):  # type: ignore[attr-defined]
            typer.echo(f"error: no active key {key_id!r}", err=True)
            raise typer.Exit(2)
        typer.echo(f"revoked {key_id}")
