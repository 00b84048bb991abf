"""A client of the reesim gateway (`reesim serve`, docs/gateway.md).

Plays some of a scenario's agents in lock-step with the simulation: each tick the server sends an
Observation and waits for an Action. The protocol's messages are generated from
proto/gateway.proto at build time (build/clients/python/reesim_client/gateway_pb2.py).

    from reesim_client import Client, order
    with Client(port, agents=["lp_global"]) as client:
        for observation in client.observations():
            client.act(observation, {"lp_global": [order(0, "buy", 60.0, 10)]})
"""

from reesim_client.client import Client, GatewayError, order

__all__ = ["Client", "GatewayError", "order"]
