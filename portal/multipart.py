"""A multipart/form-data reader for large uploads that holds one block of the body at a time.

Django's MultiPartParser keeps about three chunks alive while it looks for boundaries (the chunk
being handed on, the next one read, and a slice of it). This reader hands file data on as views
into the block it has just read, so a request's memory grows by about one chunk whatever the size
of the file. StreamingUploadHandler uses it for requests larger than
FILE_UPLOAD_MAX_MEMORY_SIZE; smaller ones go through Django's parser.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.http import parse_header_parameters

MAX_HEADER_BYTES = 16 * 1024


class _Body:
    """The request body as blocks, with a few carried bytes that may start a delimiter."""

    def __init__(self, stream, length: int, chunk_size: int):
        self.stream = stream
        self.left = length
        self.chunk_size = chunk_size
        self.block = b""
        self.pos = 0
        self.carry = b""

    def _next_block(self) -> bool:
        self.block = b""  # let the previous block go before reading the next
        self.pos = 0
        if self.left <= 0:
            return False
        data = self.stream.read(min(self.chunk_size, self.left))
        if not data:
            self.left = 0
            return False
        self.left -= len(data)
        self.block = data
        return True

    def read_until(self, delimiter: bytes, sink) -> None:
        """Pass every byte before `delimiter` to sink (as views where it can), then skip it."""
        size = len(delimiter)
        while True:
            block, pos, carry = self.block, self.pos, self.carry
            if carry:
                probe = carry + block[pos : pos + size - 1]
                found = probe.find(delimiter)
                if found != -1:
                    sink(carry[:found])
                    self.pos = pos + found + size - len(carry)
                    self.carry = b""
                    return
            found = block.find(delimiter, pos)
            if found != -1:
                if carry:
                    sink(carry)
                if found > pos:
                    sink(memoryview(block)[pos:found])
                self.carry, self.pos = b"", found + size
                return
            # Whatever is not in the last size-1 bytes cannot be part of a delimiter.
            if len(block) - pos >= size - 1:
                if carry:
                    sink(carry)
                end = len(block) - (size - 1)
                if end > pos:
                    sink(memoryview(block)[pos:end])
                self.carry = bytes(block[end:])
            else:
                window = carry + block[pos:]
                keep = max(len(window) - (size - 1), 0)
                if keep:
                    sink(window[:keep])
                self.carry = window[keep:]
            block = window = None  # drop the last block before reading the next one
            if not self._next_block():
                raise MultiPartParserError("The request body ended before its closing boundary")

    def read_exact(self, count: int) -> bytes:
        out = b""
        while len(out) < count:
            need = count - len(out)
            if self.carry:
                out, self.carry = out + self.carry[:need], self.carry[need:]
            elif self.pos < len(self.block):
                take = self.block[self.pos : self.pos + need]
                self.pos += len(take)
                out += take
            elif not self._next_block():
                raise MultiPartParserError("The request body ended early")
        return out


def _limited(buffer: bytearray, limit: int, error):
    def sink(data):
        if len(buffer) + len(data) > limit:
            raise error
        buffer.extend(data)

    return sink


def parse(handler, stream, length: int, boundary: bytes, encoding: str | None):
    """Read the body into (POST, FILES), streaming each file into `handler`."""
    encoding = encoding or settings.DEFAULT_CHARSET
    body = _Body(stream, length, handler.chunk_size)
    post, files = QueryDict(mutable=True), MultiValueDict()
    field_bytes = fields = file_count = 0
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    max_memory = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    sanitizer = MultiPartParser.sanitize_file_name
    body.read_until(b"--" + boundary, lambda data: None)  # the preamble
    delimiter = b"\r\n--" + boundary
    while True:
        after = body.read_exact(2)
        if after == b"--":
            break
        if after != b"\r\n":
            raise MultiPartParserError("A multipart boundary is not followed by a line end")
        raw = bytearray()
        body.read_until(
            b"\r\n\r\n",
            _limited(raw, MAX_HEADER_BYTES, MultiPartParserError("A part's headers are too long")),
        )
        headers = {}
        for line in bytes(raw).decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition, params = parse_header_parameters(headers.get("content-disposition", ""))
        name = params.get("name")
        if disposition != "form-data" or not name:
            body.read_until(delimiter, lambda data: None)
            continue
        if "filename" not in params:
            fields += 1
            if max_fields is not None and fields > max_fields:
                raise TooManyFieldsSent("The number of fields exceeded the limit")
            value = bytearray()
            limit = max_memory - field_bytes if max_memory is not None else 2**62
            body.read_until(
                delimiter,
                _limited(value, limit, RequestDataTooBig("Request body exceeded the limit")),
            )
            field_bytes += len(value)
            post.appendlist(name, bytes(value).decode(encoding, "replace"))
            continue
        file_name = sanitizer(None, params["filename"])
        if not file_name:
            body.read_until(delimiter, lambda data: None)  # no file was chosen
            continue
        file_count += 1
        if max_files is not None and file_count > max_files:
            raise TooManyFilesSent("The number of files exceeded the limit")
        content_type, type_params = parse_header_parameters(headers.get("content-type", ""))
        handler.new_file(
            name,
            file_name,
            content_type or "application/octet-stream",
            None,
            type_params.get("charset"),
            type_params,
        )
        received = [0]

        def to_file(data, received=received):
            handler.receive_data_chunk(data, received[0])
            received[0] += len(data)

        body.read_until(delimiter, to_file)
        files.appendlist(name, handler.file_complete(received[0]))
    post._mutable = False
    return post, files
