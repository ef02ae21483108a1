"""`copilot tenant init`: a new tenant folder in the layout `tenant_setup` checks (docs/knowledge.md, "A tenant")."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from babel.numbers import get_currency_symbol
from pydantic import ValidationError

from .catalogue import load_catalogue
from .demo_trade import DEMO_TRADE
from .errors import ConfigError, validation_problems
from .fields.contacts import find_phone
from .fields.text import MessageText
from .locale_format import babel_locale
from .paths import KNOWLEDGE_DIR
from .places import gazetteer
from .taxonomy import IntentSpec, load_taxonomy
from .tenant_config import FILE as CONFIG_FILE
from .tenant_config import TenantConfig
from .tenant_setup import KNOWLEDGE, SCAFFOLD_EXAMPLE

_CONFIG_TEMPLATE = """\
# {name}: what the business says about itself (docs/knowledge.md, "A tenant").
business: {business}              # or one name per language: {{uk: "Чисто", en: "Chysto"}}
languages: [{languages}]        # customers are answered in these; each needs templates (default: en ru uk hy lo)
timezone: {timezone}             # IANA zone, e.g. Asia/Yerevan: dates, times and reply-by times
currency: {currency}                   # ISO 4217: prices and amounts without a currency
{high_value}
# money: {{sign: "{sign}", position: after}}   # how you write the currency: "22 000 ֏", "350 грн" (default: the code);
#                                        # per language too: {{sign: {{hy: ֏, en: AMD}}, position: {{en: before}}}}
vocabulary: {vocabulary}               # order | appointment | booking: what customers have with you
{identified_by}
taxonomy: {taxonomy}                # extend: your taxonomy/ adds to the default intents; replace: only yours
# bookings: {{confirm_webhook: https://example.com/slots}}   # without it a booking is "requested"
"""

_FAQ_TEMPLATE = """\
# {name}'s questions and answers (docs/knowledge.md, "knowledge/faq.yaml"). Replace this example.
# (The business's name is tenant.yaml's `business`.)
entries:
  - id: hours
    intent: info
    questions:
{questions}
    answers:
{answers}
"""



# About 1000 EUR in common currencies (rounded, 2026): the scaffold's high-value line, for the business to set.
_ABOUT_1000_EUR = {"EUR": 1000, "USD": 1000, "GBP": 1000, "CHF": 1000, "PLN": 4000, "GEL": 3000, "UAH": 45000,
                   "RUB": 100000, "AMD": 400000, "KZT": 550000, "THB": 35000, "LAK": 23000000}


def _high_value_line(currency: str) -> str:
    why = "# at or above this a person takes over (E-high-value), per currency"
    amount = _ABOUT_1000_EUR.get(currency)
    if amount is None:
        return f"# high_value: {{{currency}: …}}   {why}: set it (unset, 1000 {currency} is the bar)"
    return f"high_value: {{{currency}: {amount}}}   {why} (about 1000 EUR)"


def _sign(currency: str, languages: list[str]) -> str:
    """The currency's sign in the first of the business's languages that has one ("֏" for AMD), else its code."""
    signs = (get_currency_symbol(currency, babel_locale(lang)) for lang in languages)
    return next((s for s in signs if s != currency), currency)


def _identified_by_line(identified_by: str | None) -> str:
    why = "# what finds a customer's order or booking: order_id | phone | email"
    if identified_by is None:
        return f"# identified_by: phone          {why} (default: phone for appointment, else order_id)"
    return f"identified_by: {identified_by}   {why}"


def scaffold(root: Path, name: str, languages: list[str], *, timezone: str = "UTC", currency: str = "EUR",
             vocabulary: str = "order", identified_by: str | None = None, business: str | None = None,
             taxonomy: str = "extend") -> list[Path]:
    """Write a new tenant folder in the documented layout; refuses to touch an existing one, and writes nothing
    that `tenant.yaml` would reject (an unknown time zone, currency, vocabulary or identifier is an error naming
    it)."""
    try:
        TenantConfig.model_validate({"timezone": timezone, "currency": currency, "vocabulary": vocabulary,
                                     "identified_by": identified_by, "business": business, "taxonomy": taxonomy})
    except ValidationError as exc:
        raise ConfigError(validation_problems(exc, TenantConfig)) from None
    if root.exists():
        raise ConfigError(f"{root}: already exists; `copilot tenant check` checks it")
    unknown = [lang for lang in languages if lang not in SCAFFOLD_EXAMPLE]
    if unknown:
        raise ConfigError(f"no example text for {unknown}; pick from {sorted(SCAFFOLD_EXAMPLE)} and add others by hand")
    (root / KNOWLEDGE).mkdir(parents=True)
    # Double-quoted (JSON is YAML): a line the business adds in the same style may hold an apostrophe ("кав'ярня").
    questions = "\n".join(f"      {lang}: {json.dumps(list(SCAFFOLD_EXAMPLE[lang][:2]), ensure_ascii=False)}"
                          for lang in languages)
    answers = "\n".join(f"      {lang}: {json.dumps(SCAFFOLD_EXAMPLE[lang][2], ensure_ascii=False)}"
                        for lang in languages)
    written = [root / CONFIG_FILE, root / KNOWLEDGE / "faq.yaml"]
    written[0].write_text(_CONFIG_TEMPLATE.format(name=name, business=json.dumps(business or name, ensure_ascii=False),
                                                  taxonomy=taxonomy, languages=", ".join(languages), timezone=timezone,
                                                  currency=currency, sign=_sign(currency, languages),
                                                  vocabulary=vocabulary,
                                                  high_value=_high_value_line(currency),
                                                  identified_by=_identified_by_line(identified_by)), encoding="utf-8")
    written[1].write_text(_FAQ_TEMPLATE.format(name=name, questions=questions, answers=answers), encoding="utf-8")
    if taxonomy == "replace":
        written.append(_starter_taxonomy(root / "taxonomy" / "intents.yaml", languages))
    return written


# What every business needs, taken from the default taxonomy for a replacing one to start from: a greeting, the
# intent the example FAQ entry answers, and the hand-offs (a refund, a person, a complaint or a threat read as
# nothing hands off nothing).
_STARTER_INTENTS = ("greeting", "info", "refund", "human_request", "complaint", "legal")
# The default intent's behaviour a starter intent keeps (a complaint hands off only when read surely).
_BEHAVIOUR = ("kind", "description", "required_fields", "escalate_from", "escalation_reason")


def _starter_taxonomy(path: Path, languages: list[str]) -> Path:
    default = load_taxonomy(KNOWLEDGE_DIR / "taxonomy")
    demo = load_catalogue(KNOWLEDGE_DIR / "demo" / "catalogue.yaml")

    def generic(example: str, lang: str) -> bool:  # not the demo shop's: "hello velo nord", its towns, its trade,
        # nor a country's phone number ("+374 77 555 111" in a Ukrainian business's Russian examples)
        return "velo nord" not in example.casefold() and not demo.mentions_products(example) \
            and not DEMO_TRADE.search(example) and not gazetteer().named(example, lang) \
            and find_phone(MessageText(example), lang) is None

    unset = {k: IntentSpec.model_fields[k].get_default(call_default_factory=True) for k in _BEHAVIOUR}
    intents = [{"id": spec.id, **{k: getattr(spec, k) for k in _BEHAVIOUR if getattr(spec, k) != unset[k]},
                "examples": {lang: [e for e in spec.examples[lang] if generic(e, lang)]
                             for lang in languages if lang in spec.examples}}
               for i in _STARTER_INTENTS if (spec := default.get(i)) is not None]
    path.parent.mkdir(parents=True)
    path.write_text("# Your intents replace the default ones (tenant.yaml `taxonomy: replace`; docs/knowledge.md,\n"
                    "# \"taxonomy/\"). These come from the default taxonomy, less the examples that name its demo\n"
                    "# bike shop: reword them in your customers' words (your services, your name), add your own.\n"
                    "# `order_id` in required_fields asks first for what finds your customers (tenant.yaml\n"
                    "# `identified_by`: a phone, an email or an order or booking number).\n"
                    + yaml.safe_dump({"version": 1, "intents": intents}, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")
    return path
