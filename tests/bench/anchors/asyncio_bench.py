"""asyncio_bench.py - the Python asyncio anchors for `make bench`.

    python3 asyncio_bench.py switch N     two tasks ping-pong with asyncio.sleep(0), N switches
    python3 asyncio_bench.py sleepers N   gather of N tasks each sleeping 1 s: wall time, bytes per task
Prints one JSON line.
"""
import asyncio
import json
import resource
import sys
import time


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


async def pinger(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def switch(n):
    t0 = time.perf_counter()
    await asyncio.gather(pinger(n // 2), pinger(n // 2))
    return {"bench": "switch", "switches": n, "ns_per_switch": (time.perf_counter() - t0) * 1e9 / n}


async def sleepers(n):
    base = rss_bytes()
    during = []

    async def probe():
        await asyncio.sleep(0.5)
        during.append(rss_bytes())

    t0 = time.perf_counter()
    await asyncio.gather(*(asyncio.sleep(1) for _ in range(n)), probe())
    return {"bench": "sleepers", "tasks": n, "wall_s": time.perf_counter() - t0, "bytes_per_task": (during[0] - base) / n}


if __name__ == "__main__":
    kind, n = sys.argv[1], int(sys.argv[2])
    print(json.dumps(asyncio.run({"switch": switch, "sleepers": sleepers}[kind](n))))
