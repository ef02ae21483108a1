"""`copilot tenant init | check`, registered on the CLI's `tenant` sub-app by copilot/cli.py.

`check` is the deploy step: it validates the folder, builds the classifier, ingests the knowledge,
warms every stage with one message per language, and prints what the data leaves thin. After it,
a server's first request for the tenant loads from the caches in COPILOT_DATA_DIR.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import CopilotError
from .settings import Settings

if TYPE_CHECKING:
    from .pipeline import Copilot
    from .resources import Tenant

_HELLO = {"en": "hello", "ru": "здравствуйте", "uk": "добрий день", "hy": "բարև", "lo": "ສະບາຍດີ"}


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _tenants_dir(option: Path | None) -> Path:
    base = option or Settings().tenants_dir
    if base is None:
        _fail("set COPILOT_TENANTS_DIR (or pass --tenants-dir): the folder that holds one folder per tenant")
    return Path(base)


def register(tenant_app: typer.Typer) -> None:
    @tenant_app.command("init")
    def init(
        name: Annotated[str, typer.Argument(help="Tenant id: the folder name under COPILOT_TENANTS_DIR.")],
        languages: Annotated[str, typer.Option(help="Comma-separated languages customers write in.")] = "en",
        timezone: Annotated[str, typer.Option(help="IANA time zone, e.g. Asia/Yerevan.")] = "UTC",
        currency: Annotated[str, typer.Option(help="ISO 4217 code of its prices, e.g. AMD.")] = "EUR",
        vocabulary: Annotated[str, typer.Option(help="What customers have with it: order, appointment or booking.")] = "order",
        identified_by: Annotated[str | None, typer.Option(
            help="What finds a customer's order or booking: order_id, phone or email (default: phone for "
                 "appointment, else order_id).")] = None,
        business: Annotated[str | None, typer.Option(help="The business's name as customers know it "
                                                          "(default: the tenant id).")] = None,
        taxonomy: Annotated[str, typer.Option(help="extend: your intents add to the default ones; replace: only "
                                                   "yours (docs/knowledge.md).")] = "extend",
        tenants_dir: Annotated[Path | None, typer.Option(help="Default: COPILOT_TENANTS_DIR.")] = None,
    ) -> None:
        """Write a new tenant folder in the documented layout (docs/knowledge.md)."""
        from .tenant_scaffold import scaffold

        root = _tenants_dir(tenants_dir) / name
        try:
            written = scaffold(root, name, [x.strip() for x in languages.split(",") if x.strip()],
                               timezone=timezone, currency=currency.upper(), vocabulary=vocabulary,
                               identified_by=identified_by, business=business, taxonomy=taxonomy)
        except CopilotError as exc:
            _fail(str(exc))
        for path in written:
            typer.echo(f"wrote {path}")
        where = f" --tenants-dir {tenants_dir}" if tenants_dir else ""  # pasted as printed, it finds the folder
        typer.echo(f"next: edit them, then `copilot tenant check {name}{where}`")

    @tenant_app.command("templates")
    def templates(
        name: Annotated[str, typer.Argument(help="Tenant id: the folder name under COPILOT_TENANTS_DIR.")],
        language: Annotated[str | None, typer.Option(help="Only this language, e.g. en.")] = None,
        word: Annotated[str | None, typer.Option(help="Only texts with this word in them, e.g. order.")] = None,
        tenants_dir: Annotated[Path | None, typer.Option(help="Default: COPILOT_TENANTS_DIR.")] = None,
    ) -> None:
        """Print the texts the tenant's drafts are written from (its files over the default library, for its
        vocabulary): what to reword, and what the "*" templates say for its own intents."""
        root = _tenants_dir(tenants_dir) / name
        if not root.is_dir():
            _fail(f"{root}: no such tenant folder (`copilot tenant init {name}` writes one)")
        try:
            lines = _template_lines(root, Settings().knowledge_dir, language, word)
        except CopilotError as exc:
            _fail(str(exc))
        for line in lines:
            typer.echo(line)
        if not lines:
            typer.echo("no text" + (f" with {word!r}" if word else "") + (f" in {language}" if language else ""))

    @tenant_app.command("check")
    def check(
        name: Annotated[str, typer.Argument(help="Tenant id: the folder name under COPILOT_TENANTS_DIR.")],
        tenants_dir: Annotated[Path | None, typer.Option(help="Default: COPILOT_TENANTS_DIR.")] = None,
        data_dir: Annotated[Path | None, typer.Option(help="Where the caches are built, the folder the server "
                                                           "reads (default: COPILOT_DATA_DIR).")] = None,
    ) -> None:
        """Validate, ingest, build and warm a tenant, then print what its data leaves thin. Exit 2 on an error."""
        from .pipeline import Copilot
        from .places import town_name
        from .send_policy import load_send_policy
        from .tenant_setup import check_layout, coverage, file_problems

        base = _tenants_dir(tenants_dir)
        root = base / name
        if not root.is_dir():
            _fail(f"{root}: no such tenant folder (`copilot tenant init {name}` writes one)")
        findings = check_layout(root)
        # Layout errors alone ("knowledge/ missing" beside "demo/ belongs in knowledge/" says it twice); then every
        # broken file at once, not the first one the tenant's loading stops at.
        errors = findings.errors or file_problems(root, Settings().knowledge_dir)
        if errors:
            for error in errors:
                typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2)
        for warning in findings.warnings:
            typer.echo(f"warning: {warning}")
        start = time.perf_counter()
        copilot = Copilot(Settings(tenants_dir=base, **({"data_dir": data_dir} if data_dir else {})))
        copilot.resources.progress = lambda message: typer.echo(message)
        try:
            tenant = copilot.resources.tenant(name)
            languages = tenant.config.languages or sorted(tenant.templates.languages)
            for lang in languages:  # every stage once per language: models and caches loaded
                copilot.suggest({"messages": [{"role": "customer", "text": _HELLO.get(lang, "hello")}],
                                 "tenant": name, "customer": {"language": lang}})
        except CopilotError as exc:
            _fail(str(exc))
        entries = copilot.resources.store.entries(tenant=name) if tenant.knowledge_dir else []
        typer.echo(f"tenant {name}: ready in {time.perf_counter() - start:.1f} s — {len(tenant.taxonomy.intents)} "
                   f"intents ({tenant.config.taxonomy if (root / 'taxonomy').exists() else 'default'} taxonomy), "
                   f"{len(entries)} knowledge entries, languages {', '.join(languages)}, "
                   f"vocabulary {tenant.config.vocabulary}, bookings "
                   f"{'asked of its booking system' if tenant.has_booking_system else 'requested (a person confirms)'}")
        typer.echo("knowledge: " + _knowledge_line(entries))
        index = copilot.resources.store.words(name) if tenant.knowledge_dir else None
        home = sorted(town_name(p) for p in index.home(tenant.currency, tenant.config.town)) if index else []
        typer.echo(f"home town: {', '.join(home)} (an answer naming no place speaks for it; tenant.yaml `town:` "
                   "names yours)" if home else "home town: none (no town of your country named by two answers; "
                   "tenant.yaml `town:` names yours)")
        first = {h.language: h for h in reversed(entries) if h.kind == "catalogue"}
        for lang in [*languages, *(lang for lang in first if lang not in languages)]:
            if hit := first.get(lang):  # an item as a draft quotes it: the money settings and written prices at work
                typer.echo(f"  {lang}: {hit.text}")
        read = [p.relative_to(root) for p in root.rglob("*") if p.is_file()]
        files = sorted(str(p) for p in read if p.suffix in (".yaml", ".yml", ".csv", ".json")
                       or (p.suffix == ".md" and p.parts[0] == "knowledge"))  # policies' Markdown too
        typer.echo(f"read from {root}: " + ", ".join(files))
        policy = load_send_policy(copilot.settings.knowledge_dir, tenant.root,
                                  frozenset(i.id for i in tenant.taxonomy.intents))
        typer.echo(f"auto-send: {', '.join(policy.intents)} at send_confidence ≥ {policy.bar:g}" if policy.intents else
                   "auto-send: none (no intent of this taxonomy is listed; send_policy.yaml, docs/auto-send.md)")
        unsent = sorted({f"{h.id.split(':')[1]} ({h.intent})" for h in entries
                         if h.kind == "faq" and h.intent and h.intent not in policy.intents})
        if policy.intents and unsent:  # the draft counts as the entry's intent (docs/knowledge.md)
            typer.echo(f"  read by a person first, their intent not listed: {', '.join(unsent)}")
        gaps = coverage(tenant, languages)
        typer.echo(f"coverage: {len(gaps)} gap(s) in examples per intent and language, FAQ answers and question "
                   "variants, catalogue prices and names, template topics and field questions, hand-off intents, own intents "
                   "beside a default one of their kind")
        for line in gaps:
            typer.echo(f"  {line}")
        near = _off_topic_near(copilot, tenant, languages)
        if near:
            typer.echo(f"off-topic: {len(near)} default example(s) as near one of your FAQ questions as an answer "
                       "would be; a customer message nearer to one of them is not answered from your entry. One that "
                       "is your own trade goes under `drop:` in your off_domain.yaml (docs/knowledge.md, "
                       "\"off_domain.yaml\")")
            for line in near:
                typer.echo(f"  {line}")
        typer.echo(f"ok: {name} is built and answers from its data ("
                   + (f"{len(gaps)} coverage gap(s) above to look at)" if gaps else "no coverage gaps)"))


_JINJA = re.compile(r"\{[%{].*?[%}]\}")  # "{% if order_id %}" is no word a customer reads


def _template_lines(root: Path, default: Path, language: str | None, word: str | None) -> list[str]:
    """The texts a tenant's drafts are written from, as its files and the default library make them: topics, field
    questions, follow-ups and templates (intent or `@kind`, moment), `word` in them when given; "(yours)" marks what
    the tenant's own file states. Only those its intents reach: a replacing taxonomy's drafts never use the default
    `order_status` texts."""
    from .taxonomy import taxonomy_of
    from .templates import TemplateLibrary
    from .tenant_config import load_tenant_config

    config = load_tenant_config(root)
    own_dir, vocabulary = root / "templates", config.vocabulary
    intents = taxonomy_of(root, default, extend=config.taxonomy == "extend").intents
    reached = {"*", "other", *(i.id for i in intents), *(f"@{i.kind}" for i in intents)}
    library = TemplateLibrary.load(default / "templates", *([own_dir] if own_dir.is_dir() else []),
                                   vocabulary=vocabulary)
    own = TemplateLibrary.load(own_dir, vocabulary=vocabulary, whole=False) if own_dir.is_dir() else None
    lines = []
    for lang, spec in sorted(library.languages.items()):
        if language and lang != language:
            continue
        mine = own.languages.get(lang) if own else None
        rows = [(f"topic {k}", v, mine is not None and k in mine.topics) for k, v in spec.topics.items()
                if k in reached]
        rows += [(f"field {k}{_not_asked(k, config.identifier)}", f.ask, mine is not None and k in mine.fields)
                 for k, f in spec.fields.items()]
        rows += [(f"follow-up {k}", v, mine is not None and bool(getattr(mine.follow_ups, k)))
                 for k, v in spec.follow_ups.model_dump().items() if v]
        rows += [(f"{t.key} {t.moment} ({t.id})", t.text, mine is not None
                  and any((m.key, m.moment) == (t.key, t.moment) for m in mine.templates)) for t in spec.templates
                 if t.key in reached]
        lines += [f"{lang} {name}{' (yours)' if yours else ''}: {' '.join(text.split())}" for name, text, yours in rows
                  if not word or word.casefold() in _JINJA.sub(" ", text).casefold()]  # the words a customer reads
    return lines


def _not_asked(field: str, identifier: str) -> str:
    """A tenant that finds customers by phone or email asks that where an order number is needed
    (fields.identified_by): its order-number question is never asked, so there is nothing to reword."""
    return f" (not asked: identified_by {identifier} asks the {identifier} question)" \
        if field == "order_id" and identifier != "order_id" else ""


def _off_topic_near(copilot: Copilot, tenant: Tenant, languages: list[str]) -> list[str]:
    """The default off-topic examples (knowledge/off_domain.yaml) each within quoting distance of one of the tenant's
    FAQ question variants in its language, nearest first, all of them (a lab needs to see every clinic question among
    them): a hostel sees "do you have a double room free this Friday night?" beside its own "is breakfast included in
    the price?"."""
    from .knowledge.relevance import QUOTE_MARGIN, min_score_for
    from .off_domain import FILE, read_messages
    from .vector_cache import embed_queries

    own = tenant.root / FILE
    messages = read_messages(own) if own.is_file() else None
    index = copilot.resources.store.words(tenant.id)
    if (messages is not None and not messages.use_default) or index is None:
        return []
    default = read_messages(copilot.settings.knowledge_dir / FILE).by_language
    dropped = set(messages.drop) if messages else set()
    lines = []
    for lang in languages:
        examples = [m for m in default.get(lang, []) if m not in dropped]
        ids, matrix, _ = index.faq_vectors(lang)
        documents = [(entry_id, d) for entry_id in ids for d in index.entries[entry_id].documents]
        questions = [i for i, (_, d) in enumerate(documents) if d.role == "question"]
        if not examples or not questions or len(documents) != len(matrix):
            continue
        sims = embed_queries(copilot.resources.embedder, examples, copilot.settings.data_dir / "classifiers") \
            @ matrix[questions].T
        bar = min_score_for("faq", lang) + QUOTE_MARGIN
        near = sorted((k for k in range(len(examples)) if sims[k].max() >= bar), key=lambda k: -sims[k].max())
        for k in near:
            entry_id, question = documents[questions[int(sims[k].argmax())]]
            lines.append(f'{lang} {sims[k].max():.2f} "{examples[k]}" ~ {entry_id}: "{question.text}"')
    return lines


def _knowledge_line(entries: list) -> str:
    """"26 faq, 13 catalogue (117 entries: one per language)": items, not their stored copies per language."""
    items: dict[str, set[str]] = {}
    for hit in entries:  # ids are kind:name:language[:section], a long policy section's "1.1", "1.2" one section
        parts = hit.id.split(":")
        items.setdefault(hit.kind, set()).add(":".join(parts[1:2] + [p.split(".")[0] for p in parts[3:]]))
    if not items:
        return "none"
    # a policy is counted by its sections (a file's "## Lateness"), which is what a hit quotes
    counts = ", ".join(f"{len(ids)} {kind}" if kind != "policy" else f"{len(ids)} policy section{'s' * (len(ids) != 1)}"
                       for kind, ids in sorted(items.items()))
    split = any("." in hit.id.split(":", 3)[-1] for hit in entries if hit.kind == "policy")
    return f"{counts} ({len(entries)} entries: one per language{', long policy sections in parts' if split else ''})"
