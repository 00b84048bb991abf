"""A blocking TCP client of the reesim gateway: length-prefixed protobuf frames."""

import socket
import struct

from reesim_client import gateway_pb2 as pb

VERSION = pb.VERSION_CURRENT
_SIDES = {"buy": pb.SIDE_BUY, "sell": pb.SIDE_SELL}


class GatewayError(RuntimeError):
    """The server refused or closed the connection (its Error frame, or the end of the stream)."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


def order(venue, side, price_usd, units):
    """An order for one tick: venue index (Welcome.venues), "buy" or "sell", USD per unit, units."""
    return pb.Order(venue=venue, side=_SIDES[side], price_usd=price_usd, units=units)


class Client:
    """Connects, says Hello and keeps the Welcome (`welcome`). Not thread-safe.

    host, port: the address `reesim serve` printed ('listening: HOST:PORT').
    agents: ids of the scenario agents to play. government: a nation id, to play its government
    (it moves the scenario's levers of that nation; `welcome.levers` lists them).
    token: the server's token, if it has one. timeout: seconds any single read may wait (None:
    forever).
    """

    def __init__(self, port, agents=(), host="127.0.0.1", token="", name="python", timeout=60.0,
                 government=""):
        self._socket = socket.create_connection((host, port), timeout=timeout)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b""
        self.trial_ends = []
        hello = pb.Frame()
        hello.hello.version = VERSION
        hello.hello.token = token
        hello.hello.name = name
        hello.hello.agents.extend(agents)
        hello.hello.government = government
        self._send(hello)
        frame = self._receive()
        if frame is None or not frame.HasField("welcome"):
            raise self._refusal(frame, "no Welcome")
        self.welcome = frame.welcome

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._socket.close()

    def observations(self):
        """Yields each Observation until the last trial ends; TrialEnds go to `trial_ends`."""
        while True:
            frame = self._receive()
            if frame is None:
                raise GatewayError("the server closed the connection before the last TrialEnd")
            kind = frame.WhichOneof("body")
            if kind == "observation":
                yield frame.observation
            elif kind == "trial_end":
                self.trial_ends.append(frame.trial_end)
                if frame.trial_end.last:
                    return
            else:
                raise self._refusal(frame, "unexpected " + str(kind))

    def act(self, observation, orders_by_agent=None, levers=None):
        """Answers `observation`: {agent id: [order(...), ...]}. An agent left out keeps its
        built-in rule this tick. For a government, `levers`: {lever id: value}, each from the next
        tick (a parameter within the lever's bounds; for a switch 1 to enact, 0 to end)."""
        frame = pb.Frame()
        frame.action.trial = observation.trial
        frame.action.tick = observation.tick
        for agent, orders in (orders_by_agent or {}).items():
            entry = frame.action.agents.add()
            entry.agent = agent
            entry.orders.extend(orders)
        for lever, value in (levers or {}).items():
            frame.action.levers.add(lever=lever, value=value)
        self._send(frame)

    def lever_values(self, observation):
        """{lever id: value in force} of a government's `observation`."""
        return {lever.id: value
                for lever, value in zip(self.welcome.levers, observation.lever_values)}

    def _send(self, frame):
        payload = frame.SerializeToString()
        self._socket.sendall(struct.pack(">I", len(payload)) + payload)

    def _read(self, n):
        while len(self._buffer) < n:
            chunk = self._socket.recv(65536)
            if not chunk:
                return None
            self._buffer += chunk
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    def _receive(self):
        header = self._read(4)
        if header is None:
            return None
        (length,) = struct.unpack(">I", header)
        payload = self._read(length)
        if payload is None:
            return None
        frame = pb.Frame()
        frame.ParseFromString(payload)
        return frame

    @staticmethod
    def _refusal(frame, what):
        if frame is not None and frame.HasField("error"):
            return GatewayError(frame.error.message, frame.error.code)
        return GatewayError(what)
