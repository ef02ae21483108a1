"""`copilot chat`: play the customer against the automated mode on the embedded default.

Every line you type is a customer message; the bot's turn runs at once (the debounce is skipped
by moving the clock). Lines starting with / are commands: move the clock to see follow-ups fire,
write as a human agent, release or resolve, show the state.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import typer

from .clock import ManualClock
from .db import Database
from .inbound import InboundEvent
from .outbox import Outcome
from .service import Automation
from .worker import Worker

HELP = """Type a message as the customer. Commands:
  /wait 4h | 30m | 2d | 90s   move the clock (follow-ups fall due)
  /agent TEXT                 a human agent writes (the bot stops)
  /takeover /release /resolve operator actions
  /state                      state, hand-off packet, follow-ups
  /help  /quit"""
_SPAN = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class Screen:
    """The outbound receiver of a chat session: prints what the customer would get."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock

    async def send(self, payload: dict[str, Any]) -> Outcome:
        at = self.clock.now().strftime("%a %H:%M")
        typer.secho(f"[{at}] bot ({payload['kind']}): {payload['text']}", fg=typer.colors.GREEN)
        if payload.get("handoff"):
            h = payload["handoff"]
            typer.secho(f"        → handed off: {', '.join(h['reasons'])}; a person replies by {h['reply_by']}",
                        fg=typer.colors.YELLOW)
        return Outcome("delivered")


def run_chat(cp: Any, *, channel: str = "webchat", tenant: str | None = None, start: datetime | None = None,
             db_path: Path | None = None) -> None:
    """`cp`: the pipeline (`Copilot`) the CLI built."""
    settings = cp.settings
    path = db_path or Path(tempfile.mkdtemp(prefix="copilot-chat-")) / "chat.sqlite3"
    clock = ManualClock(start or datetime.now(UTC))
    typer.echo("loading the models …", err=True)
    cp.warm_up(tenant)
    db = Database(f"sqlite:///{path}")
    automation = Automation(cp, db=db, clock=clock)
    worker = Worker(db, cp, automation.policies, clock=clock, sender=Screen(clock), name="chat")
    policy = automation.policies.get(tenant or settings.tenant)
    conversation = f"chat-{clock.now():%Y%m%d%H%M%S}"
    typer.echo(f"{HELP}\nstore: {path} · clock: {clock.now():%Y-%m-%d %H:%M} UTC · channel: {channel}")
    n = 0

    def run(wait: timedelta) -> None:
        clock.advance(wait)
        asyncio.run(worker.run_until_idle())

    def detail() -> dict[str, Any] | None:
        rows = [c for c in automation.queue(state=None, tenant=None, limit=10) if c["conversation_id"] == conversation]
        return automation.detail(rows[0]["id"]) if rows else None

    def show_follow_ups(only_pending: bool = True) -> None:
        d = detail()
        for f in (d or {}).get("follow_ups", []):
            if f["state"] == "pending" or not only_pending:
                why = f" ({f['reason']})" if f["reason"] else ""
                typer.secho(f"        ⏰ {f['trigger']} {f['state']}{why}, due {f['due_at']:%a %H:%M}",
                            fg=typer.colors.CYAN)

    while True:
        try:
            line = input("you> ").strip()
        except EOFError:
            break
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        if line == "/help":
            typer.echo(HELP)
            continue
        if line.startswith("/wait"):
            m = _SPAN.match(line[5:].strip())
            if not m:
                typer.echo("usage: /wait 4h (s, m, h or d)")
                continue
            before = {f["id"]: f["state"] for f in (detail() or {}).get("follow_ups", [])}
            run(timedelta(**{_UNIT[m.group(2)]: float(m.group(1))}))
            typer.echo(f"        clock: {clock.now():%a %Y-%m-%d %H:%M} UTC")
            for f in (detail() or {}).get("follow_ups", []):
                if before.get(f["id"]) == "pending" and f["state"] in ("skipped", "cancelled"):
                    typer.secho(f"        ⏰ {f['trigger']} {f['state']}: {f['reason']}", fg=typer.colors.CYAN)
            continue
        if line in ("/takeover", "/release", "/resolve", "/state"):
            d = detail()
            if d is None:
                typer.echo("no conversation yet: write something first")
                continue
            if line != "/state":
                d = {**d, **automation.set_state(d["id"], line[1:])}
            typer.echo(f"        state: {d['state']}")
            if d.get("handoff") and d["state"] == "human":
                typer.echo(f"        hand-off: {d['handoff'].get('summary', '')} · reasons: "
                           f"{', '.join(d['handoff'].get('reasons', []))}")
            if line == "/state":
                show_follow_ups(only_pending=False)
            continue
        n += 1
        role = "customer"
        if line.startswith("/agent "):
            role, line = "agent", line[7:].strip()
        elif line.startswith("/"):
            typer.echo("unknown command; /help lists them")
            continue
        automation.inbound(InboundEvent(channel=channel, conversation_id=conversation, message_id=f"m{n}",  # type: ignore[arg-type]
                                        role=role, text=line, tenant=tenant))  # type: ignore[arg-type]
        run(timedelta(seconds=policy.max_debounce_seconds))
        show_follow_ups()
    db.dispose()
