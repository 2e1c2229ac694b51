"""Lossless JSON for every document and for the region bundle, with a published JSON Schema.

>>> from ppsp.domain import RegionCode, PlanPeriod, StrategiSanitasi
>>> ssk = StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028),
...                        extras={"Disusun oleh": "Pokja PPAS"})
>>> text = dumps(ssk)
>>> print(text)
{
  "$schema": "urn:ppsp:schema:1.0",
  "schema_version": "1.0",
  "kind": "ssk",
  "region": "62.10",
  "period": "2024-2028",
  "extras": {
    "Disusun oleh": "Pokja PPAS"
  }
}
>>> loads(text) == ssk
True

Unknown keys are kept in ``extras`` (lenient, the default) or refused (``strict=True``), and
every problem of an input is reported at once, each with its JSON path:

>>> loads('{"kind": "ssk", "region": "62.10", "period": "2024-2028", "visi": "Sanitasi aman"}').extras
Extras({'visi': 'Sanitasi aman'})
>>> try:
...     loads('{"kind": "ssk", "region": "62.70", "period": "2024", "vison": "x"}', strict=True)
... except JsonError as error:
...     print(error.message("en"))
The JSON input has 3 problem(s):
- $.vison: unknown key 'vison'; did you mean 'vision'?
- $.region: Region code '62.70': the kab/kota number must be 01-69 (kabupaten) or 71-99 (kota), got 70.
- $.period: Plan period '2024': expected two years such as 2024-2028.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json as _stdjson
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from importlib import resources
from types import MappingProxyType, NoneType, UnionType
from typing import Any, Final, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    BukuPutihSanitasi,
    DocumentKind,
    ImplementationRecord,
    MemorandumProgram,
    NomenclatureCode,
    PlanPeriod,
    RegionBundle,
    RegionCode,
    RenjaPD,
    RenstraPD,
    Rupiah,
    StrategiSanitasi,
)
from ppsp.domain.extras import Extras
from ppsp.domain.frozen import FrozenMap
from ppsp.domain.labels import LabelledEnum
from ppsp.domain.location import CellMap
from ppsp.domain.period import parse_date, parse_time
from ppsp.errors import InvalidFormat, JsonError, PpspError, Problem, UnknownCode
from ppsp.i18n import N_
from ppsp.io.limits import check_json_text

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "TOP_LEVEL",
    "dumps",
    "from_dict",
    "loads",
    "schema",
    "schema_text",
    "to_dict",
]

#: The version of the JSON format. Minor versions add optional fields only.
SCHEMA_VERSION: Final = "1.0"
#: The identifier written as ``$schema`` in every file and as ``$id`` of the schema.
SCHEMA_ID: Final = f"urn:ppsp:schema:{SCHEMA_VERSION}"
_BUNDLE_KIND: Final = "bundle"

#: The classes a JSON file can hold at its top level, by their ``kind``.
TOP_LEVEL: Final[Mapping[str, type[Any]]] = {
    DocumentKind.BPS.value: BukuPutihSanitasi,
    DocumentKind.SSK.value: StrategiSanitasi,
    DocumentKind.MPS.value: MemorandumProgram,
    DocumentKind.RPJMD.value: RPJMD,
    DocumentKind.RENSTRA_PD.value: RenstraPD,
    DocumentKind.RKPD.value: RKPD,
    DocumentKind.RENJA_PD.value: RenjaPD,
    DocumentKind.DPA.value: DPA,
    DocumentKind.IMPLEMENTATION.value: ImplementationRecord,
    _BUNDLE_KIND: RegionBundle,
}
_KIND_OF: Final = {cls: kind for kind, cls in TOP_LEVEL.items()}
_HEADER_KEYS: Final = ("$schema", "schema_version", "kind")

T = TypeVar("T")


class _UnknownKeys(Exception):
    """Raised inside structuring when strict mode meets keys a class does not have."""

    def __init__(self, keys: list[str], known: list[str]) -> None:
        super().__init__(keys)
        self.keys = keys
        self.known = known


class _WrongType(Exception):
    def __init__(self, expected: str, got: object) -> None:
        super().__init__(expected)
        self.expected = expected
        self.got = got


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _text(value: object, expected: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _WrongType(expected, value)


def _to_decimal(value: object, _: object = None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _WrongType("number", value)
    if isinstance(value, str) and len(value) > 64:
        raise InvalidFormat(N_("number.format"), value=value[:40] + "…")
    try:
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InvalidFormat(N_("number.format"), value=str(value)) from None
    if not result.is_finite() or (result and not -40 < result.adjusted() < 40):
        raise InvalidFormat(N_("number.format"), value=str(value))
    return result


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise _WrongType("integer", value)
    return value


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _WrongType("string", value)
    return value


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _WrongType("boolean", value)
    return value


def _structure_extras(value: object, _: object) -> Extras:
    if not isinstance(value, Mapping):
        raise _WrongType("object", value)
    return Extras(value)


def _origin(tp: Any) -> Any:
    return typing.get_origin(tp)


def _make_converter(strict: bool) -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, omit_if_default=True)

    # Value types travel as their canonical text.
    conv.register_unstructure_hook(RegionCode, str)
    conv.register_structure_hook(RegionCode, lambda v, _: RegionCode.parse(_text(v, "string")))
    conv.register_unstructure_hook(NomenclatureCode, str)
    conv.register_structure_hook(
        NomenclatureCode, lambda v, _: NomenclatureCode.parse(_text(v, "string"))
    )
    conv.register_unstructure_hook(PlanPeriod, str)
    conv.register_structure_hook(PlanPeriod, lambda v, _: PlanPeriod.parse(_text(v, "string")))
    conv.register_unstructure_hook(Rupiah, Rupiah.to_json)
    conv.register_structure_hook(Rupiah, lambda v, _: Rupiah(_to_decimal(v)))
    conv.register_unstructure_hook(Decimal, lambda d: f"{d:f}")
    conv.register_structure_hook(Decimal, _to_decimal)
    conv.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    conv.register_structure_hook(pendulum.Date, lambda v, _: parse_date(_text(v, "string")))
    conv.register_unstructure_hook(pendulum.Time, lambda t: t.isoformat())
    conv.register_structure_hook(pendulum.Time, lambda v, _: parse_time(_text(v, "string")))
    conv.register_unstructure_hook(Extras, Extras.to_json)
    conv.register_structure_hook(Extras, _structure_extras)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)

    def structure_enum(value: object, cls: type[Enum]) -> Enum:
        if not isinstance(value, str):
            raise _WrongType("string", value)
        try:
            return cls(value)
        except ValueError:
            if not strict and issubclass(cls, LabelledEnum):
                return cls.parse(value)
            raise UnknownCode(
                N_("enum.unknown"),
                value=value,
                kind=cls.__name__,
                expected=[m.value for m in cls],
            ) from None

    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum),
        lambda t: lambda v, _: structure_enum(v, t),
    )
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda t: lambda e: e.value
    )

    def tuple_factory(t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        (elem, *_rest) = typing.get_args(t)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _WrongType("array", value)
            handler = conv.get_structure_hook(elem)
            out: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(handler(item, elem))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, elem),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure

    conv.register_structure_hook_factory(
        lambda t: (
            _origin(t) is tuple
            and len(typing.get_args(t)) == 2
            and typing.get_args(t)[1] is Ellipsis
        ),
        tuple_factory,
    )
    # the lines of annual plans and DPAs: a tuple, or a LazySequence made on reading
    conv.register_structure_hook_factory(
        lambda t: _origin(t) in (Sequence, typing.Sequence),
        lambda t: tuple_factory(tuple.__class_getitem__((typing.get_args(t)[0], ...))),
    )

    def sequence_unstructure_factory(t: Any) -> Callable[[Any], list[Any]]:
        handler = conv.get_unstructure_hook(typing.get_args(t)[0])
        return lambda items: [handler(item) for item in items]

    conv.register_unstructure_hook_factory(
        lambda t: _origin(t) in (Sequence, typing.Sequence), sequence_unstructure_factory
    )

    def mapping_factory(t: Any) -> Callable[[Any, Any], Any]:
        _key, value_type = typing.get_args(t)

        def structure(value: object, _: object) -> Mapping[str, Any]:
            if not isinstance(value, Mapping):
                raise _WrongType("object", value)
            return FrozenMap({str(k): conv.structure(v, value_type) for k, v in value.items()})

        return structure

    conv.register_structure_hook_factory(
        lambda t: _origin(t) in (Mapping, typing.Mapping), mapping_factory
    )
    for mapping_type in (MappingProxyType, FrozenMap, CellMap):
        conv.register_unstructure_hook(
            mapping_type, lambda m: {k: conv.unstructure(v) for k, v in m.items()}
        )

    def attrs_structure_factory(cls: type[Any]) -> Callable[[Any, Any], Any]:
        base = make_dict_structure_fn(cls, conv)
        names = [a.name for a in attrs.fields(cls) if a.init]
        known = set(names)
        keeps_extras = "extras" in known

        def structure(value: object, _: object) -> Any:
            if not isinstance(value, Mapping):
                raise _WrongType("object", value)
            unknown = [k for k in value if k not in known]
            if unknown:
                if strict or not keeps_extras:
                    # Report the unknown keys together with every other problem of the object.
                    errors: list[Exception] = [_UnknownKeys(unknown, names)]
                    try:
                        base({k: v for k, v in value.items() if k in known}, cls)
                    except ClassValidationError as exc:
                        errors.extend(e for e in exc.exceptions if isinstance(e, Exception))
                    except Exception as exc:
                        errors.append(exc)
                    raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
                data = {k: v for k, v in value.items() if k in known}
                previous = value.get("extras") or {}
                if not isinstance(previous, Mapping):
                    raise _WrongType("object", previous)
                data["extras"] = {**previous, **{k: value[k] for k in unknown}}
                value = data
            return base(value, cls)

        return structure

    def attrs_unstructure_factory(cls: type[Any]) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)

    conv.register_structure_hook_factory(attrs.has, attrs_structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, attrs_unstructure_factory)
    return conv


@cache
def _converter(strict: bool) -> cattrs.Converter:
    return _make_converter(strict)


def to_dict(obj: Any) -> dict[str, Any]:
    """The JSON-ready ``dict`` of a document, a bundle or any ``ppsp`` record.

    Documents and bundles get the header keys ``$schema``, ``schema_version`` and ``kind``.
    """
    body = _converter(False).unstructure(obj)
    kind = _KIND_OF.get(type(obj))
    if kind is None:
        return dict(body)
    return {"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, "kind": kind, **body}


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """The JSON text of a document, a bundle or a record (keys in field order, UTF-8 text)."""
    return _stdjson.dumps(to_dict(obj), indent=indent, ensure_ascii=False)


def _path(base: str, note: object) -> str:
    if isinstance(note, IterableValidationNote):
        return f"{base}[{note.index}]"
    name = getattr(note, "name", None)
    return f"{base}.{name}" if name is not None else base


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for inner in exc.exceptions:
            notes = [n for n in getattr(inner, "__notes__", []) if hasattr(n, "type")]
            inner_path = _path(path, notes[-1]) if notes else path
            found.extend(_problems(inner, inner_path))
        return found
    if isinstance(exc, _UnknownKeys):
        out = []
        for key in exc.keys:
            close = difflib.get_close_matches(key, exc.known, n=1, cutoff=0.6)
            if close:
                out.append(
                    Problem(
                        f"{path}.{key}",
                        N_("json.unknown-key-suggest"),
                        {"key": key, "suggestion": close[0]},
                    )
                )
            else:
                out.append(
                    Problem(
                        f"{path}.{key}", N_("json.unknown-key"), {"key": key, "known": exc.known}
                    )
                )
        return out
    if isinstance(exc, _WrongType):
        return [
            Problem(
                path, N_("json.wrong-type"), {"expected": exc.expected, "got": _json_type(exc.got)}
            )
        ]
    if isinstance(exc, PpspError):
        return [Problem(path, exc.key, dict(exc.params))]
    if isinstance(exc, KeyError):
        return [Problem(path, N_("json.missing-key"), {})]
    return [Problem(path, N_("json.invalid"), {"error": type(exc).__name__, "detail": str(exc)})]


def from_dict(
    data: Mapping[str, Any],
    cls: type[T] | None = None,
    *,
    strict: bool = False,
    source: str | None = None,
) -> T:
    """The ``ppsp`` object a JSON-ready ``dict`` describes (see :func:`loads`)."""
    if not isinstance(data, Mapping):
        raise JsonError(
            [Problem("$", N_("json.wrong-type"), {"expected": "object", "got": _json_type(data)})],
            source,
        )
    body = dict(data)
    header = {k: body.pop(k) for k in _HEADER_KEYS if k in body}
    problems: list[Problem] = []
    version = header.get("schema_version")
    if version is not None and (
        not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]
    ):
        problems.append(
            Problem(
                "$.schema_version",
                N_("json.schema-version"),
                {"value": str(version), "supported": SCHEMA_VERSION},
            )
        )
    target: type[Any] | None = cls
    kind = header.get("kind")
    if target is None:
        if kind is None:
            problems.append(
                Problem("$.kind", N_("json.missing-kind"), {"kinds": sorted(TOP_LEVEL)})
            )
        elif not isinstance(kind, str) or kind not in TOP_LEVEL:
            problems.append(
                Problem(
                    "$.kind",
                    N_("json.unknown-kind"),
                    {"value": str(kind), "kinds": sorted(TOP_LEVEL)},
                )
            )
        else:
            target = TOP_LEVEL[kind]
    elif kind is not None and _KIND_OF.get(target) not in (None, kind):
        problems.append(
            Problem(
                "$.kind",
                N_("json.kind-mismatch"),
                {"value": str(kind), "expected": _KIND_OF.get(target, "")},
            )
        )
    if target is None or problems:
        raise JsonError(problems, source)
    try:
        result: T = _converter(strict).structure(body, target)
    except Exception as exc:
        raise JsonError(_problems(exc, "$"), source) from None
    return result


def loads(
    text: str | bytes,
    cls: type[T] | None = None,
    *,
    strict: bool = False,
    source: str | None = None,
) -> T:
    """Read a document or bundle from JSON text.

    :param cls: the expected class; by default the file's ``kind`` decides
    :param strict: refuse unknown keys (with a "did you mean") instead of keeping them in ``extras``
    :param source: the file name, for messages
    :raises JsonError: listing every problem with its JSON path, or naming the first place
        over a bound of :class:`~ppsp.io.limits.Limits` (checked before the text is parsed)
    """
    check_json_text(text, source)
    try:
        data = _stdjson.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        raise JsonError(
            [
                Problem(
                    "$",
                    N_("json.syntax"),
                    {
                        "line": line or "?",
                        "column": column or "?",
                        "detail": getattr(exc, "msg", str(exc)),
                    },
                )
            ],
            source,
        ) from None
    return from_dict(data, cls, strict=strict, source=source)


# --- JSON Schema -------------------------------------------------------------------------

_PATTERNS: Final = {
    RegionCode: r"^[1-9][0-9](\.[0-9]{2})?$",
    NomenclatureCode: r"^([1-9]|X)(\.([0-9]{2}|XX)(\.[0-9]{2}(\.[1-9]\.[0-9]{2}(\.[0-9]{4})?)?)?)?$",
    PlanPeriod: r"^[0-9]{4}-[0-9]{4}$",
    Rupiah: r"^-?[0-9]+(\.[0-9]{1,2})?$",
    Decimal: r"^-?[0-9]+(\.[0-9]+)?$",
}
_DESCRIPTIONS: Final = {
    RegionCode: "Kemendagri region code: province (62) or kabupaten/kota (62.10).",
    NomenclatureCode: "Nomenclature code U.BB.PP.K.KK.SSSS (any prefix), canonical form.",
    PlanPeriod: "Plan period, first and last year: 2024-2028.",
    Rupiah: "Rupiah amount as a decimal string (up to two decimals, the sen).",
    Decimal: "Exact decimal number as a string.",
}


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ")


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, UnionType):
            members = [a for a in args if a is not NoneType]
            inner = (
                self.of(members[0])
                if len(members) == 1
                else {"anyOf": [self.of(a) for a in members]}
            )
            return {"anyOf": [inner, {"type": "null"}]} if NoneType in args else inner
        if origin in (tuple, Sequence, typing.Sequence):
            return {"type": "array", "items": self.of(args[0])}
        if origin in (Mapping, typing.Mapping, dict):
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if tp in _PATTERNS:
            return {"type": "string", "pattern": _PATTERNS[tp], "description": _DESCRIPTIONS[tp]}
        if tp is pendulum.Date or tp is _dt.date:
            return {"type": "string", "format": "date"}
        if tp is pendulum.Time:
            return {"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$"}
        if tp is Extras:
            return {
                "type": "object",
                "description": "Values the source had that ppsp has no field for.",
            }
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if isinstance(tp, type) and issubclass(tp, Enum):
            name = tp.__name__
            if name not in self.defs:
                self.defs[name] = {
                    "enum": [m.value for m in tp],
                    "description": _first_line(tp.__doc__),
                }
            return {"$ref": f"#/$defs/{name}"}
        if attrs.has(tp):
            return {"$ref": f"#/$defs/{self.record(tp)}"}
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new field type

    def record(self, cls: type[Any], header: bool = False) -> str:
        name = cls.__name__ + ("File" if header else "")
        if name in self.defs:
            return name
        self.defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if header:
            properties["$schema"] = {"const": SCHEMA_ID}
            properties["schema_version"] = {"type": "string", "pattern": r"^1\.[0-9]+$"}
            properties["kind"] = {"const": _KIND_OF[cls]}
            required.append("kind")
        for field in attrs.fields(cls):
            if not field.init:
                continue
            properties[field.name] = self.of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
        self.defs[name] = {
            "type": "object",
            "description": _first_line(cls.__doc__),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return name


@cache
def _schema() -> dict[str, Any]:
    builder = _SchemaBuilder()
    roots = [builder.record(cls, header=True) for cls in TOP_LEVEL.values()]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ppsp document or region bundle",
        "description": "A PPSP or regional planning document, or the bundle of one region's documents, "
        f"as written by ppsp (format {SCHEMA_VERSION}).",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in roots],
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every file ``ppsp`` writes, generated from the classes.

    The same schema ships inside the package (:func:`schema_text`) and a test keeps both equal.
    """
    copy: dict[str, Any] = _stdjson.loads(_stdjson.dumps(_schema()))
    return copy


def schema_text() -> str:
    """The shipped JSON Schema, as text (what ``ppsp schema`` prints)."""
    return (
        resources.files("ppsp.io")
        .joinpath("schema", f"ppsp-{SCHEMA_VERSION}.schema.json")
        .read_text("utf-8")
    )


def generated_schema_text() -> str:
    """The schema as generated now from the classes (used to refresh the shipped file)."""
    return _stdjson.dumps(_schema(), indent=2, ensure_ascii=False) + "\n"
