"""Lao runs split once are kept in the data dir: a later process answers without importing the
tokenizers (~0.45 s of every CLI call), and a damaged cache file is set aside, never an error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LAO = "ຮ້ານເປີດຈັກໂມງ ແລະ ມີບ່ອນຈອດລົດບໍ"  # "when does the shop open, and is there parking?"

_PROCESS = """
import json, sys
from pathlib import Path
from copilot import segment
segment.keep_in(Path(sys.argv[1]))
print(json.dumps({"words": segment.words(sys.argv[2]), "imported": "laonlp" in sys.modules}))
"""


def _words_in_new_process(folder: Path, text: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROCESS, str(folder), text],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def test_a_second_process_reads_the_split_runs_without_the_tokenizer(tmp_path: Path) -> None:
    first = _words_in_new_process(tmp_path, LAO)
    assert first["imported"] and len(first["words"]) >= 6  # segmented, not two space-separated runs

    second = _words_in_new_process(tmp_path, LAO)
    assert second == {"words": first["words"], "imported": False}


def test_a_damaged_cache_file_is_set_aside_and_written_anew(tmp_path: Path) -> None:
    _words_in_new_process(tmp_path, LAO)
    [cache] = tmp_path.glob("segments-*.json")
    cache.write_text('{"lo:ຮ້ານ": ["ຮ້', encoding="utf-8")  # cut short by a full disk

    again = _words_in_new_process(tmp_path, LAO)

    assert again["imported"] and len(again["words"]) >= 6
    assert list(tmp_path.glob("segments-*.json.corrupt-*"))
    assert len(json.loads(cache.read_text(encoding="utf-8"))) >= 2
