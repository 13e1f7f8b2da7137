"""Data classes for reqlint's model, cheap to create (start-up, issue 13).

A pre-commit hook starts reqlint on every commit, and a default check defines some forty
data classes as it imports.  The standard ``dataclasses`` module costs that start-up
twice: importing it loads ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``), and
its decorator compiles six generated functions per frozen class.  This module is a small
``dataclasses`` for the subset reqlint uses: ``@dataclass``, ``@dataclass(frozen=True)``,
``@dataclass(slots=True)`` and both; ``field(default=..., default_factory=...,
init=..., repr=..., hash=..., compare=...)``; ``fields``, ``replace`` and ``asdict``.  Only
``__init__`` is generated (it is per-instance hot, so it is as fast as the standard one);
``__eq__``, ``__hash__``, ``__repr__`` and the frozen guards are closures over
``operator.attrgetter``.

The semantics are the standard module's: tests/test_records.py runs the same classes
through both and compares construction, equality, hashing, repr, frozen errors,
``replace``, ``asdict``, ``__match_args__``, ``__slots__``, copy and pickle.  To type
checkers these names *are* the standard module's, so mypy's dataclass checks apply
unchanged.  At run time the classes are not ``dataclasses`` dataclasses: use this
module's ``replace``, ``fields`` and ``asdict`` on them.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from dataclasses import FrozenInstanceError, asdict, dataclass, field, fields, replace
    from typing import Any

__all__ = ["FrozenInstanceError", "asdict", "dataclass", "field", "fields", "replace"]


class _MissingType:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _MissingType()


class _HasFactory:
    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()


class Field:
    """One field of a record: its name and options (``dataclasses.Field``'s attributes)."""

    __slots__ = ("compare", "default", "default_factory", "hash", "init", "name", "repr")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        init: bool = True,
        repr: bool = True,
        hash: bool | None = None,
        compare: bool = True,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r})"


if not TYPE_CHECKING:

    class FrozenInstanceError(AttributeError):
        """Assigning to or deleting a field of a frozen instance (dataclasses' own name)."""

    def dataclass(cls=None, /, *, frozen=False, slots=False):
        """``@dataclass``, ``@dataclass(frozen=True)``, ``@dataclass(frozen=True, slots=True)``."""

        def wrap(cls):
            return _process(cls, frozen=frozen, slots=slots)

        return wrap if cls is None else wrap(cls)

    field = Field

    def fields(class_or_instance):
        """The fields of a record class or instance, in definition order."""
        try:
            return class_or_instance.__record_fields__
        except AttributeError:
            raise TypeError("must be called with a dataclass type or instance") from None

    def replace(obj, /, **changes):
        """A copy of ``obj`` with ``changes``, made through ``__init__`` (as dataclasses)."""
        for f in fields(obj):
            if not f.init:
                if f.name in changes:
                    raise ValueError(
                        f"field {f.name} is declared with init=False, it cannot be "
                        "specified with replace()"
                    )
                continue
            if f.name not in changes:
                changes[f.name] = getattr(obj, f.name)
        return obj.__class__(**changes)

    def asdict(obj):
        """``dataclasses.asdict``: records, lists, tuples and dicts copied recursively."""
        if not hasattr(type(obj), "__record_fields__"):
            raise TypeError("asdict() should be called on dataclass instances")
        return _asdict(obj)


def _asdict(obj: Any) -> Any:
    if hasattr(type(obj), "__record_fields__"):
        return {f.name: _asdict(getattr(obj, f.name)) for f in obj.__record_fields__}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict(v) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict(k), _asdict(v)) for k, v in obj.items())
    import copy

    return copy.deepcopy(obj)


def _values(names: list[str]) -> Any:
    """A function of an instance to the tuple of the named fields' values."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _fields_of(cls: Any) -> tuple[Field, ...]:
    """The class's fields from its annotations (strings: ``from __future__ import
    annotations``), each with its default or ``field()`` options."""
    out: list[Field] = []
    # the class's own annotations (Python 3.10+ does not inherit them here), not
    # inspect.get_annotations: importing inspect is what this module saves
    for name in getattr(cls, "__annotations__", {}):
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(
                f"mutable default {type(f.default)} for field {name} is not allowed: "
                "use default_factory"
            )
        out.append(f)
    seen_default = False
    for f in out:
        if not f.init:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    return tuple(out)


def _init(fields: tuple[Field, ...], *, frozen: bool, post_init: bool, slotted: Any = None) -> Any:
    """The ``__init__`` dataclasses would generate (defaults, factories,
    ``__post_init__``), compiled once.

    A frozen instance is written past its ``__setattr__`` guard.  For a slotted class
    (``slotted``) each field is written by its own slot descriptor, which is what
    ``object.__setattr__`` ends up calling, without looking the name up per field.
    """
    scope: dict[str, Any] = {"__setattr": object.__setattr__, "__HAS_FACTORY": _HAS_FACTORY}
    params: list[str] = []
    body: list[str] = []
    for f in fields:
        default = ""
        if f.default is not MISSING:
            scope[f"__dflt_{f.name}"] = f.default
            default = f"=__dflt_{f.name}"
        elif f.default_factory is not MISSING:
            scope[f"__fact_{f.name}"] = f.default_factory
            default = "=__HAS_FACTORY"
        if f.init:
            params.append(f.name + default)
            value = f.name
            if f.default_factory is not MISSING:
                value = f"__fact_{f.name}() if {f.name} is __HAS_FACTORY else {f.name}"
        elif f.default_factory is not MISSING:
            value = f"__fact_{f.name}()"
        elif f.default is not MISSING:
            value = f"__dflt_{f.name}"
        else:
            continue
        if frozen and slotted is not None:
            scope[f"__set_{f.name}"] = slotted.__dict__[f.name].__set__
            body.append(f"  __set_{f.name}(self, {value})")
        elif frozen:
            body.append(f"  __setattr(self, {f.name!r}, {value})")
        else:
            body.append(f"  self.{f.name} = {value}")
    if post_init:
        body.append("  self.__post_init__()")
    text = (
        f"def __make({', '.join(scope)}):\n"
        f" def __init__({', '.join(['self', *params])}):\n"
        + "\n".join(body or ["  pass"])
        + "\n return __init__\n"
    )
    made: dict[str, Any] = {}
    exec(text, {}, made)  # the source is built from the class's own field names
    return made["__make"](*scope.values())


def _process(cls: Any, *, frozen: bool, slots: bool) -> Any:
    if any(hasattr(base, "__record_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a record cannot inherit from a record")
    fields = _fields_of(cls)
    names = tuple(f.name for f in fields)
    # what the class body defines itself, dataclasses leaves in place
    own_methods = {"__init__", "__repr__", "__eq__", "__hash__"} & set(cls.__dict__)
    if frozen and {"__setattr__", "__delattr__"} & set(cls.__dict__):
        raise TypeError(f"Cannot overwrite attribute __setattr__ in class {cls.__name__}")
    if slots:
        if "__slots__" in cls.__dict__:
            raise TypeError(f"{cls.__name__} already specifies __slots__")
        namespace = {
            k: v for k, v in cls.__dict__.items() if k not in (*names, "__dict__", "__weakref__")
        }
        namespace["__slots__"] = names
        qualname = getattr(cls, "__qualname__", None)
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
        if qualname is not None:
            cls.__qualname__ = qualname
    else:
        for f in fields:  # as dataclasses: a plain default stays a class attribute
            if isinstance(cls.__dict__.get(f.name), Field):
                if f.default is MISSING:
                    delattr(cls, f.name)
                else:
                    setattr(cls, f.name, f.default)
    compared = _values([f.name for f in fields if f.compare])
    shown = tuple(f.name for f in fields if f.repr)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    methods: dict[str, Any] = {
        "__init__": _init(
            fields,
            frozen=frozen,
            post_init=hasattr(cls, "__post_init__"),
            slotted=cls if slots else None,
        ),
        "__repr__": __repr__,
        "__eq__": __eq__,
    }
    if frozen:
        hashed = _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
        own = frozenset(names)

        def __hash__(self: Any) -> int:
            return hash(hashed(self))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            if type(self) is cls or name in own:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)

        def __delattr__(self: Any, name: str) -> None:
            if type(self) is cls or name in own:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)

        methods.update(__setattr__=__setattr__, __delattr__=__delattr__)
        if "__hash__" not in own_methods:
            methods["__hash__"] = __hash__
        if slots:
            # copy and pickle restore a slotted instance by setattr: past the frozen guard
            def __getstate__(self: Any) -> list[Any]:
                return [getattr(self, name) for name in names]

            def __setstate__(self: Any, state: list[Any]) -> None:
                for name, value in zip(names, state, strict=True):
                    object.__setattr__(self, name, value)

            methods.update(__getstate__=__getstate__, __setstate__=__setstate__)
    elif "__hash__" not in own_methods:
        methods["__hash__"] = None  # eq without frozen: unhashable, as dataclasses makes it
    for name, method in methods.items():
        if name in own_methods:
            continue
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    cls.__record_fields__ = fields
    setattr(cls, "__match_args__", tuple(f.name for f in fields if f.init))  # noqa: B010
    return cls
