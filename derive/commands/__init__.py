"""Subcommands of the ``derive`` CLI, one module each (see :mod:`derive.cli`)."""
