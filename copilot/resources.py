"""What a tenant's pipeline runs on: taxonomy, classifier, templates, catalogue, knowledge store.

Loaded once per process and tenant and then only read: these are caches of files, not state.
Anything that must outlive a request (knowledge entries) lives in Chroma, which may be a server
shared by many API replicas (`COPILOT_CHROMA_URL`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .catalogue import Catalogue, load_catalogue
from .classifier import IntentClassifier
from .embeddings import Embedder, get_embedder
from .errors import ConfigError, InputError
from .knowledge import KnowledgeStore
from .off_domain import FILE as OFF_DOMAIN_FILE
from .off_domain import OffDomain
from .settings import Settings
from .taxonomy import IntentSpec, Taxonomy, load_taxonomy
from .templates import TemplateLibrary

_TENANT_KNOWLEDGE = "demo"  # the default library's business knowledge folder


@dataclass
class Tenant:
    id: str
    root: Path  # the tenant's folder (the default library for the default tenant)
    taxonomy: Taxonomy
    classifier: IntentClassifier
    templates: TemplateLibrary
    catalogue: Catalogue | None
    business: str
    knowledge_dir: Path | None
    off_domain: OffDomain

    def intent(self, intent_id: str) -> IntentSpec | None:
        return next((i for i in self.taxonomy.intents if i.id == intent_id), None)


class Resources:
    """Shared, lazily built: the embedder, the knowledge store and one `Tenant` per tenant id."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._tenants: dict[str, Tenant] = {}
        self._lock = threading.Lock()

    @cached_property
    def embedder(self) -> Embedder:
        return get_embedder(self.settings.embedder)

    @cached_property
    def store(self) -> KnowledgeStore:
        return KnowledgeStore(self.settings)

    def tenant(self, tenant_id: str | None) -> Tenant:
        tid = tenant_id or self.settings.tenant
        with self._lock:
            if tid not in self._tenants:
                self._tenants[tid] = self._load(tid)
            return self._tenants[tid]

    def _tenant_root(self, tid: str) -> Path:
        if tid == self.settings.tenant:
            return self.settings.knowledge_dir
        base = self.settings.tenants_dir
        root = base / tid if base else None
        if root is None or not root.is_dir():
            raise InputError(f"Unknown tenant {tid!r}: no folder for it under COPILOT_TENANTS_DIR.", field="tenant")
        return root

    def _load(self, tid: str) -> Tenant:
        root = self._tenant_root(tid)
        default = self.settings.knowledge_dir
        taxonomy_dir = _first_dir(root / "taxonomy", default / "taxonomy")
        taxonomy = load_taxonomy(taxonomy_dir)
        classifier = IntentClassifier.build(taxonomy, self.embedder, cache_dir=self.settings.data_dir / "classifiers")
        # A tenant's template files override the default library language by language.
        template_dirs = [default / "templates"] + ([root / "templates"] if (root / "templates").is_dir() and root != default else [])
        templates = TemplateLibrary.load(*template_dirs)
        kdir = root / _TENANT_KNOWLEDGE if root == default else root / "knowledge"
        kdir = kdir if kdir.is_dir() else None
        catalogue_path = kdir / "catalogue.yaml" if kdir else None
        catalogue = load_catalogue(catalogue_path) if catalogue_path and catalogue_path.exists() else None
        business = _business_name(kdir) or tid
        if kdir:
            # Cheap when nothing changed: the store compares a manifest hash before embedding.
            self.store.ensure_ingested(kdir, tenant=tid)
        # Off-domain exemplars: the default library's, plus the tenant's own.
        off_files = [default / OFF_DOMAIN_FILE] + ([root / OFF_DOMAIN_FILE] if root != default else [])
        off_domain = OffDomain.load(off_files, self.embedder, cache_dir=self.settings.data_dir / "classifiers")
        return Tenant(tid, root, taxonomy, classifier, templates, catalogue, business, kdir, off_domain)


def _first_dir(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    raise ConfigError(f"No taxonomy found in any of {[str(c) for c in candidates]!r}.")


def _business_name(kdir: Path | None) -> str | None:
    faq = kdir / "faq.yaml" if kdir else None
    if faq and faq.exists():
        data = yaml.safe_load(faq.read_text(encoding="utf-8")) or {}
        return data.get("business")
    return None
