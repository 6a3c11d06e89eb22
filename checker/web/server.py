"""Run the page and the API with uvicorn (plain, no [standard] extras): `council-check serve`."""

from __future__ import annotations

from pathlib import Path

from checker.web.app import create_app
from checker.web.service import Service


def run(host: str, port: int, profiles: list[str], log: Path | None) -> None:
    import uvicorn

    service = Service(profiles, log=log)  # every profile loaded once, before the first request
    app = create_app(service)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
