"""The guard in conftest: a test that tries to leave the machine fails at once."""

from __future__ import annotations

import socket

import pytest


def test_a_non_loopback_connection_is_refused() -> None:
    # UDP: connect() sends no packet, even if the guard were broken.
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock,
        pytest.raises(ConnectionRefusedError, match="loopback"),
    ):
        sock.connect(("192.0.2.1", 80))


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())
            assert client.getpeername() == server.getsockname()
