"""What a tenant's pipeline runs on: taxonomy, classifier, templates, catalogue, knowledge store.

Loaded once per process and tenant and then only read: these are caches of files, not state.
Anything that must outlive a request (knowledge entries) lives in Chroma, which may be a server
shared by many API replicas (`COPILOT_CHROMA_URL`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .automation.hours import BusinessHours
from .automation.tenant_policy import load_automation_policy
from .catalogue import Catalogue, load_catalogue
from .classifier import IntentClassifier, cache_key
from .embeddings import Embedder, get_embedder
from .errors import ConfigError, TenantConfigError, unknown_tenant
from .knowledge import KnowledgeStore
from .knowledge.files import knowledge_files
from .off_domain import FILE as OFF_DOMAIN_FILE
from .off_domain import OffDomain, exemplars
from .rules.channels import ChannelLimits, tenant_channel_limits
from . import places, segment
from .settings import Settings
from .taxonomy import IntentSpec, Taxonomy, taxonomy_of
from .templates import TemplateLibrary
from .tenant_config import TenantConfig, load_tenant_config
from .tenant_setup import KNOWLEDGE, check_languages, check_layout
from .vector_cache import unseen

log = logging.getLogger("copilot")
from .signal_words import FILE as SIGNALS_FILE
from .signal_words import SignalWords, load_signal_words
from .yaml_fast import safe_load

_TENANT_KNOWLEDGE = "demo"  # the default library's business knowledge folder
_RECHECK_S = 1.0  # how often a served tenant's knowledge files are looked at for changes


@dataclass
class Tenant:
    id: str
    root: Path  # the tenant's folder (the default library for the default tenant)
    taxonomy: Taxonomy
    classifier: IntentClassifier
    templates: TemplateLibrary
    catalogue: Catalogue | None
    business: str | dict[str, str]  # one name, or one per language (tenant.yaml `business`)
    knowledge_dir: Path | None
    off_domain: OffDomain
    config: TenantConfig = field(default_factory=TenantConfig)
    settings: Settings | None = None
    knowledge_signature: tuple = ()  # what the knowledge files looked like when ingested
    checked_at: float = 0.0
    # Policy words (signals.yaml) and channel limits (channels.yaml): the default library's, with the
    # tenant's own laid over them.
    signals: SignalWords = field(default_factory=load_signal_words)
    channels: dict[str, ChannelLimits] = field(default_factory=tenant_channel_limits)
    hours: BusinessHours | None = None  # automation.yaml: when a person is there (None: always)

    def business_name(self, language: str) -> str:
        """The business's name as drafts in `language` write it (the first name for a language not listed)."""
        if isinstance(self.business, str):
            return self.business
        return self.business.get(language) or next(iter(self.business.values()))

    @property
    def business_words(self) -> str:
        """Every name of the business: words that name the place, not a topic ("near Чисто", "at Chysto")."""
        return self.business if isinstance(self.business, str) else " ".join(self.business.values())

    def intent(self, intent_id: str) -> IntentSpec | None:
        return next((i for i in self.taxonomy.intents if i.id == intent_id), None)

    def kind(self, intent_id: str) -> str | None:
        """What the intent is (taxonomy `kind`); None for `other` and ids the taxonomy lacks."""
        spec = self.intent(intent_id)
        return spec.kind if spec is not None else None

    def of_kind(self, kind: str) -> str | None:
        """The tenant's first intent of a kind ("follow_up", "feedback"): its own ids behave like the default's."""
        return next((i.id for i in self.taxonomy.intents if i.kind == kind), None)

    @property
    def timezone(self) -> str:
        return self.config.timezone or (self.settings.timezone if self.settings else "UTC")

    @property
    def currency(self) -> str | None:
        return self.config.currency or (self.catalogue.currency if self.catalogue else None)

    def high_value(self, currency: str | None) -> float:
        """E-high-value threshold for an amount in `currency` (tenant.yaml `high_value`)."""
        default = self.settings.high_value_amount if self.settings else 1000.0
        return self.config.model_copy(update={"currency": self.currency}).threshold(currency, default)

    @property
    def has_booking_system(self) -> bool:
        """Only a connected booking system confirms a slot (it is asked); otherwise a booking is a request."""
        return self.config.bookings.confirm_webhook is not None


class Resources:
    """Shared, lazily built: the embedder, the knowledge store and one `Tenant` per tenant id.

    `progress` hears what is being built (start-up says so instead of a silent wait)."""

    def __init__(self, settings: Settings, progress: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.progress = progress or (lambda message: None)
        segment.keep_in(settings.data_dir)
        places.keep_in(settings.data_dir)
        self._tenants: dict[str, Tenant] = {}
        self._state: dict[str, str] = {}  # tenant -> "building" | "ready" | "error: …"
        self._lock = threading.Lock()

    @cached_property
    def embedder(self) -> Embedder:
        return get_embedder(self.settings.embedder)

    @cached_property
    def store(self) -> KnowledgeStore:
        return KnowledgeStore(self.settings)

    def tenant(self, tenant_id: str | None) -> Tenant:
        """The tenant, built on first use. Wrong files are a TenantConfigError naming the tenant and the
        path (the API's 503); it is built again on the next call, so fixed files are picked up."""
        tid = tenant_id or self.settings.tenant
        try:
            return self._tenant(tid)
        except TenantConfigError:
            raise
        except ConfigError as exc:
            raise TenantConfigError(tid, str(exc)) from exc

    def _tenant(self, tid: str) -> Tenant:
        with self._lock:
            if tid not in self._tenants:
                self._state[tid] = "building"
                try:
                    self._tenants[tid] = self._load(tid)
                except Exception as exc:
                    self._state[tid] = f"error: {exc}"
                    raise
                self._state[tid] = "ready"
            elif time.monotonic() - self._tenants[tid].checked_at > _RECHECK_S:
                self._tenants[tid] = self._refresh_knowledge(self._tenants[tid])
            return self._tenants[tid]

    def state(self, tenant_id: str | None) -> str:
        """"ready", "building", "error: …" or "not loaded" (nothing asked for it yet)."""
        return self._state.get(tenant_id or self.settings.tenant, "not loaded")

    def tenant_root(self, tid: str) -> Path:
        if tid == self.settings.tenant:
            return self.settings.knowledge_dir
        base = self.settings.tenants_dir
        root = base / tid if base else None
        if root is None or not root.is_dir():
            raise unknown_tenant(tid, base)
        return root

    def _load(self, tid: str) -> Tenant:
        root = self.tenant_root(tid)
        default = self.settings.knowledge_dir
        is_library = root == default
        if not is_library:
            findings = check_layout(root)
            findings.raise_errors(root)
            for warning in findings.warnings:
                log.warning("tenant %s: %s", tid, warning)
                self.progress(f"tenant {tid}: warning: {warning}")
        config = load_tenant_config(root) if not is_library else TenantConfig()
        if config.town and places.town_place(config.town, config.currency) is None:
            raise ConfigError(f"{root / 'tenant.yaml'}: town: {config.town!r} is no town known here"
                              f"{f' in the country paying {config.currency}' if config.currency else ''} "
                              "(GeoNames towns of 15 000 people or more)")
        taxonomy = self.taxonomy_for(root, config)
        # Off-domain exemplars: the default library's, plus the tenant's own.
        off_files = [default / OFF_DOMAIN_FILE] + ([root / OFF_DOMAIN_FILE] if not is_library else [])
        self.progress(_build_note(tid, taxonomy, exemplars(off_files), self.embedder,
                                  self.settings.data_dir / "classifiers"))
        classifier = IntentClassifier.build(taxonomy, self.embedder, cache_dir=self.settings.data_dir / "classifiers")
        # A tenant's template files overlay the default library's: only what they state changes.
        template_dirs = [default / "templates"] + ([root / "templates"] if (root / "templates").is_dir() and not is_library else [])
        templates = TemplateLibrary.load(*template_dirs, vocabulary=config.vocabulary)
        if not is_library:
            check_languages(root, set(templates.languages), config.languages).raise_errors(root)
        off_domain = OffDomain.load(off_files, self.embedder, cache_dir=self.settings.data_dir / "classifiers")
        signals = load_signal_words(default / SIGNALS_FILE, *([root / SIGNALS_FILE] if not is_library else []))
        channels = tenant_channel_limits(root / "channels.yaml" if not is_library else None)
        hours = load_automation_policy(default, None if is_library else root).hours
        tenant = Tenant(tid, root, taxonomy, classifier, templates, None, tid, None, off_domain, config, self.settings,
                        signals=signals, channels=channels, hours=hours)
        return self._refresh_knowledge(tenant, force=True)

    def taxonomy_for(self, root: Path, config: TenantConfig) -> Taxonomy:
        """The tenant's intents: the default taxonomy, its own, or both (tenant.yaml `taxonomy:`)."""
        return taxonomy_of(root, self.settings.knowledge_dir, extend=config.taxonomy == "extend")

    def _knowledge_dir(self, root: Path) -> Path:
        return root / _TENANT_KNOWLEDGE if root == self.settings.knowledge_dir else root / KNOWLEDGE

    def _refresh_knowledge(self, tenant: Tenant, *, force: bool = False) -> Tenant:
        """Re-read the tenant's knowledge when its files changed: a running server answers from what
        was written or ingested since, without a restart. Unchanged files cost a few stat calls."""
        kdir = self._knowledge_dir(tenant.root)
        signature = _signature(kdir)
        if not force:
            self.store.refresh_if_changed(tenant.id)  # an ingest by another process (one metadata read)
        if not force and signature == tenant.knowledge_signature:
            return replace(tenant, checked_at=time.monotonic())
        if not force and tenant.root != self.settings.knowledge_dir:
            check_layout(tenant.root).raise_errors(tenant.root)
        exists = kdir.is_dir()
        catalogue_path = kdir / "catalogue.yaml"
        catalogue = load_catalogue(catalogue_path) if exists and catalogue_path.exists() else None
        if exists:
            self.progress(f"tenant {tenant.id}: knowledge {kdir} (embedding only what changed)")
            # Cheap when nothing changed: the store compares a manifest hash before embedding.
            self.store.ensure_ingested(kdir, tenant=tenant.id)
        business = tenant.config.business or _business_name(kdir if exists else None) or tenant.id
        return replace(tenant, catalogue=catalogue, business=business, knowledge_dir=kdir if exists else None,
                       knowledge_signature=signature, checked_at=time.monotonic())


def _signature(kdir: Path) -> tuple:
    """Names, sizes and modification times of the knowledge files: changes when any file does."""
    if not kdir.is_dir():
        return ()
    out = []
    for path in knowledge_files(kdir):
        st = path.stat()
        out.append((path.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


# Texts embedded a second on 2 idle cores (docs/knowledge.md); other processes share the cores.
_TEXTS_PER_SECOND = 55


def _build_note(tid: str, taxonomy: Taxonomy, off_domain: list[str], embedder: Embedder, cache_dir: Path) -> str:
    """What the first build embeds and how long it should take at the machine's present load: newcomers took the
    classifier's share for the whole wait (7 s said, 47 s taken) and an idle machine's figure at load 5."""
    n = len(taxonomy.examples())
    cached = (cache_dir / f"intents-{cache_key(taxonomy, embedder)[:24]}.npz").exists()
    examples = 0 if cached else unseen(embedder, [t for t, _ in taxonomy.examples()], cache_dir)
    exemplars_new = unseen(embedder, off_domain, cache_dir)
    if not examples and not exemplars_new:
        return f"tenant {tid}: intent classifier ({len(taxonomy.intents)} intents, {n} examples) from cache"
    new = examples + exemplars_new
    idle = new / _TEXTS_PER_SECOND
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    now = idle * max(1.0, (load + 2) / max(cores, 2))  # the build's two threads join what already runs
    return (f"tenant {tid}: building the intent classifier ({len(taxonomy.intents)} intents, {n} examples) and the "
            f"off-topic exemplars: {examples} + {exemplars_new} texts not embedded before, ~{_seconds(idle)} on 2 "
            f"idle cores, ~{_seconds(now)} at the present load ({load:.1f} on {cores} cores); cached afterwards; "
            "the knowledge is built after them")


def _seconds(s: float) -> str:
    return f"{max(1, round(s))} s"


def _business_name(kdir: Path | None) -> str | None:
    faq = kdir / "faq.yaml" if kdir else None
    if faq and faq.exists():
        data = safe_load(faq.read_text(encoding="utf-8")) or {}
        return data.get("business")
    return None
