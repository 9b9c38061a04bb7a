"""The console command: `backprop-explorer [--host H] [--port P] [--public-url URL] [--open]`."""

import argparse
import os
import threading
import webbrowser


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="backprop-explorer",
                                     description="Serve Backprop Explorer: the lesson page and the REST API.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1; 0.0.0.0 serves a classroom LAN)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", default=None,
                        help="the address students' devices reach this server at, for a live class's join URL and "
                             "QR code (e.g. https://ai.school.example; default: this machine's LAN address)")
    parser.add_argument("--open", action="store_true", help="open the page in a web browser")
    parser.add_argument("--log-level", default="warning", help="uvicorn log level (default warning)")
    args = parser.parse_args(argv)

    # One BLAS thread per process: tiny matrices gain nothing from threads, and two
    # threads fighting over two shared cores slow a step several times over.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import uvicorn  # after the environment is set, so numpy's BLAS reads it
    from pydantic import ValidationError

    from .classroom.joinurl import is_loopback, lan_address
    from .config import Settings
    from .main import create_app

    # Given on the command line, it wins over BACKPROP_PUBLIC_URL (and is checked like it: a bad URL stops here).
    try:
        given = {"public_url": args.public_url} if args.public_url else {}
        settings = Settings(listen_host=args.host, **given)
    except ValidationError as err:  # a usage error, not a traceback
        parser.error(str(err.errors()[0]["msg"]).removeprefix("Value error, "))

    shown_host = "localhost" if args.host in ("127.0.0.1", "0.0.0.0") else args.host
    url = f"http://{shown_host}:{args.port}"
    print(f"Backprop Explorer: {url}  (API docs: {url}/docs; Ctrl+C stops)", flush=True)
    lan = lan_address()
    if args.host == "0.0.0.0" and lan is not None:
        print(f"On the classroom network: http://{lan}:{args.port}  (live classes' join URL)", flush=True)
    elif is_loopback(args.host) and not settings.public_url:
        print("Only this computer can open it: for a live class, start it with --host 0.0.0.0", flush=True)
    if args.open:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level, access_log=False)


if __name__ == "__main__":
    main()
