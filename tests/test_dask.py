"""Extraction on a Dask LocalCluster of 2 worker processes gives the KB of the single-process run, row for row, even
when a worker is killed mid-run."""
from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from tdi_nlp.config import settings
from tdi_nlp.extraction import run
from test_robustness import digest

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def folder(tmp_path_factory, corpus_dir):
    """The demo corpus and, when ../shared is present, 10 AN questions: real documents of every kind."""
    d = tmp_path_factory.mktemp("docs")
    for f in corpus_dir.iterdir():
        shutil.copy(f, d / f.name)
    an = Path(settings.shared_dir) / "data" / "corpora" / "an-qag-l16" / "json"
    if an.is_dir():
        for f in sorted(an.glob("*.json"))[:10]:
            shutil.copy(f, d / f.name)
    return d


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory, nlp):
    kb = tmp_path_factory.mktemp("ref") / "kb.sqlite"
    s = run([str(folder)], str(kb), show_progress=False, nlp=nlp)
    assert s.failed == 0
    return digest(kb)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_local_cluster_gives_the_single_process_kb(folder, reference, cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "files_per_task", 3)
    kb = tmp_path / "kb.sqlite"
    s = run([str(folder)], str(kb), show_progress=False, dask=cluster.scheduler_address)
    assert s.failed == 0
    assert digest(kb) == reference


def test_a_worker_killed_mid_run_loses_nothing(folder, reference, cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "files_per_task", 1)
    kb = tmp_path / "kb.sqlite"
    killed = []

    def kill_one_when_the_first_file_is_written():
        deadline = time.time() + 120
        while time.time() < deadline and not kb.exists():
            time.sleep(0.05)
        import sqlite3
        while time.time() < deadline:
            try:
                con = sqlite3.connect(f"file:{kb}?mode=ro", uri=True)
                n = con.execute("SELECT count(*) FROM sources").fetchone()[0]
                con.close()
            except sqlite3.Error:
                n = 0
            if n >= 1:
                break
            time.sleep(0.05)
        pids = [w.process.pid for w in cluster.workers.values() if w.process and w.process.pid]
        if pids:
            os.kill(pids[0], signal.SIGKILL)  # the nanny starts a new worker; its tasks go elsewhere
            killed.append(pids[0])

    t = threading.Thread(target=kill_one_when_the_first_file_is_written, daemon=True)
    t.start()
    s = run([str(folder)], str(kb), show_progress=False, dask=cluster.scheduler_address)
    t.join(timeout=5)
    assert killed, "no worker was killed: the run ended before"
    assert s.failed == 0
    assert digest(kb) == reference
