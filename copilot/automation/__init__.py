"""Automated answering mode: a conversation store, inbound events, turns, the auto-send gate,
human takeover, durable follow-ups and an outbox (docs/automation.md).

The suggestion itself comes from `Copilot.asuggest`; this package decides what happens to it.
"""
