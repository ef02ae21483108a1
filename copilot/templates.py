"""The reply template library: `templates/<lang>.yaml` files, validated, selected and rendered.

Templates are Jinja2 in a sandbox with StrictUndefined: a template that names a variable the
pipeline does not provide is an error at render time, never a "[Name]" shown to a customer (H6).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

import yaml
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .errors import ConfigError
from .models import Moment
from .taxonomy import IntentKind
from .tenant_config import Vocabulary
from .yaml_fast import safe_load


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldPhrase(_Strict):
    label: str
    ask: str


class TemplateSpec(_Strict):
    id: str
    intent: str = "*"
    kind: IntentKind | None = None  # with intent "*": any intent of this kind (a tenant's `book_room` too)
    moment: Moment
    text: str
    # The intents its numbered options lead to, in order (the vague opener's "(1) prices, (2) booking…"):
    # a customer's "2" is then that request, however short the option's wording.
    routes: list[str] = []

    @model_validator(mode="after")
    def _kind_or_intent(self) -> TemplateSpec:
        if self.kind and self.intent != "*":
            raise ValueError(f"template {self.id!r}: give `intent` or `kind`, not both")
        return self

    @property
    def key(self) -> str:
        return f"@{self.kind}" if self.kind else self.intent


class FollowUpSpec(_Strict):
    """Texts for the guide's follow-up timers (rulebook §5), per language."""

    reminder: str = ""  # T: no reply 4 h after our question
    close_offer: str = ""  # T + M7: no reply 48 h
    booking_reminder: str = ""  # T: 24 h before a booking


class Overlay(_Strict):
    """Words that change a library without copying it: topics, field questions, follow-up texts and
    templates, each replacing only the entry of the same key ((intent, moment) for templates)."""

    topics: dict[str, str] = {}
    fields: dict[str, FieldPhrase] = {}
    follow_ups: FollowUpSpec = FollowUpSpec()
    templates: list[TemplateSpec] = []


class LanguageTemplates(Overlay):
    language: str
    # Per business vocabulary (tenant.yaml `vocabulary:`): an appointment is not an "existing order".
    vocabularies: dict[Vocabulary, Overlay] = {}


MOMENTS: tuple[str, ...] = get_args(Moment)


def merge(base: LanguageTemplates, over: Overlay) -> LanguageTemplates:
    """`base` with what `over` states replacing the same keys; nothing else is touched."""
    templates = {(t.key, t.moment): t for t in base.templates}
    templates.update({(t.key, t.moment): t for t in over.templates})
    ups = base.follow_ups.model_copy(update={k: v for k, v in over.follow_ups.model_dump().items() if v})
    return base.model_copy(update={"topics": {**base.topics, **over.topics}, "fields": {**base.fields, **over.fields},
                                   "follow_ups": ups, "templates": list(templates.values())})


_env = SandboxedEnvironment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)


@lru_cache(maxsize=4096)
def _compiled(source: str) -> Template:
    return _env.from_string(source)  # compiling is ~5 ms; templates are few and reused


class TemplateLibrary:
    """All templates of one tenant, indexed by (language, intent, moment)."""

    def __init__(self, languages: dict[str, LanguageTemplates]) -> None:
        self.languages = languages
        self._index: dict[tuple[str, str, str], TemplateSpec] = {}
        for lang, spec in languages.items():
            for t in spec.templates:
                self._index[(lang, t.key, t.moment)] = t

    @classmethod
    def load(cls, *folders: Path, vocabulary: str = "order", whole: bool = True) -> TemplateLibrary:
        """Load `<lang>.yaml` files. A later folder's file overlays an earlier one's language: it
        states only what it changes (a topic, one template for an intent and moment). Each file's
        section for the business `vocabulary` applies right after the file itself. `whole`: every
        language must have an any-intent template for every moment (not so for a tenant's own file alone)."""
        languages: dict[str, LanguageTemplates] = {}
        origin: dict[str, list[str]] = {}
        for folder in folders:
            for path in sorted(folder.glob("*.yaml")):
                try:
                    data = safe_load(path.read_text(encoding="utf-8"))
                    spec = LanguageTemplates.model_validate(data)
                except (yaml.YAMLError, ValidationError) as exc:
                    raise ConfigError(f"Invalid template file {str(path)!r}: {exc}") from exc
                if path.stem != spec.language:
                    raise ConfigError(f"{path}: says `language: {spec.language}`; name it {spec.language}.yaml")
                merged = merge(languages[spec.language], spec) if spec.language in languages else spec
                if vocabulary in spec.vocabularies:
                    merged = merge(merged, spec.vocabularies[vocabulary])  # type: ignore[index]
                languages[spec.language] = merged
                origin.setdefault(spec.language, []).append(str(path))
        if not languages:
            raise ConfigError(f"No template files (<lang>.yaml) in {[str(f) for f in folders]!r}.")
        for lang, spec in languages.items() if whole else ():
            have = {t.moment for t in spec.templates if t.key == "*"}
            gaps = [m for m in MOMENTS if m not in have]
            if gaps:
                raise ConfigError(f"{' + '.join(origin[lang])}: language {lang!r} has no intent '*' template for "
                                  f"{', '.join(gaps)}; a new language needs one for every moment.")
        return cls(languages)

    def has_language(self, language: str) -> bool:
        return language in self.languages

    def select(self, language: str, intent: str, moment: str, kind: str | None = None) -> TemplateSpec | None:
        """Most specific first: this intent's template for the moment, its kind's, then the any-intent one."""
        return (self._index.get((language, intent, moment)) or (kind and self._index.get((language, f"@{kind}", moment)))
                or self._index.get((language, "*", moment)))

    def routes(self) -> list[tuple[str, list[str]]]:
        """(template text, intents of its numbered options) for every template that routes."""
        return [(t.text, t.routes) for spec in self.languages.values() for t in spec.templates if t.routes]

    def topic(self, language: str, intent: str) -> str:
        topics = self.languages[language].topics
        return topics.get(intent) or topics.get("other", "")

    def field_phrase(self, language: str, field: str) -> FieldPhrase | None:
        return self.languages[language].fields.get(field)

    def follow_ups(self, language: str) -> FollowUpSpec:
        return self.languages[language].follow_ups

    def render(self, template: TemplateSpec | str, variables: dict[str, Any]) -> str:
        source = template.text if isinstance(template, TemplateSpec) else template
        try:
            text = _compiled(source).render(**variables)
        except TemplateError as exc:
            tid = template.id if isinstance(template, TemplateSpec) else "inline"
            raise ConfigError(f"Template {tid!r} failed to render: {exc}") from exc
        return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse the blank lines and doubled spaces that optional template parts leave behind."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
