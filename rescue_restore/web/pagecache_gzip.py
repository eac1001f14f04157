"""Compression for the page cache (rescue_restore.web.pagecache): one deflate stream per stored page.

A stored page is compressed once; each answer splices its per-visit values in as stored deflate
blocks and computes the CRC over the whole (docs/performance.md, "Compression and BREACH").
"""

import secrets
import struct
import zlib
from collections.abc import Sequence
from gzip import decompress as gzip_decompress

FRAGMENT_SLOT = "fragment:"  # slot names of page fragments start with this; their length changes
NONCE_SLOT = "csp_nonce"
MAX_RANDOM_HEADER_BYTES = 100
_GZIP_END = b"\x03\x00"  # an empty final deflate block
_FRAGMENT_SLOT, _NONCE = FRAGMENT_SLOT, NONCE_SLOT


# Stand-ins the compressor sees where a per-visit value will be: bytes no UTF-8 page has in a row
# (0x80 onwards, each slot name its own step, so no three of them match another name's or repeat).
_STEPS = {"csrfmiddlewaretoken": 7, "form_started": 11, "submission_token": 13, _NONCE: 17}


def _stand_in(slot: str, length: int) -> bytes:
    step = _STEPS.get(slot, 19)
    return bytes(0x80 + (step * index) % 128 for index in range(length))


def compressed_for_answers(
    texts: Sequence[bytes], slots: Sequence[str], lengths: Sequence[int], empty_fragments: bool = False
) -> tuple[list[bytes], list[int]] | None:
    """The page compressed once for every answer: ``(chunks, spliced slot indexes)``, or None.

    Compressed piece by piece (each piece its own stream), a catalog page from the cache was 16.2 kB
    against 6.4 kB rendered fresh: every piece lost the rest of the page as its dictionary, and each
    value cost a block. Here the page is one deflate stream. An answer uses one fresh value per slot
    name, so only its first place is cut: the stream is flushed to a byte boundary there and the
    answer puts the value in as a stored block. Later places of the same name are in the stream as
    the compressor saw them, a stand-in of the same length (``_stand_in``): no page text matches it,
    so the compressor encodes each later stand-in as a copy of the earlier one, and the decompressor
    copies the fresh value instead. After a fragment (its length changes per answer) the stream
    starts again and names are cut again; with ``empty_fragments`` (the answer for a visitor whose
    fragments are all empty, most visitors) nothing is cut there. The result is checked by
    decompressing it with other values; None if it does not give the page back (the caller then
    compresses the pieces apart).
    """
    chunks: list[bytes] = []
    spliced: list[int] = []
    current: list[bytes] = []
    seen: set[str] = set()
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    for index, text in enumerate(texts):
        current.append(compressor.compress(text))
        if index == len(slots):
            break
        slot, length = slots[index], lengths[index]
        if slot.startswith(_FRAGMENT_SLOT) and empty_fragments:
            continue
        if slot.startswith(_FRAGMENT_SLOT) or slot not in seen:
            current.append(compressor.flush(zlib.Z_SYNC_FLUSH))
            chunks.append(b"".join(current))
            current = []
            spliced.append(index)
            if slot.startswith(_FRAGMENT_SLOT):
                compressor, seen = zlib.compressobj(6, zlib.DEFLATED, -15), set()
            else:
                seen.add(slot)
                compressor.compress(_stand_in(slot, length))
                compressor.flush(zlib.Z_SYNC_FLUSH)  # what it wrote for the stand-in: the value goes there
        else:
            current.append(compressor.compress(_stand_in(slot, length)))
    current.append(compressor.flush(zlib.Z_SYNC_FLUSH))
    chunks.append(b"".join(current))
    trial = {slot: secrets.token_hex(length)[:length].encode() for slot, length in zip(slots, lengths, strict=True)}
    if empty_fragments:
        trial.update((slot, b"") for slot in slots if slot.startswith(_FRAGMENT_SLOT))
    values = [trial[slot] for slot in slots]
    body = spliced_body(chunks, spliced, texts, values, PLAIN_GZIP_HEADER)
    try:
        if gzip_decompress(body) == joined(texts, values):
            return chunks, spliced
    except (OSError, EOFError, zlib.error):
        pass
    return None


def spliced_body(
    chunks: Sequence[bytes], spliced: Sequence[int], texts: Sequence[bytes], values: Sequence[bytes], header: bytes
) -> bytes:
    out = [header]
    for position, chunk in enumerate(chunks):
        out.append(chunk)
        if position < len(spliced):
            out.append(_stored_block(values[spliced[position]]))
    crc = 0
    for index, text in enumerate(texts):
        crc = zlib.crc32(text, crc)
        if index < len(values):
            crc = zlib.crc32(values[index], crc)
    size = sum(len(text) for text in texts) + sum(len(value) for value in values)
    out.append(_GZIP_END + struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def deflate(text: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(text) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _stored_block(data: bytes) -> bytes:
    # A non-final stored deflate block; every piece before it ended byte-aligned (sync flush).
    out: list[bytes] = []
    for start in range(0, len(data), 65535):
        chunk = data[start : start + 65535]
        out.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(out)


# For a page with no per-visit value: the same bytes for everyone, so no secret whose length to blur.
PLAIN_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def gzip_header() -> bytes:
    # A random-length file name field, as django.utils.text.compress_string adds against BREACH.
    # Its characters come from one read of the system's randomness (get_random_string makes one
    # read per character, and each read is a system call).
    length = secrets.randbelow(MAX_RANDOM_HEADER_BYTES) + 1
    name = secrets.token_hex((length + 1) // 2)[:length].encode()
    return b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff" + name + b"\x00"


def gzip_pieces(
    compressed_texts: Sequence[tuple[bytes, bytes]], values: Sequence[bytes], header: bytes | None = None
) -> bytes:
    """A gzip body from pre-compressed texts with the plain ``values`` between them.

    ``header``: the gzip header to start with; by default one with a random-length file name.
    """
    out, crc, size = [header or gzip_header()], 0, 0
    for index, (compressed, plain) in enumerate(compressed_texts):
        out.append(compressed)
        crc, size = zlib.crc32(plain, crc), size + len(plain)
        if index < len(values):
            value = values[index]
            out.append(_stored_block(value))
            crc, size = zlib.crc32(value, crc), size + len(value)
    out.append(_GZIP_END + struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def joined(texts: Sequence[bytes], values: Sequence[bytes]) -> bytes:
    pieces: list[bytes] = []
    for index, text in enumerate(texts):
        pieces.append(text)
        if index < len(values):
            pieces.append(values[index])
    return b"".join(pieces)
