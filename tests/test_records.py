"""reqlint's data classes behave as the standard module's (reqlint._records, start-up).

Each shape of class reqlint declares is made twice, by ``dataclasses.dataclass`` and by
``reqlint._records.dataclass``, and every behaviour a caller can see is compared: the
constructor (positional, keyword, defaults, factories, ``__post_init__``), equality,
hashing, repr, frozen errors, ``replace``/``fields``/``asdict``, ``__match_args__``,
``__slots__``, class attributes, copy and pickle.  Then every class of the package is
checked to be made by reqlint._records, and a default check not to import dataclasses.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import pickle
import sys
from collections.abc import Callable
from typing import Any

import pytest

from reqlint import _records

KINDS = [
    {},
    {"frozen": True},
    {"slots": True},
    {"frozen": True, "slots": True},
]


def _shape(decorator: Callable[..., Any], kind: dict[str, bool], name: str) -> Any:
    """One class with every kind of field reqlint uses."""
    field = dataclasses.field if decorator is dataclasses.dataclass else _records.field
    cls = type(
        name,
        (),
        {
            "__module__": __name__,
            "__qualname__": name,
            "__annotations__": {
                "a": "int",
                "b": "str",
                "c": "tuple[int, ...]",
                "d": "list[int]",
                "e": "object",
            },
            "b": "x",
            "c": (),
            "d": field(default_factory=list),
            "e": field(default=None, compare=False, repr=False),
        },
    )
    return decorator(**kind)(cls)


# the classes must be reachable by module and qualified name for pickle
for _i, _kind in enumerate(KINDS):
    for _label, _decorator in (("Std", dataclasses.dataclass), ("Ours", _records.dataclass)):
        _name = f"{_label}{_i}"
        setattr(sys.modules[__name__], _name, _shape(_decorator, _kind, _name))


def _pair(index: int) -> tuple[Any, Any]:
    module = sys.modules[__name__]
    return getattr(module, f"Std{index}"), getattr(module, f"Ours{index}")


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", call())
    except Exception as exc:  # the same exception type and message on both sides
        return (type(exc).__name__, str(exc).replace("Std", "X").replace("Ours", "X"))


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1,), {}),
    ((1, "y"), {}),
    ((1, "y", (2,), [3], "e"), {}),
    ((), {"a": 1, "e": 5}),
    ((1, "y", (2,), [3], "e", 9), {}),  # one too many
    ((), {}),  # a is required
    ((1,), {"z": 1}),
]


@pytest.mark.parametrize("index", range(len(KINDS)))
@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_construction_equality_and_repr_are_the_standard_ones(
    index: int, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    std, ours = _pair(index)
    a, b = _outcome(lambda: std(*args, **kwargs)), _outcome(lambda: ours(*args, **kwargs))
    assert a[0] == b[0]
    if a[0] != "ok":
        assert a[1] == b[1]
        return
    x, y = a[1], b[1]
    assert repr(x).replace("Std", "X") == repr(y).replace("Ours", "X")
    assert dataclasses.asdict(x) == _records.asdict(y)
    twin = ours(*args, **kwargs)
    assert y == twin
    assert (y != twin) is False
    assert (y == _records.replace(y, a=99)) is False
    assert (y == _records.replace(y, e="other")) is True  # compare=False
    assert repr(dataclasses.replace(x, a=5)).replace("Std", "X") == repr(
        _records.replace(y, a=5)
    ).replace("Ours", "X")
    assert _outcome(lambda: dataclasses.replace(x, z=1)) == _outcome(
        lambda: _records.replace(y, z=1)
    )
    assert y.__eq__(x) is NotImplemented  # another class
    if len(args) < 4 and "d" not in kwargs:
        assert y.d is not twin.d  # a factory per instance


@pytest.mark.parametrize("index", range(len(KINDS)))
def test_hashing_and_frozenness_are_the_standard_ones(index: int) -> None:
    std, ours = _pair(index)
    x, y = std(1, "y", (2,)), ours(1, "y", (2,))
    assert (std.__hash__ is None) == (ours.__hash__ is None)
    if std.__hash__ is not None:
        # the same value as the standard hash (a tuple of the compared fields); e is not one
        x2, y2 = std(1, "y", (2,), (3,), "e"), ours(1, "y", (2,), (3,), "other")
        assert hash(y2) == hash(x2) == hash(ours(1, "y", (2,), (3,), "e"))
        assert _outcome(lambda: hash(x)) == _outcome(lambda: hash(y))  # a list field
    assert _outcome(lambda: setattr(x, "a", 5)) == _outcome(lambda: setattr(y, "a", 5))
    assert _outcome(lambda: delattr(x, "a")) == _outcome(lambda: delattr(y, "a"))
    # A name that is not a field fails on both (the standard frozen *slotted* class raises
    # TypeError from super() there, a CPython quirk; this one raises FrozenInstanceError).
    ra, rb = _outcome(lambda: setattr(x, "new", 5)), _outcome(lambda: setattr(y, "new", 5))
    assert (ra[0] == "ok") == (rb[0] == "ok")
    mine, theirs = _records.fields(ours), dataclasses.fields(std)
    assert [
        (f.name, None if f.default is _records.MISSING else f.default, f.compare, f.repr)
        for f in mine
    ] == [
        (f.name, None if f.default is dataclasses.MISSING else f.default, f.compare, f.repr)
        for f in theirs
    ]
    assert _records.fields(y) == mine
    assert ours.__match_args__ == std.__match_args__
    assert getattr(ours, "__slots__", None) == getattr(std, "__slots__", None)
    for name in ("a", "b", "c", "d", "e"):  # defaults as class attributes (not with slots)
        mine_attr = _outcome(functools.partial(getattr, ours, name))
        theirs_attr = _outcome(functools.partial(getattr, std, name))
        if hasattr(std, "__slots__"):  # slot descriptors, one per class
            assert type(mine_attr[1]) is type(theirs_attr[1])
        else:
            assert mine_attr == theirs_attr
    assert hasattr(y, "__dict__") == hasattr(x, "__dict__")


@pytest.mark.parametrize("index", range(len(KINDS)))
def test_copy_and_pickle_round_trip(index: int) -> None:
    _, ours = _pair(index)
    y = ours(1, "y", (2,), [3], None)
    assert copy.copy(y) == y
    assert copy.deepcopy(y) == y
    assert pickle.loads(pickle.dumps(y)) == y


def test_post_init_runs_after_the_fields_are_set() -> None:
    seen: list[int] = []

    @_records.dataclass(frozen=True)
    class WithPost:
        a: int

        def __post_init__(self) -> None:
            seen.append(self.a)

    WithPost(7)
    assert seen == [7]


def test_an_explicit_hash_is_kept_on_a_mutable_class() -> None:
    @_records.dataclass
    class Keyed:
        a: int

        def __hash__(self) -> int:
            return 42

    assert hash(Keyed(1)) == 42


def test_the_standard_checks_are_kept() -> None:
    """What dataclasses refuses at class creation, this refuses too."""
    with pytest.raises(ValueError, match="mutable default"):
        _records.dataclass(type("M", (), {"__annotations__": {"a": "list[int]"}, "a": []}))
    with pytest.raises(TypeError, match="non-default argument"):
        _records.dataclass(type("N", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
    with pytest.raises(ValueError, match="both default and default_factory"):
        _records.field(default=1, default_factory=list)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        _records.fields(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _records.asdict(1)  # type: ignore[call-overload]


def test_methods_the_class_defines_itself_are_kept() -> None:
    @_records.dataclass(frozen=True)
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

    assert repr(Own(1)) == "own"
    assert Own(1) == Own(1)


def test_every_class_of_the_package_uses_the_fast_decorator() -> None:
    """Guard: a module that declares a standard dataclass again pays its start-up cost
    (and its instances would not work with reqlint._records.replace)."""
    import importlib
    import pkgutil

    import reqlint

    slow: list[str] = []
    for info in pkgutil.walk_packages(reqlint.__path__, "reqlint."):
        if info.name == "reqlint.__main__":
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == info.name
                and dataclasses.is_dataclass(value)
            ):
                slow.append(f"{info.name}.{value.__qualname__}")
    assert not slow
