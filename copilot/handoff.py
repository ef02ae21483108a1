"""The context header (M6): Summary · Goal · Next step, so anyone can continue the conversation.

Written on every hand-off (`decision.handoff`) and when the customer changes topic
(`Suggestion.context_header`): the earlier request is still open, and the header says which.
"""

from __future__ import annotations

from .models import Conversation, Handoff
from .redact import redact_cards
from .resources import Tenant
from .understand import Understanding


def context_header(conversation: Conversation, u: Understanding, tenant: Tenant, *, reply_by: str) -> Handoff:
    spec = tenant.intent(u.intent.id)
    goal = spec.description if spec and spec.description else u.intent.id
    summary = (f"{u.intent.id} ({u.language.code}, {conversation.channel}): "
               f"“{clip(conversation.last_customer_message.text, 160)}”")
    if u.missing:
        next_step = f"Ask for {u.missing[0]}, then act on the request by {reply_by}."
    else:
        next_step = f"Act on the request and reply by {reply_by}."
    if u.topic_change and u.earlier is not None:
        summary += f"; earlier request still open: {u.earlier.id} “{clip(u.earlier_text, 120)}”"
        next_step += f" Then settle the earlier {u.earlier.id} request or tell the customer where it stands."
    return Handoff(summary=summary, goal=goal, next_step=next_step, fields=dict(u.fields))


def clip(text: str, n: int) -> str:
    text = redact_cards(" ".join(text.split()))  # the header is forwarded: no card data in it
    return text if len(text) <= n else text[: n - 1] + "…"
