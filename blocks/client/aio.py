"""``blocks.Client`` from async code: ``async with Client(url) as client`` gives this.

The same client, its calls awaitable: ``await client.predict(...)``, ``job = await
client.submit(...)`` then ``await job`` (its result) or ``async for update in job`` (each
StatusUpdate and OutputUpdate, the last output ``final``). Uploads and downloads run in a
worker thread, never on the event loop. Cancelling the awaiting task cancels the job.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from blocks.client.client import Client
    from blocks.client.jobs import Job

__all__ = ["AsyncClient"]


class AsyncClient:
    """Awaitable calls over a connected ``client``."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @property
    def url(self) -> str:
        return self.client.url

    def view_api(
        self,
        all_endpoints: bool | None = None,
        print_info: bool = True,
        return_format: Literal["dict", "str"] | None = None,
    ) -> Any:
        return self.client.view_api(all_endpoints, print_info, return_format)

    async def predict(
        self,
        *args: Any,
        api_name: str | None = None,
        fn_index: int | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> Any:
        """As ``Client.predict``: the final outputs; after ``timeout`` seconds the job is
        cancelled and TimeoutError raised."""
        job = await self.submit(*args, api_name=api_name, fn_index=fn_index, **kwargs)
        try:
            return await asyncio.wait_for(_result(job), timeout)
        except TimeoutError:
            job.cancel()
            raise TimeoutError(
                f"no result from {job.api_name or job.fn_index} within {timeout:g} s: "
                "the job was cancelled"
            ) from None
        except asyncio.CancelledError:
            job.cancel()
            raise

    async def submit(
        self, *args: Any, api_name: str | None = None, fn_index: int | None = None, **kwargs: Any
    ) -> Job:
        """As ``Client.submit`` (its files uploaded in a worker thread)."""
        return await asyncio.to_thread(
            self.client.submit, *args, api_name=api_name, fn_index=fn_index, **kwargs
        )

    async def download(
        self, file_data: dict[str, Any] | str, dest_dir: str | os.PathLike[str] | None = None
    ) -> Path:
        return await asyncio.to_thread(self.client.download, file_data, dest_dir)

    async def reset_session(self) -> None:
        self.client.reset_session()

    async def close(self) -> None:
        await asyncio.to_thread(self.client.close)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def _result(job: Job) -> Any:
    return await job
