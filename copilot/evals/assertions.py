"""Assertions in the dataset: checks a product team writes in YAML, no Python needed.

    assert:
      - {type: contains, value: "VN-10502"}                       # in the draft (default path)
      - {type: not-icontains, value: "refund approved"}
      - {type: regex, value: "\\b\\d{1,2}:\\d{2}\\b", path: $.draft.text}
      - {type: equals, path: $.decision.action, value: escalate}  # JSONPath over the Suggestion
      - {type: contains, path: $.decision.reasons, value: E-refund}
      - {type: rule, rule: H6, status: pass}                       # the live rule check must pass (or fail)
      - {type: python, value: "len(draft) <= 300 and s.intent.confidence > 0.5"}

Type names follow promptfoo's (contains, icontains, regex, equals, python, with a ``not-`` prefix
to negate), so an exported case reads the same there. Every key is validated: a typo is an
error naming the case and the key. A suite's ``assert:`` list applies to every case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..models import Suggestion
from .matching import field_matches

DRAFT_PATH = "$.draft.text"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


@lru_cache(maxsize=512)
def _jsonpath(expr: str) -> Any:
    from jsonpath_ng.ext import parse

    return parse(expr)


class _Base(_Strict):
    name: str | None = Field(default=None, description="Label in results; default: the type and value.")
    critical: bool = Field(default=False, description="A failure no average may hide.")


class _Pathed(_Base):
    path: str = Field(default=DRAFT_PATH, description="JSONPath into the Suggestion (default: the draft text).")

    @field_validator("path")
    @classmethod
    def _parses(cls, v: str) -> str:
        try:
            _jsonpath(v)
        except Exception as exc:  # jsonpath-ng raises its own lexer/parser exception types
            raise ValueError(f"not a JSONPath: {exc}") from exc
        return v


_TEXT_TYPES = Literal["contains", "icontains", "not-contains", "not-icontains", "regex", "not-regex"]


class TextAssertion(_Pathed):
    type: _TEXT_TYPES
    value: str = Field(min_length=1)

    @field_validator("value")
    @classmethod
    def _compiles(cls, v: str, info: Any) -> str:
        if "regex" in str(info.data.get("type", "")):
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"invalid regex: {exc}") from exc
        return v


class EqualsAssertion(_Pathed):
    type: Literal["equals", "not-equals"]
    value: Any


class RuleAssertion(_Base):
    type: Literal["rule"]
    rule: str = Field(pattern=r"^[HM]\d{1,2}$", description="Rulebook id, e.g. H6.")
    status: Literal["pass", "fail"] = Field(default="pass", description="What the live rule check must say.")

    @field_validator("rule")
    @classmethod
    def _known(cls, v: str) -> str:
        from ..rules import describe_rules

        known = [r.id for r in describe_rules()]
        if v not in known:
            raise ValueError(f"unknown rule {v!r}; the rules are {known}")
        return v


class PythonAssertion(_Base):
    type: Literal["python"]
    value: str = Field(min_length=1, description="An expression over s (Suggestion), draft (its text), case, re.")

    @field_validator("value")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            compile(v, "<assert>", "eval")
        except SyntaxError as exc:
            raise ValueError(f"not a Python expression: {exc.msg}") from exc
        return v


Assertion = Annotated[TextAssertion | EqualsAssertion | RuleAssertion | PythonAssertion, Field(discriminator="type")]


def label(a: Any) -> str:
    if a.name:
        return a.name
    if isinstance(a, RuleAssertion):
        return f"rule {a.rule} {a.status}"
    where = "" if getattr(a, "path", DRAFT_PATH) == DRAFT_PATH else f" {a.path}"
    return f"{a.type}{where} {str(a.value)[:40]!r}"


def _values(path: str, suggestion: Suggestion) -> list[Any]:
    return [m.value for m in _jsonpath(path).find(suggestion.model_dump(mode="json"))]


def _text_ok(a: TextAssertion, values: list[Any]) -> bool:
    kind = a.type.removeprefix("not-")

    def one(v: Any) -> bool:
        if isinstance(v, list):  # a list field (decision.reasons, citations): membership, or any item
            return any(one(x) for x in v)
        text = v if isinstance(v, str) else str(v)
        if kind == "contains":
            return a.value in text
        if kind == "icontains":
            return a.value.casefold() in text.casefold()
        return re.search(a.value, text) is not None

    found = any(one(v) for v in values)
    return not found if a.type.startswith("not-") else found


def _equal(want: Any, got: Any) -> bool:
    return field_matches(want, got)


def evaluate(a: Any, suggestion: Suggestion, case: Any) -> tuple[str, str]:
    """(status, reason) of one assertion on one suggestion; 'error' when it cannot be evaluated."""
    if isinstance(a, RuleAssertion):
        check = next((c for c in suggestion.hygiene.checks if c.rule == a.rule), None)
        if check is None:
            return "error", f"rule {a.rule} was not checked"
        if check.status in ("skip", "error"):
            return "error", f"rule {a.rule} was {check.status}: {check.detail}"
        ok = check.status == a.status
        return ("pass" if ok else "fail"), f"{a.rule} {check.status}" + (f": {check.detail}" if check.detail else "")
    if isinstance(a, PythonAssertion):
        env = {"s": suggestion, "draft": suggestion.draft.text, "case": case, "re": re, "len": len, "any": any,
               "all": all, "sum": sum, "min": min, "max": max, "set": set, "sorted": sorted}
        try:
            ok = bool(eval(a.value, {"__builtins__": {}}, env))  # noqa: S307  (the dataset author's own check)
        except Exception as exc:  # an assertion that raises is a broken check, not a failed draft
            return "error", f"{type(exc).__name__}: {exc}"
        return ("pass" if ok else "fail"), f"{a.value} is {ok}"
    values = _values(a.path, suggestion)
    if isinstance(a, EqualsAssertion):
        if not values:
            return ("pass" if a.type == "not-equals" else "fail"), f"{a.path} not found"
        ok = any(_equal(a.value, v) for v in values)
        ok = not ok if a.type == "not-equals" else ok
        return ("pass" if ok else "fail"), f"{a.path} = {values[0]!r}" if len(values) == 1 else f"{a.path} = {values!r}"
    ok = _text_ok(a, values)
    shown = values[0] if len(values) == 1 else values
    return ("pass" if ok else "fail"), f"{a.path}: {str(shown)[:160]!r}"
