"""A tenant's folder: its one layout, checked before anything is built (docs/knowledge.md, "A tenant").

    <tenant>/
      tenant.yaml              business name, languages, timezone, currency, thresholds, vocabulary
      taxonomy/intents.yaml    optional: its own intents (tenant.yaml `taxonomy:` extend | replace)
      templates/<lang>.yaml    optional: only what it changes in the default templates
      knowledge/faq.yaml       its FAQ
      knowledge/policies/<name>.<lang>.md
      knowledge/catalogue.yaml products, services, rooms
      off_domain.yaml          optional: questions its knowledge does not answer

A file in the wrong place is an error naming the path and where it belongs, never a tenant that
loads with zero knowledge. `copilot tenant init` writes this layout (`tenant_scaffold.py`); `copilot tenant check` runs
`problems` and then builds everything (see `coverage`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .errors import ConfigError, CopilotError
from .taxonomy import load_taxonomy, taxonomy_of
from .tenant_config import FILE as CONFIG_FILE
from .tenant_config import load_tenant_config
from .yaml_fast import safe_load

if TYPE_CHECKING:
    from .resources import Tenant

KNOWLEDGE = "knowledge"
# Everything a tenant folder may hold at the top. Another per-tenant data file is added here.
TOP_LEVEL_FILES = {CONFIG_FILE, "off_domain.yaml", "channels.yaml", "signals.yaml", "send_policy.yaml",
                   "send_confidence.json", "automation.yaml"}
TOP_LEVEL_DIRS = {"taxonomy", "templates", KNOWLEDGE}
KNOWLEDGE_FILES = {"faq.yaml", "catalogue.yaml", "availability.yaml"}
KNOWLEDGE_DIRS = {"policies"}
# Where a misplaced name belongs: the mistakes the docs once invited ("the same layout as knowledge/").
_BELONGS = {
    "faq.yaml": "knowledge/faq.yaml", "catalogue.yaml": "knowledge/catalogue.yaml", "policies": "knowledge/policies/",
    "demo": "knowledge/ (demo/ is the default library's demo business, not a tenant folder)",
    "faq": "knowledge/faq.yaml", "intents.yaml": "taxonomy/intents.yaml",
}
_LANG_FILE = re.compile(r"^[a-z]{2,3}\.ya?ml$")
_IGNORED = re.compile(r"^(\.|README|readme|NOTES)")


class TenantLayoutError(ConfigError):
    """A tenant folder is laid out wrongly; the message lists every problem with its path."""


@dataclass
class Findings:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def raise_errors(self, root: Path) -> None:
        if self.errors:
            lines = "\n  ".join(self.errors)
            raise TenantLayoutError(f"tenant folder {root} is not laid out as docs/knowledge.md says:\n  {lines}")


def check_layout(root: Path) -> Findings:
    """Every misplaced, unknown or empty file of a tenant folder (errors) and what is merely absent (warnings)."""
    found = Findings()
    for path in sorted(root.iterdir()):
        name = path.name
        if _IGNORED.match(name):
            continue
        if path.is_dir() and name in TOP_LEVEL_DIRS or path.is_file() and name in TOP_LEVEL_FILES:
            continue
        if name in _BELONGS:
            found.errors.append(f"{path}: misplaced; it belongs in {root / _BELONGS[name]}")
        elif path.is_file() and _LANG_FILE.match(name):
            found.errors.append(f"{path}: misplaced; template files belong in {root / 'templates' / name}")
        else:
            allowed = sorted(TOP_LEVEL_FILES | {d + "/" for d in TOP_LEVEL_DIRS})
            found.errors.append(f"{path}: unknown {'folder' if path.is_dir() else 'file'}; a tenant folder holds "
                                f"{', '.join(allowed)}")
    kdir = root / KNOWLEDGE
    if not kdir.is_dir():
        found.warnings.append(f"{kdir}: missing; the tenant has no FAQ, policies or catalogue, so no question is "
                              "answered from knowledge")
    else:
        _check_knowledge(kdir, found)
    for sub in ("taxonomy", "templates"):
        d = root / sub
        if d.is_dir() and not any(d.glob("*.y*ml")) and not any(d.glob("*.csv")):
            found.errors.append(f"{d}: empty folder; remove it or add its files")
    return found


def file_problems(root: Path, library: Path) -> list[str]:
    """Each of the tenant's data files read on its own, so a check names every broken file at once (loading
    the tenant stops at the first). `library`: the default library (knowledge/), whose files a tenant's overlay."""
    from .automation.tenant_policy import load_automation_policy
    from .knowledge.files import AVAILABILITY_FILE, catalogue_entries, faq_entries, knowledge_files, policy_entries
    from .off_domain import read_messages
    from .rules.channels import tenant_channel_limits
    from .send_policy import load_send_policy
    from .signal_words import load_signal_words
    from .templates import TemplateLibrary

    checks: list[Callable[[], object]] = [
        lambda: load_tenant_config(root),
        lambda: load_send_policy(library, root),
        lambda: load_automation_policy(library, root),  # else only the worker that first answers the tenant fails
        lambda: read_messages(root / "off_domain.yaml") if (root / "off_domain.yaml").is_file() else None,
        lambda: load_signal_words(library / "signals.yaml", root / "signals.yaml"),
        lambda: tenant_channel_limits(root / "channels.yaml"),
        lambda: taxonomy_of(root, library, extend=_extends(root)) if (root / "taxonomy").is_dir() else None,
        lambda: TemplateLibrary.load(library / "templates", *([root / "templates"] if (root / "templates").is_dir() else [])),
    ]
    kdir = root / KNOWLEDGE
    for path in knowledge_files(kdir) if kdir.is_dir() else []:
        read = {"faq.yaml": faq_entries, "catalogue.yaml": catalogue_entries}.get(path.name, policy_entries)
        if path.name != AVAILABILITY_FILE:
            checks.append(lambda path=path, read=read: read(path, path.name))
    problems = []
    for check in checks:
        try:
            check()
        except CopilotError as exc:
            problems.append(str(exc))
    return problems


def _check_knowledge(kdir: Path, found: Findings) -> None:
    files = 0
    for path in sorted(kdir.iterdir()):
        name = path.name
        if _IGNORED.match(name):
            continue
        if path.is_file() and name in KNOWLEDGE_FILES:
            files += name != "availability.yaml"  # the catalogue's stock wording, no knowledge of its own
            _check_not_empty(path, {"faq.yaml": "entries", "availability.yaml": "words"}.get(name, "items"), found)
        elif path.is_dir() and name in KNOWLEDGE_DIRS:
            policies = [p for p in path.iterdir() if not _IGNORED.match(p.name)]
            for p in policies:
                if not p.is_file() or not p.name.endswith(".md"):
                    found.errors.append(f"{p}: policies are files named <name>.<lang>.md")
                elif not p.read_text(encoding="utf-8", errors="replace").strip():
                    found.errors.append(f"{p}: empty policy file")
                else:
                    files += 1
        elif name in ("taxonomy", "templates", CONFIG_FILE, "off_domain.yaml"):
            found.errors.append(f"{path}: misplaced; it belongs in {kdir.parent / name}")
        elif name == "demo" or name == "faq":
            found.errors.append(f"{path}: misplaced; put its files straight in {kdir} (faq.yaml, policies/, catalogue.yaml)")
        else:
            found.errors.append(f"{path}: unknown; knowledge/ holds faq.yaml, policies/, catalogue.yaml and "
                               "availability.yaml")
    if files == 0 and not found.errors:
        found.errors.append(f"{kdir}: no knowledge files (faq.yaml, policies/<name>.<lang>.md, catalogue.yaml)")


def _check_not_empty(path: Path, key: str, found: Findings) -> None:
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        found.errors.append(f"{path}: cannot read YAML ({exc})")
        return
    if not isinstance(data, dict) or not data.get(key):
        found.errors.append(f"{path}: no {key}; an empty file would leave the tenant without this knowledge")


def knowledge_languages(kdir: Path) -> dict[str, str]:
    """Language -> a file that has text in it (FAQ answers, policy files, catalogue names)."""
    out: dict[str, str] = {}
    faq = kdir / "faq.yaml"
    if faq.is_file():
        data = safe_load(faq.read_text(encoding="utf-8")) or {}
        for entry in data.get("entries") or []:
            for lang in (entry.get("answers") or {}):
                out.setdefault(lang, str(faq))
    for p in sorted((kdir / "policies").glob("*.md")) if (kdir / "policies").is_dir() else []:
        parts = p.name.split(".")
        if len(parts) == 3:
            out.setdefault(parts[1], str(p))
    return out


def check_languages(root: Path, template_languages: set[str], declared: list[str]) -> Findings:
    """A language the tenant's knowledge or tenant.yaml answers in but no template file covers."""
    found = Findings()
    used: dict[str, str] = {}
    if (root / KNOWLEDGE).is_dir():
        used.update(knowledge_languages(root / KNOWLEDGE))
    used.update({lang: str(root / CONFIG_FILE) for lang in declared})
    for lang, where in sorted(used.items()):
        if lang != "und" and lang not in template_languages:
            found.errors.append(f"{where}: language {lang!r} has no templates; add {root / 'templates' / lang}.yaml "
                                f"with a '*' template for every moment (or drop the language)")
    return found


# ---------------------------------------------------------------- coverage (`copilot tenant check`)

def _extends(root: Path) -> bool:
    """Whether the tenant's tenant.yaml extends the default taxonomy (a broken tenant.yaml is reported on its own)."""
    try:
        return load_tenant_config(root).taxonomy == "extend"
    except CopilotError:
        return True


SINGLE_KINDS = ("greeting", "book", "cancel", "follow_up", "feedback")  # one intent of each does the job


def _own_intents(tenant: Tenant) -> set[str]:
    """The ids of the intents the business wrote (a replacing taxonomy: all of them)."""
    if tenant.config.taxonomy == "replace":
        return {i.id for i in tenant.taxonomy.intents}
    own_file = tenant.root / "taxonomy"
    return {i.id for i in load_taxonomy(own_file, base=tenant.taxonomy).intents} if own_file.exists() else set()


def _beside_defaults(tenant: Tenant) -> list[str]:
    """An extending taxonomy's own intent of a kind the default already has one of ("book_grooming" beside the
    default `booking`): the classifier splits those messages between the two, and the default's examples speak
    of a bike workshop. Reusing the default's id replaces it."""
    own = _own_intents(tenant)  # under replace every intent is the business's own: none beside a default
    lines = []
    for kind in SINGLE_KINDS:
        defaults = [i.id for i in tenant.taxonomy.intents if i.kind == kind and i.id not in own]
        mine = [i.id for i in tenant.taxonomy.intents if i.kind == kind and i.id in own]
        if defaults and mine:
            lines.append(f"taxonomy: {', '.join(mine)} (kind {kind}) beside the default {', '.join(defaults)}: "
                         f"messages of that kind are split between them; give yours the id {defaults[0]} to replace it")
    return lines


def _where_to_set(tenant: Tenant, intent: str) -> str:
    """Where `catalogue:` of an intent is set: on the business's own intent, or by patching a default one."""
    if intent in _own_intents(tenant):
        return f"set it on `{intent}` in taxonomy/intents.yaml"
    return f"`- id: {intent}` with `catalogue: facts` and no examples in taxonomy/intents.yaml changes a default intent"


MIN_EXAMPLES = 5  # fewer examples of an intent in a language than this and it is often misread
NAMED_EXAMPLES = 3  # examples naming catalogue items: the intent is about items


# The example FAQ entry `tenant init` writes (tenant_scaffold): questions, questions, the answer, per language.
SCAFFOLD_EXAMPLE = {
    "en": ("when are you open", "what are your opening hours", "We are open Mon–Fri 9:00–18:00."),
    "ru": ("когда вы работаете", "какой у вас график", "Мы работаем пн–пт с 9:00 до 18:00."),
    "uk": ("коли ви працюєте", "який у вас графік", "Ми працюємо пн–пт з 9:00 до 18:00."),
    "hy": ("երբ եք աշխատում", "ինչ ժամերի եք բաց", "Աշխատում ենք երկ–ուրբ 9:00–18:00։"),
    "lo": ("ເປີດຈັກໂມງ", "ເປີດມື້ໃດແດ່", "ພວກເຮົາເປີດວັນຈັນ–ສຸກ 9:00–18:00."),
}


def coverage(tenant: Tenant, languages: list[str]) -> list[str]:
    """What the tenant's data leaves thin, one line each: intents × languages with too few examples,
    FAQ entries missing a language or still the scaffold's example, catalogue items without a price, intents
    without their words."""
    lines: list[str] = []
    for intent in tenant.taxonomy.intents:
        thin = [f"{lang} {len(intent.examples.get(lang, []))}" for lang in languages
                if len(intent.examples.get(lang, [])) < MIN_EXAMPLES]
        if thin:
            lines.append(f"intent {intent.id}: fewer than {MIN_EXAMPLES} examples in {', '.join(thin)}")
    kdir = tenant.knowledge_dir
    faq = kdir / "faq.yaml" if kdir else None
    if faq and faq.is_file():
        for entry in (safe_load(faq.read_text(encoding="utf-8")) or {}).get("entries") or []:
            gaps = [lang for lang in languages if lang not in (entry.get("answers") or {})]
            if gaps:
                lines.append(f"faq {entry.get('id')}: no answer in {', '.join(gaps)}")
            few = [lang for lang in languages if lang in (entry.get("answers") or {})
                   and len((entry.get("questions") or {}).get(lang) or []) < 2]
            if few:
                lines.append(f"faq {entry.get('id')}: fewer than 2 question variants in {', '.join(few)}")
            kept = [lang for lang, text in (entry.get("answers") or {}).items()
                    if lang in SCAFFOLD_EXAMPLE and text == SCAFFOLD_EXAMPLE[lang][2]]
            if kept:  # quoted to customers as the business's own hours
                lines.append(f"faq {entry.get('id')}: still the example `tenant init` wrote in {', '.join(kept)} "
                             f"(\"{SCAFFOLD_EXAMPLE[kept[0]][2]}\"): write your own or delete it")
    if tenant.catalogue:
        for intent in tenant.taxonomy.intents:  # price questions about a named item, answered by embedding alone
            if intent.kind != "answer" or intent.catalogue != "search":
                continue
            named = [(text, item.id, text[slice(*span)]) for lang in languages for text in intent.examples.get(lang, [])
                     if (found := tenant.catalogue.find_product_span(text, lang)) for item, span in [found]]
            if len(named) >= NAMED_EXAMPLES:  # which examples and which words, so a too-broad alias can be found
                shown = "; ".join(f'"{text}" → {item} ("{words}")' for text, item, words in named[:3])
                # Which setting fits which questions: a newcomer read three equal choices and took `none`,
                # so "do you rent X?" could no longer quote X.
                lines.append(f"intent {intent.id}: {len(named)} examples name catalogue items ({shown}"
                             f"{'; …' if len(named) > 3 else ''}), but with `catalogue: search` a named item is quoted "
                             "only when its entry sits nearer than every FAQ entry. If these questions ask about the "
                             "item named (its price, whether you have it), set `catalogue: facts`: the named item's "
                             f"entry is the answer ({_where_to_set(tenant, intent.id)}); `catalogue: none` (only FAQ "
                             "entries) suits only an intent whose questions never want an item's entry; an alias that "
                             "is an everyday word names items nobody asked about")
        for item in tenant.catalogue.items:
            if not item.priced:
                lines.append(f"catalogue {item.id}: no price")
            gaps = [lang for lang in languages if lang not in item.names]
            if gaps:
                lines.append(f"catalogue {item.id}: no name in {', '.join(gaps)}")
        # A trade whose ordinary sale is dear (a solar system, 28–87 million kip) hands every quote to a person.
        bar, currency = tenant.high_value(tenant.catalogue.currency), tenant.catalogue.currency
        dear = [item.id for item in tenant.catalogue.items if max(item.prices, default=0.0) >= bar]
        if dear:
            lines.append(f"catalogue: {', '.join(dear)} cost {bar:g} {currency} or more, the high_value bar: a "
                         f"customer who names such an amount goes to a person (E-high-value); if these are ordinary "
                         f"sales, raise high_value: {{{currency}: …}} in tenant.yaml")
    # A taxonomy that replaces the default one keeps what every business needs: a greeting, and intents
    # that hand over (a refund asked in words the escalation markers miss lands on no hand-off intent).
    kinds = {intent.kind for intent in tenant.taxonomy.intents}
    for kind, why in (("greeting", "a bare 'hi' is read as some other intent"),
                      ("escalate", "only the escalation markers (signals.yaml) hand a conversation over")):
        if kind not in kinds:
            lines.append(f"taxonomy: no intent of kind {kind}: {why}")
    lines += _beside_defaults(tenant)
    if tenant.currency and tenant.currency not in tenant.config.high_value and "*" not in tenant.config.high_value:
        bar = tenant.high_value(tenant.currency)
        lines.append(f"tenant.yaml: no high_value for {tenant.currency}: an amount of {bar:g} {tenant.currency} or more "
                     f"goes to a person (E-high-value); set high_value: {{{tenant.currency}: …}}")
    known = {intent.id for intent in tenant.taxonomy.intents}
    for lang in languages:
        if not tenant.templates.has_language(lang):
            continue
        spec = tenant.templates.languages[lang]
        for template in spec.templates:  # "(1) prices, (2) booking": a reply "2" must lead to an intent it has
            lost = [r for r in template.routes if r not in known]
            if lost:
                lines.append(f"templates {lang}: {template.id} offers options that lead to intents not in the "
                             f"taxonomy ({', '.join(lost)}); override it with `routes:` to its own intents")
        for intent in tenant.taxonomy.intents:
            if intent.id not in spec.topics:
                lines.append(f"templates {lang}: no topic for intent {intent.id} (drafts say "
                             f"“{tenant.templates.topic(lang, intent.id)}”)")
            for fields in intent.required_fields:
                for f in fields.split("|")[:1]:
                    if f not in spec.fields:
                        lines.append(f"templates {lang}: no question for field {f} (intent {intent.id})")
    return lines
