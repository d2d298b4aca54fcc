"""For tests that start a real server process: a free port, and its first answer."""

import socket
import time
import urllib.error
import urllib.request

import pytest

READ_SECONDS = 30  # a first request may wait for a worker to boot on a busy machine


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_response(server, url, seconds=120):
    """The response to `url` from the server process we started, once it is up.

    Only a refused connection means "not up yet". Anything else comes from a server that
    is up, and fails the test at once: an error status, a dropped connection, a read that
    times out.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=READ_SECONDS)
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
        except TimeoutError:
            pytest.fail(f"{url} took the connection but sent no answer in {READ_SECONDS}s")
        if server.poll() is not None:
            pytest.fail(f"the server exited ({server.returncode}): {server.communicate()[1]}")
        if time.monotonic() > deadline:
            pytest.fail(f"nothing listened at {url} within {seconds}s")
        time.sleep(0.1)
