"""The API reference page's content, read from the generated OpenAPI document."""

from __future__ import annotations

from typing import Any

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _resolve(spec: dict[str, Any], item: dict[str, Any], section: str) -> dict[str, Any]:
    if "$ref" in item:
        return spec.get("components", {}).get(section, {}).get(_ref_name(item["$ref"]), {})
    return item


def type_label(schema: dict[str, Any]) -> str:
    """A short human label for a JSON schema: ``string``, ``array of Need``, ``Problem``."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " | ".join(str(k) for k in kind)
    if kind == "array":
        return "array of " + type_label(schema.get("items", {}))
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(v) for v in schema["enum"] if v is not None)
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return str(kind)


def _content_schema(spec: dict[str, Any], body: dict[str, Any]) -> tuple[str, str]:
    for media, content in body.get("content", {}).items():
        return media, type_label(content.get("schema", {}))
    return "", ""


def describe(spec: dict[str, Any]) -> dict[str, Any]:
    """Operations (method, path, summary, parameters, body, responses) and schemas."""
    operations = [
        _operation(spec, path, method, item[method], item.get("parameters", []))
        for path, item in spec.get("paths", {}).items()
        for method in METHOD_ORDER
        if item.get(method) is not None
    ]
    info = spec.get("info", {})
    return {
        "title": info.get("title", ""),
        "version": info.get("version", ""),
        "description": info.get("description", ""),
        "openapi": spec.get("openapi", ""),
        "operations": operations,
        "schemas": _schemas(spec),
    }


def _operation(
    spec: dict[str, Any], path: str, method: str, op: dict[str, Any], shared: list[Any]
) -> dict[str, Any]:
    params = []
    for raw in [*shared, *op.get("parameters", [])]:
        p = _resolve(spec, raw, "parameters")
        params.append(
            {
                "name": p.get("name", ""),
                "in": p.get("in", ""),
                "required": bool(p.get("required")),
                "type": type_label(p.get("schema", {})),
                "description": p.get("description", ""),
            }
        )
    body = None
    if "requestBody" in op:
        media, label = _content_schema(spec, _resolve(spec, op["requestBody"], "requestBodies"))
        body = {"media": media, "type": label}
    responses = []
    for code, raw in sorted(op.get("responses", {}).items()):
        r = _resolve(spec, raw, "responses")
        media, label = _content_schema(spec, r)
        responses.append(
            {"code": code, "description": r.get("description", ""), "media": media, "type": label}
        )
    return {
        "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
        "method": method.upper(),
        "path": path,
        "summary": op.get("summary", ""),
        "description": op.get("description", ""),
        "needs_token": bool(op.get("security")),
        "parameters": params,
        "body": body,
        "responses": responses,
    }


def _schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    schemas = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            {
                "name": field,
                "type": type_label(prop),
                "required": field in required,
                "description": prop.get("description", ""),
            }
            for field, prop in schema.get("properties", {}).items()
        ]
        schemas.append({"name": name, "fields": fields})
    return schemas
