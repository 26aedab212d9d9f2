"""The login throttle: free tries, then a lockout that doubles, per address, bounded."""

from blocks.server.throttle import LoginThrottle


def test_the_first_failures_are_free_and_then_the_lockout_doubles_up_to_the_cap():
    throttle = LoginThrottle(free=2, base=1.0, cap=4.0)
    for _ in range(2):
        throttle.failed("a", now=0.0)
        assert throttle.wait("a", now=0.0) == 0.0
    waits = []
    for _ in range(4):
        throttle.failed("a", now=100.0)
        waits.append(throttle.wait("a", now=100.0))
    assert waits == [1.0, 2.0, 4.0, 4.0]
    assert throttle.wait("a", now=103.5) == 0.5
    assert throttle.wait("a", now=104.0) == 0.0


def test_a_success_forgets_the_address_and_other_addresses_are_not_affected():
    throttle = LoginThrottle(free=0)
    throttle.failed("a", now=0.0)
    assert throttle.wait("a", now=0.0) > 0
    assert throttle.wait("b", now=0.0) == 0.0
    throttle.succeeded("a")
    assert throttle.wait("a", now=0.0) == 0.0


def test_memory_is_bounded_by_forgetting_the_oldest_addresses():
    throttle = LoginThrottle(max_addresses=100)
    for index in range(1000):
        throttle.failed(f"10.0.{index // 256}.{index % 256}", now=0.0)
    assert len(throttle) == 100
