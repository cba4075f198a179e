"""Every way a Web API call fails, made real by the fake Slack (or the resolver) and read by a real
slack_sdk client: classify() sorts each into retry-later or give-up and never raises."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fake_slack import BOT_TOKEN, SHAPES, FakeSlack, SpecChecker
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.failures import Permanent, Transient, classify, retry_after


@pytest.fixture
async def slack(spec: SpecChecker) -> AsyncIterator[FakeSlack]:
    server = FakeSlack(spec)
    server.slow_seconds = 1.5
    await server.start()
    yield server
    await server.stop()


def client(base_url: str, timeout: int = 1) -> AsyncWebClient:
    return AsyncWebClient(token=BOT_TOKEN, base_url=base_url, timeout=timeout)


async def failed_post(fake: FakeSlack, **failure: object) -> BaseException:
    """What chat.postMessage raises when the fake answers in ``failure``'s shape."""
    fake.fail_next("chat.postMessage", **failure)
    with pytest.raises(Exception) as caught:
        await client(fake.api_url).chat_postMessage(channel="C0NEWS", text="x")
    return caught.value


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        ({"status": 500}, "server:internal_error"),
        ({"shape": "text", "status": 500}, "server:http_500"),
        ({"shape": "text", "status": 200, "apply": True}, "unknown:"),
        ({"shape": "html", "status": 503}, "server:http_503"),
        ({"shape": "empty", "status": 502}, "server:http_502"),
        ({"shape": "truncated", "apply": True}, "unknown:http_200"),
        ({"shape": "reset", "apply": True}, "network:"),
        ({"shape": "slow", "apply": True, "delay": 1.5}, "network:timeout"),
        ({"shape": "unknown"}, "unknown:a_new_error_nobody_knows_yet"),
    ],
    ids=lambda v: f"{v.get('shape', 'json')}-{v.get('status', 200)}" if isinstance(v, dict) else str(v),
)
async def test_each_failure_shape_is_transient_and_never_raised(
    slack: FakeSlack, failure: dict[str, object], code: str
) -> None:
    outcome = classify(await failed_post(slack, **failure))
    assert isinstance(outcome, Transient)
    assert outcome.code.startswith(code), outcome.code


def test_every_shape_of_the_fake_is_covered_above() -> None:
    assert set(SHAPES) == {"json", "text", "html", "empty", "truncated", "reset", "slow", "unknown"}


async def test_a_rate_limit_keeps_slacks_retry_after(slack: FakeSlack) -> None:
    outcome = classify(await failed_post(slack, status=429, retry_after=7))
    assert isinstance(outcome, Transient) and outcome.code == "ratelimited" and outcome.delay == 7.0


async def test_a_documented_permanent_error_gives_up_at_once(slack: FakeSlack) -> None:
    outcome = classify(await failed_post(slack, error="not_in_channel"))
    assert isinstance(outcome, Permanent) and outcome.code == "not_in_channel"


async def test_a_dns_failure_is_a_transient_network_failure() -> None:
    with pytest.raises(Exception) as caught:
        await client("http://factbot-no-such-host.invalid/api/", timeout=5).chat_postMessage(
            channel="C0NEWS", text="x"
        )
    outcome = classify(caught.value)
    assert isinstance(outcome, Transient) and outcome.code.startswith("network:"), outcome.code


async def test_a_refused_connection_is_a_transient_network_failure(slack: FakeSlack) -> None:
    url = slack.api_url
    await slack.stop()
    with pytest.raises(Exception) as caught:
        await client(url).chat_postMessage(channel="C0NEWS", text="x")
    outcome = classify(caught.value)
    assert isinstance(outcome, Transient) and outcome.code.startswith("network:"), outcome.code


class _Broken:
    """A response object whose every attribute raises: classify must still answer."""

    def __getattr__(self, name: str) -> object:
        raise RuntimeError(name)


@pytest.mark.parametrize(
    "exc",
    [KeyError("ts"), AttributeError("'str' object has no attribute 'get'"), ValueError("binary data")],
    ids=["KeyError", "AttributeError", "ValueError"],
)
def test_a_bug_or_an_unreadable_answer_is_retried_as_possibly_posted(exc: BaseException) -> None:
    outcome = classify(exc)
    assert isinstance(outcome, Transient) and outcome.code == f"unknown:{type(exc).__name__}"


def test_a_response_that_cannot_even_be_read_is_still_classified() -> None:
    from slack_sdk.errors import SlackApiError

    outcome = classify(SlackApiError("broken", _Broken()))
    assert isinstance(outcome, Transient) and outcome.code.startswith("unknown:")


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [({"Retry-After": "3"}, 3.0), ({"retry-after": "0"}, 0.0), ({"Retry-After": "soon"}, None), (None, None)],
)
def test_retry_after_reads_seconds_and_ignores_anything_else(
    headers: dict[str, str] | None, seconds: float | None
) -> None:
    assert retry_after(headers) == seconds


async def test_the_fake_records_an_applied_failure_as_posted(slack: FakeSlack) -> None:
    """A failure "after the work" leaves the message in the channel: the case that needs a look-up."""
    await failed_post(slack, shape="reset", apply=True)
    assert len(slack.messages["C0NEWS"]) == 1
    assert slack.calls[-1].failed == "applied-but-reset-200"


async def test_the_fake_in_chaos_draws_every_shape(spec: SpecChecker) -> None:
    fake = FakeSlack(spec)
    fake.chaos, fake.fail_rate = True, 1.0
    drawn = {fake.random_shape().shape for _ in range(400)}
    assert drawn == set(SHAPES)
