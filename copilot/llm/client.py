"""The one LLM boundary: every model call goes through ``LLMClient`` (parlant's SchematicGenerator).

``generate(schema, messages)`` returns a validated pydantic object and a CallRecord. Underneath is
``instructor.from_litellm`` in JSON mode (``response_format=json_object`` plus the schema in the
system message), which the widest range of back-ends understands: OpenAI, Anthropic through
litellm, Ollama, llama.cpp and vLLM servers.

Retries are layered on purpose, and only these exist (call counts stay predictable):
  * invalid structured output → instructor re-asks ONCE with the validation error;
  * 429 / 5xx / timeout / connection → ``settings.retries`` more attempts (the Router's own
    ``num_retries`` when fallbacks are set, else a tenacity loop here); litellm's and the OpenAI
    SDK's built-in retries are switched off (``max_retries=0``);
  * with ``settings.fallbacks``, a litellm Router tries each fallback model in order.
Whatever still fails raises ``LLMError`` with a machine-readable ``reason``; the pipeline then
falls back to the offline path and records why (trace.fallback).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from ..errors import ConfigError
from ..settings import Settings
from .budget import count_message_tokens, count_tokens, json_mode_tokens
from .failures import TRANSIENT, as_llm_error, classify, llm_error

T = TypeVar("T", bound=BaseModel)

# Invalid output is re-asked once: a second failure usually means the model cannot do the task.
REASK_RETRIES = 1


class CallRecord(BaseModel):
    """What one logical call cost: recorded in the trace and in eval results."""

    model_config = ConfigDict(extra="forbid")

    stage: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    latency_ms: float = 0.0
    cached: bool = False
    prompt_version: str
    attempts: int = 1  # model answers received: 2 after a re-ask, 0 on a cache hit (failed requests not counted)


@dataclass(frozen=True)
class _Seen:
    """One HTTP response as it arrived."""

    prompt_tokens: int
    completion_tokens: int
    model: str | None


def _provider(model: str) -> str:
    return model.split("/", 1)[0] if "/" in model else "openai"


def _unique(items: list[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


class LLMClient:
    """Structured generation with retries, fallbacks, timeouts, cost accounting and a disk cache."""

    def __init__(self, settings: Settings) -> None:
        if not settings.model:
            raise ConfigError("LLM mode is off: set COPILOT_MODEL (e.g. openai/gpt-4o-mini) or pass Settings(model=...)")
        # Imported here, not at module top: litellm takes seconds to import and offline mode never needs it.
        import instructor
        import litellm

        litellm.suppress_debug_info = True
        self.settings = settings
        self._litellm = litellm
        self._router = self._build_router() if settings.fallbacks else None
        if self._router is not None:
            complete, acomplete = self._router.completion, self._router.acompletion
        else:

            def complete(**kw: Any) -> Any:
                return litellm.completion(max_retries=0, **kw)

            async def acomplete(**kw: Any) -> Any:
                return await litellm.acompletion(max_retries=0, **kw)

        self._sync = instructor.from_litellm(complete, mode=instructor.Mode.JSON)
        self._async = instructor.from_litellm(acomplete, mode=instructor.Mode.JSON, async_client=True)
        self._cache = self._open_cache(settings.data_dir / "llm-cache") if settings.llm_cache else None

    # ------------------------------------------------------------------ set-up

    def _credentials(self, model: str) -> dict[str, Any]:
        """api_base / api_key belong to the primary model's provider; other providers use their env keys."""
        s = self.settings
        if _provider(model) != _provider(s.model or ""):
            return {}
        out: dict[str, Any] = {}
        if s.api_base:
            out["api_base"] = s.api_base
        if s.api_key:
            out["api_key"] = s.api_key.get_secret_value()
        return out

    def _build_router(self) -> Any:
        s = self.settings
        names = _unique([s.model, s.understand_model, s.draft_model, s.judge_model, *s.fallbacks])
        model_list = [
            {
                "model_name": name,
                "litellm_params": {"model": name, "timeout": s.timeout_s, "max_retries": 0, **self._credentials(name)},
            }
            for name in names
        ]
        fallbacks = [{name: [f for f in s.fallbacks if f != name]} for name in names if name not in s.fallbacks]
        # Cooldowns off: every call tries the primary first, then each fallback — predictable order.
        return self._litellm.Router(
            model_list=model_list,
            fallbacks=fallbacks,
            num_retries=s.retries,
            timeout=s.timeout_s,
            disable_cooldowns=True,
        )

    @staticmethod
    def _open_cache(path: Path) -> Any:
        import diskcache

        path.mkdir(parents=True, exist_ok=True)
        return diskcache.Cache(str(path))

    def _params(self, model: str) -> dict[str, Any]:
        s = self.settings
        params: dict[str, Any] = {
            "model": model,
            "temperature": s.temperature,
            "max_tokens": s.max_tokens,
            "timeout": s.timeout_s,
            "drop_params": True,  # a back-end without response_format still gets the schema in the prompt
        }
        if self._router is None:
            params.update(self._credentials(model))
        return params

    def _transport_retries(self) -> int:
        # With a Router, retries happen inside it (num_retries) before each fallback.
        return 0 if self._router is not None else self.settings.retries

    # ------------------------------------------------------------------ cache

    def cache_key(self, schema: type[BaseModel], messages: list[dict[str, Any]], model: str, prompt_version: str) -> str:
        """Everything that changes the answer: the model and where it is served, its sampling, the prompt."""
        s = self.settings
        blob = json.dumps(
            [model, s.api_base, s.temperature, s.max_tokens, prompt_version, messages, schema.model_json_schema()],
            sort_keys=True, ensure_ascii=False, default=str,
        )
        return hashlib.sha256(blob.encode()).hexdigest()

    def _cached(self, schema: type[T], key: str | None, stage: str, model: str, version: str) -> tuple[T, CallRecord] | None:
        started = time.perf_counter()
        if self._cache is None or key is None:
            return None
        hit = self._cache.get(key)
        if hit is None:
            return None
        record = CallRecord(
            stage=stage,
            model=hit["model"],
            prompt_tokens=hit["prompt_tokens"],
            completion_tokens=hit["completion_tokens"],
            cost_usd=0.0,  # nothing was paid for this answer
            cached=True,
            prompt_version=version,
            attempts=0,
        )
        value = schema.model_validate(hit["value"])
        record.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        return value, record

    def _store(self, key: str | None, result: BaseModel, record: CallRecord) -> None:
        if self._cache is not None and key is not None:
            self._cache.set(
                key,
                {
                    "value": result.model_dump(mode="json"),
                    "model": record.model,
                    "prompt_tokens": record.prompt_tokens,
                    "completion_tokens": record.completion_tokens,
                },
            )

    # ------------------------------------------------------------------ accounting

    def _cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
        try:
            p, c = self._litellm.cost_per_token(model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        except self._litellm.exceptions.ModelNotMappedError:
            return None  # a local or custom model has no price in litellm's map
        return float(p + c)

    def _record(self, responses: list[_Seen], *, stage: str, model: str, version: str, started: float) -> CallRecord:
        prompt = sum(r.prompt_tokens for r in responses)
        completion = sum(r.completion_tokens for r in responses)
        answered_by = (responses[-1].model if responses else None) or model
        return CallRecord(
            stage=stage,
            model=answered_by,
            prompt_tokens=prompt,
            completion_tokens=completion,
            cost_usd=self._cost(answered_by, prompt, completion),
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            prompt_version=version,
            attempts=max(len(responses), 1),
        )

    # ------------------------------------------------------------------ calls

    def _hooks(self, responses: list[_Seen]) -> Any:
        from instructor.core.hooks import Hooks

        def seen(response: Any) -> None:
            # Copy the numbers now: instructor later folds the running total into response.usage.
            usage = getattr(response, "usage", None)
            hidden = getattr(response, "_hidden_params", None) or {}
            responses.append(
                _Seen(
                    prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                    completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                    model=hidden.get("litellm_model_name"),  # differs from the request after a Router fallback
                )
            )

        hooks = Hooks()
        hooks.on("completion:response", seen)
        return hooks

    def _within(self, started: float) -> Any:
        """The sync create call, each attempt given only what is left of COPILOT_TIMEOUT_S: the timeout
        bounds the whole call, retries included (the async path is bounded by the pipeline's deadline)."""

        def create(**kw: Any) -> Any:
            left = self.settings.timeout_s - (time.perf_counter() - started)
            if left <= 0:
                raise llm_error("timeout", f"timeout: the {self.settings.timeout_s:g} s budget is spent")
            return self._sync.create(**{**kw, "timeout": left})

        return create

    def _retry_args(self) -> dict[str, Any]:
        from tenacity import retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential

        return {
            "stop": stop_after_attempt(self._transport_retries() + 1) | stop_after_delay(self.settings.timeout_s),
            "retry": retry_if_exception(lambda e: classify(e) in TRANSIENT),
            "wait": wait_exponential(multiplier=0.5, max=4),
            "reraise": True,
        }

    def _create_args(self, schema: type[BaseModel], messages: list[dict[str, Any]], model: str, seen: list[_Seen]) -> dict:
        return {
            "response_model": schema,
            "messages": messages,
            "max_retries": REASK_RETRIES,
            "strict": False,  # lax parsing: local models send "0.8" for 0.8
            "hooks": self._hooks(seen),
            **self._params(model),
        }

    def _lookup(
        self, schema: type[T], messages: list[dict[str, Any]], stage: str, model: str, version: str
    ) -> tuple[str | None, tuple[T, CallRecord] | None]:
        key = self.cache_key(schema, messages, model, version) if self._cache is not None else None
        return key, self._cached(schema, key, stage, model, version)

    def generate(
        self,
        schema: type[T],
        messages: list[dict[str, Any]],
        *,
        stage: str,
        prompt_version: str,
        model: str | None = None,
    ) -> tuple[T, CallRecord]:
        """Call the model and return `schema` validated, with the call's record; raises LLMError."""
        from tenacity import Retrying

        started = time.perf_counter()
        model = model or self.settings.model or ""
        key, hit = self._lookup(schema, messages, stage, model, prompt_version)
        if hit:
            return hit
        seen: list[_Seen] = []
        try:
            result = Retrying(**self._retry_args())(self._within(started), **self._create_args(schema, messages, model, seen))
        except Exception as e:  # narrowed below: only model-call failures become LLMError
            if (err := as_llm_error(e, model)) is None:
                raise
            raise err from e
        record = self._record(seen, stage=stage, model=model, version=prompt_version, started=started)
        self._store(key, result, record)
        return result, record

    async def agenerate(
        self,
        schema: type[T],
        messages: list[dict[str, Any]],
        *,
        stage: str,
        prompt_version: str,
        model: str | None = None,
    ) -> tuple[T, CallRecord]:
        """Async `generate`."""
        from tenacity import AsyncRetrying

        started = time.perf_counter()
        model = model or self.settings.model or ""
        key, hit = self._lookup(schema, messages, stage, model, prompt_version)
        if hit:
            return hit
        seen: list[_Seen] = []
        try:
            result = await AsyncRetrying(**self._retry_args())(
                self._async.create, **self._create_args(schema, messages, model, seen)
            )
        except Exception as e:  # narrowed below: only model-call failures become LLMError
            if (err := as_llm_error(e, model)) is None:
                raise
            raise err from e
        record = self._record(seen, stage=stage, model=model, version=prompt_version, started=started)
        self._store(key, result, record)
        return result, record

    async def astream(
        self,
        schema: type[T],
        messages: list[dict[str, Any]],
        *,
        stage: str,
        prompt_version: str,
        model: str | None = None,
    ) -> AsyncIterator[BaseModel | tuple[T, CallRecord]]:
        """Yield partial objects as the model writes, then ``(result, record)`` last.

        No re-ask and no transport retry here: text already shown cannot be taken back, so a
        failure raises LLMError and the caller falls back. Token counts are estimated locally
        (streams do not reliably carry usage).
        """
        started = time.perf_counter()
        model = model or self.settings.model or ""
        key, hit = self._lookup(schema, messages, stage, model, prompt_version)
        if hit:
            yield hit
            return
        last: BaseModel | None = None
        try:
            async for partial in self._async.create_partial(
                response_model=schema,
                messages=messages,
                max_retries=0,
                strict=False,
                **self._params(model),
            ):
                last = partial
                yield partial
        except Exception as e:  # narrowed below: only model-call failures become LLMError
            if (err := as_llm_error(e, model)) is None:
                raise
            raise err from e
        if not isinstance(last, schema):  # the stream ended before a complete, valid object
            raise llm_error("invalid_output", f"invalid_output: model {model!r} stream ended without a valid object")
        # llama.cpp's server sends no usage in a stream (no stream_options): estimate what was sent,
        # JSON-mode frame and indented schema included (the compact schema undercounted by ~10 %).
        prompt = count_message_tokens(messages, model) + json_mode_tokens(schema.model_json_schema(), model)
        completion = count_tokens(last.model_dump_json(), model)
        record = CallRecord(
            stage=stage,
            model=model,
            prompt_tokens=prompt,
            completion_tokens=completion,
            cost_usd=self._cost(model, prompt, completion),
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            prompt_version=prompt_version,
        )
        self._store(key, last, record)
        yield last, record

