"""Refuse to send an answer larger than the limit (BACKPROP_MAX_RESPONSE_BYTES): a 422 that says so instead.

Every answer is already bounded by the other limits (trace values, grid values, CSV columns, network bytes); this is
the last bound, on what one response may put on a classroom network. A pure ASGI middleware: it reads the declared
Content-Length of the answer (every JSON answer has one; an event stream has none, and each of its events is bounded
by the network's size) and sends the error in its place.
"""

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class AnswerLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = False

        async def bounded(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start":
                declared = dict(message.get("headers", [])).get(b"content-length")
                if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
                    refused = True
                    await self._refuse(send, int(declared))
                    return
            elif refused:
                return   # the body of the answer refused
            await send(message)

        await self.app(scope, receive, bounded)

    async def _refuse(self, send: Send, size: int) -> None:
        body = orjson.dumps({"error": {"code": "answer_too_large", "field": None, "message":
                                       f"The answer would be {size:,} bytes; this server sends at most "
                                       f"{self.max_bytes:,} (BACKPROP_MAX_RESPONSE_BYTES). Ask for less: fewer "
                                       "examples, a lower resolution, or hidden=false."}})
        await send({"type": "http.response.start", "status": 422,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
