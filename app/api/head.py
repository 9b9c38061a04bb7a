"""HEAD wherever GET is (RFC 9110: a HEAD is a GET without the body). FastAPI's routes answer only the methods they
declare, so a HEAD of a page, /healthz or a JSON document was a 405; monitors and link checkers send HEAD first."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    """A pure ASGI middleware: run the GET, send its status and headers (Content-Length included), drop the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return   # the rest of a streamed body: nothing to send for a HEAD
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
