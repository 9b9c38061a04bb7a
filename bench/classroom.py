"""Live classroom: 200 students' event streams following 50 teacher moves (issue 14).

A class is started, 200 students join and open their event streams (async httpx, one process), and the teacher
moves the class 50 times (PUT …/position, one every `--interval` s, each carrying a micro-step's record of a few
kB). For every student and every move: the delay from the moment the teacher's request was sent to the moment the
student's `position` event was read, and whether any event was missed or came out of order (ids must go up by one).
Two set-ups: one worker (classes in memory), and two app processes over Redis with the teacher on the first and the
students spread over both. The clients share the machine's two cores with the servers, so the delays include the
clients' own parsing. `python -m bench.classroom [--students 200] [--moves 50] [--runs 3]`
"""

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field

import httpx

from tests.support.server import free_port, running_server

from .common import median, percentile, print_table

# A micro-step's record as a teacher's page might send it: a few kB of numbers.
RECORD = {"phase": "bp2", "layers": [{"l": l, "z": [[0.1 * j + l] * 4 for j in range(8)],
                                      "a": [[0.5] * 4 for _ in range(8)], "delta": [[-0.01] * 4 for _ in range(8)]}
                                     for l in range(2, 5)]}


@dataclass
class Run:
    delays: list[float] = field(default_factory=list)  # seconds, one per student per move
    missed: int = 0
    out_of_order: int = 0
    errors: list[str] = field(default_factory=list)
    load: float = field(default_factory=lambda: os.getloadavg()[0])  # the machine's 1-minute load as it starts


async def student(base: str, code: str, http: httpx.AsyncClient, arrivals: dict[int, float], opened: asyncio.Event,
                  moves: int, run: Run) -> None:
    """Join, open the stream, and note when each `position` event arrives (an error: every later move is missed)."""
    try:
        joined = await http.post(f"{base}/api/classes/{code}/join", json={})
        if joined.status_code != 201:
            run.errors.append(f"join: {joined.status_code} {joined.text[:100]}")
            return
        await follow(base, code, http, joined.json()["student_token"], arrivals, opened, moves, run)
    except httpx.HTTPError as err:
        run.errors.append(f"stream: {err!r}")
    finally:
        opened.set()


async def follow(base: str, code: str, http: httpx.AsyncClient, token: str, arrivals: dict[int, float],
                 opened: asyncio.Event, moves: int, run: Run) -> None:
    """Read the stream's raw bytes and split the events here: httpx's line iterator costs several times more, and
    the clients share the cores with the servers."""
    last = None
    buffer = b""
    async with http.stream("GET", f"{base}/api/classes/{code}/events", params={"token": token}) as resp:
        async for chunk in resp.aiter_raw():
            now = time.perf_counter()
            *events, buffer = (buffer + chunk).split(b"\n\n")
            for event in events:
                if event.startswith(b"event: ping"):
                    continue  # a keep-alive (no id)
                head, name_line, _ = event.split(b"\n", 2)  # id: …, event: …, data: …
                seq, name = int(head[4:]), name_line[7:]
                if last is not None and seq != last + 1:
                    run.out_of_order += seq <= last
                last = seq
                if name == b"state":
                    opened.set()
                elif name == b"position":
                    arrivals[seq] = now
                    if len(arrivals) == moves:
                        return


async def one_run(teacher_base: str, student_bases: list[str], students: int, moves: int, interval: float) -> Run:
    run = Run()
    # The students' requests each on a fresh connection: reusing one the server has just closed as idle (uvicorn's
    # 5 s keep-alive; joins of 200 students take that long on a loaded machine) fails the request, which a browser
    # would retry and httpx does not.
    limits = httpx.Limits(max_connections=students + 10, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http, httpx.AsyncClient(timeout=120) as desk:
        created = (await desk.post(f"{teacher_base}/api/classes", json={"position": {"phase": "start"}})).json()
        code, teacher = created["code"], {"Authorization": f"Bearer {created['teacher_token']}"}
        arrivals: list[dict[int, float]] = [{} for _ in range(students)]
        opened = [asyncio.Event() for _ in range(students)]
        tasks = [asyncio.create_task(student(student_bases[i % len(student_bases)], code, http, arrivals[i],
                                             opened[i], moves, run)) for i in range(students)]
        await asyncio.wait_for(asyncio.gather(*(o.wait() for o in opened)), 120)
        sent: dict[int, float] = {}
        for step in range(moves):
            t = time.perf_counter()
            resp = await desk.put(f"{teacher_base}/api/classes/{code}/position", headers=teacher,
                                  json={"phase": "bp2", "step": step, "record": RECORD})
            sent[resp.json()["seq"]] = t
            await asyncio.sleep(max(0.0, t + interval - time.perf_counter()))
        _, pending = await asyncio.wait(tasks, timeout=30)
        for task in pending:
            task.cancel()
        run.errors += [f"still waiting 30 s after the last move ({len(got)} of {moves} events)"
                       for got in arrivals if len(got) < moves] if pending else []
        for got in arrivals:
            run.missed += len(set(sent) - set(got))
            run.delays += [got[seq] - sent[seq] for seq in sent if seq in got]
        await desk.delete(f"{teacher_base}/api/classes/{code}", headers=teacher)
    return run


def summary(runs: list[Run]) -> tuple[float, float, float, int, int]:
    """Medians over the runs of each run's p50, p95, p99 (ms); missed and out-of-order events over all runs."""
    p = [median([percentile(r.delays, q) * 1e3 for r in runs]) for q in (50, 95, 99)]
    for r in runs:
        for error in r.errors[:3]:
            print("error:", error)
    return p[0], p[1], p[2], sum(r.missed for r in runs), sum(r.out_of_order for r in runs)


def row(name: str, runs: list[Run], target_ms: float) -> tuple[str, str, str, str]:
    p50, p95, p99, missed, disordered = summary(runs)
    each = ", ".join(f"{percentile(r.delays, 95) * 1e3:.0f} (load {r.load:.1f})" for r in runs)
    errors = sum(len(r.errors) for r in runs)
    return (name, f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms (p95 of each run: {each}); "
                  f"{missed} missed, {disordered} out of order" + (f" ({errors} clients failed)" if errors else ""),
            f"p95 ≤ {target_ms:.0f} ms, 0 missed or out of order",
            "yes" if p95 <= target_ms and not missed and not disordered else "no")


def server_command(port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
            "--port", str(port), "--no-access-log", "--log-level", "warning"]


def run(students: int = 200, moves: int = 50, runs: int = 3, interval: float = 0.1) -> list[tuple[str, str, str, str]]:
    rows = []
    port = free_port()
    with running_server(server_command(port), port) as base:
        results = [asyncio.run(one_run(base, [base], students, moves, interval)) for _ in range(runs)]
    rows.append((f"1 worker, memory: {students} students × {moves} moves", *row("", results, 100)[1:]))

    redis_bin = shutil.which("redis-server")
    if not redis_bin:
        return [*rows, ("2 workers over Redis", "redis-server not installed (make test installs it)", "", "no")]
    rport = free_port()
    redis = subprocess.Popen([redis_bin, "--port", str(rport), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        env = {**os.environ, "BACKPROP_STORE": f"redis://127.0.0.1:{rport}/0", "OPENBLAS_NUM_THREADS": "1"}
        with ExitStack() as stack:
            bases = []
            for _ in range(2):
                p = free_port()
                bases.append(stack.enter_context(running_server(server_command(p), p, env=env)))
            results = [asyncio.run(one_run(bases[0], bases, students, moves, interval)) for _ in range(runs)]
        rows.append((f"2 workers over Redis (teacher on one, students on both): {students} students × {moves} moves",
                     *row("", results, 200)[1:]))
    finally:
        redis.terminate()
        redis.wait(timeout=10)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between the teacher's moves")
    args = parser.parse_args()
    print_table("Live classroom: delay from the teacher's move to each student's event (medians of the runs' "
                "percentiles)", run(args.students, args.moves, args.runs, args.interval))
