"""Interrupting a parallel extraction (Ctrl+C, SIGTERM, kill -9 of the driver) stops every worker promptly and keeps
what was committed; a re-run completes the KB."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytest.importorskip("distributed")


def _marked(mark: str) -> list[int]:
    """Pids of live processes whose environment holds the mark."""
    out = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if mark.encode() in (p / "environ").read_bytes():
                stat = (p / "stat").read_text()
                if stat.split(")")[-1].split()[0] != "Z":  # not a zombie
                    out.append(int(p.name))
        except OSError:
            continue
    return out


def _sources(kb: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{kb}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM sources").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_parallel_run_stops_its_workers(sig, tmp_path, corpus_dir):
    docs = tmp_path / "docs"
    docs.mkdir()
    seed = next(corpus_dir.glob("001_*.txt"))
    for i in range(40):
        shutil.copy(seed, docs / f"q{i:02d}.txt")
        (docs / f"q{i:02d}.txt").write_text(seed.read_text(encoding="utf-8") + f"\nCopie {i}.\n", encoding="utf-8")
    kb = tmp_path / "kb.sqlite"
    mark = f"TDI_TEST_MARK_{uuid.uuid4().hex}"
    env = dict(os.environ, TDI_NLP_FILES_PER_TASK="1", **{mark: "1"})
    proc = subprocess.Popen([sys.executable, "-m", "tdi_nlp.cli", "extract", str(docs), "--kb", str(kb),
                             "--workers", "2", "--quiet"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 240
    while time.time() < deadline and _sources(kb) < 2 and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    gone_by = time.time() + 30
    while time.time() < gone_by and _marked(mark):
        time.sleep(0.5)
    left = _marked(mark)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"worker processes still alive after {sig.name}: {left}"
    kept = _sources(kb)
    assert kept >= 2
    done = subprocess.run([sys.executable, "-m", "tdi_nlp.cli", "extract", str(docs), "--kb", str(kb), "--quiet"],
                          env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert _sources(kb) == 40
