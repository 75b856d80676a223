"""The version both facades report. Kanboard built from a git checkout reports
`<branch>.<commit>` (app/constants.php, build_app_version); boardlog claims the very build
it is checked against (compat/), Kanboard 1.2.53's main at 2cba210db, so clients that
parse the version see the API they get."""

VERSION = "main.2cba210dbad4e110d4efdec97d71a38b5df48dad"
