"""What the benchmarks measure with: CPU seconds of a process tree (this process, its worker
processes, a PostgreSQL server), peak memory, and test corpora (synthetic and sample copies).

CPU time, not wall time, for per-core figures: the machine is shared, and a busy neighbour
stretches wall time without changing the work done. Worker processes (a process pool behind a
fork server, Dask workers) are grandchildren, so ``RUSAGE_CHILDREN`` would miss them; their
CPU and peak RSS are read from /proc through psutil while they are alive.
"""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))  # pg_server: the throw-away PostgreSQL server of the tests


def _cpu(p: psutil.Process, with_reaped: bool = True) -> float:
    try:
        t = p.cpu_times()
    except psutil.Error:
        return 0.0
    return t.user + t.system + ((t.children_user + t.children_system) if with_reaped else 0.0)


def tree_cpu(root: psutil.Process | None = None) -> float:
    """CPU seconds of a process, its reaped children and its live descendants."""
    root = root or psutil.Process()
    try:
        kids = root.children(recursive=True)
    except psutil.Error:
        kids = []
    return _cpu(root) + sum(_cpu(k) for k in kids)


def tree_peak_rss_mb(root: psutil.Process | None = None) -> float:
    """Largest peak RSS (VmHWM) among a process and its live descendants, in MB."""
    root = root or psutil.Process()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if root.pid == psutil.Process().pid else 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            pass
    return round(peak, 1)


def postmaster(url: str) -> psutil.Process | None:
    """The PostgreSQL server behind a Unix-socket URL started by ``pg_server`` (None otherwise)."""
    host = parse_qs(urlparse(url.replace("postgresql+psycopg", "postgresql")).query).get("host", [None])[0]
    pidfile = Path(host or "/nonexistent") / "data" / "postmaster.pid"
    try:
        return psutil.Process(int(pidfile.read_text().split()[0]))
    except (OSError, ValueError, psutil.Error):
        return None


@dataclass
class Meter:
    """CPU (this tree, and a database server if given) and wall time between start and stop."""

    server: psutil.Process | None = None
    wall: float = 0.0
    cpu: float = 0.0
    server_cpu: float = 0.0

    def __enter__(self) -> Meter:
        self._w, self._c = time.perf_counter(), tree_cpu()
        self._s = tree_cpu(self.server) if self.server else 0.0
        return self

    def stop(self) -> None:
        """Read the figures now (call while worker processes are still alive)."""
        self.wall = time.perf_counter() - self._w
        self.cpu = tree_cpu() - self._c
        self.server_cpu = (tree_cpu(self.server) - self._s) if self.server else 0.0

    def __exit__(self, *_exc: object) -> None:
        if not self.wall:
            self.stop()


def synth_corpus(folder: Path, regions: int, seed: int = 0) -> tuple[list[Path], float]:
    """A synthetic corpus (text files) in ``folder/docs``; returns the files and their MB."""
    from planwatch.synth.corpus import generate_corpus

    docs = folder / "docs"
    if not docs.is_dir():
        generate_corpus(docs, regions=regions, years=(2021, 2025), seed=seed, truth_dir=folder / "truth")
    files = sorted(docs.glob("*.txt"))  # the documents (the generator also writes manifest.csv)
    return files, sum(f.stat().st_size for f in files) / 1e6


def sample_copies(folder: Path, copies: int, corpus: Path = SAMPLE_CORPUS) -> tuple[list[Path], float]:
    """``copies`` copies of each real sample document, each made distinct by a last line (so
    none is "unchanged"); the real documents' sizes, unlike the small synthetic ones."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in corpus.glob("*.txt") if not p.name.startswith("README"))
    if not sources:
        raise SystemExit(f"no sample documents in {corpus}")
    files = []
    for i in range(copies):
        for src in sources:
            out = folder / f"{src.stem}_{i:03d}.txt"
            out.write_bytes(src.read_bytes() + f"\n（副本{i}）\n".encode())
            files.append(out)
    return files, sum(f.stat().st_size for f in files) / 1e6
