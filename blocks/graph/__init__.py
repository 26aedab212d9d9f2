"""The app's graph: blocks, layouts, listeners (dependencies), updates, the config, and the
one signature module (fn kinds and argument injection). Knows nothing of the runtime or server.
"""

__all__: list[str] = []
