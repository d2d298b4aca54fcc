"""What `make bench` and `make bench-crowd` share: a production server with demo content
on loopback, pinned to one core, and nginx's micro-cache in front of it."""

import contextlib
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_CORE = "0"
LOAD_CORE = "1"


# Seven sections, five FAQs and six sources: the size of the comparison.
BENCH_ARTICLE = """
from tracker.newsroom.models import *
topic = Topic.objects.first()
author = Author.objects.first()
article, created = Article.objects.get_or_create(
    slug="benchmark-article",
    defaults=dict(title="Benchmark: a tracker article of typical size", topic=topic,
                  standfirst="Seven sections, five FAQs and six sources, like the comparison.",
                  status="published"),
)
if created:
    Byline.objects.create(article=article, author=author)
    for i in range(7):
        Section.objects.create(article=article, position=i, heading=f"Section {i + 1}", body="\\n".join(
            f"- **Point {j + 1}.** " + "Officials said the situation remained difficult. " * 6 for j in range(4)))
    for i in range(5):
        FAQ.objects.create(article=article, position=i, question=f"Question {i + 1}?",
                           answer="An answer of two sentences. " * 4)
    for i, source in enumerate(Source.objects.all()[:6]):
        Citation.objects.create(article=article, source=source, position=i)
from django.test import Client
print(article.get_absolute_url())
print(len(Client().get(article.get_absolute_url(), HTTP_HOST="127.0.0.1").content))
"""


def save_report(kind, report, failures):
    """Write bench/results/<kind>-<time>.json (when, command, machine, then `report` and
    the failures), and say where and whether the targets were met."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results" / f"{kind}-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = {"when": stamp, "command": f"make bench-{kind}", "machine": machine()}
    out.write_text(json.dumps(header | report | {"failures": failures}, indent=2))
    print(f"Report: {out.relative_to(ROOT)}")
    print("All targets met." if not failures else "Targets missed:\n  " + "\n  ".join(failures))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url():
    """Django's Redis cache, as in production, when a Redis answers at REDIS_URL
    (by default database 15 of the one on 127.0.0.1:6379)."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    address = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return url
    except OSError:
        return ""


def require(tool, package):
    """Debian's wrk and nginx: installed on first use (these machines run as root)."""
    if shutil.which(tool):
        return shutil.which(tool)
    print(f"Installing {package} from Debian...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)
    subprocess.run(["sh", "-c", "service nginx stop 2>/dev/null; true"])  # not the system one
    return shutil.which(tool) or f"/usr/sbin/{tool}"


def machine():
    cpu = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as cpuinfo:
        models = (
            line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")
        )
        cpu = next(models, "")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "hostname": platform.node(),
    }


class Site:
    """A scratch production site: its own database, static files and environment."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
        self.env = dict(
            os.environ,
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DATABASE_URL=os.environ.get(
                "BENCH_DATABASE_URL", f"sqlite:///{self.dir / 'bench.sqlite3'}"
            ),
            REDIS_URL=redis_url(),
            STATIC_ROOT=str(self.dir / "static"),
            DATABASE_POOL="0",  # gunicorn sync workers: persistent connections, as make serve
        )
        self.processes = []

    def manage(self, *args, **env):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env | env, check=True)

    def prepare(self):
        print(f"Preparing a production site in {self.dir} ...", flush=True)
        self.manage("migrate", "--no-input", "-v0")
        self.manage("demo_content")
        self.manage("collectstatic", "--no-input", "-v0")
        if self.env["REDIS_URL"]:  # the one this site uses, not whichever answers on 6379
            subprocess.run(
                ["redis-cli", "-u", self.env["REDIS_URL"], "flushdb"], capture_output=True
            )

    def add_bench_article(self):
        """The article every benchmark renders, and a static file of its page's size
        (/static/bench/same-size.html); returns the article's URL and that size."""
        url, size = self.django(BENCH_ARTICLE).splitlines()[-2:]
        same_size = self.dir / "static" / "bench" / "same-size.html"
        same_size.parent.mkdir(parents=True, exist_ok=True)
        same_size.write_bytes(b"x" * int(size))
        return url, int(size)

    def django(self, code, args=(), core=None, **env):
        """Run Python with Django set up for this site (pinned to `core`, if given, with
        `args` in sys.argv); returns what it prints."""
        script = "import django; django.setup()\n" + code
        command = [PYTHON, "-c", script, *args]
        result = subprocess.run(
            ["taskset", "-c", core, *command] if core else command,
            cwd=ROOT,
            env=self.env | {"DJANGO_SETTINGS_MODULE": "tracker.settings"} | env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def serve(self, port, workers=1, access_log=None, **env):
        """gunicorn as `make serve` runs it, pinned to the server core."""
        command = [
            "taskset", "-c", SERVER_CORE, PYTHON, "-m", "gunicorn", "tracker.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
        ]  # fmt: skip
        if access_log:
            command += ["--access-logfile", str(access_log), "--access-logformat", "%(U)s %(s)s"]
        self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env | env))
        wait_for(f"http://127.0.0.1:{port}/")

    def redis(self):
        """A Redis of the site's own on a free loopback port, kept in memory only."""
        port = free_port()
        server = require("redis-server", "redis-server")
        self.processes.append(
            subprocess.Popen(
                [
                    server,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        self.env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"

    def nginx(self, port, upstream_port):
        nginx = require("nginx", "nginx-light")
        conf = self.dir / "nginx.conf"
        (self.dir / "nginx-cache").mkdir(exist_ok=True)
        conf.write_text(
            f"""
user root;  # a scratch loopback benchmark: workers may write its root-owned temp dir
worker_processes 1;
worker_cpu_affinity 01;
pid {self.dir}/nginx.pid;
error_log {self.dir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format cache '$request_uri $status $upstream_cache_status $upstream_addr';
    access_log {self.dir}/nginx-access.log cache;
    proxy_cache_path {self.dir}/nginx-cache levels=1:2 keys_zone=tracker:10m inactive=10m
                     use_temp_path=off;
    upstream tracker_app {{ server 127.0.0.1:{upstream_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{ include {ROOT / "deploy" / "proxy-cache.conf"}; }}
    }}
}}
"""
        )
        self.processes.append(
            subprocess.Popen([nginx, "-c", str(conf), "-p", str(self.dir), "-g", "daemon off;"])
        )
        wait_for(f"http://127.0.0.1:{port}/")
        return self.dir / "nginx-access.log"

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()
