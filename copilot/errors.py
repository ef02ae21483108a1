"""Errors raised by Reply Copilot.

    CopilotError                 base; never raised directly
    ├── InputError               the caller sent something we cannot use (HTTP 4xx)
    ├── ConfigError              settings or data files are wrong (fix the config, not the input)
    │   ├── TaxonomyError        a taxonomy file or CSV is invalid
    │   └── TenantConfigError    one tenant's files are wrong: it is not served until they are fixed (HTTP 503)
    ├── KnowledgeError           the knowledge store failed or a file is invalid
    └── LLMError                 the model call failed; the pipeline falls back to offline
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError


class CopilotError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(CopilotError):
    """The caller's input is unusable; `field` names the offending field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def unknown_tenant(tenant: str, tenants_dir: Path | None) -> InputError:
    """A tenant id with no folder: says where it looked, or that nothing says where to look (a newcomer
    with `tenant init --tenants-dir X` and no COPILOT_TENANTS_DIR got only "no folder for it")."""
    where = ("no folder for it under COPILOT_TENANTS_DIR" if tenants_dir else
             "COPILOT_TENANTS_DIR is not set (set it, or pass --tenants-dir, to the folder that holds one folder "
             "per tenant)")
    return InputError(f"Unknown tenant {tenant!r}: {where}.", field="tenant")


class ConfigError(CopilotError):
    """Settings or data files are wrong: the operator must fix them."""


class TaxonomyError(ConfigError):
    """A taxonomy file or CSV is invalid."""


class TenantConfigError(ConfigError):
    """A tenant's folder or files are wrong (layout, tenant.yaml, taxonomy, templates). The request
    was fine: the operator must fix the files, which the server reads again on the next request."""

    def __init__(self, tenant: str, problem: str) -> None:
        super().__init__(f"tenant {tenant!r} cannot be served until its files are fixed: {problem}")
        self.tenant = tenant


class KnowledgeError(CopilotError):
    """The knowledge store failed, or a knowledge file is invalid."""


class LLMError(CopilotError):
    """A model call failed; `reason` is machine-readable (timeout, rate_limited, server_error,
    connection, invalid_output, auth, bad_request) and ends up in `trace.fallback`."""

    def __init__(self, message: str, *, reason: str = "unknown") -> None:
        super().__init__(message)
        self.reason = reason


def validation_problems(exc: ValidationError, model: type[BaseModel] | None = None, data: Any = None) -> str:
    """Every problem pydantic found, each where it is: "business_hours.timezone: unknown time zone 'Kyiv'; mode:
    unknown key (allowed: debounce_seconds, …)". With `model`, an unknown key lists the keys allowed there; with
    the validated `data`, a list item is named by its `id` as well as its position ("items.6(wardrobe).price")."""
    out = []
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden" and model is not None and (allowed := _keys_at(model, err["loc"][:-1])):
            msg = f"unknown key (allowed: {', '.join(allowed)})"
        out.append(f"{_where(err['loc'], data) or '(top level)'}: {msg}")
    return "; ".join(out)


def _where(loc: tuple[int | str, ...], data: Any) -> str:
    """The dotted path, each list position followed by the item's id where it has one: a long file is searched
    by id, not counted by hand."""
    parts, current = [], data
    for part in loc:
        try:
            current = current[part] if isinstance(current, (dict, list)) else None
        except (IndexError, KeyError, TypeError):
            current = None
        name = current.get("id") if isinstance(part, int) and isinstance(current, dict) else None
        parts.append(f"{part}({name})" if isinstance(name, (str, int)) and str(name) else str(part))
    return ".".join(parts)


def _keys_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys of the model found at `loc`, stepping through lists and mappings (their keys and indexes)."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        current = next((a for a in _types_in(current) if isinstance(a, type) and issubclass(a, BaseModel)), current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _types_in(annotation: Any) -> list[Any]:
    args = get_args(annotation)
    return [annotation] if not args else [t for a in args for t in _types_in(a)]
