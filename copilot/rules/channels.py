"""Per-channel length limits (H5), from ``knowledge/channels.yaml`` and a tenant's own
``channels.yaml`` (which overrides the channels it lists); each file is loaded once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from ..errors import ConfigError
from ..models import Channel
from ..paths import KNOWLEDGE_DIR
from ..yaml_fast import safe_load

_GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
           "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")


class ChannelLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hard: int = Field(gt=0, description="Longer drafts cannot be sent (block).")
    style: int = Field(gt=0, description="Longer drafts are not 'short' for this channel (warn).")
    paragraph: int = Field(gt=0, description="Longest comfortable paragraph (warn).")
    hard_unicode: int | None = Field(default=None, gt=0, description="SMS: hard limit for non-GSM text.")
    style_unicode: int | None = Field(default=None, gt=0, description="SMS: style limit for non-GSM text.")

    @model_validator(mode="after")
    def _style_within_hard(self) -> ChannelLimits:
        if self.style > self.hard:
            raise ValueError(f"style ({self.style}) must not exceed hard ({self.hard})")
        return self

    def for_text(self, text: str) -> tuple[int, int]:
        """(hard, style) for this text: SMS in Cyrillic, Armenian or Lao fits far fewer characters."""
        if self.hard_unicode and any(ch not in _GSM for ch in text):
            return self.hard_unicode, self.style_unicode or min(self.style, self.hard_unicode)
        return self.hard, self.style


_ADAPTER = TypeAdapter(dict[str, ChannelLimits])


@lru_cache(maxsize=8)
def load_channel_limits(path: Path = KNOWLEDGE_DIR / "channels.yaml") -> dict[str, ChannelLimits]:
    """All channels' limits; every channel of the contract must be listed."""
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
        limits = _ADAPTER.validate_python(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{path}: invalid channel limits: {exc}") from exc
    missing = sorted(set(get_args(Channel)) - set(limits))
    if missing:
        raise ConfigError(f"{path}: no limits for channel(s) {missing}; add them (see docs/knowledge.md)")
    return limits


@lru_cache(maxsize=32)
def _tenant_overrides(path: Path, mtime_ns: int) -> dict[str, ChannelLimits]:
    try:
        raw = safe_load(path.read_text(encoding="utf-8")) or {}
        limits = _ADAPTER.validate_python(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{path}: invalid channel limits: {exc}") from exc
    unknown = sorted(set(limits) - set(get_args(Channel)))
    if unknown:
        raise ConfigError(f"{path}: unknown channel(s) {unknown}; channels are {list(get_args(Channel))}")
    return limits


def tenant_channel_limits(tenant_file: Path | None = None) -> dict[str, ChannelLimits]:
    """The default limits with a tenant's `channels.yaml` laid over them, channel by channel."""
    limits = load_channel_limits()
    if tenant_file is None or not tenant_file.is_file():
        return limits
    return {**limits, **_tenant_overrides(tenant_file, tenant_file.stat().st_mtime_ns)}


def channel_limits(channel: str, limits: dict[str, ChannelLimits] | None = None) -> ChannelLimits:
    """One channel's limits: from `limits` (a tenant's) or the default library's."""
    limits = limits or load_channel_limits()
    return limits.get(channel) or limits["webchat"]
