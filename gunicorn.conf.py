"""gunicorn settings for ``make serve``, all from the environment.

WEB_CONCURRENCY  worker processes (default 2)
PORT             port (default 8000); BIND overrides the whole address (default 127.0.0.1)
GUNICORN_THREADS threads per worker (default 1: sync workers)
GUNICORN_TIMEOUT seconds before a stuck worker is restarted (default 30)
APP_ENV          development | production (read by the app itself, see config.py)

Behind a reverse proxy on another host set BIND=0.0.0.0:$PORT and FORWARDED_ALLOW_IPS
to the proxy's address (and let the app apply ProxyFix; see README, Deployment).
"""

import os

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Each worker imports the app after the fork: no database connection crosses a fork.
preload_app = False
max_requests = 2000  # recycle workers now and then, bounding any slow memory growth
max_requests_jitter = 200
wsgi_app = "app:create_app()"

# gunicorn writes "Server: gunicorn" on every response; a neutral name tells a scanner
# nothing about the software behind (issue 13).
import gunicorn.http.wsgi  # noqa: E402 (settings above stay first, as gunicorn documents them)

gunicorn.http.wsgi.SERVER = "iiot-match"
