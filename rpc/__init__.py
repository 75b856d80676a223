"""boardlog's outer layer: aiohttp app, JSON-RPC protocol, auth, procedure tables, CLI."""
