"""Shared building blocks of the brief model: the strict base class and the prose type."""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetJsonSchemaHandler,
    ValidationError,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

__all__ = [
    "PROSE",
    "ClockTime",
    "FieldProblems",
    "Plain",
    "Prose",
    "StrictModel",
    "clean_text",
    "register_root",
]

# XML 1.0 forbids these code points; they would vanish from a DOCX body and break its headers,
# so they are refused here, once, instead of being dropped silently by a writer.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Reject characters that no output format can carry, naming the first one found."""
    match = _FORBIDDEN.search(value)
    if match is not None:
        char = match.group()
        raise ValueError(
            f"control character U+{ord(char):04X} at position {match.start()} is not allowed "
            "in brief text (expected printable text; remove the character)"
        )
    return value.replace("\r\n", "\n").replace("\r", "\n")


class FieldProblems(ValueError):
    """Raised by a validator of the whole brief: each problem names the exact field it is
    about (`indicators[0].scenario`), so the error points there and not at the whole list."""

    def __init__(self, problems: Sequence[tuple[tuple[str | int, ...], str]]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(message for _, message in problems))


class _ProseMarker:
    """Marks a string field as prose: parsed as inline Markdown and resolved for citations."""

    def __repr__(self) -> str:
        return "PROSE"


PROSE = _ProseMarker()

Plain = Annotated[str, AfterValidator(clean_text)]
"""A plain string: shown exactly as typed, never parsed."""

Prose = Annotated[str, AfterValidator(clean_text), PROSE]
"""Prose in the inline Markdown subset: *emphasis*, **strong**, [links](https://...),
citations [@id] and inline notes ^[text]."""

# "9:05" is how people write five past nine; ISO (and pydantic) want "09:05".
_ONE_DIGIT_HOUR = re.compile(r"\s*(\d):(\d\d(?::\d\d(?:\.\d+)?)?)\s*")


def _two_digit_hour(value: Any) -> Any:
    # pydantic reads a number as seconds since midnight: `time: 905` would be 00:15, silently
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"{value!r} is a number, not a time of day (expected HH:MM, such as '09:05')"
        )
    if isinstance(value, str) and (match := _ONE_DIGIT_HOUR.fullmatch(value)):
        return f"0{match[1]}:{match[2]}"
    return value


ClockTime = Annotated[dt.time, BeforeValidator(_two_digit_hour)]
"""A time of day, HH:MM or H:MM ("9:05"), seconds optional."""


class StrictModel(BaseModel):
    """Base of every brief model: unknown keys are errors and field docs come from docstrings.

    Models are editable: assigning a field validates it, and a model given where a model is
    expected is validated again, so a brief changed in a script is checked like a file. Every
    validation failure is a `BriefError` with the same text a file gets, never pydantic's own.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        revalidate_instances="always",
        use_attribute_docstrings=True,
        validate_default=True,
    )

    def __init__(self, /, *args: Any, **data: Any) -> None:
        if args:
            from sitrep.errors import BriefError

            name = type(self).__name__
            raise BriefError.single(
                f"{name}() takes its fields as keywords (expected {name}(field=value, ...), "
                f"or {name}.model_validate(mapping) for a dict)"
            )
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise _brief_error(error, type(self), data) from None

    # Pydantic calls a model's own __init__ for nested data unless it is marked as the base one;
    # nested errors must stay pydantic's so that the outer model reports their full path.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    _is_root: ClassVar[bool] = False
    """Whether a model of this class is a whole brief, found again when a part is assigned to;
    such a class calls `register_root` from its `model_post_init`."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            super().__setattr__(name, value)  # private attributes are not fields
            return
        before = dict(self.__dict__)
        root, where = _root_of(self)
        try:
            with root._assignment_scope():
                super().__setattr__(name, value)
        except ValidationError as error:
            # A failing model check runs after the field is stored: put the old value back.
            self.__dict__.clear()
            self.__dict__.update(before)
            raise _brief_error(error, type(root), None, where) from None
        if root is not self:
            # A nested change can break a rule of the whole brief (a citation of an unknown
            # source, a likelihood off the brief's scale): check the brief as a file is checked.
            try:
                type(root).model_validate(root)
            except Exception:
                self.__dict__.clear()
                self.__dict__.update(before)
                raise

    def __delattr__(self, name: str) -> None:
        if name in type(self).model_fields:
            from sitrep.errors import BriefError

            raise BriefError.single(
                f"a field cannot be deleted (expected an assignment instead, such as "
                f"{name} = None for an optional field, or [] for a list)",
                path=name,
            )
        super().__delattr__(name)

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        if copied._is_root:
            register_root(copied)
        return copied

    def __setstate__(self, state: dict[Any, Any]) -> None:
        super().__setstate__(state)
        if self._is_root:
            register_root(self)  # an unpickled brief

    def _assignment_scope(self) -> AbstractContextManager[None]:
        """The context a nested model is validated in when this model is the root (the brief
        sets its likelihood scale)."""
        return nullcontext()

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        try:
            return super().model_validate(obj, **options)
        except ValidationError as error:
            raise _brief_error(error, cls, obj) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        try:
            return super().model_validate_json(json_data, **options)
        except ValidationError as error:
            raise _brief_error(error, cls, None) from None

    @classmethod
    def model_validate_strings(cls, obj: Any, **options: Any) -> Self:
        try:
            return super().model_validate_strings(obj, **options)
        except ValidationError as error:
            raise _brief_error(error, cls, obj) from None


def _brief_error(
    error: ValidationError, model: type[BaseModel], data: Any, where: tuple[str | int, ...] = ()
) -> Exception:
    from sitrep.model.problems import brief_error

    return brief_error(error, model, data=data, prefix=where)


# The briefs alive in this process: a nested model is found in them when it is assigned to, so
# that the error names its full path (key_judgments[0].likelihood) and the whole brief is checked.
# Kept outside the models (equality, copies and pickles are unchanged) and looked up only on
# assignment, so validation pays nothing for it.
_ROOTS: dict[int, weakref.ref[StrictModel]] = {}


def register_root(model: StrictModel) -> None:
    key = id(model)
    _ROOTS[key] = weakref.ref(model, lambda _: _ROOTS.pop(key, None))


def _path_to(
    holder: Any, target: StrictModel, path: tuple[str | int, ...]
) -> tuple[str | int, ...] | None:
    if holder is target:
        return path
    if isinstance(holder, StrictModel):
        for name, value in holder.__dict__.items():
            if isinstance(value, (StrictModel, list)):
                found = _path_to(value, target, (*path, name))
                if found is not None:
                    return found
    elif isinstance(holder, list):
        for index, item in enumerate(holder):
            if isinstance(item, (StrictModel, list)):
                found = _path_to(item, target, (*path, index))
                if found is not None:
                    return found
    return None


def _root_of(model: StrictModel) -> tuple[StrictModel, tuple[str | int, ...]]:
    """The brief that holds `model` (the newest, if several share it) and the path to it;
    `model` itself when no brief holds it (never put in one, or taken out of its list)."""
    if model._is_root:
        return model, ()
    for ref in reversed(list(_ROOTS.values())):
        root = ref()
        found = None if root is None else _path_to(root, model, ())
        if root is not None and found is not None:
            return root, found
    return model, ()


class StringForm:
    """Mixin for models that may also be written as one string; the JSON Schema says so."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}
