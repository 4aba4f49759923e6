"""Serve a built site with Debian's nginx and the build's own site/nginx.conf.

    python scripts/nginx_site.py [SITE] [--port 8080]   # http://127.0.0.1:8080/, as your server would

Used by the tests (tests/test_hosting.py) and the benchmark. The generated
server block is used as written, except its listen, server_name and root
lines, which point at 127.0.0.1:PORT and SITE. Everything nginx writes (pid,
logs, temporary files) goes to a temporary folder; nothing under /etc or /var
is touched. As root the workers run as root, so they can read a site in a
private temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

MIME_TYPES = Path("/etc/nginx/mime.types")
LOCAL = {  # the lines of site/nginx.conf that name the real server
    "listen": lambda port, site: f"listen 127.0.0.1:{port};",
    "server_name": lambda port, site: "server_name 127.0.0.1;",
    "root": lambda port, site: f"root {site};",
}


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def local_server_block(conf: str, port: int, site: Path) -> str:
    """site/nginx.conf with its listen, server_name and root lines made local."""
    for directive, line in LOCAL.items():
        pattern = re.compile(rf"^(\s*){directive}\s[^;]*;\n", re.M)
        if not pattern.search(conf):
            raise RuntimeError(f"{site}/nginx.conf has no '{directive}' line; rebuild the site")
        first = pattern.search(conf)
        conf = conf[: first.start()] + first.group(1) + line(port, site) + "\n" + pattern.sub("", conf[first.start():])
    return conf


def write_config(site: Path, port: int, work: Path) -> Path:
    (work / "site.conf").write_text(local_server_block((site / "nginx.conf").read_text("utf-8"), port, site.resolve()), "utf-8")
    shutil.copy(MIME_TYPES, work / "mime.types")
    user = "user root root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"    {kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = work / "nginx.conf"
    main.write_text(
        f"{user}worker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} warn;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n    default_type application/octet-stream;\n"
        f"    log_format requests '\"$request\" $status $bytes_sent';\n    access_log {work / 'access.log'} requests;\n{temp}"
        f"    include {work / 'site.conf'};\n}}\n",
        "utf-8",
    )
    return main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(site: Path, port: int = 0):
    """nginx serving `site` on 127.0.0.1; yields (origin, work folder with access.log and error.log)."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx not found; install Debian's 'nginx' package")
    work = Path(tempfile.mkdtemp(prefix="nginx-site-"))
    port = port or free_port()
    main = write_config(site, port, work)
    command = [binary, "-p", str(work), "-c", str(main), "-e", str(work / "error.log"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(port, process, work)
        yield f"http://127.0.0.1:{port}", work
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(work, ignore_errors=True)


def wait_for(port: int, process: subprocess.Popen, work: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (work / "error.log").read_text("utf-8") if (work / "error.log").exists() else ""
            raise RuntimeError(f"nginx stopped: {(process.stdout.read() if process.stdout else '')}{log}".strip())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on 127.0.0.1:{port} within 10 s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site with nginx and its generated nginx.conf.")
    parser.add_argument("site", type=Path, nargs="?", default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    if not (args.site / "nginx.conf").is_file():
        print(f"{args.site}/nginx.conf not found: build first (python scripts/build.py)", file=sys.stderr)
        return 2
    with running(args.site, args.port) as (origin, _):
        print(f"Serving {args.site} with nginx on {origin}/ (Ctrl+C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
