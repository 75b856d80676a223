"""Scripted scenarios: fixed call lists for procedures the random generator does not
cover yet, recorded against the real Kanboard like any workload (`compat.scenario`)."""
