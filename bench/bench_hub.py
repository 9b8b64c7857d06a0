"""A group on a real JupyterHub: time and memory per participant, for 8, 16 and 24 participants.

The same hub as tests/test_hub.py (loopback, the course's hub/jupyterhub_config.py, a shared
password, SimpleLocalProcessSpawner with a home folder per participant, configurable-http-proxy,
the .venv's jupyterhub-singleuser on a copy of notebooks/, one shared group folder). For each group
size N: the hub starts, N participants are created and their servers started through the REST API
at once; when all are ready, every participant opens module 1's notebook (a kernel, connected),
one after another (see open_notebooks in tests/test_hub.py: kernels started in the same second can
collide on a port); then all at the same time, over their kernels' websockets, join group mode,
play module 1's first vignette to an ending, check one knowledge-check question, and run every
code cell of the notebook (*Run All Cells*: the six vignette players, the exercises, the knowledge
check), so the kernels hold what a participant's would. With every kernel still running, the
resident memory (VmRSS from /proc/<pid>/status) of each participant's single-user server and
kernel is read; the facilitator's aggregate must count N participants. Everything is stopped, and
checked to be gone, before the next size. The table's last lines say what each column is.

    .venv/bin/python bench/bench_hub.py              # 8, 16 and 24 (24 only with enough memory)
    .venv/bin/python bench/bench_hub.py 8 12         # the sizes given
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_hub import (NOTEBOOK, QUIZ, VIGNETTE, Hub, KernelSession, Plan, close_all, open_notebooks,  # noqa: E402
                      paths_to_endings, play_code, result_of)

SIZES = (8, 16, 24)
# Leave this much memory free beyond the estimate for a size (MB), or skip the size.
HEADROOM_MB = 2048
ESTIMATE_MB_PER_PARTICIPANT = 250     # before the first size has been measured


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (VmRSS), 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return 0.0


def notebook_code() -> str:
    """Every code cell of module 1's notebook, as *Run All Cells* runs them: the widgets a
    participant has open (six vignette players, the exercises, the knowledge check)."""
    cells = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def processes_of(hub: Hub) -> dict[str, dict[str, list[int]]]:
    """Per participant, the pids of their single-user server and their kernel(s): found by the
    participant's home folder in the process's environment (HOME, set by the spawner)."""
    found: dict[str, dict[str, list[int]]] = {user: {"server": [], "kernel": []} for user in hub.users}
    homes = {f"HOME={hub.home(user)}".encode(): user for user in hub.users}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        user = next((homes[e] for e in environ if e in homes), None)
        if user is None:
            continue
        kind = "kernel" if b"ipykernel" in cmdline else "server" if b"singleuser" in cmdline else None
        if kind:
            found[user][kind].append(int(entry.name))
    return found


def hub_own_mb(hub: Hub) -> float:
    """The hub's and the proxy's memory: the processes of the hub's folder that are no participant's."""
    participants = {pid for kinds in processes_of(hub).values() for pids in kinds.values() for pid in pids}
    return sum(rss_mb(pid) for pid in hub.processes() if pid not in participants)


def participant(kernel: KernelSession, plan: Plan, code: str) -> dict:
    """One participant with the notebook open: play in group mode, then Run All; then the browser
    tab closes (the websocket) but the kernel runs on, as in a notebook left open."""
    begun = time.monotonic()
    result = result_of(kernel.execute(play_code(plan)))
    played = time.monotonic()
    kernel.execute(code)
    ran = time.monotonic()
    kernel.disconnect()
    return {"result": result, "play_s": played - begun, "run_all_s": ran - played, "played": played}


def run(size: int, tmp: Path) -> dict:
    from casebook import load
    from casebook.group.aggregate import summarise
    from casebook.kinds.quiz.data import load_quiz

    vignette = load(ROOT / "notebooks" / VIGNETTE)
    quiz = load_quiz(ROOT / "notebooks" / QUIZ)
    paths = paths_to_endings(vignette)
    question = quiz.questions[0]
    users = [f"participant{n}" for n in range(1, size + 1)]
    plans = {user: Plan(paths[n % len(paths)], question.id,
                        tuple(sorted(question.best)) if n % 3 else (question.options[0].id,))
             for n, user in enumerate(users)}
    code = notebook_code()
    hub = Hub(tmp, users)
    sessions: dict[str, dict] = {}
    kernels: dict[str, KernelSession] = {}
    try:
        hub.start()
        hub.create_users()
        begun = time.monotonic()
        hub.start_servers()
        hub.wait_ready()
        ready = time.monotonic()
        kernels.update(open_notebooks(hub, users))     # one after another: see open_notebooks
        opened = time.monotonic()
        with ThreadPoolExecutor(max_workers=size) as pool:
            futures = {user: pool.submit(participant, kernels[user], plan, code) for user, plan in plans.items()}
            for user, future in futures.items():
                sessions[user] = future.result()
        found = processes_of(hub)
        memory = []
        for user in users:
            servers, kernels = found[user]["server"], found[user]["kernel"]
            if len(servers) != 1 or len(kernels) != 1:
                raise RuntimeError(f"{user}: expected one server and one kernel, found {found[user]}")
            memory.append((rss_mb(servers[0]), rss_mb(kernels[0])))
        own = hub_own_mb(hub)
        counted = summarise(hub.group_folder).participants
        if counted != size:
            raise RuntimeError(f"the aggregate counted {counted} participants, not {size}")
    except BaseException:
        kept = Path(tempfile.gettempdir()) / f"bench-hub-{size}-failed.log"
        shutil.copyfile(hub.log, kept)
        print(f"The hub's log is kept in {kept}; its end:\n{hub.log_tail(3000)}", file=sys.stderr)
        raise
    finally:
        try:
            close_all(kernels)
        except Exception:      # noqa: BLE001 - the hub is stopped next in any case
            pass
        hub.stop()
    left = hub.processes()
    if left:
        raise RuntimeError(f"processes left after stopping the hub: {left}")
    totals = [server + kernel for server, kernel in memory]
    play = [s["play_s"] for s in sessions.values()]
    run_all = [s["run_all_s"] for s in sessions.values()]
    all_played = max(s["played"] for s in sessions.values())
    return {"size": size, "ready_s": ready - begun, "opened_s": opened - ready, "all_played_s": all_played - opened,
            "per_participant_s": (all_played - begun) / size,
            "play_median_s": statistics.median(play), "play_max_s": max(play),
            "run_all_median_s": statistics.median(run_all), "run_all_max_s": max(run_all),
            "server_mb": statistics.median(s for s, _ in memory),
            "kernel_mb": statistics.median(k for _, k in memory),
            "median_mb": statistics.median(totals), "max_mb": max(totals), "hub_mb": own}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    rows, per_mb = [], ESTIMATE_MB_PER_PARTICIPANT
    for size in sizes:
        need = size * per_mb + HEADROOM_MB
        if available_mb() < need:
            print(f"{size} participants: skipped, {available_mb():.0f} MB available, about {need:.0f} MB needed")
            continue
        load = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
            row = run(size, Path(tmp))
        row["load"] = max(load, os.getloadavg()[0])
        rows.append(row)
        per_mb = max(r["max_mb"] for r in rows)     # what one participant took, for the next size
        print(f"{size} participants measured", flush=True)
    if not rows:
        return 1
    print()
    print("JupyterHub on loopback, SimpleLocalProcessSpawner, every participant at once "
          f"({len(os.sched_getaffinity(0))} cores). Times in seconds, memory in MB.")
    head = ("participants", "servers ready", "notebooks open", "all played", "per participant", "one play (med/max)",
            "Run All (med/max)", "memory (med/max)", "server + kernel", "hub + proxy", "load")
    print(" | ".join(head))
    for r in rows:
        cells = (f"{r['size']}", f"{r['ready_s']:.1f}", f"{r['opened_s']:.1f}", f"{r['all_played_s']:.1f}",
                 f"{r['per_participant_s']:.2f}",
                 f"{r['play_median_s']:.1f} / {r['play_max_s']:.1f}",
                 f"{r['run_all_median_s']:.1f} / {r['run_all_max_s']:.1f}",
                 f"{r['median_mb']:.0f} / {r['max_mb']:.0f}", f"{r['server_mb']:.0f} + {r['kernel_mb']:.0f}",
                 f"{r['hub_mb']:.0f}", f"{r['load']:.1f}")
        print(" | ".join(c.rjust(len(h)) for c, h in zip(cells, head)))
    print("servers ready: from the first start request until every server answered; notebooks open: "
          "every participant's kernel started and connected, one after another; all played: from then "
          "until the last participant, all at once, had joined group mode, played the vignette and "
          "checked the question; per participant: the three together divided by the number; one play: "
          "one participant's play; Run All: then every cell of module 1's notebook, all at once; "
          "memory: a participant's server "
          "and kernel after that (VmRSS); load: the machine's 1-minute load average, the higher of "
          "before and after (above the number of cores, other work shared the machine and the times "
          "are longer than on a quiet one).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
