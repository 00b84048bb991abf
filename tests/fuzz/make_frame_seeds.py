"""Writes the seeds of the `frame` fuzz target (tests/fuzz/frame_fuzz.cpp) into a folder: what a
client sends the gateway, as the target reads it: byte 0 picks the frame size limit (255: the
default 1 MiB; under 128: 16 + 8 x byte), byte 1 the size of the pieces the stream arrives in
(0: all at once), then the stream of length-prefixed frames.

    PYTHONPATH=build/clients/python /usr/bin/python3 tests/fuzz/make_frame_seeds.py \
        tests/fuzz/seeds/frame
"""
import os
import struct
import sys

from reesim_client import gateway_pb2 as pb

DEFAULT_LIMIT = 255  # byte 0: the server's default limit
WHOLE = 0  # byte 1: the stream at once


def frame(**body):
    (name, message), = body.items()
    wrapped = pb.Frame()
    getattr(wrapped, name).CopyFrom(message)
    data = wrapped.SerializeToString()
    return struct.pack(">I", len(data)) + data


def hello(agents=(), government="", token="", name="seed"):
    return frame(hello=pb.Hello(version=pb.VERSION_CURRENT, token=token, agents=list(agents),
                                name=name, government=government))


def action(tick, orders=(), levers=(), trial=0):
    message = pb.Action(trial=trial, tick=tick)
    for agent, venue, side, price, units in orders:
        message.agents.add(agent=agent).orders.add(venue=venue, side=side, price_usd=price,
                                                   units=units)
    for lever, value in levers:
        message.levers.add(lever=lever, value=value)
    return frame(action=message)


def seed(stream, limit=DEFAULT_LIMIT, piece=WHOLE):
    return bytes([limit, piece]) + stream


def main(folder):
    os.makedirs(folder, exist_ok=True)
    trader = hello(["lp_global"], name="trader")
    orders = [("lp_global", 0, pb.SIDE_BUY, 97.5, 120), ("lp_global", 0, pb.SIDE_SELL, 102.5, 120)]
    seeds = {
        "hello": seed(trader),
        "hello_government": seed(hello(government="IN", token="secret", name="india")),
        "action": seed(action(3, orders)),
        "action_levers": seed(action(12, levers=[("in_tariff_rate", 0.2),
                                                 ("in_stockpile_on", 1)])),
        # A game's opening: the Hello, then three ticks of orders, in pieces of 7 bytes.
        "game": seed(trader + b"".join(action(t, orders) for t in range(3)), piece=7),
        # The same under a small limit (16 + 8 x 8 = 80 bytes): the Actions fit, a longer one not.
        "small_limit": seed(trader + action(0, orders) + action(1, orders * 4), limit=8),
        # A length prefix of 4 GiB - 1: refused from the prefix alone.
        "oversized": seed(trader + b"\xff\xff\xff\xff"),
        # A frame cut short: its prefix promises more than follows.
        "truncated": seed(trader + action(0, orders)[:-5]),
    }
    for name, data in seeds.items():
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)
    print(f"wrote {len(seeds)} seeds into {folder}")


if __name__ == "__main__":
    main(sys.argv[1])
