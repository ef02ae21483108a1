"""A tenant's automation settings: the `automation.yaml` data file (knowledge/automation.yaml for
the default tenant; COPILOT_TENANTS_DIR/<tenant>/automation.yaml overrides it key by key)."""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ConfigError, unknown_tenant, validation_problems
from ..settings import Settings
from ..yaml_fast import safe_load
from .hours import WEEKDAYS, BusinessHours, QuietHours, parse_clock, rule_days

FILE = "automation.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HoursSpec(_Strict):
    timezone: str = "UTC"
    weekly: dict[str, list[str]] = Field(default_factory=dict)
    holidays: list[date | str] = Field(default_factory=list, description='Dates ("2026-12-25"), every year "MM-DD", or '
                                       'a recurrence rule ("RRULE:FREQ=MONTHLY;BYDAY=-1MO": every last Monday).')
    special: dict[date | str, list[str]] = Field(
        default_factory=dict, description='Days with hours of their own ("12-31": ["09:00-15:00"]), dated or yearly.')

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("holidays", mode="before")
    @classmethod
    def _holidays(cls, v: object) -> object:
        return [_day(day) for day in v] if isinstance(v, list) else v

    @field_validator("special", mode="before")
    @classmethod
    def _special(cls, v: object) -> object:
        if not isinstance(v, dict):
            return v
        for day, spans in v.items():
            _check_spans(str(day), spans)
        return {_day(day): spans for day, spans in v.items()}

    @field_validator("weekly")
    @classmethod
    def _weekly(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for day, spans in v.items():
            if day not in WEEKDAYS:
                raise ValueError(f"weekday {day!r} is not one of {', '.join(WEEKDAYS)}")
            _check_spans(day, spans)
        if not any(v.values()):
            raise ValueError("no open hours in the week")
        return v

    def build(self) -> BusinessHours:
        weekly = {WEEKDAYS.index(d): _intervals(spans) for d, spans in self.weekly.items()}
        dates = frozenset(d for d in self.holidays if isinstance(d, date))
        yearly = frozenset(y for d in self.holidays if isinstance(d, str) and (y := _yearly(d)))
        rules = tuple(d for d in self.holidays if isinstance(d, str) and _is_rule(d))
        special = {d if isinstance(d, date) else _yearly(d): _intervals(spans) for d, spans in self.special.items()}
        return BusinessHours(self.timezone, weekly, dates, yearly, special, rules)  # type: ignore[arg-type]


def _is_rule(text: str) -> bool:
    return "RRULE:" in text.upper()


def _day(day: object) -> object:
    """A date, "MM-DD" kept as written (every year), or a recurrence rule kept as written once it parses."""
    if isinstance(day, str) and _is_rule(day):
        try:
            rule_days(day, 2026)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{day!r} is no recurrence rule (RRULE:FREQ=MONTHLY;BYDAY=-1MO): {exc}") from None
        return day
    if isinstance(day, str) and _yearly(day) is None:
        try:
            return date.fromisoformat(day.strip())
        except ValueError:
            raise ValueError(f"{day!r} is neither a date (2026-12-25) nor a day of every year (12-25)") from None
    return day


def _check_spans(day: str, spans: object) -> None:
    if not isinstance(spans, list):
        raise ValueError(f"{day}: expected a list of spans like [\"09:00-18:00\"]")
    for span in spans:
        try:
            a, b = (parse_clock(x) for x in str(span).split("-"))
        except ValueError as exc:
            raise ValueError(f"{day}: {span!r} is not HH:MM-HH:MM") from exc
        if b != a.replace(hour=0, minute=0) and b <= a and b.hour + b.minute:
            raise ValueError(f"{day}: {span!r} ends before it starts")


def _intervals(spans: list[str]) -> list[tuple[time, time]]:
    return [tuple(parse_clock(x) for x in s.split("-")) for s in spans]  # type: ignore[misc]


def _yearly(text: str) -> tuple[int, int] | None:
    """(month, day) of "MM-DD" (29 February allowed), else None."""
    try:
        day = date.fromisoformat(f"2024-{text.strip()}")  # a leap year: 02-29 is a day of some years
    except ValueError:
        return None
    return day.month, day.day


class QuietSpec(_Strict):
    start: str | None = None
    end: str | None = None


class WhenWords(_Strict):
    today: str
    opens_today: str
    tomorrow: str
    later: str


class AutomationPolicy(_Strict):
    debounce_seconds: float = Field(default=3, ge=0, le=600)
    max_debounce_seconds: float = Field(default=15, ge=0, le=3600)
    business_hours: HoursSpec = Field(default_factory=lambda: HoursSpec(weekly={d: ["00:00-24:00"] for d in WEEKDAYS}))
    handoff_within_minutes: int = Field(default=30, ge=1, le=10_080)
    quiet_hours: QuietSpec = Field(default_factory=QuietSpec)
    holding: dict[str, str] = Field(default_factory=dict)
    when: dict[str, WhenWords] = Field(default_factory=dict)
    weekdays: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> AutomationPolicy:
        if "en" not in self.holding or "en" not in self.when:
            raise ValueError("holding and when need at least an 'en' entry")
        for lang, text in self.holding.items():
            if "{when}" not in text:
                raise ValueError(f"holding.{lang} must contain {{when}}")
        return self

    @property
    def hours(self) -> BusinessHours:
        return self.business_hours.build()

    @property
    def quiet(self) -> QuietHours:
        q = self.quiet_hours
        return QuietHours(parse_clock(q.start) if q.start else None, parse_clock(q.end) if q.end else None,
                          self.business_hours.timezone)

    def describe_when(self, when: datetime, now: datetime, language: str) -> str:
        """'by 15:55 today' / 'tomorrow at 09:00' / 'on Monday 2026-12-28 at 09:00', in the language."""
        tz = ZoneInfo(self.business_hours.timezone)
        local, today = when.astimezone(tz), now.astimezone(tz).date()
        words = self.when.get(language) or self.when["en"]
        names = self.weekdays.get(language) or self.weekdays.get("en") or list(WEEKDAYS)
        days = (local.date() - today).days
        today = words.today if self.hours.is_open(now) else words.opens_today
        pattern = today if days <= 0 else words.tomorrow if days == 1 else words.later
        return pattern.format(time=f"{local:%H:%M}", date=local.date().isoformat(),
                              weekday=names[local.weekday()])

    def holding_message(self, when: datetime, now: datetime, language: str) -> str:
        text = self.holding.get(language) or self.holding["en"]
        lang = language if language in self.holding else "en"
        return text.format(when=self.describe_when(when, now, lang))


class Policies:
    """Loaded once per tenant and process (files, not state)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._cache: dict[str, AutomationPolicy] = {}
        self._lock = threading.Lock()

    def tenant_exists(self, tenant: str) -> bool:
        if tenant == self.settings.tenant:
            return True
        base = self.settings.tenants_dir
        return bool(base and (base / tenant).is_dir())

    def get(self, tenant: str) -> AutomationPolicy:
        with self._lock:
            if tenant not in self._cache:
                self._cache[tenant] = self._load(tenant)
            return self._cache[tenant]

    def _load(self, tenant: str) -> AutomationPolicy:
        if not self.tenant_exists(tenant):
            raise unknown_tenant(tenant, self.settings.tenants_dir)
        own = self.settings.tenants_dir / tenant if tenant != self.settings.tenant and self.settings.tenants_dir else None
        return load_automation_policy(self.settings.knowledge_dir, own)


def load_automation_policy(library: Path, root: Path | None) -> AutomationPolicy:
    """The default library's automation.yaml with the tenant's keys (folder `root`) on top."""
    merged: dict[str, Any] = _read(library / FILE)
    own: dict[str, Any] = {}
    if root is not None:
        own = _read(root / FILE)
        zone = _read(root / "tenant.yaml").get("timezone")
        if zone and "business_hours" not in own:  # the default week, in the business's own time zone
            own["business_hours"] = {**merged.get("business_hours", {}), "timezone": zone}
        merged.update(own)
    try:
        return AutomationPolicy.model_validate(merged)
    except ValidationError as exc:
        where = f"{root / FILE} (tenant {root.name!r})" if own and root is not None else str(library / FILE)
        raise ConfigError(f"{where}: {validation_problems(exc, AutomationPolicy)}") from None


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data
