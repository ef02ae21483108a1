"""What the model must answer, as pydantic models; validation failures are re-asked once.

The schema is sent with every call (instructor JSON mode puts it in the system message), so it is
kept compact: no titles, no descriptions — the prompt explains the keys.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator


def _drop_titles(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node


class CompactSchema(BaseModel):
    """A model whose JSON schema carries no titles (fewer prompt tokens, same constraints)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        return _drop_titles(super().model_json_schema(*args, **kwargs))


@lru_cache(maxsize=256)  # bounded: instructor caches a Partial model per class
def reply_schema(intents: tuple[str, ...], knowledge_ids: tuple[str, ...], char_limit: int) -> type[CompactSchema]:
    """The suggest/revise answer, closed over what this call allows.

    `intent` is a Literal of the candidate ids plus "other", so the JSON schema lists them and a
    made-up intent fails validation (and is re-asked). The draft's length (H5) and its citations
    (H10: only ids that were in the KNOWLEDGE block) are checked the same way.
    """
    allowed = tuple(dict.fromkeys((*intents, "other")))
    known = frozenset(knowledge_ids)

    class Reply(CompactSchema):
        intent: Literal[allowed]  # type: ignore[valid-type]
        confidence: float = Field(ge=0, le=1)
        fields: dict[str, Any] = Field(default_factory=dict)
        draft: str = Field(min_length=1)
        citations: list[str] = Field(default_factory=list)

        @field_validator("draft")
        @classmethod
        def _fits_channel(cls, v: str) -> str:
            if len(v) > char_limit:
                raise ValueError(f"draft has {len(v)} characters; the channel allows {char_limit}: shorten it")
            return v

        @field_validator("citations")
        @classmethod
        def _cites_known(cls, v: list[str]) -> list[str]:
            unknown = [c for c in v if c not in known]
            if unknown:
                raise ValueError(f"unknown knowledge ids {unknown}; cite only ids shown in KNOWLEDGE")
            return list(dict.fromkeys(v))

    return Reply


class JudgeVerdict(CompactSchema):
    verdict: Literal["pass", "fail"]
    reason: str = Field(min_length=1)
