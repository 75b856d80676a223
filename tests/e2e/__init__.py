"""End-to-end tests: a real server on a loopback port, spoken to over HTTP."""
