"""Asking the tenant's booking system whether a requested slot is confirmed (`tenant.yaml`
`bookings.confirm_webhook`). Without one, or when it does not say yes in time, a booking is a
request a person confirms: a draft never says "confirmed" on its own.

    POST <confirm_webhook>  {"tenant", "intent", "date", "time", "product", "name"}
    200 {"confirmed": true}   → the draft says the booking is confirmed; anything else → requested
"""

from __future__ import annotations

from typing import Any

import httpx

TIMEOUT_S = 2.0  # a slow booking system must not hold the reply: the booking stays a request


def slot_confirmed(url: str, *, tenant: str, intent: str, fields: dict[str, Any]) -> bool:
    payload = {"tenant": tenant, "intent": intent,
               **{k: fields.get(k) for k in ("date", "time", "product", "name")}}
    try:
        response = httpx.post(url, json=payload, timeout=TIMEOUT_S)
        return response.status_code == 200 and response.json().get("confirmed") is True
    except (httpx.HTTPError, ValueError, AttributeError):
        return False
