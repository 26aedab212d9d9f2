"""Slowing down password guessing: a per-address lockout that grows with each failure.

Sans-I/O (the clock is passed in): ``wait(address, now)`` is how many seconds that address must
still wait before its next try counts (0: go ahead), ``failed``/``succeeded`` record the outcome.
The first ``free`` failures cost nothing, so a typo never locks anyone out; after that each
failure doubles the lockout, from ``base`` up to ``cap`` seconds. At most ``max_addresses`` are
remembered (the oldest forgotten first), so a flood of addresses cannot grow memory.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["LoginThrottle"]


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    def __init__(
        self,
        *,
        free: int = 5,
        base: float = 1.0,
        cap: float = 60.0,
        max_addresses: int = 10_000,
    ) -> None:
        self.free = free
        self.base = base
        self.cap = cap
        self.max_addresses = max_addresses
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def wait(self, address: str, now: float) -> float:
        record = self._records.get(address)
        if record is None:
            return 0.0
        return max(0.0, record.locked_until - now)

    def failed(self, address: str, now: float) -> None:
        record = self._records.pop(address, None) or _Record()
        record.failures += 1
        over = record.failures - self.free
        if over > 0:
            record.locked_until = now + min(self.cap, self.base * 2 ** (over - 1))
        self._records[address] = record
        while len(self._records) > self.max_addresses:
            self._records.popitem(last=False)

    def succeeded(self, address: str) -> None:
        self._records.pop(address, None)

    def __len__(self) -> int:
        return len(self._records)
