"""The version both facades report: what Kanboard built from source says (clients parse it)."""

VERSION = "main.unknown_revision"
