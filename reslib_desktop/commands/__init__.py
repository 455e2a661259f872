"""Command groups of `reslib`, one module each (see cli.COMMAND_MODULES)."""
