"""Running an app: sessions, the queue and its backends, jobs, execution, streaming, batching,
the file store and the sans-I/O connection state machine. No HTTP here.
"""

__all__: list[str] = []
