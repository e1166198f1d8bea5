"""A second S3 server (moto) that a test may stop, and a proxy that stops it mid-request."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import boto3

MOTO_SERVER = Path(sys.executable).with_name("moto_server")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoProcess:
    """moto_server in its own process on loopback, with one bucket."""

    def __init__(self, bucket: str = "second-bucket"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.bucket = bucket
        self.process = subprocess.Popen(
            [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("the second S3 server did not start") from None
                time.sleep(0.1)
        region = os.environ.get("AWS_DEFAULT_REGION", "eu-west-2")
        boto3.client("s3", endpoint_url=self.url, region_name=region).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region}
        )

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class CuttingProxy:
    """Forwards TCP to the S3 server; once `cut_after` bytes of requests have gone through, it
    kills the server process, drops every connection and stops listening."""

    def __init__(self, server: MotoProcess, cut_after: int):
        self.server = server
        self.cut_after = cut_after
        self.forwarded = 0
        self.cut = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.server.port))
            except OSError:
                client.close()
                return
            self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source, target, counts):
        try:
            while data := source.recv(65536):
                target.sendall(data)
                if counts:
                    with self.lock:
                        self.forwarded += len(data)
                        if self.forwarded >= self.cut_after and not self.cut.is_set():
                            self._cut()
                            return
        except OSError:
            pass

    def _cut(self):
        self.cut.set()
        self.server.stop()
        self.listener.close()
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self):
        if not self.cut.is_set():
            self._cut()
