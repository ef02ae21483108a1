"""API keys, in the automation database (shared by every replica; migration 0002_api_keys).

A key is `cpk_<id>_<secret>`: the id finds the row, the secret is checked against a SHA-256 hash
(the secret is 256 random bits, so a fast hash is enough: no one can guess it, and the database
never holds the key itself). Each key is scoped to tenants (`*` = all) and roles; several keys
per tenant, so rotating is: create the new key, switch callers, revoke the old one.

Roles: `suggest` (/v1/suggest, /v1/check), `inbound` (/v1/inbound), `operator` (conversations and
queue), `admin` (everything, including ingest and tenant management).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, String, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from ..automation.db import Database
from ..automation.schema import Base, Id
from ..errors import InputError

ROLES = ("suggest", "inbound", "operator", "admin")
ALL_TENANTS = "*"
# Keys created or revoked by the CLI (another process) are seen by running servers within this.
CACHE_S = 5.0


class ApiKeyRow(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    tenants: Mapped[list[Any]] = mapped_column(JSON)
    roles: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: the key's id, tenants and roles."""

    key_id: str
    tenants: frozenset[str]
    roles: frozenset[str]

    def may(self, role: str) -> bool:
        return "admin" in self.roles or role in self.roles

    def may_act_for(self, tenant: str) -> bool:
        return ALL_TENANTS in self.tenants or tenant in self.tenants


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class KeyStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.db.migrate()
        self._any: tuple[float, bool] = (0.0, False)
        self._seen: dict[str, tuple[float, Principal | None, str]] = {}  # key id -> (when, principal, hash)

    def create(self, *, tenants: list[str], roles: list[str], name: str = "") -> str:
        """A new key; the only time it exists in clear is this return value."""
        bad = [r for r in roles if r not in ROLES]
        if not roles or bad:
            raise InputError(f"Unknown role(s) {bad or roles}; choose from {', '.join(ROLES)}.", field="role")
        if not tenants:
            raise InputError("A key needs at least one --tenant (or '*' for all).", field="tenant")
        key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self.db.session() as s:
            s.add(ApiKeyRow(key_id=key_id, secret_hash=_hash(secret), name=name, tenants=sorted(set(tenants)),
                            roles=sorted(set(roles)), created_at=datetime.now(UTC)))
        self._any = (0.0, False)
        return f"cpk_{key_id}_{secret}"

    def revoke(self, key_id: str) -> bool:
        with self.db.session() as s:
            done = s.execute(update(ApiKeyRow).where(ApiKeyRow.key_id == key_id, ApiKeyRow.revoked_at.is_(None))
                             .values(revoked_at=datetime.now(UTC))).rowcount
        self._seen.pop(key_id, None)
        return bool(done)

    def list(self) -> list[ApiKeyRow]:
        with self.db.session() as s:
            return list(s.scalars(select(ApiKeyRow).order_by(ApiKeyRow.id)))

    def any_active(self) -> bool:
        """Whether authentication is on (any unrevoked key); cached CACHE_S."""
        checked, value = self._any
        if time.monotonic() - checked < CACHE_S:
            return value
        with self.db.session() as s:
            value = bool(s.scalar(select(func.count()).select_from(ApiKeyRow).where(ApiKeyRow.revoked_at.is_(None))))
        self._any = (time.monotonic(), value)
        return value

    def verify(self, key: str) -> Principal | None:
        """The key's principal, or None for an unknown, malformed or revoked key (cached CACHE_S)."""
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != "cpk":
            return None
        key_id, secret = parts[1], parts[2]
        checked, principal, digest = self._seen.get(key_id, (0.0, None, ""))
        if time.monotonic() - checked >= CACHE_S:
            with self.db.session() as s:
                row = s.scalar(select(ApiKeyRow).where(ApiKeyRow.key_id == key_id, ApiKeyRow.revoked_at.is_(None)))
                principal = None if row is None else Principal(row.key_id, frozenset(row.tenants), frozenset(row.roles))
                digest = row.secret_hash if row is not None else ""
            self._seen[key_id] = (time.monotonic(), principal, digest)
        if principal is None or not hmac.compare_digest(digest, _hash(secret)):
            return None
        return principal
