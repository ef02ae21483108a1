"""Why a model call failed, as a short machine-readable reason on LLMError.

    timeout · rate_limited · server_error · connection   transient: retried, then fallbacks
    invalid_output                                       the answer failed validation after the re-ask
    auth · bad_request                                   the operator must fix the key or model name
"""

from __future__ import annotations

import json

from ..errors import LLMError

TRANSIENT = frozenset({"timeout", "rate_limited", "server_error", "connection"})


def llm_error(reason: str, message: str) -> LLMError:
    """An LLMError carrying `reason` (timeout, rate_limited, server_error, connection, invalid_output…)."""
    return LLMError(message, reason=reason)


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(out) < 12:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def classify(exc: BaseException) -> str | None:
    """The LLMError reason for a litellm / openai / instructor exception, None if it is none of those."""
    import httpx
    import openai
    from instructor.core.exceptions import IncompleteOutputException, InstructorError
    from pydantic import ValidationError

    cause = exc
    # instructor wraps whatever ended its loop; the cause says what really happened.
    while isinstance(cause, InstructorError) and cause.__cause__ is not None:
        if isinstance(cause, IncompleteOutputException):
            break
        cause = cause.__cause__
    chain = _chain(cause)
    if any(isinstance(e, openai.APITimeoutError | httpx.TimeoutException) for e in chain):
        return "timeout"
    if isinstance(cause, openai.RateLimitError):
        return "rate_limited"
    # litellm reports a refused connection as a 500 "Connection error."; the chain has the truth.
    if any(isinstance(e, openai.APIConnectionError | httpx.TransportError) for e in chain):
        return "connection"
    if isinstance(cause, openai.AuthenticationError | openai.PermissionDeniedError):
        return "auth"
    if isinstance(cause, openai.APIStatusError):
        return "server_error" if cause.status_code >= 500 else "bad_request"
    if isinstance(cause, openai.APIError):  # litellm.APIError without a usable status
        return "server_error"
    if isinstance(cause, ValidationError | json.JSONDecodeError | InstructorError):
        return "invalid_output"
    return None


def as_llm_error(exc: BaseException, model: str) -> LLMError | None:
    reason = classify(exc)
    if reason is None:
        return None
    detail = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    return llm_error(reason, f"{reason}: model {model!r} failed: {detail}")
