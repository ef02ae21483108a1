"""The store's database layer: migrations applied at start, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import inspect, text

from copilot.automation.db import MIGRATIONS_DIR, Database, database_url
from copilot.settings import Settings

def _head() -> str:
    """The newest migration (other features add theirs on top, e.g. 0002_api_keys)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return str(ScriptDirectory.from_config(cfg).get_current_head())


TABLES = {"conversations", "messages", "suggestions", "follow_ups", "outbox", "alembic_version"}


def test_migrate_creates_the_tables_and_records_the_revision(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    assert TABLES <= set(inspect(database.engine).get_table_names())
    with database.session() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head()
    database.dispose()


def _migrate_together(replicas: list[Database]) -> list[BaseException]:
    """Every replica migrates at once, from its own thread, as replicas starting together do; their errors."""
    errors: list[BaseException] = []

    def start(d: Database) -> None:
        try:
            d.migrate()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(d,)) for d in replicas]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_migrate_twice_and_from_replicas_starting_together_is_harmless(database_url: str) -> None:
    replicas = [Database(database_url) for _ in range(3)]
    assert _migrate_together(replicas) == []
    again = Database(database_url)
    again.migrate()
    with again.session() as s:
        assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    for d in [*replicas, again]:
        d.dispose()


def test_replicas_opening_a_new_sqlite_file_together_wait_for_the_switch_to_wal(tmp_path: Path) -> None:
    """Switching a new file to WAL needs it exclusively and SQLite said "database is locked" at once to a
    replica that connected meanwhile (23 of 300 rounds before the wait; 50 rounds here)."""
    errors: list[BaseException] = []
    for n in range(50):
        replicas = [Database(f"sqlite:///{tmp_path / f'{n}.sqlite3'}") for _ in range(3)]
        errors += _migrate_together(replicas)
        for d in replicas:
            d.dispose()
    assert errors == []


def test_default_is_one_sqlite_file_in_wal_mode_under_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=None)
    url = database_url(settings)
    assert url == f"sqlite:///{tmp_path / 'data' / 'automation.sqlite3'}"
    database = Database(url)
    database.migrate()
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    assert (tmp_path / "data" / "automation.sqlite3").is_file()
    database.dispose()


def test_a_bare_postgresql_url_uses_psycopg_3() -> None:
    settings = Settings(database_url="postgresql://u:p@db:5432/copilot")
    assert database_url(settings) == "postgresql+psycopg://u:p@db:5432/copilot"
