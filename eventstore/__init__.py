"""The append-only event log: schema, hash chain, writer and readers."""
