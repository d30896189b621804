"""Benchmark plumbing: run a worker in a fresh process (its wall time and peak memory), read a live
process's memory, describe the machine, and summarise timings."""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from index.settings import PROJECT_ROOT


class WorkerError(RuntimeError):
    """A benchmark worker process failed; the message holds the end of its output."""


def run_worker(module: str, args: list[str], timeout: float = 3600) -> dict:
    """Run `python -m module *args` from the project root and parse the JSON line it prints last.

    Adds "wall_s" (process start to exit) and "peak_rss_mb": the VmHWM the worker read from its own
    /proc status as it finished (print_result does that). ru_maxrss from wait4 would be wrong here:
    the kernel carries the parent's peak into a child across fork and exec, so every worker would
    seem at least as big as the benchmark process. Raises WorkerError with the end of its output
    when it fails or runs past `timeout` seconds.
    """
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    command = f"python -m {module} {' '.join(args)}"
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", module, *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise WorkerError(f"{command} ran past {timeout:.0f}s") from exc
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise WorkerError(f"{command} exited with {done.returncode}; stderr ends:\n{done.stderr[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise WorkerError(f"{command} printed no JSON; output ends:\n{done.stdout[-1000:]}{done.stderr[-1000:]}")
    result = json.loads(lines[-1])
    peak = result.pop("vm_hwm_mb", None)
    return {**result, "wall_s": wall, "peak_rss_mb": peak}


def print_result(result: dict) -> None:
    """A worker's last act: its result as one JSON line, with its own peak resident memory and what
    is resident as it ends (anon_mb: its own memory; file_mb: mapped index files)."""
    memory = own_memory_mb()
    print(json.dumps({**result, "vm_hwm_mb": memory["hwm_mb"], "anon_mb": memory.get("anon_mb"),
                      "file_mb": memory.get("file_mb")}))


def proc_memory_mb(pid: int) -> dict:
    """Resident memory of a live process from /proc/PID/status, in MB: rss_mb now, hwm_mb its peak,
    and now split into anon_mb (its own) and file_mb (pages of memory-mapped files: page cache,
    shared with other processes and given back under pressure)."""
    names = {"VmRSS": "rss_mb", "VmHWM": "hwm_mb", "RssAnon": "anon_mb", "RssFile": "file_mb"}
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in names:
            out[names[key]] = round(int(value.split()[0]) / 1024, 1)
    return out


def own_memory_mb() -> dict:
    return proc_memory_mb(os.getpid())


def machine() -> dict:
    """nproc, memory, CPU model, Python and load: what a reader needs to compare figures."""
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    return {"nproc": os.cpu_count(), "memory_gb": round(mem_kb / 1024 ** 2, 1), "cpu": cpu or platform.processor(),
            "python": platform.python_version(), "load_avg": [round(x, 2) for x in os.getloadavg()]}


def percentiles(ms: list[float]) -> dict:
    """{"p50", "p95", "mean", "n"} of a list of milliseconds, rounded to 0.01 ms."""
    if not ms:
        return {"p50": None, "p95": None, "mean": None, "n": 0}
    p50, p95 = np.percentile(ms, [50, 95])
    return {"p50": round(float(p50), 2), "p95": round(float(p95), 2), "mean": round(statistics.fmean(ms), 2),
            "n": len(ms)}


def median_of(runs: list[dict]) -> dict:
    """Field-by-field median of several percentiles() dicts (the figures of repeated passes)."""
    keys = [k for k in runs[0] if k != "n"]
    out = {k: round(statistics.median(r[k] for r in runs), 2) for k in keys}
    out["n"] = runs[0]["n"]
    return out


def disk_mb(path: Path) -> float:
    """Size on disk of a file or folder, in MB."""
    path = Path(path)
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1024 ** 2, 2)
