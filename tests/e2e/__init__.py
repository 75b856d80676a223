"""End-to-end tests: a real server over HTTP."""
