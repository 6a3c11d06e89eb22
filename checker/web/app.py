"""The FastAPI application: the page (server-rendered, works without JavaScript) and the API under /api/v1.

Imported only by `council-check serve` and the web tests: the CLI's `check` never loads the web stack.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from importlib import resources
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from checker import __version__
from checker.errors import EXIT_USAGE, CheckerError
from checker.models import Verdict
from checker.web import view
from checker.web.service import (
    MAX_BATCH_BYTES,
    MAX_BATCH_FILES,
    Outcome,
    Service,
    TooLarge,
    UnsupportedType,
    as_json_lines,
    content_id,
    facts_file_text,
    max_bytes,
    size_label,
    unpack_batch,
)
from checker.web.texts import TEXTS
from checker.web.workers import WorkerError

log = logging.getLogger("checker.web")
API = "/api/v1"
DRAFT_FORMATS = {"docx": ("docx", ".docx"), "md": ("markdown", ".md"), "markdown": ("markdown", ".md")}
DRAFT_FORMATS["html"] = ("html", ".html")
MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".yaml": "application/yaml; charset=utf-8",
    ".jsonl": "application/x-ndjson",
}


class FileField(BaseModel):
    """A file inside a JSON request: its name (the suffix decides how it is read) and its bytes in base64."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="File name; the suffix (.txt, .md, .docx, .pdf, .yaml, .json) decides the reader.")
    content_base64: str = Field(description="The file's bytes, base64-encoded.")


class CheckRequest(BaseModel):
    """A motion to check (text or file), as `council-check check` takes it."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, description="The motion's text (checked as a UTF-8 .txt file).")
    name: str = Field(default="motion.txt", description="The name the text is checked under (as a file name).")
    file: FileField | None = None
    profile: str | None = Field(default=None, description="A profile the server loaded (GET /profiles).")
    as_of: dt.date | None = Field(default=None, description="Evaluation date YYYY-MM-DD (default: today).")
    lang: str = Field(default="sv", pattern="^(sv|en)$")
    facts: dict[str, Any] | None = Field(
        default=None, description="Declared facts in the facts-file format (as `--facts`), overriding extracted ones."
    )


class ApiError(BaseModel):
    error: str = Field(description="One line: what is wrong and how to fix it.")
    error_en: str | None = Field(
        default=None,
        description="The same line in English (for a check stopped at the time limit or a worker's fault).",
    )
    code: str | None = Field(default=None, description="time_limit or internal_error, where error_en is given.")


ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ApiError, "description": "The input is over a size limit."},
    415: {"model": ApiError, "description": "A file type the checker cannot read."},
    422: {"model": ApiError, "description": "The input could not be read, or the request is invalid."},
    500: {"model": ApiError, "description": "A fault in the checker (the worker checking the input ended); try again."},
    503: {
        "model": ApiError,
        "description": "The check took longer than the server's time limit (`serve --time-limit`) and was stopped.",
    },
}


def _one_line(err: CheckerError) -> str:
    lines = err.lines()
    return lines[0] if len(lines) == 1 else "; ".join(lines)


def _status(err: CheckerError) -> int:
    if isinstance(err, WorkerError):
        return err.status
    if isinstance(err, TooLarge):
        return 413
    if isinstance(err, UnsupportedType):
        return 415
    return 422


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split())}, status_code=status)


def worker_error_response(err: WorkerError) -> JSONResponse:
    """A check stopped at the time limit (503) or lost with its worker (500): Swedish, English and a code."""
    return JSONResponse({"error": err.message_sv, "error_en": err.message_en, "code": err.code}, status_code=err.status)


def etag_response(body: bytes, media_type: str, request: Request, headers: dict[str, str] | None = None) -> Response:
    """A response with an ETag from its content hash; 304 when the client has it already."""
    tag = f'"{hashlib.sha256(body).hexdigest()}"'
    head = {"ETag": tag, **(headers or {})}
    if request.method == "GET" and tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=head)
    return Response(body, media_type=media_type, headers=head)


def _today() -> dt.date:
    return dt.date.today()


# --------------------------------------------------------------------------- reading requests


def body_limit(path: str) -> int:
    """The most a request body may hold: a batch its total, anything else one file (twice, for base64) and fields."""
    if path == "/flera":
        return MAX_BATCH_BYTES + 1024 * 1024
    return 2 * max_bytes() + 1024 * 1024


class BodyLimit:
    """ASGI middleware: stop reading a request body at its limit (also without a Content-Length), as 413."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope.get("path", ""))
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge("request", f"begäran är större än gränsen {size_label(limit)}")
            return message

        await self.app(scope, limited, send)


class Input:
    """One request's input, read from JSON or multipart, with the body size limited."""

    def __init__(self) -> None:
        self.data: bytes | None = None
        self.name = "motion.txt"
        self.profile: str | None = None
        self.as_of: dt.date | None = None
        self.lang = "sv"
        self.facts_raw: bytes | None = None


async def read_input(request: Request, service: Service) -> Input:
    limit = max_bytes()
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > body_limit(request.url.path):
        raise TooLarge("request", f"begäran är större än gränsen {size_label(limit)} för en fil")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    inp = Input()
    if ctype == "application/json":
        body = await request.body()
        try:
            req = CheckRequest.model_validate_json(body)
        except ValueError as exc:
            raise CheckerError([_problem("request", _validation_line(exc))]) from None
        if (req.text is None) == (req.file is None):
            raise CheckerError([_problem("request", "ange antingen text eller file, inte båda och inte ingen")])
        if req.text is not None:
            inp.data, inp.name = req.text.encode("utf-8"), req.name
        else:
            assert req.file is not None
            try:
                inp.data = base64.b64decode(req.file.content_base64, validate=True)
            except (binascii.Error, ValueError):
                raise CheckerError([_problem("file.content_base64", "är inte giltig base64")]) from None
            inp.name = req.file.name
        inp.profile, inp.as_of, inp.lang = req.profile, req.as_of, req.lang
        if req.facts is not None:
            inp.facts_raw = json.dumps(req.facts, ensure_ascii=False).encode("utf-8")
    elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        # parts are bounded by the body limit (413 while reading); each input by the file limit below
        async with request.form(max_files=2, max_fields=20, max_part_size=body_limit(request.url.path)) as form:
            upload = form.get("file")
            text = form.get("text")
            if isinstance(upload, UploadFile) and upload.filename:
                inp.data, inp.name = await _read_upload(upload, limit), upload.filename
            elif isinstance(text, str) and text:
                inp.data = text.encode("utf-8")
                name = form.get("name")
                inp.name = name if isinstance(name, str) and name else "motion.txt"
            else:
                raise CheckerError([_problem("request", "ange en fil i fältet file eller en text i fältet text")])
            facts = form.get("facts")
            if isinstance(facts, UploadFile):
                inp.facts_raw = await _read_upload(facts, limit)
            elif isinstance(facts, str) and facts.strip():
                inp.facts_raw = facts.encode("utf-8")
            profile, as_of, lang = form.get("profile"), form.get("as_of"), form.get("lang")
            inp.profile = profile if isinstance(profile, str) and profile else None
            inp.as_of = _date(as_of if isinstance(as_of, str) else None)
            if isinstance(lang, str) and lang:
                if lang not in ("sv", "en"):
                    raise CheckerError([_problem("lang", "ska vara sv eller en")])
                inp.lang = lang
    else:
        raise UnsupportedType(
            "request", "skicka application/json, multipart/form-data eller application/x-www-form-urlencoded"
        )
    service.checker(inp.profile)
    return inp


async def _read_upload(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(upload.filename or "file", f"filen är större än gränsen {size_label(limit)}")
    return data


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CheckerError([_problem("as_of", f"{value!r} är inget datum; skriv ÅÅÅÅ-MM-DD")]) from None


def _problem(where: str, message: str) -> Any:
    from checker.errors import Problem

    return Problem(where, "", message)


def _validation_line(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
        except (IndexError, TypeError, ValueError):
            return "ogiltig begäran"
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        return f"{where}: {first.get('msg', 'ogiltigt värde')}"
    return "ogiltig begäran"


# --------------------------------------------------------------------------- the application


def create_app(service: Service, *, close_service: bool = False) -> FastAPI:
    """The application; with `close_service`, its shutdown (before uvicorn re-raises a SIGTERM) stops the workers."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if close_service:
                service.close()

    app = FastAPI(
        lifespan=lifespan,
        title="council-checker",
        version=__version__,
        description="Advisory compliance checks of Swedish municipal council motions. POST /check gives the same "
        "verdict, byte for byte, as `council-check check FILE --format json`. The server keeps nothing unless it "
        "was started with --log.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # the docs page below is served from here: no scripts from a CDN, readable offline
        redoc_url=None,
    )
    app.add_middleware(BodyLimit)
    env = Environment(
        loader=FileSystemLoader(str(resources.files("checker.web") / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    @app.exception_handler(CheckerError)
    async def _checker_error(_request: Request, exc: CheckerError) -> JSONResponse:
        if isinstance(exc, WorkerError):
            return worker_error_response(exc)
        return error_response(_status(exc), _one_line(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _validation_line(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error: %s: %s", type(exc).__name__, exc)
        return error_response(500, "internt fel i granskningen; försök igen eller kontakta förvaltningen")

    # ------------------------------------------------------------------ API

    check_body = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "text": {"type": "string"},
                            "name": {"type": "string"},
                            "profile": {"type": "string"},
                            "as_of": {"type": "string", "format": "date"},
                            "lang": {"type": "string", "enum": ["sv", "en"]},
                            "facts": {"type": "string", "format": "binary"},
                        },
                    }
                },
            },
        }
    }
    verdict_response: dict[int | str, dict[str, Any]] = {
        200: {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Verdict"}}},
            "description": "The verdict, the same bytes as `council-check check FILE --format json`.",
            "headers": {
                "X-Decision-Id": {
                    "description": "The id of this verdict's decision record (written to the log with --log).",
                    "schema": {"type": "string"},
                },
                "ETag": {"description": "The SHA-256 of the response body, quoted.", "schema": {"type": "string"}},
            },
        },
        **ERRORS,
    }

    async def _check(request: Request) -> tuple[Input, Outcome]:
        inp = await read_input(request, service)
        # a thread waits for the check (in a worker process under `serve`), so the event loop stays free;
        # the declared facts are parsed from the facts file's bytes within the same time limit
        outcome = await run_in_threadpool(
            service.check,
            inp.data or b"",
            inp.name,
            profile=inp.profile,
            as_of=inp.as_of or _today(),
            lang=inp.lang,
            facts_raw=inp.facts_raw,
        )
        return inp, outcome

    @app.post(f"{API}/check", openapi_extra=check_body, responses=verdict_response, tags=["check"])
    async def api_check(request: Request) -> Response:
        """Check one motion (or facts file): the same bytes as `council-check check FILE --format json`."""
        _inp, outcome = await _check(request)
        return etag_response(outcome.body, "application/json", request, {"X-Decision-Id": outcome.decision_id})

    @app.post(f"{API}/extract", openapi_extra=check_body, responses=ERRORS, tags=["check"])
    async def api_extract(request: Request) -> Response:
        """The facts found in a motion, each with its evidence (as `council-check extract --format yaml`)."""
        inp = await read_input(request, service)
        from checker.render.factsout import facts_yaml

        proposal, facts = await run_in_threadpool(service.extract, inp.data or b"", inp.name, profile=inp.profile)
        return etag_response(facts_yaml(proposal, facts).encode("utf-8"), MEDIA[".yaml"], request)

    @app.post(f"{API}/draft", openapi_extra=check_body, responses=verdict_response, tags=["check"])
    async def api_draft(request: Request, format: str = "docx") -> Response:
        """The tjänsteskrivelse for one motion: ?format=docx|md|html (as `council-check draft`)."""
        if format not in DRAFT_FORMATS:
            raise CheckerError([_problem("format", "ska vara docx, md eller html")])
        inp, outcome = await _check(request)
        data, suffix = await run_in_threadpool(_draft, service, outcome, inp.profile, format, inp.lang)
        stem = PurePosixPath(outcome.name).stem or "motion"
        headers = {
            "X-Decision-Id": outcome.decision_id,
            "Content-Disposition": _attachment(f"{stem}.tjansteskrivelse{suffix}"),
        }
        return etag_response(data, MEDIA[suffix], request, headers)

    @app.get(f"{API}/profiles", tags=["reference"])
    async def api_profiles(request: Request) -> Response:
        """The profiles this server loaded, the first being the default."""
        items = [
            {
                "name": name,
                "id": c.policy_set.profile_id,
                "municipality": c.policy_set.context.municipality if c.policy_set.context else None,
                "policy_set_hash": c.policy_set.hash,
                "rules": len(c.policy_set.rules),
                "default": name == service.default_profile,
            }
            for name, c in service.checkers.items()
        ]
        return etag_response(_json(items), "application/json", request)

    def _rule_doc(rule: Any) -> dict[str, Any]:
        return dict(rule.doc)

    @app.get(f"{API}/rules", tags=["reference"])
    async def api_rules(request: Request, profile: str | None = None) -> Response:
        """The profile's rules, as written in its rule files."""
        ps = service.checker(profile).policy_set
        return etag_response(_json([_rule_doc(r) for r in ps.rules]), "application/json", request)

    @app.get(f"{API}/rules/{{rule_id}}", tags=["reference"], responses={404: {"model": ApiError}})
    async def api_rule(request: Request, rule_id: str, profile: str | None = None) -> Response:
        """One rule, with its quoted clauses."""
        checker = service.checker(profile)
        rule = checker.policy_set.rule(rule_id)
        if rule is None:
            return error_response(404, f"{rule_id}: ingen sådan regel; se GET {API}/rules")
        from checker.verdict import citation

        doc = _rule_doc(rule)
        doc["citations"] = [
            citation(checker.policy_set, uid).model_dump(mode="json") for uid in _clause_ids(doc.get("cites", []))
        ]
        return etag_response(_json(doc), "application/json", request)

    @app.get(f"{API}/schema/verdict", tags=["reference"])
    async def api_schema(request: Request) -> Response:
        """The verdict's JSON Schema (checker/schemas/verdict.schema.json)."""
        data = (resources.files("checker") / "schemas" / "verdict.schema.json").read_bytes()
        return etag_response(data, "application/schema+json", request)

    @app.get(f"{API}/healthz", tags=["reference"])
    async def api_health() -> JSONResponse:
        """Liveness: the server is up and its profiles are loaded."""
        return JSONResponse({"status": "ok", "version": __version__, "profiles": list(service.checkers)})

    # ------------------------------------------------------------------ the page

    def page(name: str, lang: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        t = TEXTS[lang]
        checker = service.checker(None)
        html = env.get_template(name).render(
            t=t,
            lang=lang,
            version=__version__,
            profiles=list(service.checkers),
            default_profile=service.default_profile,
            profile_name=ctx.pop("profile_name", service.default_profile),
            today=_today().isoformat(),
            municipality=checker.policy_set.context.municipality if checker.policy_set.context else "",
            max_size=size_label(max_bytes()),
            **ctx,
        )
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})

    def lang_of(value: Any) -> str:
        return value if value in ("sv", "en") else "sv"

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(lang: str = "sv") -> HTMLResponse:
        return page(
            "check.html.j2", lang_of(lang), form={}, switch_url=f"/?lang={TEXTS[lang_of(lang)]['other_lang_code']}"
        )

    @app.post("/granska", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request) -> Response:
        try:
            form, upload = await _page_form(request)
        except (TooLarge, StarletteHTTPException) as exc:
            lang = lang_of(request.query_params.get("lang"))
            t = TEXTS[lang]
            fix = t["fix_too_large"].format(limit=size_label(max_bytes()))
            status = 413 if isinstance(exc, TooLarge) else 400
            return page("check.html.j2", lang, status=status, form={}, errors=[fix], switch_url=f"/?lang={lang}")
        if _first(form, "visa_lang") in TEXTS:  # the result page's language button
            form["lang"] = [_first(form, "visa_lang")]
        lang = lang_of(_first(form, "lang"))
        t = TEXTS[lang]
        switch = f"/?lang={t['other_lang_code']}"
        try:
            outcome, values, answers, profile = await run_in_threadpool(_page_check, service, form, upload, lang)
        except PageError as err:
            return page(
                "check.html.j2", lang, status=err.status, form=_flat(form), errors=err.messages, switch_url=switch
            )
        download = _first(form, "download")
        if download:
            return await run_in_threadpool(_download, service, outcome, profile, download, lang)
        return page(
            "check.html.j2",
            lang,
            form=_flat(form),
            result=await run_in_threadpool(_result_context, outcome, lang, answers, values),
            profile_name=profile,
            switch_url=switch,
            carried=_carried(form, outcome),
        )

    @app.get("/flera", response_class=HTMLResponse, include_in_schema=False)
    async def batch_form(lang: str = "sv") -> HTMLResponse:
        lang = lang_of(lang)
        return page(
            "batch.html.j2",
            lang,
            form={},
            limits=_batch_limits(lang),
            switch_url=f"/flera?lang={TEXTS[lang]['other_lang_code']}",
        )

    @app.post("/flera", response_class=HTMLResponse, include_in_schema=False)
    async def batch_page(request: Request) -> Response:
        try:
            fields, files, errors = await _batch_form(request)
        except (TooLarge, StarletteHTTPException):  # a malformed upload, or over the limit
            lang = lang_of(request.query_params.get("lang"))
            message = TEXTS[lang]["fix_too_large"].format(limit=size_label(MAX_BATCH_BYTES))
            switch = f"/flera?lang={TEXTS[lang]['other_lang_code']}"
            limits = _batch_limits(lang)
            return page("batch.html.j2", lang, status=400, form={}, errors=[message], limits=limits, switch_url=switch)
        lang = lang_of(_first(fields, "lang"))
        t = TEXTS[lang]
        switch = f"/flera?lang={t['other_lang_code']}"
        profile = _first(fields, "profile") or None
        as_of: dt.date | None = None
        try:
            as_of = _date(_first(fields, "as_of"))
        except CheckerError:
            errors.append(t["fix_date"])
        if profile not in service.checkers and profile is not None:
            errors.append(t["fix_profile"])
        if not files and not errors:
            errors.append(t["batch_none"])
        outcomes: list[tuple[str, Outcome | None, list[str]]] = []
        if not errors:
            try:
                unpacked = await run_in_threadpool(unpack_batch, files)
            except CheckerError as err:
                errors.append(_one_line(err))
            else:
                if not unpacked:
                    errors.append(t["batch_none"])
                outcomes = await run_in_threadpool(
                    service.check_many, unpacked, profile=profile, as_of=as_of or _today(), lang=lang
                )
        limits = _batch_limits(lang)
        if errors:
            return page(
                "batch.html.j2", lang, status=422, form=_flat(fields), errors=errors, limits=limits, switch_url=switch
            )
        want = _first(fields, "download")
        if want == "report":
            return _batch_report(outcomes, lang)
        if want == "jsonl":
            return Response(
                as_json_lines(outcomes),
                media_type=MEDIA[".jsonl"],
                headers={"Content-Disposition": _attachment("granskning.jsonl")},
            )
        return page(
            "batch.html.j2",
            lang,
            form=_flat(fields),
            rows=[_batch_row(n, o, e) for n, o, e in outcomes],
            limits=limits,
            profile_name=profile or service.default_profile,
            switch_url=switch,
        )

    generated = app.openapi

    def openapi_with_request_models() -> dict[str, Any]:
        """The generated document plus the JSON request body's models (the body is read by hand, for multipart)."""
        if app.openapi_schema is None:
            doc = generated()
            schema = CheckRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(schema.pop("$defs", {}))
            schemas["CheckRequest"] = schema
            # the verdict's schema as published (checker/schemas/verdict.schema.json), with its refs moved
            verdict = json.loads(
                json.dumps(Verdict.model_json_schema(mode="serialization")).replace(
                    '"#/$defs/', '"#/components/schemas/'
                )
            )
            schemas.update(verdict.pop("$defs", {}))
            schemas["Verdict"] = verdict
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi_with_request_models  # type: ignore[method-assign]

    @app.get(f"{API}/docs", response_class=HTMLResponse, include_in_schema=False)
    async def api_docs(lang: str = "sv") -> HTMLResponse:
        lang = lang_of(lang)
        switch = f"{API}/docs?lang={TEXTS[lang]['other_lang_code']}"
        return page("apidocs.html.j2", lang, spec=app.openapi(), openapi_url=f"{API}/openapi.json", switch_url=switch)

    @app.get("/tillganglighet", response_class=HTMLResponse, include_in_schema=False)
    async def accessibility(lang: str = "sv") -> HTMLResponse:
        lang = lang_of(lang)
        return page("a11y.html.j2", lang, switch_url=f"/tillganglighet?lang={TEXTS[lang]['other_lang_code']}")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        if name not in STATIC:
            return PlainTextResponse("finns inte", status_code=404)
        data = (resources.files("checker.web") / "static" / name).read_bytes()
        return Response(data, media_type=STATIC[name], headers={"Cache-Control": "max-age=3600"})

    return app


STATIC = {"style.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"}


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def _clause_ids(sources: Any) -> list[str]:
    out: list[str] = []
    for s in sources if isinstance(sources, list) else []:
        uid = s.get("clause") if isinstance(s, dict) else s
        if isinstance(uid, str):
            out.append(uid)
    return out


def _attachment(filename: str) -> str:
    ascii_name = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _draft(service: Service, outcome: Outcome, profile: str | None, fmt: str, lang: str) -> tuple[bytes, str]:
    from checker.render.documents import render_draft

    kind, suffix = DRAFT_FORMATS[fmt]
    return render_draft(outcome.verdict, kind, lang), suffix


# --------------------------------------------------------------------------- page helpers


class PageError(Exception):
    def __init__(self, messages: list[str], status: int = 422) -> None:
        super().__init__(messages)
        self.messages = messages
        self.status = status


async def _page_form(request: Request) -> tuple[dict[str, list[str]], tuple[str, bytes] | None]:
    limit = max_bytes()
    fields: dict[str, list[str]] = {}
    upload: tuple[str, bytes] | None = None
    async with request.form(max_files=1, max_fields=200, max_part_size=body_limit(request.url.path)) as form:
        for key in form:
            for v in form.getlist(key):
                if isinstance(v, str):
                    fields.setdefault(key, []).append(v)
                elif isinstance(v, UploadFile) and v.filename:
                    data = await v.read(limit + 1)
                    if len(data) > limit:
                        raise TooLarge(v.filename, f"filen är större än gränsen {size_label(limit)}")
                    upload = (v.filename, data)
    return fields, upload


async def _batch_form(request: Request) -> tuple[dict[str, list[str]], list[tuple[str, bytes]], list[str]]:
    """The batch form's fields, its files (all together within the batch limit) and any errors."""
    errors: list[str] = []
    files: list[tuple[str, bytes]] = []
    async with request.form(max_files=MAX_BATCH_FILES, max_fields=20, max_part_size=MAX_BATCH_BYTES) as form:
        fields = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form}
        t = TEXTS[_first(fields, "lang") if _first(fields, "lang") in TEXTS else "sv"]
        total = 0
        for u in form.getlist("files"):
            if not isinstance(u, UploadFile) or not u.filename:
                continue
            data = await u.read(MAX_BATCH_BYTES + 1 - total)
            total += len(data)
            if total > MAX_BATCH_BYTES:
                errors.append(str(t["fix_too_large"].format(limit=size_label(MAX_BATCH_BYTES))))
                break
            files.append((u.filename, data))
    return fields, files, errors


def _first(form: dict[str, list[str]], key: str) -> str:
    items = form.get(key) or [""]
    return items[0]


def _flat(form: dict[str, list[str]]) -> dict[str, str]:
    return {k: v[0] for k, v in form.items() if v}


def _page_check(
    service: Service, form: dict[str, list[str]], upload: tuple[str, bytes] | None, lang: str
) -> tuple[Outcome, dict[str, Any], dict[str, str | list[str]], str]:
    """The page's form → the checked outcome; PageError with messages that say how to fix it."""
    t = TEXTS[lang]
    text = _first(form, "text")
    carried = _first(form, "upload_b64")
    if upload is None and carried:
        try:
            upload = (_first(form, "upload_name") or "motion.txt", base64.b64decode(carried, validate=True))
        except (binascii.Error, ValueError):
            upload = None
    messages: list[str] = []
    if upload is None and not text.strip():
        messages.append(t["fix_no_input"])
    if upload is not None and text.strip():
        messages.append(t["fix_both"])
    profile = _first(form, "profile") or service.default_profile
    if profile not in service.checkers:
        messages.append(t["fix_profile"])
    try:
        as_of = _date(_first(form, "as_of")) or _today()
    except CheckerError:
        messages.append(t["fix_date"])
        as_of = _today()
    values, answers = view.parse_answers(form)
    if messages:
        raise PageError(messages)
    try:
        declared = service.declared_from_answers(profile, values)
    except CheckerError as err:
        raise PageError([_answer_fix(p, t, lang) for p in err.problems]) from None
    # a pasted text is what a browser sends: lines ending in CR LF; checked as the text file it is
    data, name = (upload[1], upload[0]) if upload is not None else (text.encode("utf-8"), "motion.txt")
    try:
        outcome = service.check(data, name, profile=profile, as_of=as_of, lang=lang, declared=declared)
    except WorkerError as err:
        message = err.message_sv if lang == "sv" else err.message_en
        raise PageError([message[:1].upper() + message[1:] + "."], err.status) from None
    except TooLarge as err:
        raise PageError([t["fix_too_large"].format(limit=size_label(max_bytes())), _one_line(err)], 413) from None
    except UnsupportedType as err:
        raise PageError([t["fix_read"].format(message=_one_line(err))], 415) from None
    except CheckerError as err:
        if err.exit_code == EXIT_USAGE:  # e.g. an as-of date before the rules took effect: says what to choose
            raise PageError([_one_line(err)]) from None
        raise PageError([t["fix_read"].format(message=_one_line(err))]) from None
    return outcome, values, answers, profile


def _answer_fix(problem: Any, t: dict[str, Any], lang: str) -> str:
    from checker.facts import FACTS

    fdef = FACTS.get(problem.field)
    label = (fdef.label_sv if lang == "sv" else fdef.label_en) if fdef else problem.field
    return str(t["fix_answer"].format(label=label.lower(), message=problem.message))


def _carried(form: dict[str, list[str]], outcome: Outcome) -> dict[str, str]:
    """What the next request from this page needs to check the same motion again (nothing is kept here)."""
    if _first(form, "text").strip():
        return {"text": _first(form, "text")}
    return {"upload_b64": base64.b64encode(outcome.data).decode("ascii"), "upload_name": outcome.name}


def _result_context(
    outcome: Outcome, lang: str, answers: dict[str, str | list[str]], values: dict[str, Any]
) -> dict[str, Any]:
    from checker.render.text import render_text
    from checker.render.values import render_value

    t = TEXTS[lang]
    v = outcome.verdict
    text = outcome.proposal.text if outcome.proposal is not None else ""
    marks = view.marks_for(v, len(text))
    declared = [
        {
            "label": fact_label(f.name, lang),
            "value": render_value(f.name, f, lang),
        }
        for f in v.facts
        if f.source == "declared"
    ]
    rec = t["recs"][v.recommendation]
    return {
        "v": v,
        "rec": rec,
        "status": (t["status_done_declared"] if values else t["status_done"]).format(rec=rec.lower()),
        "groups": view.grouped(v),
        "others": view.other_findings(v),
        "marks_by_rule": view.finding_marks(marks),
        "marked": view.marked_text(text, marks, lang, t) if text else None,
        "questions": view.questions_for(v, lang, t, answers),
        "declared": declared,
        "copy_text": render_text(v, lang),
        "anchor": view.anchor,
    }


def fact_label(name: str, lang: str) -> str:
    from checker.facts import FACTS

    fdef = FACTS.get(name)
    if fdef is None:
        return name
    return fdef.label_sv if lang == "sv" else fdef.label_en


def _download(service: Service, outcome: Outcome, profile: str, what: str, lang: str) -> Response:
    stem = PurePosixPath(outcome.name).stem or "motion"
    if what in DRAFT_FORMATS:
        data, suffix = _draft(service, outcome, profile, what, lang)
        filename = f"{stem}.tjansteskrivelse{suffix}"
    elif what == "json":
        data, suffix, filename = outcome.body, ".json", f"{stem}.bedomning.json"
    elif what == "facts":
        data, suffix, filename = facts_file_text(outcome).encode("utf-8"), ".yaml", f"{stem}.fakta.yaml"
    else:
        return PlainTextResponse("okänt format", status_code=422)
    headers = {"Content-Disposition": _attachment(filename), "ETag": f'"{content_id(data)}"'}
    return Response(data, media_type=MEDIA[suffix], headers=headers)


def _batch_limits(lang: str) -> str:
    return str(TEXTS[lang]["batch_hint"].format(n=MAX_BATCH_FILES, size=size_label(MAX_BATCH_BYTES)))


def _batch_row(name: str, outcome: Outcome | None, errors: list[str]) -> dict[str, Any]:
    if outcome is None:
        return {"name": name, "verdict": None, "errors": errors}
    return {"name": name, "verdict": outcome.verdict, "errors": []}


def _batch_report(outcomes: list[tuple[str, Outcome | None, list[str]]], lang: str) -> Response:
    from pathlib import Path

    from checker.batch import Item
    from checker.render.report import render_report

    items = [
        Item(Path(n), o.verdict, recommendation=o.verdict.recommendation) if o else Item(Path(n), errors=tuple(e))
        for n, o, e in outcomes
    ]
    data = render_report(items, lang).encode("utf-8")
    return Response(data, media_type=MEDIA[".html"], headers={"Content-Disposition": _attachment("granskning.html")})
