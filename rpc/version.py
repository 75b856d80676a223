"""The version both facades report: what Kanboard 1.2.53 built from its source tree
without git metadata reports (app/constants.php, build_app_version), which is also what
Kanboard's own API test suite (tests/integration/AppProcedureTest) expects. A build from
a git checkout says `main.<commit>` instead: the replay allows that one difference
(compat/allowed.py, "build-version")."""

VERSION = "main.unknown_revision"
