"""Prove the README's two commands on a clean machine: a fresh clone, a fresh venv.

Usage::

    python3 scripts/clean_machine.py [--keep]

Clones the current commit of this repository (``git clone`` of the local path, so
uncommitted changes are not included) into a new temporary directory, which has no
``.venv``, ``node_modules`` or ``generated/``. There it runs exactly the README's
commands: ``./dev test``, then ``./dev serve`` in the background until it answers on
http://127.0.0.1:8000/, after which it is stopped. Each command's wall time is printed.
The clone is removed afterwards unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE_URL = "http://127.0.0.1:8000/"
SERVE_TIMEOUT_S = 1800


def timed(label: str, command: list[str], cwd: Path) -> float:
    """Run a command in the clone, fail loudly if it fails, and return its wall time."""
    start = time.monotonic()
    print(f"$ {' '.join(command)}", flush=True)
    subprocess.run(command, cwd=cwd, check=True)
    elapsed = time.monotonic() - start
    print(f"{label}: {elapsed:.0f} s", flush=True)
    return elapsed


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def time_serve(cwd: Path) -> float:
    """Start ./dev serve, wait until the site answers, stop it; return the time to answer."""
    if answers(SERVE_URL):
        raise SystemExit(f"{SERVE_URL} already answers: stop that server first")
    start = time.monotonic()
    print("$ ./dev serve", flush=True)
    server = subprocess.Popen(["./dev", "serve"], cwd=cwd, start_new_session=True)
    try:
        while not answers(SERVE_URL):
            if server.poll() is not None:
                raise SystemExit(f"./dev serve exited with {server.returncode}")
            if time.monotonic() - start > SERVE_TIMEOUT_S:
                raise SystemExit(f"./dev serve did not answer within {SERVE_TIMEOUT_S} s")
            time.sleep(1)
        elapsed = time.monotonic() - start
        print(f"./dev serve answered: {elapsed:.0f} s", flush=True)
        return elapsed
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ll-clean-machine-"))
    clone = workdir / "repo"
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=clone, check=True, capture_output=True
        )
        print(f"clone of {commit.stdout.decode().strip()} in {clone}", flush=True)
        test_s = timed("./dev test", ["./dev", "test"], clone)
        serve_s = time_serve(clone)
        print(f"\nsummary: ./dev test {test_s:.0f} s, ./dev serve until it answers {serve_s:.0f} s")
    finally:
        if args.keep:
            print(f"kept {clone}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
