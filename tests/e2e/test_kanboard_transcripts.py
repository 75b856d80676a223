"""Replay the real Kanboard's 185 recorded answers against a fresh boardlog, in order.

Times, tokens and urls are ignored. A handful of pairs are left out on purpose, each
with its reason: there boardlog keeps the seed document's promise or refuses to leak.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADMIN_PASSWORD, TOKEN, Rpc, basic

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "fixtures" / "kanboard-transcripts.jsonl"
TIME_FIELDS = {"date_creation", "date_modification", "date_moved", "last_modified"}

# seq -> why boardlog answers differently from Kanboard on purpose.
DIVERGENCES = {
    104: "seed name getAllowedUsers is served (Kanboard dropped it)",
    105: "seed name allowUser is served",
    106: "seed name revokeUser is served",
    107: "seed name moveColumnUp is served",
    108: "seed name moveColumnDown is served",
    154: "a non-array `tags` is a clear -32602, not Kanboard's HTML 500",
    181: "Kanboard leaks its internal method beforeProcedure",
    182: "Kanboard leaks its protected method filterValues",
}


def normalize(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: normalize(v, k) for k, v in value.items()
                if k not in ("url", "password")}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if key in TIME_FIELDS and isinstance(value, int) and value > 0:
        return "<time>"
    if key == "date_completed" and isinstance(value, int) and value > 0:
        return "<time>"
    if key == "token" and value:
        return "<token>"
    return value


def load() -> list[dict]:
    return [json.loads(line) for line in TRANSCRIPTS.read_text().splitlines() if line.strip()]


def authorization(auth: str | None) -> str | None:
    if auth is None:
        return None
    username, _, password = auth.partition(":")
    password = {"<TOKEN>": TOKEN, "admin": ADMIN_PASSWORD}.get(password, password) \
        if username in ("jsonrpc", "admin") and password in ("<TOKEN>", "admin") else password
    return basic(username, password)


async def replay(rpc: Rpc, pair: dict) -> tuple[int, Any]:
    request = pair["request"]
    headers = {}
    auth = authorization(request["auth"])
    if auth:
        headers["Authorization"] = auth
    url = rpc.url.replace("/jsonrpc.php", "") + request["path"]
    async with rpc.session.request(request["http_method"], url, data=(request["body"] or "").encode(),
                                   headers=headers) as response:
        text = await response.text()
        return response.status, json.loads(text) if text else None


async def test_every_transcript_matches_kanboard(kanboard: Rpc) -> None:
    mismatches = []
    for pair in load():
        if pair["seq"] in DIVERGENCES:
            continue
        status, body = await replay(kanboard, pair)
        expected = pair["response"]
        expected_body = json.loads(expected["body"]) if expected["body"] else None
        if status != expected["status"] or normalize(body) != normalize(expected_body):
            mismatches.append(f"#{pair['seq']} {pair['name']}: got {status} {json.dumps(body)[:600]}"
                              f"\n   want {expected['status']} {json.dumps(expected_body)[:600]}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("seq", sorted(DIVERGENCES))
def test_divergences_name_real_pairs(seq: int) -> None:
    assert any(p["seq"] == seq for p in load())
