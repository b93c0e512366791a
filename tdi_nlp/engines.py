"""Where file batches are processed: in this process, or on a Dask cluster (a LocalCluster of N worker processes on
this machine, or a running scheduler). Either way the results are the same plain records (``processing.process``);
only the driver writes the knowledge base.

Workers build the pipeline once each (``pipeline.load`` is cached per process). A worker that dies has its batches
retried on another one by the scheduler; a batch that keeps killing workers comes back as failed files. Worker
processes of a LocalCluster exit with the driver, even when it is killed.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from .config import settings
from .processing import FileResult, FileTask, Options, process


def batches(tasks: Iterable[FileTask], size: int) -> Iterator[list[FileTask]]:
    it = iter(tasks)
    while batch := list(islice(it, size)):
        yield batch


def parse_address(address: str) -> tuple[str, int | None]:
    """("local", N or None) for "local" / "local:N", else ("scheduler", None) for a scheduler address."""
    if address == "local":
        return "local", None
    if address.startswith("local:"):
        n = int(address.split(":", 1)[1])
        if n < 1:
            raise ValueError("local:N needs N >= 1 worker processes")
        return "local", n
    return "scheduler", None


@contextmanager
def client_for(address: str):
    """A dask.distributed Client on a new LocalCluster ("local", "local:N") or on the scheduler at address."""
    from distributed import Client, LocalCluster  # heavy, and only for cluster runs

    kind, n = parse_address(address)
    if kind == "local":
        # One encoder thread per worker process: the cores are shared out between the workers.
        with LocalCluster(n_workers=n or 2, threads_per_worker=1, processes=True, dashboard_address=None,
                          env={"TDI_NLP_ENCODER_THREADS": "1"}) as cluster:
            with Client(cluster) as client:
                yield client
    else:
        with Client(address) as client:
            yield client


def _failed(batch: list[FileTask], exc: BaseException) -> list[FileResult]:
    reason = f"worker failed on this batch: {type(exc).__name__}: {exc}"
    return [FileResult(t.key, t.path, t.sha, t.source, error=("process", reason)) for t in batch]


def results(tasks: Iterable[FileTask], options: Options, address: str | None = None, nlp=None,
            in_flight: int | None = None) -> Iterator[FileResult]:
    """Results of every task, batch by batch, in completion order."""
    size = settings.files_per_task
    if address is None:
        for batch in batches(tasks, size):
            yield from process(batch, options, nlp)
        return
    from distributed import as_completed  # heavy, and only for cluster runs

    with client_for(address) as client:
        limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {})) or 2)
        pending = batches(tasks, size)
        futures = {}
        queue = as_completed()
        for batch in islice(pending, limit):
            fut = client.submit(process, batch, options, pure=False)
            futures[fut.key] = batch
            queue.add(fut)
        for fut in queue:
            batch = futures.pop(fut.key)
            try:
                out = fut.result()
            except Exception as exc:  # KilledWorker after repeated deaths, or a crash outside the file guards
                out = _failed(batch, exc)
            fut.release()
            nxt = next(pending, None)
            if nxt is not None:
                new = client.submit(process, nxt, options, pure=False)
                futures[new.key] = nxt
                queue.add(new)
            yield from out
