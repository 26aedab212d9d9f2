"""LoginButton: the reference's "Sign in with Hugging Face" button, which Blocks cannot offer.

It needs an OAuth identity provider (Hugging Face Spaces) that Blocks does not have, so making
one fails at once with what to use instead, rather than showing a button that cannot work.
"""

from __future__ import annotations

from typing import Any, NoReturn

from blocks.exceptions import GraphError

__all__ = ["LoginButton"]

MESSAGE = (
    "gr.LoginButton signs users in through an OAuth identity provider (Hugging Face), which "
    "Blocks does not have. To put a login in front of the app, use "
    "demo.launch(auth=[('user', 'password')]) or auth=check_fn (Blocks' own login page, see "
    "docs/security.md); a listener reads the user's name from gr.Request().username."
)


class LoginButton:
    """Not supported: raises GraphError explaining that Blocks has no identity provider and
    that ``launch(auth=...)`` is the way to ask users to log in."""

    def __init__(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise GraphError(MESSAGE)
