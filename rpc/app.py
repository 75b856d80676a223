"""The aiohttp application: routes, per-request correlation ids, shared services."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import AsyncIterator

from aiohttp import web

from eventstore import reader
from eventstore.schema import connect
from eventstore.backends import open_recorder
from eventstore.writer import Writer
from projections.projector import Projector, Projectors, VERSIONS, checkpoints
from projections.snapshots import ProjectSnapshotter
from projections.queries import Reads
from rpc import kanboard, leantime
from rpc.auth import Authenticator
from rpc.bootstrap import bootstrap
from rpc.kanboard.endpoint import KanboardEndpoint
from rpc.leantime.endpoint import LeantimeEndpoint
from rpc.metrics import Metrics
from rpc.state import Services

log = logging.getLogger("boardlog")
SERVICES = web.AppKey("services", Services)
METRICS = web.AppKey("metrics", Metrics)
KANBOARD = web.AppKey("kanboard", KanboardEndpoint)
LEANTIME = web.AppKey("leantime", LeantimeEndpoint)
# /api/jsonrpc in any letter case, with or without a trailing slash, as Leantime matches it.
LEANTIME_PATH = "/{path:[Aa][Pp][Ii]/[Jj][Ss][Oo][Nn][Rr][Pp][Cc]/?}"
DEFAULT_MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    db_path: str = "boardlog.db"
    max_body: int = DEFAULT_MAX_BODY
    api_token: str | None = None
    admin_password: str | None = None
    announce: bool = True  # print first-start credentials
    auto_rebuild: bool = True


def _services(config: Config):
    async def open_and_close(app: web.Application) -> AsyncIterator[None]:
        writer = Writer(open_recorder(config.db_path),
                        Projectors(Projector(config.auto_rebuild), ProjectSnapshotter()))
        writer.start()
        auth = Authenticator(lambda: writer.world)
        writer.listeners.append(auth.on_events)
        for line in await bootstrap(writer, config.api_token, config.admin_password):
            if config.announce:
                print(line, flush=True)
        read_conn = connect(config.db_path)
        services = Services(writer, Reads(read_conn), auth, config.db_path)
        app[SERVICES] = services
        app[KANBOARD] = KanboardEndpoint(services, kanboard.load(), app[METRICS])
        app[LEANTIME] = LeantimeEndpoint(services, leantime.load(), app[METRICS])
        yield
        await writer.close()  # drains the queue: every acknowledged write is committed
        read_conn.close()

    return open_and_close


async def health(request: web.Request) -> web.Response:
    return web.json_response(status_of(request.app[SERVICES]))


def status_of(services: Services) -> dict:
    conn = services.reads.conn
    head = reader.head(conn)[0]
    projections = {name: {"version": version, "code_version": VERSIONS.get(name),
                          "checkpoint": position, "lag": head - position}
                   for name, (version, position) in checkpoints(conn).items()}
    return {"status": "ok", "log_head": head, "projections": projections}


async def metrics(request: web.Request) -> web.Response:
    status = status_of(request.app[SERVICES])
    gauges = {"boardlog_log_head": status["log_head"]}
    for name, p in status["projections"].items():
        gauges[f'boardlog_projection_lag{{projection="{name}"}}'] = p["lag"]
    text = request.app[METRICS].render(gauges)
    return web.Response(text=text, content_type="text/plain", charset="utf-8")


def create_app(config: Config) -> web.Application:
    app = web.Application(client_max_size=config.max_body)
    app[METRICS] = Metrics()
    app.cleanup_ctx.append(_services(config))

    async def kanboard_rpc(request: web.Request) -> web.Response:
        return await request.app[KANBOARD].handle(request)

    async def leantime_rpc(request: web.Request) -> web.Response:
        return await request.app[LEANTIME].handle(request)

    for path in ("/jsonrpc.php", "/jsonrpc"):
        app.router.add_route("*", path, kanboard_rpc)
    app.router.add_route("*", LEANTIME_PATH, leantime_rpc)
    app.router.add_get("/health", health)
    app.router.add_get("/metrics", metrics)
    return app
