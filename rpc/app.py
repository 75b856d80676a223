"""The aiohttp application, wired as aiohttp-demos does it: `create_app(config)` builds
it, typed state lives under `web.AppKey`s, and the writer and the read connection are
opened and closed by `cleanup_ctx`. Both JSON-RPC endpoints run one request pipeline
(rpc.pipeline), each in its facade's dialect."""
from __future__ import annotations

import asyncio
import dataclasses
import gc
from dataclasses import dataclass
from typing import AsyncIterator

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from eventstore import reader
from eventstore.schema import connect, is_postgres
from eventstore.backends import open_blobs, open_change_probe, open_recorder
from eventstore.memory import release_free_memory
from eventstore import world_snapshot
from eventstore.writer import Snapshots, Writer
from projections.projector import Projector, Projectors, VERSIONS, checkpoints
from projections.snapshots import ProjectSnapshotter
from projections.queries import Reads
from rpc import kanboard, leantime
from rpc.auth import Authenticator
from rpc.body import continue_later
from rpc.bootstrap import bootstrap
from rpc.kanboard.endpoint import KanboardDialect
from rpc.leantime.endpoint import LeantimeDialect
from rpc.limits import Limits
from rpc.metrics import Metrics, authorized
from rpc.follow import follow
from rpc.offload import pool_for
from rpc.pipeline import Handler, Pipeline, correlated
from rpc.supervisor import watch_parent
from rpc.state import METRICS, SERVICES, Services

KANBOARD_PATHS = ("/jsonrpc.php", "/jsonrpc")
# /api/jsonrpc in any letter case, with or without a trailing slash, as Leantime matches it.
LEANTIME_PATH = "/{path:[Aa][Pp][Ii]/[Jj][Ss][Oo][Nn][Rr][Pp][Cc]/?}"
DEFAULT_MAX_BODY = 16 * 1024 * 1024
# The largest file content (decoded); its base64 (4/3 as long) fits a default-sized body.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    db_path: str = "boardlog.db"
    max_body: int = DEFAULT_MAX_BODY
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    api_token: str | None = None
    admin_password: str | None = None
    announce: bool = True  # print first-start credentials
    auto_rebuild: bool = True
    # Bearer token /metrics and /health ask for (None: open to whoever reaches the port)
    monitor_token: str | None = None
    chain_key: bytes | None = None  # keys the hash chain (HMAC-SHA256); never stored
    snapshot_every: int = world_snapshot.EVERY  # events between snapshots of the world
    supervisor_pid: int | None = None  # a worker of `serve --workers`: its supervisor
    # what one request may cost (rpc.limits)
    max_batch: int = Limits.max_batch
    max_answer: int = Limits.max_answer
    max_text: int = Limits.max_text
    max_depth: int = Limits.max_depth
    unauthenticated_body: int = Limits.unauthenticated_body
    read_timeout: float = Limits.read_timeout
    idle_timeout: float = Limits.idle_timeout

    def limits(self) -> Limits:
        return Limits(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Limits)})


def server_options(config: Config) -> dict:
    """aiohttp's connection settings (for web.run_app or web.AppRunner): a connection that
    sends no complete request headers within the idle timeout is closed; bodies are read
    as sent, whatever their Content-Encoding says, as PHP reads them for Kanboard and
    Leantime (no decompression bomb, no half-decoded body)."""
    return {"keepalive_timeout": config.idle_timeout, "auto_decompress": False}


CONFIG = web.AppKey("config", Config)
WRITER = web.AppKey("writer", Writer)


async def start_writer(config: Config) -> tuple[Writer, list[str]]:
    """The started writer and, on a new database, the lines announcing the first-start
    token and admin user it created. A worker of `serve --workers` leaves that to its
    supervisor: restarted, it must not set BOARDLOG_API_TOKEN's token over one rotated
    since the supervisor started."""
    writer = Writer(open_recorder(config.db_path, config.chain_key),
                    Projectors(Projector(config.auto_rebuild), ProjectSnapshotter()),
                    Snapshots(every=config.snapshot_every))
    writer.start()
    if config.supervisor_pid is not None:
        return writer, []
    try:
        return writer, await bootstrap(writer, config.api_token, config.admin_password)
    except BaseException:
        await writer.close()
        raise


def announce(config: Config, lines: list[str]) -> None:
    if config.announce:
        for line in lines:
            print(line, flush=True)


async def prepare(config: Config) -> None:
    """The one-time work of a start, done before `serve --workers` starts its workers:
    the log created, projections set up (or rebuilt), the first-start credentials made
    and announced; the world snapshot kept at the writer's stop makes their starts quick."""
    writer, lines = await start_writer(config)
    await writer.close()
    announce(config, lines)
    del writer  # the supervisor lives as long as its workers: not with a world it dropped
    gc.collect()
    release_free_memory()


async def open_writer(app: web.Application) -> AsyncIterator[None]:
    """The one writer; on a new database, the first-start token and admin user."""
    config = app[CONFIG]
    writer, lines = await start_writer(config)
    announce(config, lines)
    app[WRITER] = writer
    yield
    await writer.close()  # drains the queue: every acknowledged write is committed


async def watching_supervisor(app: web.Application) -> AsyncIterator[None]:
    """A worker of `serve --workers` stops itself once its supervisor is gone."""
    watch = asyncio.get_running_loop().create_task(watch_parent(app[CONFIG].supervisor_pid))
    yield
    watch.cancel()


async def open_services(app: web.Application) -> AsyncIterator[None]:
    """The read connection, the authenticator and what the handlers share."""
    writer = app[WRITER]
    auth = Authenticator(lambda: writer.world, writer.execute)
    writer.listeners.append(auth.on_events)
    read_conn = connect(app[CONFIG].db_path)
    config = app[CONFIG]
    services = app[SERVICES] = Services(writer, Reads(read_conn), auth, config.db_path,
                                        blobs=open_blobs(config.db_path),
                                        max_file_size=config.max_file_size,
                                        offload=pool_for(config.db_path),
                                        probe=open_change_probe(config.db_path))
    writer.listeners.append(services.answers.follow(lambda: writer.world))
    app[METRICS].watch(lambda: status_of(services))
    following = (asyncio.create_task(follow(config.db_path, services.catch_up))
                 if is_postgres(config.db_path) else None)
    yield
    if following:
        following.cancel()
        await asyncio.gather(following, return_exceptions=True)
    services.probe.close()
    read_conn.close()


async def release_start_up_memory(app: web.Application) -> None:
    """What the start freed (the world snapshot's bytes and decoded tuples, the fold's
    temporaries) back to the system, not kept by the allocator for the server's life."""
    release_free_memory()


def monitored(handler: Handler) -> Handler:
    """/health and /metrics, behind the operator's bearer token if one is set."""
    async def answer(request: web.Request) -> web.StreamResponse:
        if not authorized(request.app[CONFIG].monitor_token,
                          request.headers.get("Authorization")):
            return web.json_response({"error": "this route needs the monitoring token"},
                                     status=401, headers={"WWW-Authenticate": "Bearer"})
        return await handler(request)

    return answer


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
    return web.Response(body=request.app[METRICS].render(),
                        headers={"Content-Type": CONTENT_TYPE_LATEST})


def setup_routes(app: web.Application) -> None:
    limits = app[CONFIG].limits()
    kanboard_rpc = Pipeline(KanboardDialect(kanboard.load(), limits))
    leantime_rpc = Pipeline(LeantimeDialect(leantime.load(), limits))
    for path in KANBOARD_PATHS:
        app.router.add_route("*", path, correlated(kanboard_rpc.handle),
                             expect_handler=continue_later)
    app.router.add_route("*", LEANTIME_PATH, correlated(leantime_rpc.handle),
                         expect_handler=continue_later)
    app.router.add_get("/health", correlated(monitored(health)))
    app.router.add_get("/metrics", correlated(monitored(metrics)))


def create_app(config: Config) -> web.Application:
    app = web.Application(client_max_size=config.max_body)
    app[CONFIG] = config
    app[METRICS] = Metrics()
    app.cleanup_ctx.append(open_writer)
    app.cleanup_ctx.append(open_services)
    if config.supervisor_pid is not None:
        app.cleanup_ctx.append(watching_supervisor)
    app.on_startup.append(release_start_up_memory)
    setup_routes(app)
    return app
