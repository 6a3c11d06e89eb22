"""Run the page and the API with uvicorn (plain, no [standard] extras): `council-check serve`."""

from __future__ import annotations

import socket
from pathlib import Path

from checker.errors import EXIT_USAGE, CheckerError, Problem
from checker.web.app import create_app
from checker.web.service import Service


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one Swedish line (exit 2), not a log."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise CheckerError([Problem(host, "", f"okänd adress: {exc.strerror}")], EXIT_USAGE) from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        why = "porten används redan; välj en annan med --port" if exc.errno == 98 else (exc.strerror or str(exc))
        raise CheckerError([Problem(f"{host}:{port}", "", f"kan inte lyssna: {why}")], EXIT_USAGE) from None
    sock.set_inheritable(True)
    return sock


def run(
    host: str, port: int, profiles: list[str], log: Path | None, *, workers: int = 2, time_limit: float | None = 60.0
) -> None:
    """Serve until Ctrl-C: `workers` worker processes check the requests, each check within `time_limit` s."""
    import click
    import uvicorn

    sock = listen(host, port)
    service = Service(profiles, log=log)  # every profile loaded once, before the first request
    service.start_workers(workers, time_limit, inherited=[sock])  # before uvicorn starts any thread
    try:
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"Sidan finns på http://{shown}:{port}/ och API:t på http://{shown}:{port}/api/v1/docs", err=True)
        click.echo("Avsluta med Ctrl+C.", err=True)
        config = uvicorn.Config(
            create_app(service, close_service=True), log_level="warning", access_log=False, server_header=False
        )
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        service.close()
