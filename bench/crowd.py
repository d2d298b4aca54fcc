"""`make bench-crowd`: thousands of readers poll the bar through nginx; a banner is published.

Each simulated reader behaves like htmx in an open tab: it polls /live/bar/?v=<its
version> every poll interval, starting at a random offset, and takes the new version
from any bar it receives. Mid-run the desk publishes a banner; we report how long until
50%, 99% and 100% of readers have seen it, how many requests reached the app compared
with what readers sent (what the micro-cache absorbed), and errors.
"""

import asyncio
import json
import os
import random
import re
import sys
import time
from datetime import UTC, datetime

import aiohttp
from common import ROOT, Site, fetch, free_port, machine

READERS = int(os.environ.get("CROWD_READERS", "5000"))
INTERVAL = int(os.environ.get("CROWD_INTERVAL", "10"))
HEADLINE = "Crowd test: a banner every reader must see"
SHARED_CACHE_SECONDS = 5  # the bar's s-maxage (settings.PAGE_SHARED_SECONDS)

PUBLISH = f"""
import time
from tracker.live.models import Banner
Banner.objects.create(headline={HEADLINE!r}, kind="breaking")
print(time.time())
"""


class Crowd:
    def __init__(self, base, version):
        self.base, self.start_version = base, version
        self.sent = self.errors = 0
        self.seen_at = {}  # reader -> when it first received the new banner
        self.running = True

    async def reader(self, session, number):
        version = self.start_version
        await asyncio.sleep(random.uniform(0, INTERVAL))
        while self.running:
            tick = time.monotonic()
            try:
                async with session.get(f"{self.base}/live/bar/?v={version}") as response:
                    body = await response.text()
                    self.sent += 1
                    if response.status in (200, 286):
                        version = re.search(r"\?v=([0-9a-f]+)", body).group(1)
                        if HEADLINE in body and number not in self.seen_at:
                            self.seen_at[number] = time.time()
                    elif response.status != 204:
                        self.errors += 1
            except (TimeoutError, aiohttp.ClientError):
                self.errors += 1
            await asyncio.sleep(max(0, INTERVAL - (time.monotonic() - tick)))


async def simulate(site, base, version, access_log):
    crowd = Crowd(base, version)
    connector = aiohttp.TCPConnector(limit=256)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        readers = [asyncio.create_task(crowd.reader(session, n)) for n in range(READERS)]
        await asyncio.sleep(INTERVAL * 1.5)  # everyone is polling, caches are warm
        origin_before = origin_requests(access_log)
        sent_before, window_start = crowd.sent, time.time()
        published_at = float(await asyncio.to_thread(site.django, PUBLISH))
        deadline = published_at + INTERVAL * 3 + SHARED_CACHE_SECONDS
        while len(crowd.seen_at) < READERS and time.time() < deadline:
            await asyncio.sleep(0.5)
        await asyncio.sleep(max(0, published_at + INTERVAL - time.time()))  # a full interval
        window = time.time() - window_start
        sent, origin = crowd.sent - sent_before, origin_requests(access_log) - origin_before
        crowd.running = False
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    delays = sorted(seen - published_at for seen in crowd.seen_at.values())

    def seen_by(share):
        needed = max(1, int(READERS * share + 0.999))
        return round(delays[needed - 1], 2) if len(delays) >= needed else None

    return {
        "readers": READERS,
        "poll_interval_s": INTERVAL,
        "seen_by_50_percent_s": seen_by(0.5),
        "seen_by_99_percent_s": seen_by(0.99),
        "seen_by_100_percent_s": seen_by(1.0),
        "readers_who_saw_it": len(delays),
        "target_s": INTERVAL + SHARED_CACHE_SECONDS,
        "reader_requests_per_s": round(sent / window, 1),
        "origin_requests_per_s": round(origin / window, 2),
        "absorption_ratio": round(sent / origin, 1) if origin else None,
        "errors": crowd.errors,
    }


def origin_requests(access_log):
    """Bar requests that reached the app, from gunicorn's own access log."""
    if not access_log.exists():
        return 0
    with access_log.open() as log:
        return sum(1 for line in log if line.startswith("/live/bar/"))


def main():
    site = Site()
    if not site.env["REDIS_URL"]:
        sys.exit(
            "bench-crowd needs Redis (127.0.0.1:6379, or REDIS_URL): the desk and the app share it."
        )
    try:
        site.prepare()
        site.django(
            f"from tracker.live.models import Counter; Counter.objects.update(poll_interval={INTERVAL})"
        )
        app, proxy = free_port(), free_port()
        access_log = site.dir / "gunicorn-access.log"
        site.serve(app, workers=3, access_log=access_log)
        site.nginx(proxy, app)
        base = f"http://127.0.0.1:{proxy}"
        _, bar = fetch(f"{base}/live/bar/?v=new")
        version = re.search(rb"\?v=([0-9a-f]+)", bar).group(1).decode()
        print(f"{READERS} readers polling every {INTERVAL} s through nginx ...", flush=True)
        result = asyncio.run(simulate(site, base, version, access_log))
    finally:
        site.stop()
    met = (
        result["readers_who_saw_it"] == READERS
        and result["seen_by_100_percent_s"] <= result["target_s"]
        and result["errors"] == 0
    )
    result |= {"target_met": met, "machine": machine(), "command": "make bench-crowd"}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results" / f"crowd-{stamp}.json"
    out.write_text(json.dumps(result, indent=2))
    for key, value in result.items():
        if key != "machine":
            print(f"  {key}: {value}")
    print(f"Report: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
