"""The auto-send gate (issue 16, item 4): does this suggestion go to the customer without a person?

The pipeline decides it: `decision.auto_send` holds when the decision is `continue`, the hygiene
check passed and the tenant's send policy (`send_policy.yaml`: intent allow-list and a minimum
`send_confidence`) allows the draft (docs/auto-send.md). This module only says why not, for the
hand-off packet, and routes promised replies to a person.
"""

from __future__ import annotations

from ..models import Suggestion


def blocked_reasons(suggestion: Suggestion) -> list[str]:
    """Why the suggestion must not be sent on its own; empty means send it."""
    decision = suggestion.decision
    if decision.auto_send and decision.action == "continue" and suggestion.hygiene.passed:
        reasons: list[str] = []
    elif decision.action != "continue":
        reasons = list(decision.reasons) or ["decision:escalate"]
    elif not suggestion.hygiene.passed:
        reasons = ["hygiene_block"]
    elif decision.promise is not None:
        # "I'm checking order VN-10711 and will update you by 10:30", "our team takes it from here":
        # nothing behind the automation can check an order or confirm a booking, so a person keeps the
        # promise, with the packet (decision.handoff: the order number, the promised time).
        reasons = [f"promise:{decision.promise.kept_by}"]
    else:
        reasons = [f"send_policy:{suggestion.intent.id}@{decision.send_confidence:.2f}"]
    return reasons
