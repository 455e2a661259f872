"""A throw-away PostgreSQL cluster in a folder: for tests and for a one-command local trial.

`initdb` + `pg_ctl` from the installed PostgreSQL (Debian puts them in
/usr/lib/postgresql/<version>/bin, off PATH). PostgreSQL refuses to run as
root, so as root the cluster runs as `nobody` (`runuser`). It listens on a
Unix socket in the folder (no TCP port to clash) unless a port is asked for.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

DEFAULT_PORT = 54329
FAST_SETTINGS = ("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")


class ClusterError(Exception):
    """The PostgreSQL programs are missing or the cluster did not start."""


def postgres_bin_dir() -> Path | None:
    """The folder of initdb/pg_ctl: the newest /usr/lib/postgresql/*/bin, else PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_runner() -> list[str]:
    """Run PostgreSQL's programs as `nobody` when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "nobody", "--"]


@dataclass
class LocalCluster:
    """A cluster in `folder`; `url(database)` gives a URL to reach it as the superuser `postgres`."""

    folder: Path
    port: int = DEFAULT_PORT
    tcp: bool = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        """A libpq URL (socket, or localhost when started with tcp)."""
        if self.tcp:
            return f"postgresql://{quote(user)}@127.0.0.1:{self.port}/{quote(database)}"
        return f"postgresql://{quote(user)}@/{quote(database)}?host={quote(str(self.socket_dir))}&port={self.port}"

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise ClusterError("PostgreSQL is not installed (no initdb); on Debian: apt-get install postgresql")
        command = [*_as_runner(), str(bin_dir / program), *args]
        return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)

    def init(self) -> None:
        """initdb with trust authentication for local connections (a trial/test cluster only)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "nobody", "nogroup")
        os.chmod(self.folder, 0o700)
        done = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )
        if done.returncode != 0:
            raise ClusterError(f"initdb failed in {self.data}: {(done.stdout + done.stderr).strip()[-300:]}")

    def start(self, fast: bool = True) -> None:
        """Start the server and wait until it accepts connections."""
        listen = "'127.0.0.1'" if self.tcp else "''"
        options = [f"-k {self.socket_dir}", f"-p {self.port}", f"-c listen_addresses={listen}"]
        if fast:
            options += FAST_SETTINGS
        done = self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            " ".join(options),
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-400:] if log.exists() else ""
            raise ClusterError(f"PostgreSQL did not start in {self.data}: {done.stderr.strip()[-200:]} {tail}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop the server and delete its folder."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def temporary_cluster(port: int = DEFAULT_PORT) -> LocalCluster:
    """A new cluster in a new temporary folder, started (fast, unsafe settings: tests only)."""
    folder = Path(tempfile.mkdtemp(prefix="reslib-pg-"))
    cluster = LocalCluster(folder, port)
    try:
        cluster.init()
        cluster.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster
