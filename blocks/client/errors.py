"""What ``blocks.Client`` raises::

    ClientError               the app answered a call with an error; str() is its message
    ├── AuthenticationError   the app needs a login (``Client(url, auth=(user, password))``)
    │                         or refused the one given
    ├── ConnectionLost        the app went away and did not come back in time, or came back
    │                         without the session a call was running in
    └── JobCancelled          the job was cancelled (also a concurrent.futures.CancelledError,
                              as the reference client's Job raises)

A missing local file is a FileNotFoundError, a result not there in time a TimeoutError, a wrong
call (an unknown endpoint or keyword, a missing argument) a ValueError or TypeError, as Python
raises them.
"""

from __future__ import annotations

import concurrent.futures

from blocks.exceptions import BlocksError

__all__ = ["AuthenticationError", "ClientError", "ConnectionLost", "JobCancelled"]


class ClientError(BlocksError):
    """The app answered an API call with an error; ``str()`` is the app's message."""


class AuthenticationError(ClientError):
    """The app needs a login, or refused the credentials given."""


class ConnectionLost(ClientError):
    """The connection to the app was lost, and with it the outcome of a call."""


class JobCancelled(ClientError, concurrent.futures.CancelledError):
    """The job was cancelled (``job.cancel()``, a timeout, or the app's own ``cancels=``)."""
