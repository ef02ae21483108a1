"""Token budgets: count tokens and fit a conversation and knowledge into a prompt.

Counting uses tiktoken with the encodings litellm bundles (``copilot._bootstrap`` points
TIKTOKEN_CACHE_DIR at them), so it works offline. Non-OpenAI models tokenise differently; the
o200k count is a close enough estimate for budgeting and is what the benchmark reports.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import tiktoken

from ..models import KnowledgeHit, Message

# Per-message framing tokens in chat formats (OpenAI bills ~3 per message).
MESSAGE_OVERHEAD = 3
_ELLIPSIS = " … "


@lru_cache(maxsize=4)
def _encoding(name: str) -> tiktoken.Encoding:
    return tiktoken.get_encoding(name)


def _encoding_name(model: str | None) -> str:
    # cl100k for the gpt-3.5/gpt-4 generation; o200k for everything newer and for non-OpenAI models.
    bare = (model or "").rsplit("/", 1)[-1]
    if bare.startswith(("gpt-3.5", "gpt-4-", "text-embedding")) or bare == "gpt-4":
        return "cl100k_base"
    return "o200k_base"


def count_tokens(text: str, model: str | None = None) -> int:
    """Tokens in `text` for `model` (o200k_base when the model is unknown)."""
    if not text:
        return 0
    return len(_encoding(_encoding_name(model)).encode(text, disallowed_special=()))


def count_message_tokens(messages: list[dict[str, Any]], model: str | None = None) -> int:
    """Tokens of chat messages as sent: content plus per-message framing."""
    return sum(MESSAGE_OVERHEAD + count_tokens(str(m.get("content") or ""), model) for m in messages) + 3


# What instructor's JSON mode appends to the system message, besides the schema (indented by 2).
JSON_MODE_FRAME = (
    "As a genius expert, your task is to understand the content and provide the parsed objects in json "
    "that match the following json_schema: Make sure to return an instance of the JSON, not the schema itself"
)


def json_mode_tokens(schema: dict[str, Any], model: str | None = None) -> int:
    """Tokens instructor's JSON mode adds to a request: its frame and `schema` as it sends it (indent 2)."""
    return count_tokens(JSON_MODE_FRAME + json.dumps(schema, indent=2, ensure_ascii=False), model)


def truncate_to_tokens(text: str, budget_tokens: int, model: str | None = None) -> str:
    """Cut `text` to at most `budget_tokens`, keeping its head and tail (the middle matters least)."""
    enc = _encoding(_encoding_name(model))
    ids = enc.encode(text, disallowed_special=())
    if len(ids) <= budget_tokens:
        return text
    keep = max(budget_tokens - count_tokens(_ELLIPSIS, model), 0)
    if keep == 0:
        return ""
    head = keep * 2 // 3
    tail = keep - head
    return enc.decode(ids[:head]) + _ELLIPSIS + (enc.decode(ids[-tail:]) if tail else "")


def _line(role: str, text: str) -> str:
    return f"{role}: {text}"


def _fields_line(fields: dict[str, Any]) -> str:
    parts = [f"{k}={v}" for k, v in fields.items() if v not in (None, "", [], {})]
    return "fields gathered so far: " + "; ".join(parts)


def trim_conversation(messages: list[Message], *, budget_tokens: int, fields: dict[str, Any]) -> list[dict[str, str]]:
    """Fit a conversation into `budget_tokens`, as ``[{role, text}]`` oldest first.

    Keeps the first customer message (the original request), as many of the last turns as fit,
    and — when turns are dropped — a note of how many plus a one-line summary of the fields
    gathered so far, so the model never re-asks for them (H7). Counting is per rendered line
    (``role: text`` + newline); the result never exceeds the budget: long messages are cut in the
    middle rather than overflow.
    """
    rows = [{"role": m.role, "text": m.text} for m in messages]

    def cost(row: dict[str, str]) -> int:
        return count_tokens(_line(row["role"], row["text"])) + 1

    if sum(cost(r) for r in rows) <= budget_tokens:
        return rows

    first_idx = next(i for i, m in enumerate(messages) if m.role == "customer")
    # The first request, the latest message and the fields note get at most a third of the
    # budget each, so a single pasted essay cannot crowd out everything else.
    cap = max(budget_tokens // 3, 8)
    first = dict(rows[first_idx])
    first["text"] = truncate_to_tokens(first["text"], cap)
    notes = [{"role": "note", "text": truncate_to_tokens(_fields_line(fields), cap)}] if fields else []
    omitted = {"role": "note", "text": f"({len(rows)} earlier messages omitted)"}  # widest count: an upper bound
    remaining = budget_tokens - cost(first) - sum(cost(n) for n in notes) - cost(omitted)

    tail: list[dict[str, str]] = []
    for i in range(len(rows) - 1, first_idx, -1):
        row = dict(rows[i])
        if not tail:  # the message being answered is always kept, cut to fit if need be
            target = min(cap, remaining - 2)
            while target > 0 and cost(row := {**row, "text": truncate_to_tokens(rows[i]["text"], target)}) > remaining:
                target -= 4  # re-encoding a cut text can shift the count by a token or two
        c = cost(row)
        if c > remaining:
            break
        tail.append(row)
        remaining -= c
    tail.reverse()

    out = [first]
    dropped = len(rows) - first_idx - 1 - len(tail)
    if dropped > 0:
        out.append({"role": "note", "text": f"({dropped} earlier messages omitted)"})
    out.extend(notes)
    out.extend(tail)
    return out


def knowledge_line(hit: KnowledgeHit) -> str:
    """How one knowledge entry is shown to the model: its id (to cite, H10), title and text."""
    return f"[{hit.id}] {hit.title}: {hit.text}"


def fit_knowledge(hits: list[KnowledgeHit], *, budget_tokens: int) -> list[KnowledgeHit]:
    """The best hits that fit in `budget_tokens` (score order); the top hit is cut to fit if alone."""
    ranked = sorted(hits, key=lambda h: h.score, reverse=True)
    out: list[KnowledgeHit] = []
    left = budget_tokens
    for hit in ranked:
        c = count_tokens(knowledge_line(hit)) + 1
        if c <= left:
            out.append(hit)
            left -= c
    if not out and ranked and budget_tokens > 0:
        top = ranked[0]
        frame = count_tokens(knowledge_line(top.model_copy(update={"text": ""}))) + 1
        if frame < budget_tokens:
            out.append(top.model_copy(update={"text": truncate_to_tokens(top.text, budget_tokens - frame)}))
    return out
