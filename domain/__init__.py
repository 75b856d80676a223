"""boardlog's domain: commands, events, decisions and invariants. Pure Python, no I/O."""
