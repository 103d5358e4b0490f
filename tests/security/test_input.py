"""Input: every form's text fields have a length limit and refuse control characters;
random Unicode at every form finds no 500 (matrix rows 9, 10; ASVS 2.2)."""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import Length

import app as app_package
from app.forms import NoControlCharacters
from app.startups.forms import TagLimits
from tests.security import world as w


def all_form_classes() -> list[type[FlaskForm]]:
    for module in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(module.name)
    found, stack = [], list(FlaskForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("app."):
            found.append(cls)
    return found


def test_every_text_field_has_a_length_limit_and_refuses_control_characters() -> None:
    problems = []
    forms = all_form_classes()
    assert len(forms) > 5
    for form_class in forms:
        for name in dir(form_class):
            unbound = getattr(form_class, name)
            field_class = getattr(unbound, "field_class", None)
            if not (
                isinstance(field_class, type)
                and issubclass(field_class, (StringField, TextAreaField))
            ):
                continue
            validators = unbound.kwargs.get("validators") or (
                unbound.args[1] if len(unbound.args) > 1 else []
            )
            if any(isinstance(v, TagLimits) for v in validators):
                continue  # tag lists: TagLimits bounds each tag's length and characters
            if not any(isinstance(v, Length) and v.max and v.max > 0 for v in validators):
                problems.append(
                    f"{form_class.__module__}.{form_class.__name__}.{name}: no Length(max)"
                )
            if field_class is not PasswordField and not any(
                isinstance(v, NoControlCharacters) for v in validators
            ):
                problems.append(
                    f"{form_class.__module__}.{form_class.__name__}.{name}: control chars"
                )
    assert not problems, "\n".join(problems)


def test_random_unicode_at_every_form_finds_no_server_error(app: Flask) -> None:
    world = w.build_world()
    role_clients = w.clients(app, world)
    targets = []
    for role in ("visitor", "startup_a", "manufacturer_m", "staff"):
        for rule in w.rules(app, "GET"):
            if w.is_api(rule) or rule.arguments:
                continue
            page = role_clients[role].get(rule.rule)
            if page.status_code == 200 and page.mimetype == "text/html":
                for form in w.forms_in(page.get_data(as_text=True)):
                    action = form.action or rule.rule
                    if not action.startswith(("/logout", "/me/delete")):
                        targets.append((role, action, form))
    assert targets
    failures = []

    for role, action, form in targets:
        fuzz_form(role_clients[role], role, action, form, failures)
    assert not failures, "\n".join(failures[:10])


def fuzz_form(client: object, role: str, action: str, form: w.HtmlForm, failures: list) -> None:
    names = list(form.fields) + list(form.selects) + list(form.checkboxes)

    # Derandomized so a CI run is reproducible; 240 random runs per endpoint found nothing more.
    @settings(
        max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(st.lists(st.text(max_size=300), min_size=len(names), max_size=len(names)))
    def fuzz(values: list[str]) -> None:
        response = client.post(action, data=dict(zip(names, values, strict=True)))  # type: ignore[attr-defined]
        if response.status_code >= 500:
            failures.append(f"{role} POST {action} {values!r} -> {response.status_code}")

    fuzz()
