"""The application factory: each step is a small named function below."""

from __future__ import annotations

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config, config_for_environment


def create_app(config_class: type[Config] | None = None) -> Flask:
    config_class = config_class or config_for_environment()
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_class)
    config_class.init_app(app)
    app.config["SECRET_KEY"] = config_class.SECRET_KEY

    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    configure_logging(app)
    register_url_converters(app)
    register_extensions(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_cli(app)
    return app


def configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )


def register_url_converters(app: Flask) -> None:
    from app.routing import IdConverter

    # Before any blueprint: rules bind their converters when they are added.
    app.url_map.converters["int"] = IdConverter


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (registers every table with the metadata)
    from app.database import configure_engine_events, engine_options
    from app.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
    from app.i18n import select_locale, select_timezone

    timeout = app.config["DATABASE_TIMEOUT"]
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(app.config["SQLALCHEMY_DATABASE_URI"], timeout),
    )
    db.init_app(app)
    with app.app_context():
        configure_engine_events(db.engine, timeout)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    bootstrap.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from app import jobs
    from app.auth.session import configure_login_manager

    configure_login_manager(login_manager)
    jobs.init_app(app)  # recompute matches after commits that asked for it


def register_blueprints(app: Flask) -> None:
    from app.account import bp as account_bp
    from app.api import bp as api_bp
    from app.auth import bp as auth_bp
    from app.main import bp as main_bp
    from app.manufacturers import bp as manufacturers_bp
    from app.needs import bp as needs_bp
    from app.pairings import bp as pairings_bp
    from app.staff import bp as staff_bp
    from app.startups import bp as startups_bp

    for blueprint in (
        main_bp,
        auth_bp,
        account_bp,
        startups_bp,
        manufacturers_bp,
        needs_bp,
        pairings_bp,
        staff_bp,
    ):
        app.register_blueprint(blueprint)
    app.register_blueprint(api_bp, url_prefix="/api/v1")


def register_request_hooks(app: Flask) -> None:
    from app.hooks import register_request_hooks as register

    register(app)


def register_error_handlers(app: Flask) -> None:
    from app.errors import register_error_handlers as register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from app.templating import register_template_helpers as register

    register(app)


def register_cli(app: Flask) -> None:
    from app.cli import register_commands

    register_commands(app)
