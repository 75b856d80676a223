"""Read models built from the event log: their tables, checkpoints and rebuild."""
