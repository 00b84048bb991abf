#!/usr/bin/python3
"""A trader for `reesim serve`: plays one agent, leaning against the market on each of its venues.

It bids below and offers above a blend of the last price and the commodity's reference price,
shading both toward the reference: it buys when the market is cheap and sells when it is dear.

    reesim serve runs/quickstart-2024 --trials 2 --out out/game &   # prints 'listening: HOST:PORT'
    PYTHONPATH=build/clients/python /usr/bin/python3 clients/python/examples/trader.py PORT lp_global
"""

import argparse

from reesim_client import Client, order


def decide(welcome, info, observation, spread, units):
    orders = []
    for venue in info.venues:
        commodity = welcome.commodities[welcome.venues[venue].commodity]
        last = observation.venue_price[venue]
        fair = 0.5 * (last + commodity.reference_price)
        orders.append(order(venue, "buy", fair * (1 - spread), units))
        orders.append(order(venue, "sell", fair * (1 + spread), units))
    return orders


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("agent")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--token", default="")
    parser.add_argument("--spread", type=float, default=0.04, help="half spread, fraction")
    parser.add_argument("--units", type=float, default=50.0, help="units quoted on each side")
    args = parser.parse_args()
    with Client(args.port, [args.agent], host=args.host, token=args.token, name="trader") as client:
        info = client.welcome.agents[0]
        ticks = 0
        for observation in client.observations():
            client.act(observation, {args.agent: decide(client.welcome, info, observation,
                                                         args.spread, args.units)})
            ticks += 1
        print(f"ticks: {ticks}")
        for end in client.trial_ends:
            print(f"trial {end.trial}: " + ", ".join(
                f"{name}={value:.4g}" for name, value in zip(end.scalar_names, end.scalars)))


if __name__ == "__main__":
    main()
