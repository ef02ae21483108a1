"""The words policy listens for: escalation markers, upset words, negative-feedback words.

Data, not code (`knowledge/signals.yaml`, docs/knowledge.md): a missed hand-off is the costliest
error (rulebook §4), so a business must be able to add the words its customers use. A tenant's
`signals.yaml` adds to the default lists, or replaces them with `use_default: false`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .paths import KNOWLEDGE_DIR
from .segment import spans
from .yaml_fast import safe_load

FILE = "signals.yaml"
# Reasons a customer's own words can trigger (the rest come from intent, profile or mood).
STATED_REASONS = ("E-refund", "E-legal", "E-human", "E-payment", "E-technical")
_LANG = re.compile(r"^[a-z]{2,3}$")
_LAO = re.compile(r"[\u0E80-\u0EFF]")

Words = dict[str, list[str]]  # language -> phrases


class SignalWordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    use_default: bool = Field(default=True, description="false: this file replaces the default lists.")
    escalation_markers: dict[str, Words] = Field(
        default_factory=dict, description="Reason code -> language -> phrases that hand off on their own.")
    upset: Words = Field(default_factory=dict, description="Language -> stems of upset wording (M8, E-angry).")
    negative_feedback: Words = Field(
        default_factory=dict, description="Language -> phrases that make feedback negative (M9, E-negative-feedback).")

    @field_validator("escalation_markers")
    @classmethod
    def _known_reasons(cls, v: dict[str, Words]) -> dict[str, Words]:
        for reason, words in v.items():
            if reason not in STATED_REASONS:
                raise ValueError(f"{reason!r} is not a reason words can trigger; use one of {list(STATED_REASONS)}")
            _check_words(words)
        return v

    @field_validator("upset", "negative_feedback")
    @classmethod
    def _languages(cls, v: Words) -> Words:
        return _check_words(v)


def _check_words(words: Words) -> Words:
    for lang, phrases in words.items():
        if not _LANG.match(lang):
            raise ValueError(f"{lang!r} is not an ISO 639-1 language code")
        if any(not p.strip() for p in phrases):
            raise ValueError(f"{lang}: empty phrase")
    return words


@dataclass(frozen=True)
class SignalWords:
    """Compiled once per tenant; read by `signals` (mood) and `policy` (stated escalations)."""

    markers: dict[str, re.Pattern[str]]  # reason -> any phrase of any language
    upset: dict[str, re.Pattern[str]]  # language -> its stems and the English ones
    negative_feedback: dict[str, tuple[str, ...]]  # language -> lower-case phrases (substring match)

    def stated_escalations(self, text: str) -> list[str]:
        """Reason codes the customer's own words trigger (any language)."""
        return [reason for reason, pattern in self.markers.items() if _says(pattern, text)]

    def upset_words(self, text: str, language: str) -> bool:
        pattern = self.upset.get(language) or self.upset.get("en")
        return bool(pattern and pattern.search(text))  # stems: a part of a longer word is what they are for

    def negative_words(self, text: str, language: str) -> bool:
        low = text.lower()
        return any(w in low for w in self.negative_feedback.get(language, ()))


def _says(pattern: re.Pattern[str], text: str) -> bool:
    """A match of `pattern` that is no mere part of one longer word. Lao phrases match anywhere in an unspaced
    run, and "ສານ" (court) is the end of "ເອກະສານ" (document); a phrase across the segmenter's words still
    counts ("ແຈ້ງຕຳຫຼວດ" in "ຈະແຈ້ງ|ຕຳຫຼວດ": Lao segmentation is not exact)."""
    for m in pattern.finditer(text):
        if not _LAO.search(m.group()) or not any(a <= m.start() and m.end() <= b and b - a > m.end() - m.start()
                                                 for a, b in spans(text)):
            return True
    return False


def load_signal_words(*paths: Path) -> SignalWords:
    """The default file first, then a tenant's; each later file adds to (or replaces) what came before."""
    return _load(tuple((p, p.stat().st_mtime_ns) for p in paths if p.is_file()))


def default_signal_words() -> SignalWords:
    return load_signal_words(KNOWLEDGE_DIR / FILE)


@lru_cache(maxsize=32)
def _load(files: tuple[tuple[Path, int], ...]) -> SignalWords:
    merged = SignalWordsFile()
    for path, _ in files:
        try:
            data = SignalWordsFile.model_validate(safe_load(path.read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError, ValidationError) as exc:
            raise ConfigError(f"{path}: invalid signal words: {exc}") from exc
        merged = data if not data.use_default else _merge(merged, data)
    return SignalWords(
        markers={r: _any_phrase(by_lang) for r, by_lang in merged.escalation_markers.items()},
        upset={lang: _stems(words + (merged.upset.get("en", []) if lang != "en" else []))
               for lang, words in merged.upset.items()},
        negative_feedback={lang: tuple(w.lower() for w in ws) for lang, ws in merged.negative_feedback.items()},
    )


def _merge(base: SignalWordsFile, extra: SignalWordsFile) -> SignalWordsFile:
    def add(a: Words, b: Words) -> Words:
        return {lang: list(dict.fromkeys([*a.get(lang, []), *b.get(lang, [])])) for lang in {**a, **b}}

    reasons = {**base.escalation_markers, **extra.escalation_markers}
    return SignalWordsFile(
        escalation_markers={r: add(base.escalation_markers.get(r, {}), extra.escalation_markers.get(r, {}))
                            for r in reasons},
        upset=add(base.upset, extra.upset), negative_feedback=add(base.negative_feedback, extra.negative_feedback))


def _any_phrase(by_lang: Words) -> re.Pattern[str]:
    """Word-start matches; Lao has no spaces between words, so its phrases match anywhere."""
    spaced = [re.escape(m) for lang, ms in by_lang.items() if lang != "lo" for m in ms]
    lao = [re.escape(m) for m in by_lang.get("lo", ())]
    alternatives = ["(?<!\\w)(?:" + "|".join(spaced) + ")"] if spaced else []
    alternatives += lao
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


def _stems(markers: list[str]) -> re.Pattern[str]:
    """Upset stems: word-prefix matches; short ones whole words; Lao anywhere."""
    parts = []
    for m in markers:
        if _LAO.search(m):
            parts.append(re.escape(m))
        elif len(m) <= 4:
            parts.append(r"(?<!\w)" + re.escape(m) + r"(?!\w)")
        else:
            parts.append(r"(?<!\w)" + re.escape(m))
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)
