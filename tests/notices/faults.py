"""What the outbox's fault test runs against: its own Redis, real `celery worker` and `celery beat`
processes, and an SMTP sink in the test process that counts every message by its X-Portal-Notice.

Every process is started in its own session and killed (the whole group) by `Processes.close`, which
the test's fixture calls whatever happens.
"""

import contextlib
import email
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = [sys.executable, "-m", "tests.notices.celery_here"]  # this checkout's code, whatever is installed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


# --- the SMTP sink -----------------------------------------------------------------------------


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)."""

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.notice = None
        self._say("220 sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
                self.wfile.flush()
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 go ahead")
                chunks = []
                while True:
                    part = self.rfile.readline()
                    if not part or part == b".\r\n":
                        break
                    chunks.append(part[1:] if part.startswith(b"..") else part)
                # A mail server takes a moment: a worker killed mid-batch is then most likely killed mid-send.
                time.sleep(self.server.sink.delay)
                self.notice = self.server.sink.accept(b"".join(chunks))
                self._say("250 accepted")
            elif verb == "QUIT":
                # The message is accepted; the sender now waits for this answer before it marks the
                # row SENT. Held here, the sender sits in the window the test kills it in.
                self.server.sink.maybe_hold(self.client_address[1], self.notice)
                with contextlib.suppress(OSError):
                    self._say("221 bye")
                return
            else:
                self._say("502 not here")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPSink:
    """Counts the messages the mail server accepted, by notice id (and keeps their subjects)."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.port = free_port()
        self.lock = threading.Lock()
        self.by_notice: Counter[int] = Counter()
        self.subjects: list[str] = []
        self.armed = False
        self.released = threading.Event()
        self.server = _Server(("127.0.0.1", self.port), _SMTPHandler)
        self.server.sink = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def hold_next(self) -> None:
        """The next sender is kept waiting after its message was accepted, until `release`."""
        self.held_port = self.held_notice = None
        self.holding = threading.Event()
        self.released = threading.Event()
        self.armed = True

    def maybe_hold(self, client_port: int, notice: int | None) -> None:
        with self.lock:
            if not self.armed:
                return
            self.armed = False
        self.held_port, self.held_notice = client_port, notice
        self.holding.set()
        self.released.wait(30)

    def release(self) -> None:
        self.released.set()

    def accept(self, raw: bytes) -> int | None:
        message = email.message_from_bytes(raw)
        notice = message.get("X-Portal-Notice")
        with self.lock:
            self.subjects.append(str(message.get("Subject", "")))
            if notice and notice.isdigit():
                self.by_notice[int(notice)] += 1
                return int(notice)
        return None

    def delivered(self) -> Counter:
        with self.lock:
            return Counter(self.by_notice)

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()


# --- Redis, workers and beat as subprocesses -------------------------------------------------------


class Processes:
    def __init__(self, tmp: Path, env: dict):
        self.tmp = tmp
        # The console script's own folder comes first on sys.path, not the working directory: name
        # this checkout, or an editable install elsewhere would be imported instead.
        self.env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(BASE_DIR), env.get("PYTHONPATH")]))}
        self.running: dict[str, subprocess.Popen] = {}
        self.generation = Counter()

    def start(self, name: str, args: list[str]) -> subprocess.Popen:
        self.generation[name] += 1
        log = open(self.tmp / f"{name}-{self.generation[name]}.log", "wb")  # noqa: SIM115 — closed with the process
        process = subprocess.Popen(
            args,
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        process.log_path = log.name
        log.close()
        self.running[name] = process
        return process

    def owner_of(self, local_port: int) -> str | None:
        """Which of our processes has a TCP socket on `local_port` (Linux /proc)."""
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with contextlib.suppress(OSError), open(table) as lines:
                for line in list(lines)[1:]:
                    fields = line.split()
                    if int(fields[1].rsplit(":", 1)[1], 16) == local_port:
                        inodes.add(fields[9])
        for name, process in self.running.items():
            with contextlib.suppress(OSError):
                for fd in os.listdir(f"/proc/{process.pid}/fd"):
                    with contextlib.suppress(OSError):
                        link = os.readlink(f"/proc/{process.pid}/fd/{fd}")
                        if link.startswith("socket:[") and link[8:-1] in inodes:
                            return name
        return None

    def log(self, name: str) -> str:
        process = self.running.get(name)
        return Path(process.log_path).read_text(errors="replace") if process else ""

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.running.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def close(self) -> None:
        for name in list(self.running):
            self.kill(name)

    # -- the pieces

    def redis(self, port: int) -> None:
        self.start(
            "redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        )

        def answers():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_until(answers, 10, "redis-server answering")

    def worker(self, name: str) -> None:
        self.start(
            name,
            [
                *CELERY, "-A", "engagement", "worker", "--pool=solo", "--loglevel=INFO", f"--hostname={name}@%h",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
        )  # fmt: skip

    def beat(self) -> None:
        schedule = self.tmp / f"beat-{self.generation['beat'] + 1}"
        self.start("beat", [*CELERY, "-A", "engagement", "beat", "--loglevel=INFO", f"--schedule={schedule}"])

    def wait_ready(self, name: str, timeout: float = 60) -> None:
        def ready():
            process = self.running[name]
            if process.poll() is not None:
                raise AssertionError(f"{name} exited with {process.returncode}:\n{self.log(name)[-3000:]}")
            return " ready." in self.log(name)

        wait_until(ready, timeout, f"{name} ready")
