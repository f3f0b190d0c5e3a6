"""The JSON Schema of claim files, generated from the pydantic models.

An editor that knows this schema completes keys and values and underlines
mistakes as a teacher types: a YAML language server reads the comment

    # yaml-language-server: $schema=../docs/claim-file.schema.json

at the top of a claim file (see the README). `docs/claim-file.schema.json`
is a committed copy of `render()`; a test keeps the two equal, and
`argmap export --format schema -o docs/claim-file.schema.json` refreshes it.

The schema says what pydantic alone cannot: a list of ids may be written as
one id (`supports: thesis`), and an argument names exactly one of
`supports`, `attacks` and `undercuts`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from argmap.load import model
from argmap.load.model import ClaimFile

NEEDS_MAP = False  # the schema is the same for every map

TARGETS = ("supports", "attacks", "undercuts")


def _one_or_many_fields(cls: type[BaseModel]) -> list[str]:
    """Fields that accept one value where a list is expected (IdList, TextList)."""
    names = []
    for name, info in cls.model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, BeforeValidator) and meta.func is model._one_or_many:
                names.append(name)
        # The metadata sits on the annotation when the alias is used inside Optional/Annotated.
        for meta in getattr(info.annotation, "__metadata__", ()):
            if isinstance(meta, BeforeValidator) and meta.func is model._one_or_many and name not in names:
                names.append(name)
    return names


def _models() -> dict[str, type[BaseModel]]:
    return {name: obj for name, obj in vars(model).items()
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__}


def schema() -> dict[str, Any]:
    """The claim-file schema as a dict (JSON Schema draft 2020-12)."""
    raw = ClaimFile.model_json_schema(mode="validation")
    defs = raw.get("$defs", {})
    models = _models()
    for name, definition in defs.items():
        cls = models.get(name)
        if cls is None:
            continue
        props = definition.get("properties", {})
        for field_name in _one_or_many_fields(cls):
            prop = props.get(field_name)
            if prop and prop.get("type") == "array":
                many = dict(prop)
                title = many.pop("title", None)
                description = many.pop("description", None)
                default = many.pop("default", None) if "default" in many else None
                new = {"anyOf": [dict(many["items"]), many]}
                if title:
                    new["title"] = title
                new["description"] = ((description + " ") if description else "") + "One item may be written without the list brackets."
                if default is not None:
                    new["default"] = default
                props[field_name] = new
    argument = defs.get("Argument")
    if argument is not None:
        argument["oneOf"] = [
            {"required": [t], "properties": {t: {"type": "string"}}, "title": f"an argument that {t} its target"}
            for t in TARGETS
        ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "argmap claim file",
        "description": "One YAML file in arguments/: the map header, policy options, statements, arguments and evidence. "
                       "Every key is documented in the project README; error codes in docs/errors.md.",
        **{k: v for k, v in raw.items() if k not in {"title", "description"}},
    }


def render(rmap=None) -> str:
    """The schema as formatted JSON (the map, if given, is not needed)."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
