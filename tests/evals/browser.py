"""Headless Chromium for the report tests: a screenshot and the DOM after the page's script ran."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--no-first-run"]


def screenshot(page: Path, png: Path, *, size: str = "1400,1600") -> bytes:
    subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={png.parent / 'profile'}", f"--screenshot={png}",
                    f"--window-size={size}", page.as_uri()], check=True, capture_output=True, timeout=120)
    return png.read_bytes()


def dom_after_scripts(url: str, profile: Path) -> str:
    """The DOM as Chromium has it after the page's own script ran (filters applied)."""
    out = subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=3000", "--dump-dom",
                          url], check=True, capture_output=True, timeout=120, text=True)
    return out.stdout
