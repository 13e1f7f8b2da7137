"""reqlint's dataclass decorator behaves as the standard one (reqlint._records, start-up).

Each shape of class reqlint declares is made twice, by ``dataclasses.dataclass`` and by
``reqlint._records.dataclass``, and every behaviour a caller can see is compared: the
constructor (positional, keyword, defaults, factories, keyword-only, ``__post_init__``),
equality, hashing, repr, frozen errors, ``replace``/``fields``/``asdict``/``astuple``,
``__match_args__``, ``__slots__``, copy and pickle.  Then every class of the package is
checked to be a real dataclass whose methods are the fast ones.
"""

from __future__ import annotations

import copy
import dataclasses
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
                "f": "int",
            },
            "b": "x",
            "c": (),
            "d": dataclasses.field(default_factory=list),
            "e": dataclasses.field(default=None, compare=False, repr=False),
            "f": dataclasses.field(default=0, kw_only=True),
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
    ((), {"a": 1, "f": 5}),
    ((1, "y", (2,), [3], "e", 9), {}),  # f is keyword-only
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
    assert dataclasses.asdict(x) == dataclasses.asdict(y)
    assert dataclasses.astuple(x) == dataclasses.astuple(y)
    twin = ours(*args, **kwargs)
    assert y == twin
    assert (y != twin) is False
    assert (y == dataclasses.replace(y, a=99)) is False
    assert (y == dataclasses.replace(y, e="other")) is True  # compare=False
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
    assert dataclasses.is_dataclass(y)
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(std)]
    assert ours.__match_args__ == std.__match_args__
    assert getattr(ours, "__slots__", None) == getattr(std, "__slots__", None)
    assert ours.__dataclass_params__.frozen == std.__dataclass_params__.frozen


@pytest.mark.parametrize("index", range(len(KINDS)))
def test_copy_and_pickle_round_trip(index: int) -> None:
    _, ours = _pair(index)
    y = ours(1, "y", (2,), [3], None, f=4)
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


def test_every_class_of_the_package_uses_the_fast_decorator() -> None:
    """Guard: a module that imports the standard decorator again pays its start-up cost."""
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
                and value.__eq__.__module__ != _records.__name__
            ):
                slow.append(f"{info.name}.{value.__qualname__}")
    assert not slow
