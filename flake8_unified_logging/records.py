"""Named tuples for the values passed between the pipeline's steps, made without compiling code at import.

``collections.namedtuple`` compiles a ``__new__`` for each class it makes: about 50 microseconds a class, paid
by every hook call for every class on its path. A ``Record`` subclass writes its ``__new__`` itself, under its
field annotations (``Edit`` in ``source/edits.py`` is the shortest).

Its fields are its annotations, in order (after those of a record it extends), each read as an attribute; the
class is refused when ``__new__`` takes other parameters than its fields.
"""
from __future__ import annotations

from _operator import itemgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, TypeVar

    _R = TypeVar("_R", bound="Record")


class Record(tuple):  # type: ignore[type-arg]
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = cls.__dict__.get("__annotations__", {})
        own = tuple(name for name, kind in annotations.items() if "ClassVar" not in str(kind))
        for index, name in enumerate(own, len(cls._fields)):
            setattr(cls, name, property(itemgetter(index)))
        cls._fields = (*cls._fields, *own)
        new = cls.__dict__.get("__new__")
        if own and new is None:
            raise TypeError(f"{cls.__name__} has fields {', '.join(own)} but no __new__")
        if new is not None:
            code = new.__func__.__code__
            parameters = code.co_varnames[1 : code.co_argcount]
            if parameters != cls._fields:
                raise TypeError(f"{cls.__name__}.__new__ takes {parameters}, not its fields {cls._fields}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"{type(self).__name__}({shown})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self))

    def _replace(self: _R, **changes: Any) -> _R:
        values = [changes.pop(name, value) for name, value in zip(self._fields, self)]
        if changes:
            raise ValueError(f"{type(self).__name__} has no field {', '.join(changes)}")
        return tuple.__new__(type(self), values)
