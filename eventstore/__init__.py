"""The append-only event log: the recorder contract and its backends, the hash chain,
the one fold, the group-commit writer, readers and transfer."""
