"""A differential harness: record workloads against the real Kanboard, replay them elsewhere."""
