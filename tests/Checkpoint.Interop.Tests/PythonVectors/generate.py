#!/usr/bin/python3
"""Writes vectors.json: values as LangGraph Python's JsonPlusSerializer stores them (tag + bytes).

No Python package registry is reachable where this project is built, so langgraph, langchain-core and ormsgpack are
not installed. This script follows the encoding rules of langgraph-checkpoint 4.2.0
(libs/checkpoint/langgraph/checkpoint/serde/jsonplus.py, dumps_typed and _msgpack_default) with Debian's
python3-msgpack (1.0.3): msgpack's packb writes the same smallest-form integers, float64 floats and str/bin types as
ormsgpack, and each extension payload is itself msgpack of a (module, name, argument[, method]) tuple.

Python standard-library values (UUID, Decimal, datetime, date, time, timedelta, set, frozenset, deque, Enum, Path,
re.Pattern, ipaddress, ZoneInfo, dataclasses, namedtuples, exceptions) go through the same `default` rules as LangGraph's.
LangChain messages and LangGraph's Send and Interrupt are written as the records those rules produce for them
(pydantic v2 `model_dump()` in langchain-core 1.x field order; Send as positional args; Interrupt as a dataclass),
built by hand because those packages are not installed.

Run from this folder: /usr/bin/python3 generate.py   (apt-get install python3-msgpack)
"""
import collections
import dataclasses
import datetime
import decimal
import enum
import ipaddress
import json
import pathlib
import re
import uuid
import zoneinfo

import msgpack

EXT_CONSTRUCTOR_SINGLE_ARG = 0
EXT_CONSTRUCTOR_POS_ARGS = 1
EXT_CONSTRUCTOR_KW_ARGS = 2
EXT_METHOD_SINGLE_ARG = 3
EXT_PYDANTIC_V2 = 5
EXT_DELTA_SNAPSHOT = 7


class Ext:
    """A record LangGraph's `default` would produce for an object of a package that is not installed here."""

    def __init__(self, code, *parts):
        self.code = code
        self.parts = parts


def enc(value):
    # strict_types: like ormsgpack, only exact built-in types are packed natively; subclasses (namedtuple, IntEnum) go
    # to `default`.
    return msgpack.packb(value, default=default, use_bin_type=True, strict_types=True)


def ext(code, parts):
    return msgpack.ExtType(code, enc(parts))


def default(obj):
    # Plain tuples are arrays (strict_types hands them to default).
    if type(obj) is tuple:
        return list(obj)
    # The order of these rules follows _msgpack_default.
    if isinstance(obj, Ext):
        return ext(obj.code, obj.parts)
    if hasattr(obj, "_asdict") and callable(obj._asdict):
        return ext(EXT_CONSTRUCTOR_KW_ARGS, (obj.__class__.__module__, obj.__class__.__name__, obj._asdict()))
    if isinstance(obj, pathlib.Path):
        return ext(EXT_CONSTRUCTOR_POS_ARGS, (obj.__class__.__module__, obj.__class__.__name__, obj.parts))
    if isinstance(obj, re.Pattern):
        return ext(EXT_CONSTRUCTOR_POS_ARGS, ("re", "compile", (obj.pattern, obj.flags)))
    if isinstance(obj, uuid.UUID):
        return ext(EXT_CONSTRUCTOR_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, obj.hex))
    if isinstance(obj, decimal.Decimal):
        return ext(EXT_CONSTRUCTOR_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, str(obj)))
    if isinstance(obj, (set, frozenset, collections.deque)):
        return ext(EXT_CONSTRUCTOR_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, tuple(obj)))
    if isinstance(obj, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return ext(EXT_CONSTRUCTOR_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, str(obj)))
    if isinstance(obj, datetime.datetime):
        return ext(EXT_METHOD_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, obj.isoformat(), "fromisoformat"))
    if isinstance(obj, datetime.timedelta):
        return ext(EXT_CONSTRUCTOR_POS_ARGS, (obj.__class__.__module__, obj.__class__.__name__, (obj.days, obj.seconds, obj.microseconds)))
    if isinstance(obj, datetime.date):
        return ext(EXT_CONSTRUCTOR_POS_ARGS, (obj.__class__.__module__, obj.__class__.__name__, (obj.year, obj.month, obj.day)))
    if isinstance(obj, datetime.time):
        fields = {"hour": obj.hour, "minute": obj.minute, "second": obj.second, "microsecond": obj.microsecond, "tzinfo": obj.tzinfo, "fold": obj.fold}
        return ext(EXT_CONSTRUCTOR_KW_ARGS, (obj.__class__.__module__, obj.__class__.__name__, fields))
    if isinstance(obj, zoneinfo.ZoneInfo):
        return ext(EXT_CONSTRUCTOR_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, obj.key))
    if isinstance(obj, enum.Enum):
        return ext(EXT_CONSTRUCTOR_SINGLE_ARG, (obj.__class__.__module__, obj.__class__.__name__, obj.value))
    if dataclasses.is_dataclass(obj):
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        return ext(EXT_CONSTRUCTOR_KW_ARGS, (obj.__class__.__module__, obj.__class__.__name__, fields))
    if isinstance(obj, BaseException):
        return repr(obj)
    raise TypeError(f"Object of type {obj.__class__.__name__} is not serializable")


def dumps_typed(value):
    # dumps_typed: None -> null, bytes -> bytes, bytearray -> bytearray, everything else -> msgpack.
    if value is None:
        return "null", b""
    if isinstance(value, bytes):
        return "bytes", value
    if isinstance(value, bytearray):
        return "bytearray", bytes(value)
    return "msgpack", enc(value)


def message(module, name, fields):
    """A LangChain message: pydantic v2 record with model_dump() (every field, defaults and None included)."""
    return Ext(EXT_PYDANTIC_V2, f"langchain_core.messages.{module}", name, fields, "model_validate_json")


def base_fields(content, type_, name=None, id_=None, additional_kwargs=None, response_metadata=None):
    return {
        "content": content,
        "additional_kwargs": additional_kwargs or {},
        "response_metadata": response_metadata or {},
        "type": type_,
        "name": name,
        "id": id_,
    }


def human(content, id_=None, name=None):
    return message("human", "HumanMessage", base_fields(content, "human", name, id_))


def ai(content, id_=None, tool_calls=None, usage=None, response_metadata=None, name="AIMessage", type_="ai"):
    fields = base_fields(content, type_, None, id_, response_metadata=response_metadata)
    fields.update({"tool_calls": tool_calls or [], "invalid_tool_calls": [], "usage_metadata": usage})
    return message("ai", name, fields)


def tool(content, tool_call_id, id_=None, name=None, artifact=None, status="success"):
    fields = base_fields(content, "tool", name, id_)
    fields.update({"tool_call_id": tool_call_id, "artifact": artifact, "status": status})
    return message("tool", "ToolMessage", fields)


class Color(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


Pair = collections.namedtuple("Pair", ["left", "right"])

conversation = [
    message("system", "SystemMessage", base_fields([{"type": "text", "text": "You are terse."}], "system", None, "msg-0")),
    human("What is the weather in Paris?", "msg-1", "ada"),
    ai("", "msg-2",
       tool_calls=[{"name": "get_weather", "args": {"city": "Paris"}, "id": "call_1", "type": "tool_call"}],
       usage={"input_tokens": 12, "output_tokens": 7, "total_tokens": 19},
       response_metadata={"model_name": "m"}),
    tool("18C, sunny", "call_1", "msg-3", "get_weather", {"raw": 18}),
]

VECTORS = {
    "none": None,
    "bytes": b"\x00\x01\xff",
    "bytearray": bytearray(b"hi"),
    "string": "héllo ✓",
    "integer": 42,
    "negative integer": -129,
    "int64 max": 2**63 - 1,
    "uint64 max": 2**64 - 1,
    "float": 0.1,
    "boolean": True,
    "list and tuple": [1, "two", None, (3, 4)],
    "dict": {"a": {"b": [1.5, False]}, "empty": {}},
    "dict with integer keys": {1: "one", 2: "two"},
    "nested bytes": {"data": b"hi"},
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "decimal": decimal.Decimal("1.10"),
    "datetime utc": datetime.datetime(2024, 5, 4, 6, 32, 42, 235444, tzinfo=datetime.timezone.utc),
    "datetime offset": datetime.datetime(2024, 5, 4, 6, 32, 42, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30))),
    "datetime naive": datetime.datetime(2024, 5, 4, 6, 32, 42, 5),
    "date": datetime.date(2024, 5, 4),
    "time": datetime.time(6, 32, 42, 235444),
    "timedelta": datetime.timedelta(days=1, seconds=3661, microseconds=5),
    "negative timedelta": datetime.timedelta(microseconds=-1),
    "set": {1, 2},
    "frozenset": frozenset(["a"]),
    "deque": collections.deque([1, 2]),
    "enum": Color.RED,
    "path": pathlib.Path("/tmp/x"),
    "regex": re.compile("a+", re.IGNORECASE),
    "ipv4": ipaddress.IPv4Address("10.0.0.1"),
    "zoneinfo": zoneinfo.ZoneInfo("UTC"),
    "dataclass": Point(1, 2),
    "namedtuple": Pair("l", "r"),
    "exception": ValueError("bad"),
    "pydantic model": Ext(EXT_PYDANTIC_V2, "app.models", "Profile", {"name": "Ada", "age": 36}, "model_validate_json"),
    "blocked callable": Ext(EXT_CONSTRUCTOR_SINGLE_ARG, "os", "system", "echo owned"),
    "human message": human("hi", "m1", "ada"),
    "ai message chunk": ai("par", "m3", name="AIMessageChunk", type_="AIMessageChunk"),
    "chat message": message("chat", "ChatMessage", {**base_fields("x", "chat"), "role": "critic"}),
    "remove message": message("modifier", "RemoveMessage", base_fields("", "remove", None, "m1")),
    "conversation": conversation,
    "send": Ext(EXT_CONSTRUCTOR_POS_ARGS, "langgraph.types", "Send", ("worker", {"n": 3})),
    "interrupt": Ext(EXT_CONSTRUCTOR_KW_ARGS, "langgraph.types", "Interrupt", {"value": "ok?", "id": "abc"}),
    "delta snapshot": Ext(EXT_DELTA_SNAPSHOT),
    # The checkpoint column of LangGraph Python's SQLite saver: the whole checkpoint, key order as _checkpoint.py builds it.
    "sqlite checkpoint": {
        "v": 4,
        "ts": "2026-01-02T03:04:05.123456+00:00",
        "id": "1f0b7d6e-1a2b-6c3d-8001-000000000002",
        "channel_values": {"messages": conversation, "count": 2},
        "channel_versions": {"messages": "00000000000000000000000000000002.0.8444218515250481", "count": "00000000000000000000000000000002.0.8444218515250481"},
        "versions_seen": {"agent": {"branch:to:agent": "00000000000000000000000000000001.0.5"}},
        "updated_channels": ["count", "messages"],
    },
}


def main():
    vectors = []
    for name, value in VECTORS.items():
        if isinstance(value, Ext) and value.code == EXT_DELTA_SNAPSHOT:
            # A delta snapshot's payload is msgpack of its value (here a list of strings), not a tuple.
            tag, data = "msgpack", enc(msgpack.ExtType(EXT_DELTA_SNAPSHOT, enc(["a", "b"])))
        else:
            tag, data = dumps_typed(value)
        vectors.append({"name": name, "tag": tag, "data": data.hex()})

    with open("vectors.json", "w", encoding="utf-8") as file:
        json.dump({"generator": "generate.py with python3-msgpack " + ".".join(map(str, msgpack.version)), "vectors": vectors}, file, indent=1, ensure_ascii=False)
        file.write("\n")


if __name__ == "__main__":
    main()
