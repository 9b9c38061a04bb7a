"""HEAD wherever GET is (RFC 9110: a HEAD is a GET without the body). FastAPI's routes answer only the methods they
declare, so a HEAD of a page, /healthz or a JSON document was a 405; monitors and link checkers send HEAD first."""

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DISCONNECT: Message = {"type": "http.disconnect"}


class HeadAsGetMiddleware:
    """A pure ASGI middleware: run the GET, send its status and headers (Content-Length included), drop the body.

    A streamed answer (an event stream never ends by itself) is told the client has gone once the headers are out:
    its first body message ends the HEAD, and the app's next receive() is a disconnect, so it stops streaming."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        answered = asyncio.Event()

        async def without_body(message: Message) -> None:
            if answered.is_set():
                return  # the rest of a streamed body: nothing to send for a HEAD
            if message["type"] == "http.response.body":
                message = {"type": "http.response.body", "body": b"", "more_body": False}
                answered.set()
            await send(message)

        async def until_answered() -> Message:
            if answered.is_set():
                return DISCONNECT
            client = asyncio.ensure_future(receive())
            done = asyncio.ensure_future(answered.wait())
            finished, pending = await asyncio.wait({client, done}, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            return client.result() if client in finished else DISCONNECT

        await self.app({**scope, "method": "GET"}, until_answered, without_body)
