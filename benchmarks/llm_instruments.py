"""Instruments for benchmarks that run LLM mode against a real server (bench_real_model.py):
what went over the wire, and what the drafter returned or raised. Benchmark only: they wrap litellm
and the real drafter, never used by the product or the tests."""

from __future__ import annotations

from typing import Any


class Wire:
    """Every HTTP request litellm sends: tiktoken's count of what was sent vs the server's usage."""

    def __init__(self) -> None:
        import litellm

        from copilot.llm.budget import count_message_tokens

        self.seen: list[dict[str, Any]] = []
        real, areal = litellm.completion, litellm.acompletion

        def note(kw: dict[str, Any], response: Any) -> None:
            usage = getattr(response, "usage", None)
            self.seen.append({
                "tiktoken_prompt": count_message_tokens(kw.get("messages") or []),
                "server_prompt": getattr(usage, "prompt_tokens", None),
                "server_completion": getattr(usage, "completion_tokens", None),
                "stream": bool(kw.get("stream")),
            })

        def completion(*a: Any, **kw: Any) -> Any:
            response = real(*a, **kw)
            note(kw, response)
            return response

        async def acompletion(*a: Any, **kw: Any) -> Any:
            response = await areal(*a, **kw)
            if not kw.get("stream"):
                note(kw, response)
            else:
                self.seen.append({"tiktoken_prompt": count_message_tokens(kw.get("messages") or []),
                                  "server_prompt": None, "server_completion": None, "stream": True})
            return response

        litellm.completion, litellm.acompletion = completion, acompletion

    def take(self) -> list[dict[str, Any]]:
        out, self.seen = self.seen, []
        return out


class Recorder:
    """The real LLMDrafter, with each draft it returns (or the error it raised) kept for the figures."""

    def __init__(self, drafter: Any) -> None:
        self.inner = drafter
        self.client = drafter.client
        self.events: list[dict[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def _call(self, stage: str, fn: Any, *a: Any) -> Any:
        from copilot.errors import LLMError

        try:
            out = fn(*a)
        except LLMError as exc:
            self.events.append({"stage": stage, "error": exc.reason})
            raise
        self.events.append({"stage": stage, "draft": out.draft, "intent": out.intent,
                            "attempts": out.calls[-1].attempts, "citations": out.citations})
        return out

    def suggest(self, inp: Any) -> Any:
        return self._call("suggest", self.inner.suggest, inp)

    def revise(self, inp: Any, draft: str, violations: list[Any]) -> Any:
        return self._call("revise", self.inner.revise, inp, draft, violations)

    async def astream(self, inp: Any) -> Any:
        from copilot.errors import LLMError

        try:
            async for item in self.inner.astream(inp):
                if not isinstance(item, str):
                    self.events.append({"stage": "suggest", "draft": item.draft, "intent": item.intent,
                                        "attempts": item.calls[-1].attempts, "citations": item.citations})
                yield item
        except LLMError as exc:
            self.events.append({"stage": "suggest", "error": exc.reason})
            raise
