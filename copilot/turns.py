"""Budget the work of one request: only the recent turns of a long conversation are understood.

A 500-message conversation cost ~8 s of CPU (fields extracted from every customer message, dates
parsed in each) and one 20,000-character message ~1.8 s (a dateparser call per date-like phrase,
language detection over all of it), holding a worker while ordinary requests queued behind it.
What a reply needs is in the recent turns: the last customer message and what was asked and
answered around it, and the start of a long message (an e-mail's quoted history comes after it).
Of the older part two facts are kept, because moments and policy read them: the last customer
message (the one answered, if nothing newer is from the customer) and whether anyone had replied.
"""

from __future__ import annotations

from .models import Conversation

# Messages understood per request; the rest are older than anything a reply needs to quote.
RECENT_MESSAGES = 40
# Characters understood of one message, and of all the kept messages together (newest first).
MESSAGE_CHARS = 2_000
TOTAL_CHARS = 12_000


def recent_turns(conversation: Conversation, limit: int = RECENT_MESSAGES) -> Conversation:
    """The conversation's last `limit` messages (oldest first, as given), with the two facts above,
    each cut to its first MESSAGE_CHARS and all to TOTAL_CHARS."""
    messages = conversation.messages
    if (len(messages) <= limit and all(len(m.text) <= MESSAGE_CHARS for m in messages)
            and sum(len(m.text) for m in messages) <= TOTAL_CHARS):
        return conversation  # the common case: nothing to cut
    # lstrip first: a text is not blank (models.Message), so what is left of it is not blank either.
    messages = [m if len(m.text) <= MESSAGE_CHARS else m.model_copy(update={"text": m.text.lstrip()[:MESSAGE_CHARS]})
                for m in messages]
    budget, start = TOTAL_CHARS, len(messages)
    while start > 0 and len(messages) - start < limit and budget >= len(messages[start - 1].text):
        start -= 1
        budget -= len(messages[start].text)
    start = min(start, len(messages) - 1)  # at least the newest message
    older, kept = messages[:start], messages[start:]
    # The two facts go before the kept messages (older than all of them, so the order holds).
    if not any(m.role == "customer" for m in kept):
        kept = [next(m for m in reversed(older) if m.role == "customer"), *kept]
    if older and all(m.role == "customer" for m in kept):
        kept = [m for m in older if m.role != "customer"][-1:] + kept
    return conversation.model_copy(update={"messages": kept})
