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


class CopilotError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(CopilotError):
    """The caller's input is unusable; `field` names the offending field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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
