"""`tenant.yaml`: what a business says about itself that is not knowledge (docs/knowledge.md).

Business name, the languages it answers in, its timezone and currency, money thresholds per
currency, the words it uses for what customers have with it (order / appointment / booking), how
its taxonomy relates to the default one, and whether a booking system confirms bookings.
Unknown keys are errors naming the file, like every other data file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError, validation_problems
from .locale_format import MoneyStyle, is_language_code
from .yaml_fast import safe_load

FILE = "tenant.yaml"
# What customers have with the business; picks the template wording ("your order" / "your appointment" /
# "your booking") through the `vocabularies:` sections of templates/<lang>.yaml.
Vocabulary = Literal["order", "appointment", "booking"]
# The field that finds what a customer has with the business. A shop's order and a guesthouse's booking
# have a number; a clinic's or a salon's appointment is found by the phone it was made with.
Identifier = Literal["order_id", "phone", "email"]
_IDENTIFIED_BY: dict[str, Identifier] = {"order": "order_id", "booking": "order_id", "appointment": "phone"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bookings(_Strict):
    confirm_webhook: AnyHttpUrl | None = Field(
        default=None, description="A booking system that confirms slots. Unset: drafts say a booking is "
                                  "requested and a person confirms it (nobody checked the slot).")


class TenantConfig(_Strict):
    business: str | dict[str, str] | None = Field(
        default=None, description="Name used in drafts: one for every language, or one per language ({uk: Чисто, "
                                  "en: Chysto}; a language not listed gets the first); else faq.yaml's `business`.")
    languages: list[str] = Field(default_factory=list, description="Languages customers are answered in.")
    timezone: str | None = Field(default=None, description="IANA zone for dates, times and reply-by times.")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217: amounts without one.")
    town: str | None = Field(default=None, description="Your home town as any of your languages writes it (Odesa, "
                                                       "Гюмри): where an answer naming no place applies. Unset: the "
                                                       "town your FAQ answers name most (docs/knowledge.md).")
    high_value: dict[str, float] = Field(
        default_factory=dict, description="Amount per currency (ISO 4217) at or above which a person takes "
                                          "over (E-high-value); '*' for any other currency.")
    money: MoneyStyle = Field(default_factory=MoneyStyle, description="How prices in `currency` are written: "
                                                                      "sign, position (docs/knowledge.md).")
    vocabulary: Vocabulary = "order"
    identified_by: Identifier | None = Field(
        default=None, description="The field asked first where an intent needs the order number: phone for the "
                                  "appointment vocabulary, else order_id. The order number is accepted too.")
    taxonomy: Literal["extend", "replace"] = Field(
        default="replace", description="extend: the tenant's intents are added to the default ones (same id "
                                       "replaces); replace: only the tenant's intents exist.")
    bookings: Bookings = Field(default_factory=Bookings)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"{v!r} is not an IANA timezone (e.g. Asia/Yerevan)") from None
        return v

    @field_validator("business")
    @classmethod
    def _names(cls, v: str | dict[str, str] | None) -> str | dict[str, str] | None:
        if isinstance(v, dict):
            if not v:
                raise ValueError("give at least one name ({en: Chysto})")
            for lang, name in v.items():
                if not is_language_code(lang):
                    raise ValueError(f"{lang!r} is not a language code (en, ru, uk, hy, lo)")
                if not name.strip():
                    raise ValueError(f"business.{lang} is empty")
        return v

    @field_validator("high_value")
    @classmethod
    def _currencies(cls, v: dict[str, float]) -> dict[str, float]:
        for code, amount in v.items():
            if code != "*" and not (len(code) == 3 and code.isascii() and code.isupper()):
                raise ValueError(f"{code!r} is not an ISO 4217 currency code (or '*')")
            if amount <= 0:
                raise ValueError(f"high_value[{code!r}] must be above 0")
        return v

    @model_validator(mode="after")
    def _money_has_currency(self) -> TenantConfig:
        if self.money.sign is not None and self.currency is None:
            raise ValueError("money.sign is how `currency` is written: name the currency too (currency: UAH)")
        return self

    @property
    def identifier(self) -> Identifier:
        return self.identified_by or _IDENTIFIED_BY[self.vocabulary]

    def threshold(self, currency: str | None, default: float) -> float:
        """The E-high-value amount for an amount in `currency` (None: the tenant's own currency)."""
        code = currency or self.currency
        if code and code in self.high_value:
            return self.high_value[code]
        return self.high_value.get("*", default)


def load_tenant_config(root: Path) -> TenantConfig:
    """`root/tenant.yaml`, or the defaults when the tenant has none."""
    path = root / FILE
    if not path.is_file():
        return TenantConfig()
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
        return TenantConfig.model_validate(data)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None
    except ValidationError as exc:
        raise ConfigError(f"{path}: {validation_problems(exc, TenantConfig)}") from None
