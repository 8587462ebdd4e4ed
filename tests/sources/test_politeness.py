"""The per-host gate on a fake clock: gaps, deferral, Crawl-delay, hosts apart."""

from __future__ import annotations

import threading

import pytest

from legation.sources.politeness import Politeness, host_of


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


def _starts(gate: Politeness, clock: FakeClock, host: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        with gate.slot(host):
            times.append(clock.now)
    return times


def test_gap_between_requests_to_one_host() -> None:
    clock = FakeClock()
    gate = Politeness(1.0, 2, clock=clock, sleep=clock.sleep)
    assert _starts(gate, clock, "a.test", 3) == [100.0, 101.0, 102.0]


def test_hosts_do_not_wait_for_each_other() -> None:
    clock = FakeClock()
    gate = Politeness(1.0, 1, clock=clock, sleep=clock.sleep)
    with gate.slot("a.test"):
        pass
    with gate.slot("b.test"):
        assert clock.now == 100.0


def test_defer_and_crawl_delay() -> None:
    clock = FakeClock()
    gate = Politeness(0.5, 1, max_delay=10.0, clock=clock, sleep=clock.sleep)
    with gate.slot("a.test"):
        pass
    gate.defer("a.test", 5.0)
    with gate.slot("a.test"):
        assert clock.now == 105.0
    gate.ask_delay("a.test", 60.0)  # capped
    assert gate.delay_of("a.test") == 10.0
    gate.ask_delay("a.test", 0.1)  # never shorter than configured
    assert gate.delay_of("a.test") == 10.0
    assert gate.delay_of("b.test") == 0.5


def test_concurrency_cap_blocks_a_third_request() -> None:
    gate = Politeness(0.0, 2)
    entered = threading.Semaphore(0)
    release = threading.Event()

    def hold() -> None:
        with gate.slot("a.test"):
            entered.release()
            release.wait(5)

    threads = [threading.Thread(target=hold) for _ in range(3)]
    for thread in threads:
        thread.start()
    assert entered.acquire(timeout=2)
    assert entered.acquire(timeout=2)
    assert not entered.acquire(timeout=0.2)  # the third waits for a place
    release.set()
    assert entered.acquire(timeout=2)
    for thread in threads:
        thread.join(5)


def test_bad_settings_and_host_keys() -> None:
    with pytest.raises(ValueError, match="concurrency"):
        Politeness(1.0, 0)
    assert host_of("https://Example.org:8443/x?y") == "example.org:8443"
