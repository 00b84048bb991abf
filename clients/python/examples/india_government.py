#!/usr/bin/python3
"""India's government for `reesim serve`: each quarter it sets a stockpile release and a tariff.

At the first tick of each quarter it reads India's unmet share of magnet demand and the magnet
price against its reference: in a shortage it releases the stockpile at the most the lever allows
and drops the tariff on Chinese magnets; with demand met and magnets cheap it protects domestic
makers with a tariff and releases little. Between quarters it moves nothing.

    reesim serve clients/python/examples/india_government --out out/game &   # 'listening: ...'
    PYTHONPATH=build/clients/python /usr/bin/python3 clients/python/examples/india_government.py PORT
"""

import argparse

from reesim_client import Client

TARIFF = "in_tariff_rate"
RELEASE = "in_stockpile_release"


def bounds(welcome, lever_id):
    for lever in welcome.levers:
        if lever.id == lever_id:
            return lever.min, lever.max
    raise SystemExit(f"the scenario declares no lever {lever_id!r} for this government")


def decide(welcome, observation, shortage_at, tariff_cap):
    """The quarter's settings, {lever id: value}, from what the Observation shows."""
    nation = list(welcome.nations).index(welcome.government)
    shortage = observation.nation_shortage[nation]
    magnets = next(k for k, venue in enumerate(welcome.venues)
                   if welcome.commodities[venue.commodity].id == "ndfeb_magnet")
    reference = welcome.commodities[welcome.venues[magnets].commodity].reference_price
    cheap = observation.venue_price[magnets] < reference
    low, high = bounds(welcome, RELEASE)
    tariff_low, tariff_high = bounds(welcome, TARIFF)
    if shortage > shortage_at:
        return {RELEASE: high, TARIFF: tariff_low}
    tariff = min(tariff_cap, tariff_high) if cheap else tariff_low
    return {RELEASE: low + 0.1 * (high - low), TARIFF: tariff}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--token", default="")
    parser.add_argument("--shortage", type=float, default=0.02,
                        help="unmet share of demand that counts as a shortage")
    parser.add_argument("--tariff", type=float, default=0.2, help="protective tariff, fraction")
    args = parser.parse_args()
    with Client(args.port, government="IN", host=args.host, token=args.token,
                name="india_government") as client:
        welcome = client.welcome
        ticks = moves = 0
        quarter = None
        for observation in client.observations():
            month = int(observation.date[5:7])
            this_quarter = (observation.trial, observation.date[:4], (month - 1) // 3)
            levers = {}
            if this_quarter != quarter:
                quarter = this_quarter
                levers = decide(welcome, observation, args.shortage, args.tariff)
                now = client.lever_values(observation)
                print(f"{observation.date} trial {observation.trial}: " + ", ".join(
                    f"{lever} {now[lever]:.4g} -> {value:.4g}" for lever, value in levers.items()))
                moves += len(levers)
            client.act(observation, levers=levers)
            ticks += 1
        print(f"ticks: {ticks}")
        print(f"moves: {moves}")
        for end in client.trial_ends:
            print(f"trial {end.trial}: " + ", ".join(
                f"{name}={value:.4g}" for name, value in zip(end.scalar_names, end.scalars)))


if __name__ == "__main__":
    main()
