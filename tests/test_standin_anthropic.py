"""The Messages API stand-in, driven by the real `anthropic` SDK over HTTP."""

import time
from concurrent.futures import ThreadPoolExecutor

import anthropic
import pytest

from testkit.standins.anthropic_api import MessagesStandIn, Reply, min_cacheable_tokens

MODEL = "claude-haiku-4-5"
HELLO = [{"role": "user", "content": "Hello"}]
TRANSFER_TOOL = {
    "name": "transfer_call",
    "description": "Transfer the caller to a department.",
    "input_schema": {"type": "object", "properties": {"department": {"type": "string"}}},
}


@pytest.fixture
def api():
    with MessagesStandIn() as standin:
        yield standin


@pytest.fixture
def client(api):
    # No retries, so a scripted failure reaches the test instead of being absorbed by the SDK;
    # strict validation, so a reply that does not match the SDK's schema fails the test.
    with anthropic.Anthropic(
        api_key="test", base_url=api.url, max_retries=0, timeout=5, _strict_response_validation=True
    ) as sdk:
        yield sdk


def ask(client, **params):
    return client.messages.create(**{"model": MODEL, "max_tokens": 256, "messages": HELLO, **params})


def long_system_prompt(tokens: int) -> list[dict]:
    """A cache-marked system prompt of about `tokens` tokens (four characters a token)."""
    text = ("Answer each caller politely. " * tokens)[: tokens * 4]
    return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]


def test_text_reply_reaches_the_sdk_as_a_message(api, client):
    api.reply_text("Hi, how can I help?")

    message = ask(client)

    assert message.content[0].text == "Hi, how can I help?"
    assert message.stop_reason == "end_turn"
    assert message.model == MODEL
    assert message.id.startswith("msg_")


def test_unscripted_request_gets_the_default_reply(client):
    assert ask(client).content[0].text == "Default reply."


def test_tool_reply_carries_its_parsed_input(api, client):
    api.reply_tool("transfer_call", {"department": "sales"})

    message = ask(client, tools=[TRANSFER_TOOL])

    assert message.stop_reason == "tool_use"
    tool_use = message.content[0]
    assert (tool_use.type, tool_use.name, tool_use.input) == (
        "tool_use",
        "transfer_call",
        {"department": "sales"},
    )
    assert tool_use.id.startswith("toolu_")


def test_server_error_raises_internal_server_error(api, client):
    api.fail(500)

    with pytest.raises(anthropic.InternalServerError) as raised:
        ask(client)

    assert (raised.value.status_code, raised.value.type) == (500, "api_error")


def test_overload_raises_a_status_error_of_type_overloaded(api, client):
    api.fail(529)

    with pytest.raises(anthropic.APIStatusError) as raised:
        ask(client)

    assert (raised.value.status_code, raised.value.type) == (529, "overloaded_error")
    assert raised.value.request_id.startswith("req_")


def test_one_overload_is_survived_with_one_retry(api, client):
    api.fail(529, retry_after=0.01)

    message = ask(client.with_options(max_retries=1))

    assert message.content[0].text == "Default reply."
    assert [request.headers["x-stainless-retry-count"] for request in api.requests] == ["0", "1"]


def test_hang_longer_than_the_client_timeout_raises_timeout(api, client):
    api.hang()

    with pytest.raises(anthropic.APITimeoutError):
        ask(client.with_options(timeout=0.3))


def test_html_error_page_from_a_proxy_raises_internal_server_error(api, client):
    api.garbage(status=502)

    with pytest.raises(anthropic.InternalServerError):
        ask(client)


def test_html_body_with_status_200_fails_strict_validation(api, client):
    api.garbage()

    with pytest.raises(anthropic.APIResponseValidationError):
        ask(client)


def test_lenient_client_hands_back_an_html_body_as_a_string(api):
    api.garbage()

    with anthropic.Anthropic(api_key="test", base_url=api.url, max_retries=0) as lenient:
        assert ask(lenient) == "<html>oops</html>"


def test_streamed_text_arrives_in_pieces(api, client):
    api.reply_text("Thanks for calling, how can I help?", chunk_delay=0.01)

    with client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()

    assert len(pieces) > 1
    assert "".join(pieces) == "Thanks for calling, how can I help?"
    assert final.stop_reason == "end_turn"


def test_streamed_text_can_come_a_few_characters_a_delta_as_the_api_sends_it(api, client):
    api.reply_text("We open at eight.", piece_chars=4)

    with client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO) as stream:
        pieces = list(stream.text_stream)

    assert pieces == ["We o", "pen ", "at e", "ight", "."]


def test_a_stream_that_breaks_off_raises_the_error_event_after_its_first_words(api, client):
    api.break_off("We open at eight. On Sat")
    heard = []

    with (
        pytest.raises(anthropic.APIStatusError) as failure,
        client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO) as stream,
    ):
        heard.extend(stream.text_stream)

    assert "".join(heard) == "We open at eight. On Sat"
    assert failure.value.body["error"]["type"] == "overloaded_error"


def test_a_broken_answer_asked_without_streaming_is_an_http_error(api, client):
    api.break_off("We open at eight.")

    with pytest.raises(anthropic.OverloadedError):
        ask(client)


def test_streamed_tool_use_assembles_its_input(api, client):
    api.reply_tool("transfer_call", {"department": "billing"}, text="One moment.")

    with client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO, tools=[TRANSFER_TOOL]) as stream:
        final = stream.get_final_message()

    assert [block.type for block in final.content] == ["text", "tool_use"]
    assert final.content[1].input == {"department": "billing"}
    assert final.stop_reason == "tool_use"


def test_create_with_stream_true_yields_the_documented_event_sequence(client):
    events = [event.type for event in ask(client, stream=True)]

    assert events[:2] == ["message_start", "content_block_start"]
    assert set(events[2:-3]) == {"content_block_delta"}
    assert events[-3:] == ["content_block_stop", "message_delta", "message_stop"]


def test_cacheable_prefix_is_written_once_then_read(client):
    system = long_system_prompt(min_cacheable_tokens(MODEL) + 100)

    first = ask(client, tools=[TRANSFER_TOOL], system=system).usage
    second = ask(client, tools=[TRANSFER_TOOL], system=system).usage

    assert first.cache_creation_input_tokens > min_cacheable_tokens(MODEL)
    assert first.cache_read_input_tokens == 0
    assert second.cache_read_input_tokens == first.cache_creation_input_tokens
    assert second.cache_creation_input_tokens == 0
    assert second.input_tokens == first.input_tokens


def test_prefix_below_the_model_minimum_is_not_cached(client):
    system = long_system_prompt(min_cacheable_tokens(MODEL) // 2)

    usages = [ask(client, system=system).usage for _ in range(2)]

    assert [(u.cache_creation_input_tokens, u.cache_read_input_tokens) for u in usages] == [(0, 0), (0, 0)]


def test_next_turn_reads_the_cache_written_by_the_previous_turn(client):
    system = long_system_prompt(min_cacheable_tokens(MODEL) + 100)
    marked = {"type": "ephemeral"}
    turn_one = [{"role": "user", "content": [{"type": "text", "text": "Hello", "cache_control": marked}]}]
    turn_two = [
        {"role": "user", "content": [{"type": "text", "text": "Hello"}]},
        {"role": "assistant", "content": "Hi, how can I help?"},
        {"role": "user", "content": [{"type": "text", "text": "Sales, please.", "cache_control": marked}]},
    ]

    first = ask(client, system=system[:1], messages=turn_one).usage
    second = ask(client, system=system[:1], messages=turn_two).usage

    assert second.cache_read_input_tokens == first.cache_creation_input_tokens
    assert 0 < second.cache_creation_input_tokens < first.cache_creation_input_tokens


def test_requests_are_recorded_with_body_and_headers(api, client):
    ask(client, system="Be brief.")

    (request,) = api.requests
    assert request.path == "/v1/messages"
    assert request.body["system"] == "Be brief."
    assert request.body["messages"] == HELLO
    assert "anthropic-version" in request.headers


def test_tool_use_without_a_tool_result_is_rejected(client):
    unanswered = [
        {"role": "user", "content": "Put me through to sales."},
        {
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_1", "name": "transfer_call", "input": {}}],
        },
        {"role": "user", "content": "Hello?"},
    ]

    with pytest.raises(anthropic.BadRequestError, match="tool_result"):
        ask(client, messages=unanswered, tools=[TRANSFER_TOOL])


def test_request_without_an_api_key_is_rejected(api, client):
    # The SDK always sends its key; omitting the header is the only way to send none.
    keyless = client.with_options(default_headers={"Authorization": anthropic.Omit()})

    with pytest.raises(anthropic.AuthenticationError):
        ask(keyless)


def test_slow_requests_are_answered_concurrently(api, client):
    api.responder(lambda body: Reply.text("ok", delay=0.5))

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(lambda _: ask(client).content[0].text, range(20)))

    assert replies == ["ok"] * 20
    assert time.monotonic() - started < 2.5  # one after another would take 10 s
