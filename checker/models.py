"""The result and input models shared by every stage. Frozen, keyword-only, extra keys forbidden.

The models are plain frozen dataclasses: building one costs about half a microsecond, and a plain `check`
imports no pydantic model machinery at all. Pydantic stays where it does a job: `model_validate`
(nested data from outside, checked and converted) and `model_json_schema` (the published verdict
schema) go through a pydantic mirror of each class, built on first use with the same names, fields,
defaults, docstrings and configuration. `model_dump`, `model_dump_json`, `model_copy` and
`model_construct` keep pydantic's names and output byte for byte (tests/test_verdict_golden.py).
"""

from __future__ import annotations

import _thread
import dataclasses
import datetime as dt
import json
import operator
import sys
import types
import typing
from typing import Any, ClassVar, Literal, TypeVar, dataclass_transform

Outcome = Literal["violation", "pass", "not_applicable", "needs_review", "rule_error"]
Severity = Literal["hinder", "avvikelse", "notering"]
Recommendation = Literal["avslå", "bifalla", "besvarad", "granska"]
FactSource = Literal["extracted", "declared", "profile", "derived"]
Lang = Literal["sv", "en"]

CONCERNS: tuple[str, ...] = (
    "geographic-focus",
    "general-friendship-agreement",
    "priority-area",
    "foreign-policy",
    "local-connection",
    "business-support",
    "equal-treatment",
    "already-in-place",
    "international-aid",
    "motion-deadline",
    # issue12 (legal)
    "state-matter",
    "procurement",
    "financing",
    "decision-body",
    "not-readable",  # issue8: the text is not a motion, or an att-sats could not be read
)

_M = TypeVar("_M", bound="Frozen")
_REPR_RUNNING: set[tuple[int, int]] = set()  # instances whose repr is being written, by (id, thread)


def Field(  # pydantic's name, so the field lines read the same
    *, default: Any = dataclasses.MISSING, default_factory: Any = dataclasses.MISSING, description: str | None = None
) -> Any:
    """A field with a default (or one made per instance, for a dict or list) and an optional description
    that the published JSON Schema carries, as pydantic's Field(default=…, default_factory=…, description=…)."""
    metadata = {"description": description} if description else {}
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field, dataclasses.field))
class Frozen:
    """Base of every model: each subclass becomes a frozen, keyword-only dataclass.

    Fields annotated as tuples take any iterable (a list becomes a tuple), as pydantic's lax mode did.
    """

    _tuple_fields: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _repr_names: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[Any]  # instance -> tuple of its compared fields (not bound: attrgetter, staticmethod)
    _doc: ClassVar[str | None] = None  # the class's own docstring (dataclass() writes one when there is none)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._doc = cls.__dict__.get("__doc__")
        fast = cls.__post_init__ is Frozen.__post_init__
        if fast:
            # dataclass() writes and compiles each method it adds (about 0.1 ms each, a tenth of a cold
            # check for these classes), so it adds none here: __init__ is _fast_init's; __eq__, __hash__,
            # __repr__, __setattr__ and __delattr__ are Frozen's, written once for all of them and doing
            # what dataclass's do for a frozen class (the same comparisons, hashes, texts and errors).
            dataclasses.dataclass(kw_only=True, init=False, repr=False, eq=False)(cls)
        else:  # a __post_init__ of its own: dataclass's __init__ (which calls it) and frozen=True's setters
            dataclasses.dataclass(frozen=True, kw_only=True)(cls)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        cls._names = tuple(f.name for f in fields)
        cls._repr_names = tuple(f.name for f in fields if f.repr)
        compared = [f.name for f in fields if f.compare]
        # the compared fields' values as one tuple, read in C (dataclass's __eq__ and __hash__ build that tuple)
        if len(compared) > 1:
            cls._compared = operator.attrgetter(*compared)
        else:
            cls._compared = staticmethod(lambda obj: tuple(getattr(obj, name) for name in compared))
        cls._tuple_fields = tuple(f.name for f in fields if str(f.type).startswith("tuple["))
        if fast:
            cls.__init__ = _fast_init(cls, fields)  # type: ignore[method-assign]
        # model_construct(**values) is cls(**values): the class itself under that name, so the hundred or so
        # calls of a check do not each go through a classmethod that packs and unpacks the keywords again
        setattr(cls, "model_construct", cls)  # noqa: B010 - a plain assignment to a classmethod fails typing

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            result: bool = self._compared(self) == self._compared(other)
            return result
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._compared(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")  # as frozen=True's

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")  # as frozen=True's

    def __repr__(self) -> str:
        """As dataclass's: `Name(field=value, …)`, and "..." for an instance met again inside itself."""
        key = (id(self), _thread.get_ident())
        if key in _REPR_RUNNING:
            return "..."
        _REPR_RUNNING.add(key)
        try:
            d = self.__dict__
            inner = ", ".join(f"{name}={d[name]!r}" for name in self._repr_names)
        finally:
            _REPR_RUNNING.discard(key)
        return f"{type(self).__qualname__}({inner})"

    def __post_init__(self) -> None:
        d = self.__dict__
        for name in self._tuple_fields:
            if type(d[name]) is not tuple:
                d[name] = tuple(d[name])  # before anyone can see the instance: frozen afterwards

    # ------------------------------------------------------------------ pydantic's API, as used here

    @classmethod
    def model_construct(cls: type[_M], **values: Any) -> _M:
        """An instance from values that are typed by construction (no validation, as in pydantic)."""
        return cls(**values)

    def model_copy(self: _M, *, update: dict[str, Any] | None = None) -> _M:
        """A copy with some fields replaced (as dataclasses.replace, without calling __init__ again)."""
        if not update:
            return self
        cls = type(self)
        unknown = [k for k in update if k not in self.__dict__]
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {unknown[0]!r}")
        new = object.__new__(cls)
        d = new.__dict__
        d.update(self.__dict__)
        d.update(update)
        for name in cls._tuple_fields:
            if name in update and type(d[name]) is not tuple:
                d[name] = tuple(d[name])
        return new

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """Fields in declaration order; nested models as dicts; mode="json" gives JSON types."""
        if mode == "json":
            return _json_model(self, exclude_none)
        out: dict[str, Any] = {}
        d = self.__dict__
        for name in self._names:
            value = d[name]
            if value is None:
                if not exclude_none:
                    out[name] = None
                continue
            kind = type(value)
            out[name] = value if kind is str or kind is int or kind is bool else _python_value(value, exclude_none)
        return out

    def model_dump_json(self, *, indent: int | None = None) -> str:
        """The same bytes as pydantic's model_dump_json (UTF-8 text, no spaces when not indented)."""
        return self.model_dump_json_bytes(indent=indent).decode("utf-8")

    def model_dump_json_bytes(self, *, indent: int | None = None) -> bytes:
        """model_dump_json encoded as UTF-8, for output that is written as bytes (a batch's pieces).

        The first few of a class are written by the standard library (nothing to build: a single
        check); from then on (a batch) by pydantic's serializer for this dataclass, built once, about
        five times faster per verdict. Both give the same bytes (tests/test_verdict_golden.py)."""
        cls = type(self)
        adapter = _ADAPTERS.get(cls)
        if adapter is None:
            seen = _DUMPED[cls] = _DUMPED.get(cls, 0) + 1
            if seen <= ADAPTER_AFTER:
                return stdlib_json(self, indent).encode("utf-8")
            adapter = _ADAPTERS[cls] = json_adapter(cls)
        data: bytes = adapter.dump_json(self, indent=indent)
        return data

    @classmethod
    def model_validate(cls: type[_M], data: Any) -> _M:
        """Validate nested data (dicts, lists) with pydantic and return the model."""
        validated = _mirror(cls).model_validate(data)
        result: _M = _from_mirror(validated)
        return result

    @classmethod
    def model_json_schema(cls, *, mode: Literal["validation", "serialization"] = "validation") -> dict[str, Any]:
        schema: dict[str, Any] = _mirror(cls).model_json_schema(mode=mode)
        return schema


def _fast_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Any:
    """An __init__ for a Frozen dataclass that does what dataclass's own does (keyword-only fields with
    their defaults, tuple fields made tuples as __post_init__ does) by writing the instance's __dict__
    directly: a third of the cost of one frozen __setattr__ per field, for the thousands of evidence
    spans, facts and findings a batch builds."""
    namespace: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    params: list[str] = []
    body: list[str] = []
    for f in fields:
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"    if {f.name} is _MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
    for name in cls._tuple_fields:  # type: ignore[attr-defined]
        body.append(f"    if type({name}) is not tuple: {name} = tuple({name})")
    body.append("    d = self.__dict__")
    body.extend(f"    d[{f.name!r}] = {f.name}" for f in fields)
    source = f"def __init__(self, *, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(source, namespace)  # the source is built above from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


ADAPTER_AFTER = 16  # JSON dumps of one class before its pydantic serializer is worth building
_DUMPED: dict[type, int] = {}
_ADAPTERS: dict[type, Any] = {}


def stdlib_json(model: Frozen, indent: int | None) -> str:
    data = _json_model(model, False)
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


def prepare_json_serializer(cls: type) -> None:
    """Build the class's pydantic serializer now (model_dump_json_bytes builds it after ADAPTER_AFTER dumps):
    a batch builds it once before forking its workers, instead of once in each (about 80 ms)."""
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = json_adapter(cls)


class JsonSerializer:
    """Pydantic's serializer for one of these dataclasses (it reads the fields in declaration order), from
    its core schema: TypeAdapter(cls).dump_json without the TypeAdapter."""

    def __init__(self, schema: dict[str, Any]) -> None:
        from pydantic_core import SchemaSerializer

        self._serializer = SchemaSerializer(schema)

    def dump_json(self, instance: Any, *, indent: int | None = None, exclude: Any = None) -> bytes:
        """The instance's JSON; `exclude` as pydantic's (fields by name, items by index or "__all__")."""
        data: bytes = self._serializer.to_json(instance, indent=indent, exclude=exclude)
        return data


def built_serializer(cls: type) -> JsonSerializer | None:
    """The class's JSON serializer if it is built already (see model_dump_json_bytes), else None."""
    return _ADAPTERS.get(cls)


# Building a class's core schema (pydantic's TypeAdapter) costs about 100 ms, once per batch; it is a pure
# function of this module's source, the Python and pydantic versions and the class, so it is kept in the
# parsed-file cache (checker.load; the same trust checks) as JSON, the classes it names written by name and
# read back only as classes of this module or the builtin containers. Reading it back takes about 1 ms.
SERIALIZER_CACHE = "council-checker serializer schema 1"
_BUILTIN_FACTORIES = {"dict": dict, "list": list, "tuple": tuple, "set": set, "frozenset": frozenset}


def json_adapter(cls: type) -> JsonSerializer:
    """The JSON serializer of one of these dataclasses, its schema from the cache when it is there."""
    from checker.load import cache_get, cache_put

    key = _serializer_key(cls)
    hit, content = cache_get(key)
    if hit:
        schema = _schema_from_json(content)
        if isinstance(schema, dict):
            try:
                return JsonSerializer(schema)
            except Exception:  # a schema pydantic refuses: built again from the class, and stored again
                pass
    from pydantic import TypeAdapter

    schema = TypeAdapter(cls).core_schema
    stored = _schema_to_json(schema)
    if stored is not None:
        cache_put(key, stored)
    return JsonSerializer(schema)  # type: ignore[arg-type]


def _serializer_key(cls: type) -> str:
    import hashlib

    from checker.load import dist_version

    try:
        with open(__file__, "rb") as fh:
            source = fh.read()
    except OSError:  # installed without sources: a key that is never stored twice the same
        source = repr(id(cls)).encode()
    versions = f"{sys.version}\0pydantic {dist_version('pydantic', 'pydantic')}"
    versions += f"\0pydantic-core {dist_version('pydantic_core', 'pydantic_core')}"
    h = hashlib.sha256(f"{SERIALIZER_CACHE}\0{versions}\0{cls.__module__}.{cls.__qualname__}\0".encode())
    h.update(source)
    return h.hexdigest()


def _schema_to_json(value: Any) -> Any:
    """The schema as JSON data (a class as {"$class": name}, a tuple as {"$tuple": items}); None if it holds
    anything else."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is list:
        items = [_schema_to_json(v) for v in value]
        return None if any(i is None and v is not None for i, v in zip(items, value, strict=True)) else items
    if kind is tuple:
        inner = _schema_to_json(list(value))
        return None if inner is None else {"$tuple": inner}
    if kind is dict:
        out = {}
        for k, v in value.items():
            if type(k) is not str or k.startswith("$"):
                return None
            done = _schema_to_json(v)
            if done is None and v is not None:
                return None
            out[k] = done
        return out
    if isinstance(value, type):
        name: str = value.__qualname__
        if value.__module__ == __name__ and getattr(sys.modules[__name__], name, None) is value:
            return {"$class": name}
        if _BUILTIN_FACTORIES.get(name) is value:
            return {"$builtin": name}
    return None


class _BadSchema(Exception):
    pass


def _schema_from_json(value: Any) -> Any:
    """_schema_to_json undone; None for anything it would not have written."""
    try:
        return _decode_schema(value)
    except (_BadSchema, TypeError, AttributeError):
        return None


def _decode_schema(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is list:
        return [_decode_schema(v) for v in value]
    if kind is not dict:
        raise _BadSchema
    if len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "$tuple" and type(inner) is list:
            return tuple(_decode_schema(v) for v in inner)
        if tag == "$class" and type(inner) is str:
            found = sys.modules[__name__].__dict__.get(inner)
            if isinstance(found, type) and issubclass(found, Frozen):
                return found
            raise _BadSchema
        if tag == "$builtin" and type(inner) is str and inner in _BUILTIN_FACTORIES:
            return _BUILTIN_FACTORIES[inner]
    if any(type(k) is not str or k.startswith("$") for k in value):
        raise _BadSchema
    return {k: _decode_schema(v) for k, v in value.items()}


def _python_value(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, Frozen):
        return value.model_dump(exclude_none=exclude_none)
    if type(value) is tuple:
        return tuple(_python_value(v, exclude_none) for v in value)
    if type(value) is list:
        return [_python_value(v, exclude_none) for v in value]
    if type(value) is dict:
        return {k: _python_value(v, exclude_none) for k, v in value.items()}
    return value


def _json_model(model: Frozen, exclude_none: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    d = model.__dict__
    for name in model._names:
        value = d[name]
        if value is None:
            if not exclude_none:
                out[name] = None
            continue
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is float:
            out[name] = value
        else:
            out[name] = _json_value(value, exclude_none)
    return out


def _json_value(value: Any, exclude_none: bool) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is tuple or kind is list:
        return [_json_value(v, exclude_none) for v in value]
    if kind is dict:
        return {str(k): _json_value(v, exclude_none) for k, v in value.items()}
    if isinstance(value, Frozen):
        return _json_model(value, exclude_none)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return [_json_value(v, exclude_none) for v in value]
    raise TypeError(f"cannot write {kind.__name__} as JSON")


# --------------------------------------------------------------------------- pydantic mirrors

_MIRRORS: dict[type, Any] = {}


def _mirror(cls: type) -> Any:
    """The pydantic model with the same name, fields, defaults, docstring and configuration."""
    found = _MIRRORS.get(cls)
    if found is not None:
        return found
    from pydantic import ConfigDict, create_model
    from pydantic import Field as PydanticField

    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        tp = _mirror_type(hints[f.name])
        description = f.metadata.get("description")
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (
                tp,
                PydanticField(default=f.default, description=description) if description else f.default,
            )
        elif f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (tp, PydanticField(default_factory=f.default_factory, description=description))
        else:
            fields[f.name] = (tp, PydanticField(description=description) if description else ...)
    model = create_model(
        cls.__name__,
        __config__=ConfigDict(frozen=True, extra="forbid"),
        __doc__=cls._doc,  # type: ignore[attr-defined]
        __module__=cls.__module__,
        **fields,
    )
    _MIRRORS[cls] = model
    return model


def _mirror_type(tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, Frozen):
        return _mirror(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is None or not args or origin is Literal:
        return tp
    mapped = tuple(a if a is Ellipsis else _mirror_type(a) for a in args)
    if origin is types.UnionType or origin is typing.Union:
        return typing.Union[mapped]  # noqa: UP007 - built from a tuple of types
    return origin[mapped]


def _from_mirror(value: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        cls = next(c for c, m in _MIRRORS.items() if m is type(value))
        return cls(**{name: _from_mirror(getattr(value, name)) for name in cls._names})  # type: ignore[attr-defined]
    if type(value) is tuple:
        return tuple(_from_mirror(v) for v in value)
    if type(value) is list:
        return [_from_mirror(v) for v in value]
    if type(value) is dict:
        return {k: _from_mirror(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- proposal


class AttSats(Frozen):
    """One proposal clause ("att …") of a motion, with its span in the proposal text."""

    number: int
    text: str
    start: int
    end: int


class Signatory(Frozen):
    name: str
    party: str | None = None


class Proposal(Frozen):
    """A proposal as read from a file: the full text plus the structure found in it."""

    path: str
    format: str  # txt, md, docx, pdf, facts
    text: str
    sha256: str
    title: str | None = None
    body_start: int = 0
    body_end: int | None = None
    att_satser: tuple[AttSats, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    dates: tuple[str, ...] = ()
    diary_numbers: tuple[str, ...] = ()
    submitted: str | None = None  # ISO date the motion was raised, when stated
    municipality: str | None = None
    encoding: str | None = None
    notes: tuple[str, ...] = ()  # e.g. "motion found inside a meeting document at offset 9123"


# --------------------------------------------------------------------------- facts


class Evidence(Frozen):
    """The sentence a fact came from, where it is in the checker's text and in the input as given.

    start/end count Unicode code points in the checker's normalised text (NFC, newlines as \\n,
    soft hyphens, zero-width characters and byte-order marks removed). input_start/input_end count
    code points, and utf16_start/utf16_end UTF-16 code units, in the input text as it was decoded
    (after its byte-order mark; for .docx and .pdf the text read from the document): a client marks
    the span in the text it sent with these, whatever its line endings, emoji or combining characters.
    """

    quote: str
    start: int | None = Field(
        default=None, description="Start in the checker's normalised text, in Unicode code points."
    )
    end: int | None = Field(default=None, description="End (exclusive) in the normalised text, in code points.")
    cue: str | None = None
    input_start: int | None = Field(
        default=None,
        description="Start in the input text as decoded (after a byte-order mark), in Unicode code points.",
    )
    input_end: int | None = Field(default=None, description="End (exclusive) in the input text, in code points.")
    utf16_start: int | None = Field(
        default=None, description="Start in the input text in UTF-16 code units (JavaScript string indices)."
    )
    utf16_end: int | None = Field(default=None, description="End (exclusive) in the input text in UTF-16 code units.")


PlaceRoleName = Literal["partner", "target", "aid_recipient", "model", "visit", "origin", "unclear"]
ReadingAbout = Literal["foreign", "state", "own", "unplaced"]


class PlaceRole(Frozen):
    """A foreign place named in an att-sats, with its role there: partner, target of a stance,
    recipient of aid; or a model/comparison, a study-visit destination, the origin of residents
    (these three never make it a partner); unclear when the role could not be told."""

    name: str
    country_code: str | None = None
    role: PlaceRoleName


class ActionReading(Frozen):
    """What one att-sats (or, in a motion without att-satser, one proposing sentence) asks the
    municipality to do, as read from its words (checker/extraction/actions.py)."""

    att_sats: int  # the att-sats number; 0 for a proposing sentence
    kinds: tuple[str, ...]  # checker.facts.ACTION_KINDS; empty when the unit could not be read
    investigated: tuple[str, ...] = ()  # kinds the unit asks to investigate, not to carry out
    actor: str
    recipient: str | None = None  # checker.facts.RECIPIENT_KINDS, for a unit that gives value
    recipient_words: str | None = None
    business: str | None = None  # the business named or pointed back to
    amount: str | None = None
    purpose: str | None = None
    about: ReadingAbout | None = None  # for a stance, a boycott or a call on the state
    places: tuple[PlaceRole, ...] = ()
    evidence: Evidence


class Place(Frozen):
    name: str
    kind: Literal["country", "city", "region"]
    country_code: str | None = None  # ISO 3166-1 alpha-2
    country: str | None = None  # Swedish country name
    continent: str | None = None  # Europa, Asien, Afrika, Nordamerika, Sydamerika, Oceanien
    in_europe: bool | None = None
    eu_eea: bool | None = None
    receives_swedish_aid: bool | None = None


class Fact(Frozen):
    """A fact's value, or unknown (value None and known False), with where it came from."""

    name: str
    known: bool
    value: Any = None
    source: FactSource = "extracted"
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


# --------------------------------------------------------------------------- verdict


class Citation(Frozen):
    clause_id: str
    reference: str
    quote: str
    url: str | None = None
    source_title: str
    verified: bool = True
    note: str | None = None  # for text not verified word for word: where it comes from


class Finding(Frozen):
    rule_id: str
    title: str
    concern: str
    severity: Severity
    outcome: Outcome
    effect: Literal["avslå", "besvarad", "none"]
    message: str
    remedy: str | None = None
    question: str | None = None
    citations: tuple[Citation, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    facts_used: tuple[str, ...] = ()
    unknown_facts: tuple[str, ...] = ()
    exemption: bool = False  # a pass only through an exception ("undantag enligt …"), never "uppfylld"


class AttSatsVerdict(Frozen):
    number: int
    text: str
    recommendation: Recommendation
    decision: str
    grounds: tuple[str, ...] = ()  # rule ids


class Provenance(Frozen):
    tool_version: str
    engine: str
    profile: str
    profile_hash: str
    policy_set_hash: str
    files: dict[str, str] = Field(default_factory=dict)  # relative file -> sha256
    input_sha256: str | None = None
    input_name: str | None = None
    as_of: str
    lang: Lang


class SteeringDocument(Frozen):
    """A law or steering document the matter was assessed against, as the document lists it."""

    id: str
    title: str
    short: str
    kind: str  # statute, municipal_guideline, …
    decision: str = ""  # the decision that adopted it, when given
    url: str | None = None
    note: str | None = None  # for text not verified word for word: where it comes from


class DocumentInput(Frozen):
    """What a document about the verdict needs beyond the findings, decided once with the verdict:
    the profile's names, whether the decision is split per att-sats, whether the matter is
    international and which of the municipality's context bears on it."""

    municipality: str
    body: str
    council: str
    administration: str
    split: bool = False  # the decision is taken per att-sats (see Verdict.att_satser)
    international: bool = False
    context: tuple[str, ...] = ()  # the profile's sentences on its international work that bear on the motion
    priority_areas: tuple[str, ...] = ()  # the profile's priority areas, when the motion's themes are weighed
    steering_documents: tuple[SteeringDocument, ...] = ()


class Verdict(Frozen):
    schema_version: str
    recommendation: Recommendation
    decision: str
    summary: str
    proposal: dict[str, Any]
    findings: tuple[Finding, ...]
    grounds: tuple[str, ...]  # rule ids of the findings that carry the recommendation, by weight
    questions: tuple[str, ...]
    att_satser: tuple[AttSatsVerdict, ...] = ()
    facts: tuple[Fact, ...]
    document: DocumentInput
    readings: tuple[ActionReading, ...] = ()  # one per att-sats (or proposing sentence), in text order
    provenance: Provenance


# --------------------------------------------------------------------------- profile context


class ContextPartner(Frozen):
    """A town the municipality already cooperates with (vänort, samarbetsort, systerstad)."""

    name: str
    country_code: str
    kind: Literal["vänort", "samarbetsort", "systerstad", "projektpartner"]
    since: int | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None


class ContextNetwork(Frozen):
    name: str
    aliases: tuple[str, ...] = ()
    note: str | None = None


class PriorityArea(Frozen):
    id: str
    label_sv: str
    label_en: str
    themes: tuple[str, ...]


class ProfileContext(Frozen):
    """What a municipality already has and prioritises, as data with its source."""

    municipality: str
    source: str
    partners: tuple[ContextPartner, ...] = ()
    networks: tuple[ContextNetwork, ...] = ()
    priority_areas: tuple[PriorityArea, ...] = ()
    existing_work: tuple[str, ...] = ()  # sentences for the tjänsteskrivelse's Ärendet
