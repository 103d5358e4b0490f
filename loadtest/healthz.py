"""The baseline: the same server answering only ``/healthz`` (one SELECT 1)."""

from __future__ import annotations

from locust import HttpUser, constant, events, task


class Probe(HttpUser):
    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="/healthz")


@events.quitting.add_listener
def report(environment, **_kwargs) -> None:
    total = environment.stats.total
    print(
        f"healthz: {total.num_requests} requests, {total.num_failures} failures, "
        f"p50 {total.get_response_time_percentile(0.5):.0f} ms, "
        f"p95 {total.get_response_time_percentile(0.95):.0f} ms, {total.total_rps:.1f} req/s"
    )
