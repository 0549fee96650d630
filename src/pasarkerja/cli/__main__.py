"""``python -m pasarkerja.cli``: the same command line as the ``pasarkerja`` script."""

from pasarkerja.cli import app

app()
