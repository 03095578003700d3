"""What the modules on cv's quickest paths need of `typing`, without importing it.

Importing `typing` costs about 4 ms at every start of cv, more than a warm answer's
whole work (benchmarks/startup.py measures it). mypy reads the real names, in the
TYPE_CHECKING branch below. At run time a TypedDict class only declares a record's
fields (its `__annotations__`, its bases' first, in order) and, called, makes a plain
dict, as typing's does; `cast` gives back its value. typing's own introspection does
not know these classes (`typing.is_typeddict` says no, and `typing.get_type_hints`
cannot see names imported only for mypy): use `is_record` and `field_types`. Modules
import `TYPE_CHECKING` from here and keep every other name of typing under
`if TYPE_CHECKING:`; tests/test_fast_path.py checks that the fast path imports no typing.
"""

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import TypedDict as TypedDict
    from typing import cast as cast
else:

    class TypedDict(dict):
        """A record's class: it declares the fields; calling it makes a plain dict."""

        def __init_subclass__(cls, total=True, **kwargs):
            """The fields of a record's bases come first, as in typing's TypedDict."""
            super().__init_subclass__(**kwargs)
            fields = {}
            for base in reversed(cls.__mro__):
                fields.update(vars(base).get("__annotations__", {}))
            cls.__annotations__ = fields
            cls.__total__ = total

        def __new__(cls, *args, **kwargs):
            """A plain dict: YAML, JSON and equality see no other class."""
            return dict(*args, **kwargs)

    def cast(_kind, value):
        """The value itself: a cast only speaks to mypy."""
        return value


def field_types(record: type) -> dict[str, object]:
    """A TypedDict's fields and their types, evaluated: typing's get_type_hints.

    For the paths that need types as objects (JSON Schemas, the tests); `Any` is given
    to it, since the modules that declare records import it only for mypy.
    """
    import typing

    return typing.get_type_hints(record, localns={"Any": typing.Any, "Literal": typing.Literal})


def is_record(value: object) -> bool:
    """Whether a class is a TypedDict: typing's, or a record class declared with this one."""
    return (
        isinstance(value, type)
        and issubclass(value, dict)
        and value is not dict
        and ("__required_keys__" in vars(value) or "__annotations__" in vars(value))
    )
