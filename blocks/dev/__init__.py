"""The development loop: ``blocks app.py`` runs the app and runs it again when its code
changes (watch.py: what changed; supervisor.py: the app's process; cli.py: the command)."""

__all__: list[str] = []
