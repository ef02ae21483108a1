"""The automated mode's numbers for /metrics, read from its database when Prometheus scrapes.

Queue depth, follow-ups due and the auto-send rate are facts of the shared database, not of one
process: every replica reports the same values (aggregate with `max`, not `sum`). Read at scrape
time, they are right whichever process did the work (`copilot worker` has no HTTP port).
A database that does not answer is one gauge (`copilot_automation_up 0`), never a failed scrape.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import case, func, select

from .db import Database
from .schema import ConversationRow, FollowUpRow, OutboxRow, SuggestionRow

log = logging.getLogger(__name__)

RATE_WINDOW = timedelta(hours=1)  # the turn outcomes the auto-send rate is computed over
_UNDELIVERED = ("pending", "sending", "failed", "unknown")


class AutomationCollector(Collector):
    """Gauges computed from the automation database at each scrape."""

    def __init__(self, db: Callable[[], Database], now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._db = db  # a callable: the database is opened on first scrape, not at import
        self._now = now

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("copilot_automation_up", "1 when the automation database answered this scrape.")
        try:
            families = list(self._families(self._now()))
        except Exception as exc:  # noqa: BLE001  (a scrape reports the outage, it does not fail)
            log.warning("automation metrics unavailable: %s", type(exc).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _families(self, now: datetime) -> Iterator[GaugeMetricFamily]:
        # One grouped query per table (four a scrape), not one COUNT per label.
        db = self._db()
        with db.session() as s:
            due = ConversationRow.turn_due_at.is_not(None) & (ConversationRow.state == "bot")
            by_state = s.execute(select(
                ConversationRow.state, func.count(),
                func.sum(case((due & (ConversationRow.turn_due_at <= now), 1), else_=0)),
                func.sum(case((due & (ConversationRow.turn_due_at > now), 1), else_=0)),
            ).group_by(ConversationRow.state)).all()
            boxed = dict(s.execute(select(OutboxRow.state, func.count()).where(OutboxRow.state.in_(_UNDELIVERED))
                                   .group_by(OutboxRow.state)).all())
            when = case((FollowUpRow.due_at <= now, "due"), else_="later")
            pending = dict(s.execute(select(when, func.count()).where(FollowUpRow.state == "pending")
                                     .group_by(when)).all())
            outcomes = dict(s.execute(select(SuggestionRow.outcome, func.count())
                                      .where(SuggestionRow.created_at >= now - RATE_WINDOW)
                                      .group_by(SuggestionRow.outcome)).all())

        turns = GaugeMetricFamily("copilot_turns_pending", "Conversations waiting for the bot's reply "
                                  "(due = debounce over, waiting for a worker).", labels=["when"])
        turns.add_metric(["due"], sum(int(row[2] or 0) for row in by_state))
        turns.add_metric(["debouncing"], sum(int(row[3] or 0) for row in by_state))
        yield turns

        handoffs = GaugeMetricFamily("copilot_conversations", "Conversations by state (human = the operators' "
                                     "queue).", labels=["state"])
        for state, n, *_ in by_state:
            handoffs.add_metric([state], n)
        yield handoffs

        box = GaugeMetricFamily("copilot_outbox", "Outbox messages not yet delivered, by state (failed and "
                                "unknown need an operator).", labels=["state"])
        for state in _UNDELIVERED:
            box.add_metric([state], boxed.get(state, 0))
        yield box

        fups = GaugeMetricFamily("copilot_follow_ups", "Pending follow-ups: due now (waiting for a worker) "
                                 "or scheduled later.", labels=["when"])
        for label in ("due", "later"):
            fups.add_metric([label], pending.get(label, 0))
        yield fups

        last_hour = GaugeMetricFamily("copilot_turns_last_hour", "Turns of the last hour by outcome (sent = "
                                      "auto-sent, handoff = to a person, dropped = re-run for newer messages).",
                                      labels=["outcome"])
        for outcome in ("sent", "handoff", "dropped"):
            last_hour.add_metric([outcome], outcomes.get(outcome, 0))
        yield last_hour
        decided = outcomes.get("sent", 0) + outcomes.get("handoff", 0)
        rate = GaugeMetricFamily("copilot_auto_send_rate", "Share of the last hour's decided turns sent without "
                                 "a person (sent / (sent + handoff)); NaN without turns.")
        rate.add_metric([], outcomes.get("sent", 0) / decided if decided else float("nan"))
        yield rate
