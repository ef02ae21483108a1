"""What a catalogue entry says about availability ("in stock", "нет в наличии"), as data.

The default phrases are `knowledge/availability.yaml`; a tenant's `knowledge/availability.yaml`
(beside its catalogue) replaces the phrases it names, state by state and language by language.
The phrase becomes part of the entry's text, which drafts quote verbatim (H10, H12), so a business
words it itself. States are generic (`in_stock`, `out_of_stock`, and whatever the default file
adds); a tenant file may only name states the default file defines, so a typo is an error.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import KnowledgeError
from ..paths import KNOWLEDGE_DIR
from ..yaml_fast import safe_load

FILE = "availability.yaml"
DEFAULT_FILE = KNOWLEDGE_DIR / FILE
_STATE = re.compile(r"^[a-z][a-z_]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")


class AvailabilityFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Availability state -> language -> the phrase an entry says.")

    @field_validator("words")
    @classmethod
    def _well_formed(cls, v: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for state, phrases in v.items():
            if not _STATE.match(state):
                raise ValueError(f"{state!r} is not a state name (lower case and _, e.g. in_stock)")
            for lang, phrase in phrases.items():
                if not _LANG.match(lang):
                    raise ValueError(f"{state}.{lang}: not an ISO 639-1 language code")
                if not phrase.strip():
                    raise ValueError(f"{state}.{lang}: empty phrase")
        return v


@dataclass(frozen=True)
class AvailabilityWords:
    words: dict[str, dict[str, str]]  # state -> language -> phrase

    def say(self, state: str, language: str) -> str:
        """The phrase for `state` in `language`; English when the language has none."""
        phrases = self.words[state]
        return phrases.get(language) or phrases.get("en") or next(iter(phrases.values()))


def availability_words(knowledge_dir: Path | None = None) -> AvailabilityWords:
    """The default phrases with the tenant's (`knowledge_dir/availability.yaml`, if any) laid over them."""
    files = [DEFAULT_FILE] + ([knowledge_dir / FILE] if knowledge_dir and (knowledge_dir / FILE).is_file() else [])
    return _load(tuple((p, p.stat().st_mtime_ns) for p in files if p.is_file()))


def default_words_hash() -> str:
    """Changes when the default phrases do: a store holding entries worded by the old ones re-ingests."""
    return hashlib.sha256(DEFAULT_FILE.read_bytes()).hexdigest()[:16] if DEFAULT_FILE.is_file() else ""


@lru_cache(maxsize=32)
def _load(files: tuple[tuple[Path, int], ...]) -> AvailabilityWords:
    merged: dict[str, dict[str, str]] = {}
    for i, (path, _) in enumerate(files):
        try:
            data = AvailabilityFile.model_validate(safe_load(path.read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError, ValidationError) as exc:
            raise KnowledgeError(f"{path}: invalid availability words: {exc}") from exc
        unknown = sorted(set(data.words) - set(merged)) if i else []
        if unknown:
            raise KnowledgeError(f"{path}: unknown availability state {', '.join(unknown)}; "
                                 f"the states are {', '.join(sorted(merged))}")
        for state, phrases in data.words.items():
            merged[state] = {**merged.get(state, {}), **{lang: p.strip() for lang, p in phrases.items()}}
    return AvailabilityWords(merged)
