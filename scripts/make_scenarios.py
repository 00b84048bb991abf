#!/usr/bin/env python3
"""Writes the calibrated scenarios of runs/ from one description of the rare-earth world.

The three scenarios share their world (nations, commodities, venues, agents); they differ in
calendar, policies and metrics. Editing the world here and re-running this script keeps them
consistent:  python3 scripts/make_scenarios.py
The 2024/2035 scenarios and china-licensing-2025 hold the announced capacity pipeline (cal §10)
as `project` policies; --no-pipeline writes them without it (their recorded results then
change: a way to see what the pipeline adds).

Every figure cites its row of docs/calibration.md ("cal §N") or says it is an
assumption ("prior"). Quantities are kg (of REO for concentrates, of oxide, of magnet) per year;
prices USD per kg.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, "..", "runs")

T = 1000.0  # kg per tonne

# Magnet makers' thrift (docs/model.md §7.5.1) and stockholders (§7.6.1) in the calibrated world.
RESPONSES = True


def q(text):
    return '"' + text + '"'


def dist(value):
    """A Distribution: a number, or ('uniform', lo, hi) / ('normal', mean, sd, lo, hi) /
    ('triangular', lo, mode, hi) / ('lognormal', mu, sigma)."""
    if isinstance(value, (int, float)):
        return "{ fixed: %s }" % fmt(value)
    kind = value[0]
    if kind == "uniform":
        return "{ uniform { min: %s max: %s } }" % (fmt(value[1]), fmt(value[2]))
    if kind == "normal":
        return "{ normal { mean: %s sd: %s min: %s max: %s } }" % tuple(fmt(v) for v in value[1:])
    if kind == "triangular":
        return "{ triangular { min: %s mode: %s max: %s } }" % tuple(fmt(v) for v in value[1:])
    if kind == "lognormal":
        return "{ lognormal { mu: %s sigma: %s } }" % (fmt(value[1]), fmt(value[2]))
    raise ValueError(kind)


def fmt(x):
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    return repr(float(x))


# ---------------------------------------------------------------------------------------------
# Nations (DESIGN §3; the list). ROW_AF holds Nigeria's mines, ROW Thailand, Russia,
# Vietnam's small output and Brazil (cal §1).
NATIONS = [
    ("CN", "China", "Asia"), ("IN", "India", "Asia"), ("US", "United States", "Americas"),
    ("JP", "Japan", "Asia"), ("AU", "Australia", "Oceania"), ("EU", "European Union", "Europe"),
    ("MY", "Malaysia", "Asia"), ("VN", "Vietnam", "Asia"), ("KZ", "Kazakhstan", "Asia"),
    ("MM", "Myanmar", "Asia"), ("ROW_AF", "Africa", "Africa"),
    ("ROW_LA", "Latin America", "Americas"), ("ROW", "Rest of the world", "World"),
]

# The ionic-clay concentrate's reference price is what a separator pays for it at reference oxide
# prices: the payable share of the oxides it yields (docs/model.md §5, §7.6: a separator bids at
# most feed_payable_share, 0.5, of the basket's value). Set above that, as the earlier prior of 20
# USD/kg was, it is a price no separator can pay in a balanced world: the concentrate then trades
# below its reference, its miners read the discount as a glut and build too little, and Dy and Tb
# drift up for a decade (docs/model.md §7.14).
FEED_PAYABLE_SHARE = 0.5
SEPARATION_YIELD = 0.95
HEAVY_CONTENT = {"NdPr": 0.25, "Dy": 0.05, "Tb": 0.0065}
OXIDE_REFERENCE = {"NdPr": 55.0, "Dy": 260.0, "Tb": 950.0}
HEAVY_CONC_PRICE = round(FEED_PAYABLE_SHARE * SEPARATION_YIELD *
                         sum(share * OXIDE_REFERENCE[k] for k, share in HEAVY_CONTENT.items()), 2)

# Commodities: (id, name, stage, reference price USD/kg, content, source)
COMMODITIES = [
    ("conc_light", "Light REE concentrate (bastnaesite, monazite)", "STAGE_CONCENTRATE", 4.0,
     {"NdPr": 0.22, "Dy": 0.001, "Tb": 0.0002},
     "prior: NdPr ~22 % of TREO in light ores; price = payable share of contained NdPr (C)"),
    ("conc_heavy", "Ionic-clay HREE concentrate", "STAGE_CONCENTRATE", HEAVY_CONC_PRICE,
     HEAVY_CONTENT,
     "prior: ionic clays of south China and Myanmar, NdPr ~25 %, Dy ~5 %, Tb ~0.65 % of TREO (C); "
     "price = what a separator pays at reference oxide prices: the payable share (0.5) of the "
     "oxides it yields (0.95), docs/model.md §5"),
    ("ndpr_oxide", "NdPr oxide", "STAGE_OXIDE", OXIDE_REFERENCE["NdPr"], {"Nd": 0.75, "Pr": 0.25},
     "cal §4: 50-60 USD/kg"),
    ("dy_oxide", "Dy oxide", "STAGE_OXIDE", OXIDE_REFERENCE["Dy"], {"Dy": 1.0}, "cal §4: ~250-310 USD/kg"),
    ("tb_oxide", "Tb oxide", "STAGE_OXIDE", OXIDE_REFERENCE["Tb"], {"Tb": 1.0}, "cal §4: ~930-1,000 USD/kg"),
    ("ndfeb_magnet", "Sintered NdFeB magnets", "STAGE_MAGNET", 49.0,
     {"NdPr": 0.31, "Dy": 0.01, "Tb": 0.0015},
     "cal §5: China's 2024 exports USD 2.86 bn / 58,152 t = 49 USD/kg"),
    ("smco_magnet", "SmCo magnets", "STAGE_MAGNET", 120.0, {"Sm": 0.25},
     "prior: defence-grade SmCo (C)"),
]

# Venues: (id, commodity, jurisdiction, call auction?)
VENUES = [
    ("conc_light_cn", "conc_light", "CN", False), ("conc_light_global", "conc_light", "global", False),
    ("conc_light_in", "conc_light", "IN", False), ("conc_light_au", "conc_light", "AU", False),
    ("conc_light_us", "conc_light", "US", False),
    ("conc_heavy_global", "conc_heavy", "global", False),
    ("ndpr_cn", "ndpr_oxide", "CN", False), ("ndpr_global", "ndpr_oxide", "global", False),
    ("dy_cn", "dy_oxide", "CN", True), ("dy_global", "dy_oxide", "global", True),
    ("tb_cn", "tb_oxide", "CN", True), ("tb_global", "tb_oxide", "global", True),
    ("ndfeb_cn", "ndfeb_magnet", "CN", False), ("ndfeb_global", "ndfeb_magnet", "global", False),
    ("ndfeb_jp", "ndfeb_magnet", "JP", False),
    ("smco_in", "smco_magnet", "IN", False),
]
# Freight and insurance to the seaborne market, USD/kg, by origin (prior, C).
FREIGHT = {"CN": 0.3, "AU": 0.5, "MY": 0.3, "US": 0.6, "JP": 0.3, "IN": 0.4, "VN": 0.3,
           "MM": 0.5, "ROW_AF": 0.6, "ROW": 0.5, "EU": 0.5, "KZ": 0.8, "ROW_LA": 0.7}

ALLIANCES = [
    ("msp", "Mineral Security Partnership", ["US", "JP", "AU", "EU", "IN"], "2024-01-01"),
    ("quad", "Quad Critical Minerals Initiative", ["US", "JP", "AU", "IN"], "2025-07-01"),
]


def agent(id, type, nation, name, caps=(), venues=(), params=(), inventory=(), sector=None,
          cash=0, note=None):
    lines = []
    if note:
        lines.append("# " + note)
    lines.append("agents {")
    lines.append("  id: %s type: %s nation: %s name: %s" % (q(id), q(type), q(nation), q(name)))
    if sector:
        lines.append("  sector: %s" % q(sector))
    if cash:
        lines.append("  cash: %s" % fmt(cash))
    for commodity, per_year, util in caps:
        extra = " utilisation: %s" % fmt(util) if util is not None else ""
        lines.append("  capacities { commodity: %s per_year %s%s }" % (q(commodity), dist(per_year), extra))
    for commodity, quantity in inventory:
        lines.append("  inventory { commodity: %s quantity %s }" % (q(commodity), dist(quantity)))
    if venues:
        lines.append("  venues: [%s]" % ", ".join(q(v) for v in venues))
    for name_, value in dict(params).items():  # later entries override earlier ones
        lines.append("  params { name: %s value %s }" % (q(name_), dist(value)))
    lines.append("}")
    return "\n".join(lines)


# Short-run supply elasticity prior shared by producers (cal §4: none published).
ELASTICITY = ("uniform", 0.2, 0.6)

# China's separators are quota holders with room to spare: they run at 0.8 of their nameplate and
# can run up to it within weeks when prices call for it (prior: cal §1 gives the quotas, not the
# plants' capacity; 2024's flat to falling prices, cal §4, are those of an industry with spare
# capacity). Their output at 0.8 is the balanced start's (docs/model.md §5): nameplate = the
# output at 0.95 scaled by 0.95 / 0.8.
CN_SEP_UTILISATION = 0.8
CNS = 0.95 / CN_SEP_UTILISATION

# Magnet buyers' value-in-use bids, partial-adjustment substitution and precautionary buffer
# (docs/model.md §7.6, §7.9). Off until the calibrated runs are re-recorded with them: while
# False, the scenarios are generated exactly as before.
DEMAND_SIDE = False

# By sector: magnets' share of the product's cost at the reference price (49 USD/kg), the margin
# the maker gives up before a unit stops paying, the alternative design's cost over the magnet's
# (where substitution starts) and the most substitution can take.
#  ev: 1-2 kg of NdFeB a vehicle (cal §9, C) at 49 USD/kg against USD 15-40k: 0.1-0.7 %, widened
#      for two-wheelers and motors bought as parts; margin from operating (3 %) to contribution
#      (25 %) margins (prior: the peak ex-China magnet price is sensitive to it); induction
#      and wound-rotor motors exist (prior), PM motors kept their share (cal §9: 79 -> 82 %).
#  wind: 0.5-0.85 t of magnet per MW direct-drive (cal §3, A) at 49 USD/kg against a turbine
#      of about USD 1 M/MW (prior): 2-5 %; thin OEM margins (prior); geared turbines are the
#      alternative (prior).
#  electronics, industrial: no source; wide priors. defence: under 0.1 % of volume and price-
#      insensitive (cal §3, C): a tiny cost share, no alternative.
SECTOR_VALUE = {
    "ev": (("uniform", 0.002, 0.01), ("uniform", 0.03, 0.25), ("uniform", 1.5, 3.0), ("uniform", 0.2, 0.5)),
    "wind": (("uniform", 0.02, 0.05), ("uniform", 0.03, 0.15), ("uniform", 1.5, 3.0), ("uniform", 0.3, 0.6)),
    "electronics": (("uniform", 0.005, 0.03), ("uniform", 0.05, 0.3), ("uniform", 3.0, 6.0), ("uniform", 0.05, 0.2)),
    "industrial": (("uniform", 0.02, 0.08), ("uniform", 0.05, 0.2), ("uniform", 1.5, 4.0), ("uniform", 0.2, 0.5)),
    "defence": (("uniform", 0.0005, 0.005), ("uniform", 0.1, 0.3), 20.0, 0.0),
}


def demand_side(sector):
    """The magnet buyer parameters of the demand-side rules for `sector` (all priors but the
    cost-share arithmetic above). max_price_ratio is only a sanity bound, far above every
    reservation price (1 + margin / share <= 601), so it does not bind; the demand curve of
    value in use replaces the short-run elasticity."""
    share, margin, alternative, most = SECTOR_VALUE[sector]
    return [("short_run_elasticity", 0.0), ("max_price_ratio", 1000.0),
            ("magnet_cost_share", share), ("product_margin", margin),
            ("use_value_spread", ("uniform", 0.5, 1.0)), ("scarcity_gap", 0.5),
            ("substitution_price_ratio", alternative), ("substitution_max_share", most),
            # cal §9: redesigns take years (heavy rare earths cut after ~2 years' development)
            ("substitution_speed", ("uniform", 0.2, 1.0)),
            # cal §9: PM motors regained share after the 2011 spike: much comes back (prior)
            ("substitution_reversibility", ("uniform", 0.3, 0.8)),
            ("precaution_weeks_per_shortage", ("uniform", 10.0, 40.0)),
            ("momentum_weeks", ("uniform", 0.0, 20.0)),
            ("max_buffer_weeks", 52.0 if sector == "defence" else 26.0)]


# Investment (docs/model.md §7.5): a producer builds only while its smoothed margin (price over
# cash cost) covers full cost, cash cost plus a capital charge: invest_price_ratio =
# 1 + crf x capex x (revenue per unit at reference prices) / cash cost, with capex in years of
# revenue at reference prices and crf, the capital recovery factor, 0.08-0.15 (prior: a real
# return of 6-12 % over 15-25 years). Capex priors: a greenfield mine and concentrator ~2.5 years
# of revenue, brownfield expansion (China's quota raises) ~1 (prior); separation ~1 (prior); a
# magnet plant ~0.3 (cal §6: INR 750 crore, ~USD 90 M, for 6,000 t/yr, against ~USD 294 M a year
# of magnets at 49 USD/kg).
CRF = (0.08, 0.15)


def invest_ratio(capex_years, revenue, cash_low, cash_high):
    low = 1 + CRF[0] * capex_years * revenue / cash_high
    high = 1 + CRF[1] * capex_years * revenue / cash_low
    return ("invest_price_ratio", ("uniform", round(low, 3), round(high, 3)))


# Lead times (cal §8): a new mine 6-10 years, new separation several years (prior 2-5), a magnet
# plant ~2 years; China's brownfield quota raises about a year at its mines (cn_quota below) and a
# few months at its separators, whose brownfield circuits start within months (cal §8).
MINE_BUILD = ("build_years", ("triangular", 6, 8, 10))
SEP_BUILD = ("build_years", ("triangular", 2, 3, 5))


def world_agents(year_start):
    a = []
    # --- Mines (cal §1, USGS 2024, t REO) -------------------------------------------------
    mine = [("supply_elasticity", ELASTICITY), ("outage_probability_per_year", 0.05), MINE_BUILD,
            invest_ratio(2.5, 4.0, 1.8, 2.0)]
    # China adds capacity by raising its quotas at existing mines and separators (prior: quotas
    # are raised from year to year, cal §1 gives 2024's; cal §8: brownfield circuits start in
    # months): its builds take about a year, against years for new capacity elsewhere.
    cn_quota = [("build_years", ("triangular", 0.5, 1, 2))]
    cn_sep_quota = [("build_years", ("triangular", 0.25, 0.5, 1))]
    # Each Chinese producer here stands for many mines or plants (Bayan Obo with the Sichuan
    # mines; dozens of separation plants in the two state groups): an outage takes one of them off
    # line, not the whole industry (prior: 5-20 % of the agent's capacity).
    cn_plants = [("outage_share", ("uniform", 0.05, 0.2))]
    cn_mine = cn_quota + cn_plants + [invest_ratio(1.0, 4.0, 1.8, 2.0)]
    a.append(agent("cn_mines_light", "miner", "CN", "Chinese light-REE mines (Bayan Obo, Sichuan)",
                   [("conc_light", 280000 * T, 0.9)], ["conc_light_cn"],
                   mine + cn_mine + [("unit_cost", 2.0)],
                   note="cal §1: China mined 270,000 t in 2024 (= its mining quota): 252 kt light (280 kt at 0.9) + 19 kt ionic clay (prior split)"))
    a.append(agent("cn_mines_ionic", "miner", "CN", "Chinese ionic-clay mines",
                   [("conc_heavy", 20000 * T, 0.95)], ["conc_heavy_global"],
                   mine + cn_quota + cn_plants + [("unit_cost", 10.0), invest_ratio(1.0, HEAVY_CONC_PRICE, 10.0, 10.0)]))
    a.append(agent("mp_mountain_pass", "miner", "US", "MP Materials, Mountain Pass",
                   [("conc_light", 45000 * T, 0.95)], ["conc_light_us", "conc_light_global"],
                   mine + [("unit_cost", 1.8)],
                   note="cal §1: USA 45,000 t; cal §2: shipped concentrate to China until 2025"))
    a.append(agent("mm_kachin", "miner", "MM", "Myanmar ionic-clay mines",
                   [("conc_heavy", 31000 * T, 0.95)], ["conc_heavy_global"],
                   mine + [("unit_cost", 8.0), ("outage_probability_per_year", 0.3), ("outage_weeks", 6),
                           invest_ratio(2.5, HEAVY_CONC_PRICE, 8.0, 8.0)],
                   note="cal §1: Myanmar 31,000 t; conflict outages (prior)"))
    a.append(agent("lynas_mt_weld", "miner", "AU", "Lynas, Mt Weld",
                   [("conc_light", 13000 * T, 0.95)], ["conc_light_au"], mine + [("unit_cost", 2.0)],
                   note="cal §1: Australia 13,000 t; Mt Weld feeds Lynas Malaysia (integrated)"))
    a.append(agent("af_mines", "miner", "ROW_AF", "Nigerian and other African mines",
                   [("conc_light", 13000 * T, 0.95)], ["conc_light_global"], mine + [("unit_cost", 1.8)],
                   note="cal §1: Nigeria 13,000 t"))
    a.append(agent("row_mines", "miner", "ROW", "Thailand, Russia, Vietnam, Brazil",
                   [("conc_light", 15520 * T, 0.95)], ["conc_light_global"], mine + [("unit_cost", 1.8)],
                   note="cal §1: Thailand 13,000 + Russia 2,500 + Brazil 20 t"))
    a.append(agent("irel_mines", "psu", "IN", "IREL monazite mining (Chavara, Manavalakurichi, OSCOM)",
                   [("conc_light", 2900 * T, 0.95)], ["conc_light_in"],
                   [("unit_cost", 3.0), ("home_first_share", 1.0)],
                   note="cal §1: India 2,900 t; cal §6: IREL's monazite plant"))
    # --- Separators: joint production of oxides from concentrate (cal §2) --------------------
    # Unit cost per kg of feed: the feed at its reference price plus separation (prior: about 2-4
    # USD per kg of light concentrate, 2-6 per kg of ionic-clay concentrate; no published costs in
    # calibration.md). Each oxide bears its reference-value share of it as its selling floor.
    # Revenue per kg of feed at reference prices: light 0.95 x (0.22 x 55 + 0.001 x 260 + 0.0002 x
    # 950) = 11.9 USD; ionic clay 0.95 x (0.25 x 55 + 0.05 x 260 + 0.0065 x 950) = 31.2 USD.
    sep = [("supply_elasticity", ("uniform", 0.3, 0.6)), ("yield", SEPARATION_YIELD), ("unit_cost", ("uniform", 6, 8)),
           SEP_BUILD, invest_ratio(1.0, 11.9, 6, 8)]
    sep_heavy = [("supply_elasticity", ("uniform", 0.3, 0.6)), ("yield", SEPARATION_YIELD), ("unit_cost", ("uniform", 22, 26)),
                 SEP_BUILD, invest_ratio(1.0, 31.2, 22, 26)]
    a.append(agent("cn_separators", "separator", "CN", "Chinese separators (quota holders)",
                   [("ndpr_oxide", round(64000 * T * CNS), CN_SEP_UTILISATION), ("dy_oxide", round(291 * T * CNS), CN_SEP_UTILISATION), ("tb_oxide", round(59 * T * CNS), CN_SEP_UTILISATION)],
                   ["conc_light_cn", "conc_light_global", "ndpr_cn", "ndpr_global", "dy_cn", "dy_global",
                    "tb_cn", "tb_global"], sep + cn_sep_quota + cn_plants,
                   note="cal §1: separation quota 254,000 t REO, plus imported feed: ~306 kt of light concentrate a year at 0.22 x 0.95 NdPr, enough with the other separators for the NdPr that 2024's magnet output needs (balanced start, docs/model.md §5); cal §2: China 92 % of separated output"))
    a.append(agent("cn_hree_separators", "separator", "CN", "Chinese heavy-REE separators",
                   [("ndpr_oxide", round(13000 * T * CNS), CN_SEP_UTILISATION), ("dy_oxide", round(2500 * T * CNS), CN_SEP_UTILISATION), ("tb_oxide", round(400 * T * CNS), CN_SEP_UTILISATION)],
                   ["conc_heavy_global", "ndpr_cn", "ndpr_global", "dy_cn", "dy_global", "tb_cn", "tb_global"],
                   sep_heavy + cn_sep_quota + cn_plants, note="Myanmar's feed is separated in China (cal §1, §5)"))
    a.append(agent("lynas_malaysia", "separator", "MY", "Lynas Malaysia",
                   [("ndpr_oxide", 6000 * T, 0.95)], ["conc_light_au", "ndpr_global"], sep,
                   inventory=[("conc_light", 12000 * T)],
                   note="cal §2: Lynas ~5 % of separated output, 12 kt/yr NdPr target; it draws on Mt Weld stockpiles (prior) beside 13 kt of new feed"))
    a.append(agent("mp_separation", "separator", "US", "MP Materials separation",
                   [("ndpr_oxide", 1300 * T, 0.9)], ["conc_light_us", "ndpr_global"], sep,
                   note="prior: MP's 2024 NdPr output ~1.3 kt"))
    a.append(agent("irel_alwaye", "separator", "IN", "IREL Alwaye separation",
                   [("ndpr_oxide", 500 * T, 0.4)], ["conc_light_in", "ndpr_global"],
                   sep + [("supply_elasticity", 0.0)],
                   note="cal §6: 5,500 t/yr mixed chloride at ~40 % utilisation; NdPr ~500 t/yr (C)"))
    # --- Magnet makers (cal §2: China ~90 % of capacity; recipes cal §2) ----------------------
    # Thrift, all priors (cal §9: no published speeds): grain-boundary diffusion uses about a half,
    # at best a third, of a conventional magnet's Dy or Tb, and one maker's cut took about two
    # years. A plant's output includes grades that cannot be cut, hence a share below a half on
    # average. China's makers already run lean recipes (cal §2 row above), so less is left to cut.
    thrift_terms = [("thrift_years", ("triangular", 1, 2, 4)), ("thrift_price_ratio", ("triangular", 1.5, 2.5, 4)),
                    ("thrift_reversibility", ("uniform", 0.2, 0.6)),
                    # Dy-Tb swap (docs/model.md §7.5.1), priors: grain-boundary diffusion takes
                    # either (cal §9), but some grades need one; requalifying a grade takes as long
                    # as a cut (thrift_years).
                    ("heavy_swap_max_share", ("uniform", 0.2, 0.5)), ("heavy_swap_price_ratio", ("uniform", 1.5, 3)),
                    ("tb_dy_equivalence", ("uniform", 1.5, 2.5))]
    thrift = [("thrift_max_share", ("uniform", 0.2, 0.6))] + thrift_terms if RESPONSES else []
    cn_thrift = [("thrift_max_share", ("uniform", 0.1, 0.4))] + thrift_terms if RESPONSES else []
    a.append(agent("cn_magnets", "magnet_maker", "CN", "Chinese NdFeB makers",
                   [("ndfeb_magnet", 280000 * T, 0.85)],
                   ["ndpr_cn", "ndpr_global", "dy_cn", "tb_cn", "ndfeb_cn", "ndfeb_global"],
                   [("ndpr_per_t", ("uniform", 0.29, 0.32)), ("dy_per_t", 0.0084),
                    ("tb_per_t", 0.0012), ("conversion_cost", 12), ("input_buffer_weeks", 6),
                    invest_ratio(0.3, 49, 31, 34)] + cn_thrift,
                   note="cal §2: 250-300 kt capacity in 2024 (C), NdPr 29-32 % and Dy up to 4 % of mass. 280 kt at 0.85 with the makers abroad covers 2024's demand below with ~4 % to spare, and the mean Dy content (0.8 %, most grades carry none) makes the world's Dy need 2024's separated Dy less ~8 % (balanced start: 2024 prices were flat to falling, cal §4; docs/model.md §5). The Dy content is derived from that balance, not drawn: drawn over 0.5-1.1 %, a trial starts up to 30 % short of Dy or long, which 2024's prices rule out"))
    # Makers outside China pay at most a few times the reference for an input and make fewer
    # magnets beyond it (prior; cal §5: Europe paid 3-4x China's price for Dy and Tb in 2025).
    wtp = [invest_ratio(0.3, 49, 36, 44)]
    a.append(agent("jp_magnets", "magnet_maker", "JP", "Japanese NdFeB makers",
                   [("ndfeb_magnet", 22000 * T, 0.85)],
                   ["ndpr_global", "dy_global", "tb_global", "ndfeb_jp"],
                   [("ndpr_per_t", 0.30), ("dy_per_t", ("uniform", 0.015, 0.03)), ("tb_per_t", 0.003),
                    ("conversion_cost", 15), ("input_buffer_weeks", 8)] + wtp + thrift,
                   note="prior: ~7 % of world capacity, high-temperature grades"))
    a.append(agent("row_magnets", "magnet_maker", "ROW", "Korean and South-East Asian NdFeB makers",
                   [("ndfeb_magnet", 5000 * T, 0.85)], ["ndpr_global", "dy_global", "tb_global", "ndfeb_global"],
                   [("ndpr_per_t", 0.30), ("dy_per_t", 0.015), ("tb_per_t", 0.002), ("conversion_cost", 14)] + wtp + thrift,
                   note="prior: the ~10 % of capacity outside China is Japan's and a few thousand tonnes elsewhere"))
    a.append(agent("eu_magnets", "magnet_maker", "EU", "European NdFeB makers",
                   [("ndfeb_magnet", 2000 * T, 0.85)], ["ndpr_global", "dy_global", "tb_global", "ndfeb_global"],
                   [("ndpr_per_t", 0.30), ("dy_per_t", 0.02), ("tb_per_t", 0.003), ("conversion_cost", 18)] + wtp + thrift))
    a.append(agent("in_magnets", "magnet_maker", "IN", "Indian magnet incentive beneficiaries",
                   [("ndfeb_magnet", 0, 0.8)], ["ndpr_global", "dy_global", "tb_global", "ndfeb_global"],
                   [("ndpr_per_t", 0.30), ("dy_per_t", 0.02), ("tb_per_t", 0.003), ("conversion_cost", 18),
                    ("build_years", ("triangular", 1.5, 2, 3.5))] + wtp + thrift,
                   note="cal §6: capacity built over ~2 years after award (see the incentive policy)"))
    a.append(agent("irel_smco", "psu", "IN", "IREL samarium-cobalt magnet plant, Visakhapatnam",
                   [("smco_magnet", 3000, 0.8)], ["smco_in"], [("unit_cost", 90)],
                   note="cal §6: 3,000 kg/yr, commissioned 2023"))
    # --- Magnet buyers (cal §3 priors; demand at the calendar start, kg/yr) ------------------
    growth = ("normal", 0.08, 0.03, 0.0, 0.2)  # cal §3: Nd +8 %/yr for deep decarbonisation
    # Willingness to pay: beyond a few times the reference a buyer curtails output rather than
    # bid (prior; cal §5: an Indian carmaker cut its EV target by two thirds in 2025); defence
    # buyers pay more.
    def buyer(id, nation, sector, tonnes, venues, g=growth, elastic=-0.05, buffer=6, extra=()):
        most = 10 if sector == "defence" else ("uniform", 2, 5)
        params = [("demand_growth", g), ("short_run_elasticity", elastic), ("buffer_weeks", buffer),
                  ("max_price_ratio", most)]
        if DEMAND_SIDE:
            params = [(n, v) for n, v in params if n not in ("short_run_elasticity", "max_price_ratio")]
            params += demand_side(sector)
        return agent(id, "magnet_buyer", nation, "%s %s magnet buyers" % (nation, sector),
                     [("ndfeb_magnet", tonnes * T, None)], venues, params + list(extra),
                     sector=sector)
    cn = ["ndfeb_cn"]
    gl = ["ndfeb_global"]
    a += [buyer("cn_ev", "CN", "ev", 69000, cn), buyer("cn_wind", "CN", "wind", 28000, cn),
          buyer("cn_electronics", "CN", "electronics", 50000, cn),
          buyer("cn_industrial", "CN", "industrial", 32000, cn)]
    a.append("# cal §5: China exported 58,152 t of magnets in 2024; ex-China demand below adds to ~77 kt with Japan's own output")
    a += [buyer("jp_buyers", "JP", "industrial", 20000, ["ndfeb_jp", "ndfeb_global"]), buyer("eu_ev", "EU", "ev", 8000, gl),
          buyer("eu_wind", "EU", "wind", 5000, gl), buyer("eu_industrial", "EU", "industrial", 5000, gl),
          buyer("us_ev", "US", "ev", 6000, gl), buyer("us_industrial", "US", "industrial", 7000, gl),
          buyer("us_defence", "US", "defence", 700, gl, elastic=0.0, buffer=26),
          buyer("vn_electronics", "VN", "electronics", 4000, gl),
          buyer("row_buyers", "ROW", "industrial", 19000, gl)]
    a.append("# cal §6: India's NdFeB imports ~460 t in 2024 (B/C), 93 % from China; demand grows ~10 %/yr")
    ing = ("normal", 0.12, 0.03, 0.0, 0.3)
    a += [buyer("in_ev", "IN", "ev", 260, gl, g=ing), buyer("in_electronics", "IN", "electronics", 150, gl, g=ing),
          buyer("in_wind", "IN", "wind", 90, gl, g=ing),
          buyer("in_defence", "IN", "defence", 40, gl, g=ing, elastic=0.0, buffer=26)]
    a.append(agent("in_defence_smco", "magnet_buyer", "IN", "Indian defence SmCo buyers",
                   [("smco_magnet", 2400, None)], ["smco_in"],
                   [("demand_growth", 0.05), ("short_run_elasticity", 0.0), ("buffer_weeks", 26)], sector="defence"))
    # --- Liquidity providers: thin two-sided quotes so books are never empty by construction --
    lp_venues = [v[0] for v in VENUES]
    a.append(agent("traders", "liquidity_provider", "ROW", "Traders quoting every book",
                   [], lp_venues, [("half_spread", 0.08), ("depth_units", 50), ("reference_weight", 0.05)]))
    if RESPONSES:
        a += stockholders()
    if STATE_RESERVE:
        a += china_state_reserve()
    return a


def stockholders():
    """Merchants holding oxides and magnets for the gain they expect (docs/model.md §7.6.1).

    All priors: no figures for traders' stocks are in calibration.md. Each starts with about two
    weeks of its market's flow (China's oxide output, cal §1-§2; ex-China magnet demand, cal §5)
    and cash for as much again; carrying costs are storage and insurance (~1 %/yr) plus a cost of
    funds of 5-8 %/yr, more for a distributor's smaller lots.
    """
    terms = [("carry_cost_per_year", ("uniform", 0.05, 0.10)), ("horizon_years", ("triangular", 0.25, 0.5, 1.0)),
             ("memory_years", ("triangular", 0.5, 1, 2)), ("momentum_years", ("uniform", 0.1, 0.4)),
             ("momentum_weight", ("uniform", 0.0, 1.0)), ("scarcity_weight", ("uniform", 0.5, 4)),
             ("full_stock_gain", ("uniform", 0.1, 0.3)), ("max_stock_weeks", ("uniform", 4, 12))]
    return [
        agent("cn_oxide_traders", "trader", "CN", "Chinese oxide traders",
              [], ["ndpr_cn", "dy_cn", "tb_cn"], terms,
              inventory=[("ndpr_oxide", 2500 * T), ("dy_oxide", 100 * T), ("tb_oxide", 18 * T)], cash=200e6,
              note="prior: two weeks of China's separated NdPr (~73 kt/yr), Dy (~2.8 kt/yr) and Tb (~0.45 kt/yr), cal §1-§2"),
        agent("seaborne_oxide_traders", "trader", "ROW", "Seaborne oxide traders",
              [], ["ndpr_global", "dy_global", "tb_global"], terms,
              inventory=[("ndpr_oxide", 300 * T), ("dy_oxide", 10 * T), ("tb_oxide", 2 * T)], cash=50e6,
              note="prior: a few weeks of the oxide traded outside China"),
        agent("eu_magnet_distributors", "trader", "EU", "European magnet distributors",
              [], ["ndfeb_global"], terms + [("carry_cost_per_year", ("uniform", 0.08, 0.12))],
              inventory=[("ndfeb_magnet", 1500 * T)], cash=100e6,
              note="prior: two weeks of the ~77 kt/yr of magnets used outside China, cal §5"),
    ]


# China's state-held Dy and Tb stocks (docs/model.md §7.6, §7.14; cal §11): on in every calibrated
# world, with the policy that switches them on in force from its start.
STATE_RESERVE = True


def china_state_reserve():
    """China's state reserve and state groups' stocks of Dy and Tb oxide, which sell into a dear market
    and buy in a slump (docs/model.md §7.6; cal §11).

    Size: the 2012 plan for an 18,000 t strategic stock that was to favour the medium and heavy
    oxides (cal §11), at ionic clay's shares (HEAVY_CONTENT: Dy 5 %, Tb 0.65 %), is about 900 t of
    Dy and 120 t of Tb; no source gives what is held in 2024, so a third to five-thirds of that
    (prior): 300-1,500 t of Dy (1.3-6.4 months of China's ~2.8 kt/yr) and 40-200 t of Tb. The stock
    it rebuilds to is drawn apart from the stock it starts with. Release: above 1.3-1.8 times the
    reference price (prior: state groups sold Dy-Fe into the 2024 rains' halt, and Tb still rose
    22 % over the 2024-25 halt, cal §11). Purchases: below 0.6-0.8 times it (prior: the reported
    purchases of 2012-2014 came as prices fell, cal §11). Cash: enough to rebuild the largest stock
    at the highest purchase price (prior).
    """
    terms = [("release_above_ratio", ("uniform", 1.3, 1.8)), ("buy_below_ratio", ("uniform", 0.6, 0.8))]
    out = []
    for element, commodity, low, high, cash in [("Dy", "dy_oxide", 300, 1500, 320e6), ("Tb", "tb_oxide", 40, 200, 160e6)]:
        size = ("uniform", low * T, high * T)
        out.append(agent("cn_reserve_" + element.lower(), "stockpile", "CN", "China's state-held %s oxide" % element,
                         [], [element.lower() + "_cn"], terms + [("max_stock", size)],
                         inventory=[(commodity, size)], cash=cash,
                         note="cal §11 (2012 plan, 18,000 t favouring the heavy oxides) at ionic clay's %s share; "
                              "prior: a third to five-thirds of it" % element))
    return out


def china_state_reserve_policy(start):
    """The policy under which China's reserve agencies act, in force from the world's start (cal §11)."""
    return policy("cn_state_reserve", "stockpile", "CN", commodities=["dy_oxide", "tb_oxide"],
                  activation='date: "%s"' % start,
                  source="cal §11: China's state reserve (2012 plan, 2014 purchases) and state groups selling Dy-Fe "
                         "into the 2024 halt; the rules are the agencies' own (priors)")


# ---------------------------------------------------------------------------------------------
# The announced capacity pipeline (cal §10), as `project` policies: each project names the
# agent that will run it, the commodity it adds, its announced on-line date, and a success
# probability, a delay after that date and a ramp drawn per trial. Figures an announcement gives
# are cited; the rest are priors with wide spreads. On unless the scenarios are written with
# --no-pipeline (INCLUDE_PIPELINE).
INCLUDE_PIPELINE = True


def pipeline_agents():
    """Agents listed with zero capacity that only the pipeline's projects fill (cal §10)."""
    mine = [("supply_elasticity", ELASTICITY), ("outage_probability_per_year", 0.05)]
    sep = [("supply_elasticity", ("uniform", 0.3, 0.6)), ("yield", SEPARATION_YIELD), ("unit_cost", ("uniform", 6, 8))]
    sep_heavy = [("supply_elasticity", ("uniform", 0.3, 0.6)), ("yield", SEPARATION_YIELD), ("unit_cost", ("uniform", 22, 26))]
    a = []
    a.append(agent("lynas_hree", "separator", "MY", "Lynas Malaysia heavy-REE separation",
                   [("dy_oxide", 0, 0.9), ("tb_oxide", 0, 0.9)], ["conc_heavy_global", "dy_global", "tb_global"],
                   sep_heavy,
                   note="cal §10: Lynas's Dy/Tb circuits; prior: fed with ionic-clay concentrate, the model's only "
                        "heavy feed (Lynas names Mt Weld's heavy fraction and Malaysian ionic clays)"))
    a.append(agent("mp_magnets", "magnet_maker", "US", "MP Materials magnet plants, Fort Worth",
                   [("ndfeb_magnet", 0, 0.8)], ["ndpr_global", "dy_global", "tb_global", "ndfeb_global"],
                   [("ndpr_per_t", 0.30), ("dy_per_t", 0.02), ("tb_per_t", 0.003), ("conversion_cost", 18),
                    ("build_years", ("triangular", 1.5, 2, 3.5))],
                   note="cal §10: Independence (~1,000 t/yr) and the 10 kt/yr target (cal §2); recipe and costs as "
                        "Europe's makers (prior)"))
    a.append(agent("af_new_mines", "miner", "ROW_AF", "New African mines (Longonjo, Songwe Hill)",
                   [("conc_light", 0, 0.9)], ["conc_light_global"], mine + [("unit_cost", 2.0)],
                   note="cal §10: Pensana's Longonjo (Angola) and Mkango's Songwe Hill (Malawi); prior unit cost"))
    a.append(agent("br_new_mines", "miner", "ROW_LA", "Serra Verde, Pela Ema (Brazil)",
                   [("conc_light", 0, 0.9)], ["conc_light_global"], mine + [("unit_cost", 2.0)],
                   note="cal §10: Phase I at least 5,000 t/yr REO; prior: as light concentrate (its Dy and Tb, "
                        "which the model's light concentrate understates, are not counted)"))
    a.append(agent("vn_mines", "miner", "VN", "Vietnamese mines (Dong Pao)",
                   [("conc_light", 0, 0.9)], ["conc_light_global"], mine + [("unit_cost", 2.0)],
                   note="cal §10: planned restart of Dong Pao; capacity a prior"))
    a.append(agent("vn_separation", "separator", "VN", "Vietnamese separation (VTRE)",
                   [("ndpr_oxide", 0, 0.9)], ["conc_light_global", "ndpr_global"], sep,
                   note="cal §10: VTRE's planned refinery; capacity a prior"))
    a.append(agent("kz_mines", "miner", "KZ", "Kazakh mines (Kuirektykol)",
                   [("conc_light", 0, 0.9)], ["conc_light_global"], mine + [("unit_cost", 2.5)],
                   note="cal §10: a deposit found in 2024, at the pre-investment stage; capacity a prior"))
    return a


def pipeline_projects(india_scheme=True):
    """The announced pipeline for the 2024 world as `project` policies (cal §10). With
    india_scheme, India's magnet scheme plants too; a scenario whose production incentive
    already awards them (india-self-reliance-2035) leaves them out."""
    def project(id, by, agent_id, commodity, date, capacity, success, delay, ramp, source):
        return policy(id, "project", by, agents=[agent_id], commodities=[commodity],
                      activation='date: "%s"' % date,
                      params=[("capacity", capacity), ("success_probability", success),
                              ("delay_years", delay), ("ramp_years", ramp)], source=source)
    p = []
    # Lynas (cal §2: 12 kt/yr NdPr target; §8: brownfield circuits start in months).
    p.append(project("lynas_mt_weld_expansion", "AU", "lynas_mt_weld", "conc_light", "2024-07-01",
                     ("uniform", 6000 * T, 9300 * T), ("uniform", 0.6, 0.95), ("triangular", 0, 0.5, 2),
                     ("uniform", 1, 2),
                     "cal §10: Mt Weld feed from 7,000 to 12,000 t/yr NdPr-equivalent in 2024 (Lynas, 3 Aug 2022); "
                     "prior: 6,000-9,300 t REO more on the world's 13,000 t (C), part perhaps already in 2024's output"))
    p.append(project("lynas_ndpr_expansion", "MY", "lynas_malaysia", "ndpr_oxide", "2025-07-01",
                     ("uniform", 3000 * T, 6000 * T), ("uniform", 0.6, 0.95), ("triangular", 0, 0.5, 3),
                     ("uniform", 1, 3),
                     "cal §2: Lynas's 12 kt/yr NdPr target against the world's 6 kt; cal §10: Kalgoorlie opened "
                     "Nov 2024 for 9,000 t/yr NdPr; date, success and delay priors"))
    p.append(project("lynas_hree_circuit", "MY", "lynas_hree", "dy_oxide", "2025-05-01",
                     ("uniform", 50 * T, 100 * T), ("uniform", 0.85, 1.0), ("triangular", 0, 0.1, 0.5),
                     ("uniform", 0.5, 1.5),
                     "cal §10: 1,500 t/yr of heavy feed (Lynas, 27 Jun 2024) at ~5 % Dy; cal §2, §8: first Dy "
                     "May 2025; Tb follows in the feed's proportions"))
    p.append(project("lynas_hree_facility", "MY", "lynas_hree", "dy_oxide", "2027-10-01",
                     ("uniform", 150 * T, 250 * T), ("uniform", 0.5, 0.9), ("triangular", 0, 0.5, 3),
                     ("uniform", 1, 3),
                     "cal §10: up to 5,000 t/yr of heavy feed at ~5 % Dy, ~1 % Tb, the initial suite within two "
                     "years, subject to approvals (Lynas, Oct 2025); success and delay priors"))
    # MP Materials (cal §2: a 10 kt/yr magnet target under the July 2025 defence deal).
    p.append(project("mp_independence", "US", "mp_magnets", "ndfeb_magnet", "2025-10-01",
                     ("uniform", 800 * T, 1000 * T), ("uniform", 0.8, 1.0), ("triangular", 0, 0.25, 1.5),
                     ("uniform", 1, 3),
                     "cal §10: ~1,000 t/yr NdFeB at Independence, ramp from late 2025 (MP, Jan 2025)"))
    p.append(project("mp_10x", "US", "mp_magnets", "ndfeb_magnet", "2028-01-01",
                     ("uniform", 6000 * T, 9000 * T), ("uniform", 0.4, 0.8), ("triangular", 0, 1, 4),
                     ("uniform", 1, 3),
                     "cal §2: 10 kt/yr magnet target (July 2025); prior: the rest of it after Independence, "
                     "date, success and delay"))
    # India's magnet scheme (cal §6: 6,000 t/yr for up to 5 beneficiaries, 2 years to build).
    if india_scheme:
        p.append(project("in_scheme_plants", "IN", "in_magnets", "ndfeb_magnet", "2028-01-01",
                         ("uniform", 3000 * T, 6000 * T), ("uniform", 0.5, 0.9), ("triangular", 0, 0.5, 2.5),
                         ("uniform", 1, 3),
                         "cal §6: 6,000 t/yr across up to 5 beneficiaries, 2 years to build from the Nov 2025 "
                         "scheme; prior: 3,000-6,000 t awarded and built, success and delay"))
    # Africa, Brazil, Vietnam, Kazakhstan (cal §8: a new mine takes 6-10 years).
    p.append(project("af_longonjo", "ROW_AF", "af_new_mines", "conc_light", "2027-01-01",
                     ("uniform", 7000 * T, 14000 * T), ("uniform", 0.4, 0.8), ("triangular", 0, 1, 4),
                     ("uniform", 2, 4),
                     "cal §10: up to 14,000 t/yr TREO at full, phased production, first production 2027 "
                     "(Pensana, 16 May 2025); prior: success, delay and ramp"))
    p.append(project("af_songwe_hill", "ROW_AF", "af_new_mines", "conc_light", "2025-09-01",
                     ("uniform", 3000 * T, 5954 * T), ("uniform", 0.2, 0.6), ("triangular", 1, 2.5, 6),
                     ("uniform", 0.5, 1.5),
                     "cal §10: 5,954 t/yr TREO, full production Sep 2025 in the feasibility study (Mkango, Jul "
                     "2022), not reached; prior: success and a delay of years"))
    p.append(project("br_serra_verde", "ROW_LA", "br_new_mines", "conc_light", "2024-07-01",
                     ("uniform", 3000 * T, 5000 * T), ("uniform", 0.7, 0.95), ("triangular", 0, 0.5, 2),
                     ("uniform", 1, 3),
                     "cal §10: Phase I at least 5,000 t/yr REO once ramped up (Serra Verde; commissioning from "
                     "Jun 2023); cal §1: Brazil 20 t in 2024; prior: success, delay and ramp"))
    p.append(project("vn_dong_pao", "VN", "vn_mines", "conc_light", "2026-01-01",
                     ("uniform", 2000 * T, 20000 * T), ("uniform", 0.1, 0.5), ("triangular", 0, 2, 6),
                     ("uniform", 1, 3),
                     "prior: Vietnam planned to restart Dong Pao and aims at up to 60,000 t/yr REO by 2030 "
                     "(reported Sep 2023, cal §10); no capacity announced"))
    p.append(project("vn_separation_plant", "VN", "vn_separation", "ndpr_oxide", "2026-01-01",
                     ("uniform", 500 * T, 3000 * T), ("uniform", 0.2, 0.6), ("triangular", 0, 2, 6),
                     ("uniform", 1, 3),
                     "prior: VTRE's planned refinery with a Korean partner (reported Sep 2023, cal §10); no "
                     "capacity announced"))
    p.append(project("kz_kuirektykol", "KZ", "kz_mines", "conc_light", "2025-04-01",
                     ("uniform", 1000 * T, 10000 * T), ("uniform", 0.1, 0.4), ("triangular", 6, 8, 12),
                     ("uniform", 1, 3),
                     "prior: Kuirektykol, found in 2024, at Tau-Ken Samruk's pre-investment stage (government, "
                     "Apr 2025, cal §10); cal §8: a new mine takes 6-10 years"))
    return p


def policy(id, type, by, origins=(), destinations=(), commodities=(), agents=(), activation="",
           params=(), source="", schedule=()):
    """A policy; `schedule` holds its dated parameter changes as (name, ISO date, value)."""
    lines = ["policies {", "  id: %s type: %s enacted_by: %s" % (q(id), q(type), q(by))]
    if origins:
        lines.append("  origins: [%s]" % ", ".join(q(o) for o in origins))
    if destinations:
        lines.append("  destinations: [%s]" % ", ".join(q(o) for o in destinations))
    if commodities:
        lines.append("  commodities: [%s]" % ", ".join(q(o) for o in commodities))
    if agents:
        lines.append("  agents: [%s]" % ", ".join(q(o) for o in agents))
    if activation:
        lines.append("  activation { %s }" % activation)
    for n, v in params:
        lines.append("  params { name: %s value %s }" % (q(n), dist(v)))
    if source:
        lines.append("  source: %s" % q(source))
    for n, d, v in schedule:
        lines.append("  param_schedule { name: %s date: %s value: %s }" % (q(n), q(d), fmt(v)))
    lines.append("}")
    return "\n".join(lines)


def metric(id, kind, scalars=(), series=False, **refs):
    lines = ["metrics {", "  id: %s kind: %s%s" % (q(id), kind, " series: true" if series else "")]
    for k, v in refs.items():
        lines.append("  %s: %s" % (k, v if k == "stage" else q(v)))
    for s in scalars:
        sid, skind = s[0], s[1]
        opts = s[2] if len(s) > 2 else {}
        body = " ".join("%s: %s" % (k, q(v) if isinstance(v, str) else fmt(v)) for k, v in opts.items())
        lines.append("  scalars { id: %s kind: %s %s}" % (q(sid), skind, body + " " if body else ""))
    lines.append("}")
    return "\n".join(lines)


def header(id, title, description, start, end):
    out = ["# proto-message: reesim.Scenario",
           "# Generated by scripts/make_scenarios.py from one description of the world; edit there.",
           "", "id: %s" % q(id), "title: %s" % q(title), "description: %s" % q(description),
           "calendar { start: %s end: %s tick_days: 7 }" % (q(start), q(end)), ""]
    for cid, name, stage, price, content, src in COMMODITIES:
        out.append("# %s" % src)
        out.append("commodities { id: %s name: %s stage: %s unit: \"kg\" quantity_lot: 1 price_tick: 0.01 reference_price: %s %s }"
                   % (q(cid), q(name), stage, fmt(price),
                      " ".join("content { key: %s value: %s }" % (q(k), fmt(v)) for k, v in content.items())))
    out.append("")
    for vid, c, j, auction in VENUES:
        fr = ""
        if j == "global":
            fr = " " + " ".join("freight { key: %s value: %s }" % (q(k), fmt(v)) for k, v in FREIGHT.items())
        out.append("venues { id: %s commodity: %s jurisdiction: %s matching: %s%s }"
                   % (q(vid), q(c), q(j), "MATCHING_CALL_AUCTION" if auction else "MATCHING_CONTINUOUS", fr))
    out.append("")
    for nid, name, region in NATIONS:
        out.append("nations { id: %s name: %s region: %s }" % (q(nid), q(name), q(region)))
    for aid, name, members, since in ALLIANCES:
        out.append("alliances { id: %s name: %s members: [%s] since: %s }"
                   % (q(aid), q(name), ", ".join(q(m) for m in members), q(since)))
    out.append("")
    return out


def common_metrics(year):
    frm, to = "%d-01-01" % year, "%d-12-31" % year
    w = {"from": frm, "to": to}
    m = []
    for n in ["CN", "US", "MM", "AU", "ROW_AF", "IN", "ROW"]:
        m.append(metric("mine_share_" + n.lower(), "METRIC_SHARE", [("mine_share_%s_%d" % (n.lower(), year), "SCALAR_MEAN", w)],
                        nation=n, stage="STAGE_CONCENTRATE"))
    m.append(metric("ndpr_share_cn", "METRIC_SHARE", [("separation_share_cn_%d" % year, "SCALAR_MEAN", w)],
                    nation="CN", commodity="ndpr_oxide"))
    m.append(metric("magnet_share_cn", "METRIC_SHARE", [("magnet_share_cn_%d" % year, "SCALAR_MEAN", w)],
                    nation="CN", commodity="ndfeb_magnet"))
    for c, v in [("ndpr", "ndpr_global"), ("dy", "dy_global"), ("tb", "tb_global"), ("ndfeb", "ndfeb_global"),
                 ("conc", "conc_light_global"), ("conch", "conc_heavy_global")]:
        m.append(metric("price_" + v, "METRIC_PRICE", [("price_%s_%d" % (v, year), "SCALAR_MEAN", w)], series=True, venue=v))
    for c, v in [("ndpr", "ndpr_cn"), ("dy", "dy_cn"), ("tb", "tb_cn"), ("ndfeb", "ndfeb_cn")]:
        m.append(metric("price_" + v, "METRIC_PRICE", [("price_%s_%d" % (v, year), "SCALAR_MEAN", w)], series=True, venue=v))
    m.append(metric("in_magnets_from_cn", "METRIC_IMPORT_DEPENDENCE",
                    [("in_magnet_imports_from_cn_%d" % year, "SCALAR_MEAN", w)], series=True,
                    commodity="ndfeb_magnet", nation="IN", origin="CN"))
    m.append(metric("in_unmet_magnets", "METRIC_UNMET_DEMAND", [("in_unmet_magnets_%d_kg" % year, "SCALAR_CUMULATIVE", w)],
                    series=True, nation="IN", commodity="ndfeb_magnet"))
    return m


def write(folder, lines):
    os.makedirs(os.path.join(RUNS, folder), exist_ok=True)
    with open(os.path.join(RUNS, folder, "scenario.textproto"), "w") as f:
        f.write("\n".join(lines) + "\n")


# The imported feed China separated in 2024 (cal §1: Myanmar's 31,000 t, nearly all separated in
# China, cal §5; cal §2: the United States' 45,000 t, shipped to China until 2025), as REO
# separated at the separators' 0.95 yield. Prior: the separation quota counts Chinese ore only and
# imported feed is separated beside it; the model's separators do not tell feed apart, so their
# cap is the quota plus this feed.
IMPORTED_FEED_REO = SEPARATION_YIELD * (31000 + 45000)


def china_quotas_2024():
    """China's 2024 mining and separation quotas (cal §1), in force through 2024. Mining: 270,000 t
    of REO for all its ores together, released evenly, shared among its mines by capacity. China
    mined 270,000 t in 2024, at the quota, so the quota binds at about the model's 2024 output
    (271 kt at reference prices: cn_mines_light and cn_mines_ionic above) and stops output from
    rising above it. Separation: 254,000 t of REO, counted as the REO separated with each oxide
    (`reo_equivalent`: NdPr over its feed's 0.22 or 0.25, once per separator), plus the imported
    feed separated beside it (IMPORTED_FEED_REO): 326 kt, about the model's 2024 run rate of its
    Chinese separators (0.8 of nameplate), so that they cannot run up to nameplate within the year.
    Only 2024's quotas are in cal §1, so they end with 2024. The 2035 worlds do not carry them
    renewed: a quota at the 2024 run rate raised by a prior 5-8 %/yr (`growth_per_year`) takes away
    the short-run response of China's output to price that keeps those worlds near their
    calibrated prices (docs/model.md §7.14)."""
    return [
        policy("cn_mining_quota_2024", "production_quota", "CN", commodities=["conc_light", "conc_heavy"],
               activation='date: "2024-01-01" until: "2024-12-31"',
               params=[("units_per_year", 270000 * T), ("pooled", 1)],
               source="cal §1: China's 2024 mining quota, 270,000 t REO; 2024 output 270,000 t (at the quota)"),
        policy("cn_separation_quota_2024", "production_quota", "CN",
               commodities=["ndpr_oxide", "dy_oxide", "tb_oxide"], activation='date: "2024-01-01" until: "2024-12-31"',
               params=[("units_per_year", round((254000 + IMPORTED_FEED_REO) * T)), ("pooled", 1),
                       ("reo_equivalent", 1)],
               source="cal §1: China's 2024 separation quota, 254,000 t REO, plus 72,200 t REO of imported "
                      "feed separated beside it (cal §1, §2, §5; prior)"),
    ]


def baseline():
    lines = header("baseline-2024", "The rare-earth world of 2024, without the 2025 controls",
                   "2024 as USGS, IEA and price agencies saw it (calibration.md §1-§4, §6): the reference "
                   "against which the calibrated checks are made.", "2024-01-01", "2024-12-31")
    lines += world_agents(2024)
    if INCLUDE_PIPELINE:
        lines += pipeline_agents()
    lines.append("")
    lines.append(policy("us_tariff_cn_magnets", "tariff", "US", origins=["CN"], destinations=["US"],
                        commodities=["ndfeb_magnet"], activation='date: "2024-01-01"',
                        params=[("rate", 0.035)], source="prior: US MFN duty on magnets (C)"))
    if STATE_RESERVE:
        lines.append(china_state_reserve_policy("2024-01-01"))
    lines += china_quotas_2024()
    if INCLUDE_PIPELINE:
        lines += pipeline_projects()
    lines.append("")
    lines += common_metrics(2024)
    # What China mined in 2024, against its quota (cn_mining_quota_2024).
    lines.append(metric("cn_mined", "METRIC_OUTPUT",
                        [("cn_mined_2024_kg", "SCALAR_CUMULATIVE", {"from": "2024-01-01", "to": "2024-12-31"})],
                        nation="CN", stage="STAGE_CONCENTRATE"))
    write("baseline-2024", lines)


def no_shock_2035():
    lines = header("no-shock-2035", "The 2024 world run forward to 2035 without new policies",
                   "baseline-2024's world (calibration.md §1-§4, §6) with only the policies in force in 2024, "
                   "run weekly to 2035 while the buyers' demand grows as the world has it (cal §3). Question: "
                   "without shocks, do oxide and magnet prices stay near their calibrated 2024 levels?",
                   "2024-01-01", "2035-12-31")
    lines += world_agents(2024)
    if INCLUDE_PIPELINE:
        lines += pipeline_agents()
    lines.append("")
    lines.append(policy("us_tariff_cn_magnets", "tariff", "US", origins=["CN"], destinations=["US"],
                        commodities=["ndfeb_magnet"], activation='date: "2024-01-01"',
                        params=[("rate", 0.035)], source="prior: US MFN duty on magnets (C)"))
    if STATE_RESERVE:
        lines.append(china_state_reserve_policy("2024-01-01"))
    if INCLUDE_PIPELINE:
        lines += pipeline_projects()
    lines.append("")
    # baseline-2024's price metrics (with their series and 2024 means) on the global venues and
    # inside China, and none of its other metrics.
    prices = ["price_" + v for v in ["ndpr_global", "dy_global", "tb_global", "ndfeb_global",
                                     "ndpr_cn", "dy_cn", "tb_cn", "ndfeb_cn"]]
    lines += [m for m in common_metrics(2024) if any("id: %s " % q(p) in m for p in prices)]
    lines.append(bound_metric("2025-01-01", "2035-12-31"))
    write("no-shock-2035", lines)


def licensing_2025():
    lines = header("china-licensing-2025", "China's April 2025 export licensing and what followed",
                   "From 4 April 2025 exports of Dy, Tb and magnets containing them need licences, processed "
                   "in ~45 working days (calibration.md §5); MP stops shipping concentrate to China and gets a "
                   "price floor (§2); the October widening is suspended within weeks. Question: does the model "
                   "reproduce the trough and recovery of China's magnet exports and the ex-China Dy/Tb premium?",
                   "2025-01-01", "2025-12-31")
    lines += world_agents(2025)
    if INCLUDE_PIPELINE:
        lines += pipeline_agents()
    lines.append("")
    lines.append(policy("us_tariff_cn_magnets", "tariff", "US", origins=["CN"], destinations=["US"],
                        commodities=["ndfeb_magnet"], activation='date: "2025-01-01"',
                        params=[("rate", 0.035)], source="prior: US MFN duty on magnets (C)"))
    if STATE_RESERVE:
        lines.append(china_state_reserve_policy("2025-01-01"))
    if INCLUDE_PIPELINE:
        lines += pipeline_projects()
    lines.append(policy("cn_licensing_oxides", "export_licensing", "CN", origins=["CN"],
                        commodities=["dy_oxide", "tb_oxide"], activation='date: "2025-04-04" until: "2025-12-31"',
                        params=[("approval_probability", ("uniform", 0.5, 0.9)),
                                ("delay_mean_days", ("uniform", 55, 70)), ("delay_sd_days", 14),
                                ("licence_days", 180), ("application_scale", 1.5), ("exempt_share", 0)],
                        source="cal §5: MOFCOM/Customs No. 18, 4 Apr 2025; ~45 working days to process"))
    lines.append(policy("cn_licensing_magnets", "export_licensing", "CN", origins=["CN"],
                        commodities=["ndfeb_magnet"], activation='date: "2025-04-04" until: "2025-12-31"',
                        params=[("approval_probability", ("uniform", 0.6, 0.95)),
                                ("delay_mean_days", ("uniform", 55, 70)), ("delay_sd_days", 14),
                                ("licence_days", 180), ("application_scale", ("uniform", 1.3, 1.8)),
                                ("exempt_share", ("uniform", 0.1, 0.3))],
                        source="cal §5: magnets containing Dy/Tb need licences; grades without them clear (prior share)"))
    lines.append(policy("cn_licensing_october", "export_licensing", "CN", origins=["CN"],
                        commodities=["ndfeb_magnet"], activation='date: "2025-10-09" until: "2025-11-10"',
                        params=[("approval_probability", 0.9), ("delay_mean_days", 30), ("delay_sd_days", 10),
                                ("exempt_share", 0.5)],
                        source="cal §5: 9 Oct 2025 widening (0.1 % content rule), suspended after the Trump-Xi meeting"))
    lines.append(policy("us_mp_stops_exports", "export_ban", "US", origins=["US"], destinations=["CN"],
                        commodities=["conc_light"], activation='date: "2025-04-15"',
                        source="cal §2: MP stopped shipping concentrate to China (7-9 % of China's NdPr feed)"))
    lines.append(policy("us_mp_floor", "price_floor", "US", agents=["mp_separation"], commodities=["ndpr_oxide"],
                        activation='date: "2025-07-10"', params=[("floor_price", 110)],
                        source="cal §2: July 2025 US defence deal, USD 110/kg NdPr floor"))
    lines.append("")
    lines += common_metrics(2025)
    q1 = {"baseline_from": "2025-01-01", "baseline_to": "2025-03-31"}
    lines.append(metric("cn_magnet_exports", "METRIC_FLOW", [
        ("cn_magnet_exports_month2", "SCALAR_MEAN", dict(q1, **{"from": "2025-05-01", "to": "2025-05-31"})),
        ("cn_magnet_exports_month5", "SCALAR_MEAN", dict(q1, **{"from": "2025-08-01", "to": "2025-08-31"})),
    ], series=True, commodity="ndfeb_magnet", origin="CN"))
    w8 = {"from": "2025-04-04", "to": "2025-05-30"}
    for e in ["dy", "tb"]:
        lines.append(metric("premium_%s" % e, "METRIC_PREMIUM", [("%s_premium_peak_8w" % e, "SCALAR_PEAK", w8)],
                            series=True, venue="%s_global" % e, reference_venue="%s_cn" % e))
        lines.append(metric("cn_%s_price_move" % e, "METRIC_PRICE",
                            [("%s_cn_price_8w_vs_q1" % e, "SCALAR_MEAN", dict(q1, **w8))], venue="%s_cn" % e))
    lines.append(bound_metric("2025-01-01", "2025-12-31"))
    write("china-licensing-2025", lines)


def bound_metric(start, end):
    """The share of bids held down by their bidders' bounds on price (METRIC_BID_AT_BOUND), averaged
    over the run: a peak is to be set by scarcity meeting the bidders' values, not by a bound."""
    return metric("bids_at_bound", "METRIC_BID_AT_BOUND",
                  [("bids_at_bound_share", "SCALAR_MEAN", {"from": start, "to": end})])


def india_2035():
    lines = header("india-self-reliance-2035", "India's rare-earth programmes under continuing licence risk, 2024-2035",
                   "India's magnet incentive scheme, the National Critical Mineral Mission, IREL and GMDC expansion, "
                   "a strategic stockpile, the US tariff on India cut from 50 to 18 %, and its alliances, while China "
                   "may license exports again at any time (calibration.md §5-§8). Question: how fast does India's "
                   "dependence on Chinese magnets fall, and how often do its buyers go short?",
                   "2024-01-01", "2035-12-31")
    lines += world_agents(2024)
    if INCLUDE_PIPELINE:
        lines += pipeline_agents()
    lines.append(agent("in_stockpile", "stockpile", "IN", "Indian strategic magnet stockpile",
                       [], ["ndfeb_global"], [("buy_below_price", 55), ("release_shortfall", 0.05)],
                       cash=50e6, note="prior: a stockpile of the kind cal §6-§7 describes; USD 50 M to start"))
    # GMDC's path from pilot to production is a PSU mission: money committed at the start, a mine
    # that takes 6-10 years (cal §8) and may never produce.
    lines.append(agent("gmdc_ambadungar", "psu", "IN", "GMDC Ambadungar carbonatite",
                       [("conc_light", 0, 0.8)], ["conc_light_in"],
                       [("unit_cost", 3.5), ("mission_budget_usd", ("uniform", 30e6, 120e6)),
                        ("capex_usd_per_unit_year", 30), ("build_years", ("triangular", 6, 7, 10)),
                        ("build_delay_sigma", 0.2), ("success_probability", ("uniform", 0.4, 0.8))],
                       note="cal §6: pilot since 2022, scoping stage (B); prior: capex ~USD 30 per kg/yr of "
                            "concentrate, so USD 30-120 M builds 1,000-4,000 t/yr; the pilot reaches production "
                            "with probability 0.4-0.8"))
    # End-of-life recycling (cal §7: under 1 % today, a quarter of magnet needs in a decade at best).
    lines.append(agent("eu_recyclers", "recycler", "EU", "European magnet recyclers",
                       [("ndpr_oxide", 300 * T, None)], ["ndpr_global"],
                       [("recovery_rate", ("uniform", 0.005, 0.01)), ("growth_per_year", ("uniform", 0.05, 0.3)),
                        ("unit_cost", 40)],
                       note="cal §7: recovery under 1 % today; prior: collection grows 5-30 %/yr at reference "
                            "prices, faster when oxide is dear; plant sized at 300 t/yr NdPr to start"))
    lines.append(agent("in_recyclers", "recycler", "IN", "Indian magnet recyclers",
                       [("ndpr_oxide", 20 * T, None)], ["ndpr_global"],
                       [("recovery_rate", ("uniform", 0.005, 0.01)), ("growth_per_year", ("uniform", 0.05, 0.3)),
                        ("unit_cost", 40)],
                       note="cal §7; prior: as the EU's, sized to India's far smaller magnet use"))
    lines.append("")
    if STATE_RESERVE:
        lines.append(china_state_reserve_policy("2024-01-01"))
    lines.append(policy("cn_licensing_2025", "export_licensing", "CN", origins=["CN"],
                        commodities=["dy_oxide", "tb_oxide", "ndfeb_magnet"], activation='date: "2025-04-04" until: "2025-12-31"',
                        params=[("approval_probability", ("uniform", 0.6, 0.9)), ("delay_mean_days", 63),
                                ("exempt_share", ("uniform", 0.1, 0.3))], source="cal §5"))
    lines.append(policy("cn_licensing_risk", "export_licensing", "CN", origins=["CN"],
                        commodities=["dy_oxide", "tb_oxide", "ndfeb_magnet"],
                        activation='renewal { per_tick { fixed: 0.005 } duration_days { uniform { min: 90 max: 365 } } from: "2026-06-01" }',
                        params=[("approval_probability", ("uniform", 0.3, 0.9)), ("delay_mean_days", ("uniform", 45, 90)),
                                ("exempt_share", ("uniform", 0.0, 0.3))],
                        source="prior: renewed licensing rounds, starting at ~23 % a year while none is in force, each lasting 3-12 months (cal §5 episode as template)"))
    lines.append(policy("in_magnet_scheme", "production_incentive", "IN", agents=["in_magnets"],
                        commodities=["ndfeb_magnet"], activation='date: "2026-01-01"',
                        params=[("per_unit_usd", 24.8), ("budget_usd", 745e6), ("max_units_per_year", 6000 * T),
                                ("years", 5), ("build_years", ("triangular", 1.5, 2, 3.5))],
                        source="cal §6: INR 6,450 crore sales-linked over 5 years for 6,000 t/yr (~USD 24.8/kg), 2 years to build"))
    lines.append(policy("in_magnet_capex", "capital_support", "IN", agents=["in_magnets"],
                        commodities=["ndfeb_magnet"], activation='date: "2026-01-01"',
                        params=[("share_of_capex", 0.25), ("budget_usd", 86.5e6),
                                ("build_years", ("triangular", 1.5, 2, 3.5))],
                        source="cal §6: the scheme's INR 750 crore (~USD 86.5 M) capital subsidy, 2 years to build; "
                               "prior: a quarter of capital cost, as INR 750 crore is about a quarter of a year's "
                               "revenue of 6,000 t/yr"))
    lines.append(policy("in_ncmm_irel", "production_incentive", "IN", agents=["irel_mines"],
                        commodities=["conc_light"], activation='date: "2025-06-01"',
                        params=[("per_unit_usd", 0.5), ("max_units_per_year", 3000 * T),
                                ("build_years", ("triangular", 2, 3, 6))],
                        source="cal §6: National Critical Mineral Mission; IREL's refineries at ~40 % for lack of ore"))
    lines.append(policy("in_stockpile_policy", "stockpile", "IN", commodities=["ndfeb_magnet"],
                        activation='date: "2026-04-01"', params=[("buy_below_price", 55), ("budget_usd", 50e6)],
                        source="prior: an Indian magnet stockpile (cal §6-§7 describe the US's)"))
    # One tariff whose rate changes on a date (docs/model.md §7.2, dated parameter changes).
    lines.append(policy("us_tariff_in", "tariff", "US", origins=["IN"], destinations=["US"],
                        activation='date: "2025-08-27"', params=[("rate", 0.5)],
                        schedule=[("rate", "2026-02-01", 0.18)],
                        source="cal §6: 50 % from 27 Aug 2025, cut to 18 % by the Feb 2026 agreement"))
    lines.append(policy("eu_recycling_target", "recycling_mandate", "EU", agents=["eu_recyclers"],
                        activation='date: "2025-01-01"',
                        params=[("share_target", ("uniform", 0.1, 0.25)), ("ramp_years", ("uniform", 5, 10))],
                        source="cal §7: the EU's 25 % recycling target, a benchmark rather than binding: a prior "
                               "that 10-25 % is enforced, reached in 5-10 years"))
    lines.append(policy("msp_terms", "alliance_terms", "US", activation='date: "2026-01-01"',
                        params=[("tariff_discount", 0.5)], source="cal §6: MSP, Quad, Pax Silica (prior discount)"))
    lines.append(policy("us_mp_floor", "price_floor", "US", agents=["mp_separation"], commodities=["ndpr_oxide"],
                        activation='date: "2025-07-10"', params=[("floor_price", 110)], source="cal §2"))
    if INCLUDE_PIPELINE:
        # The scheme's plants are already awarded by in_magnet_scheme above.
        lines += pipeline_projects(india_scheme=False)
    lines.append("")
    w = {"from": "2032-01-01", "to": "2032-12-31"}
    lines.append(metric("in_magnets_from_cn", "METRIC_IMPORT_DEPENDENCE",
                        [("in_magnet_imports_from_cn_2032", "SCALAR_MEAN", w),
                         # days to the first quarter (13 weeks running) in which under half of
                         # India's magnet imports come from China
                         ("in_first_quarter_below_half", "SCALAR_FIRST_BELOW", {"threshold": 0.5, "for_ticks": 13})],
                        series=True, commodity="ndfeb_magnet", nation="IN", origin="CN"))
    met_at = len(lines)
    met_2032 = ("in_demand_met_without_cn_2032", "SCALAR_MEAN", w)
    lines.append(metric("in_magnets_met_without_cn", "METRIC_DEMAND_MET_WITHOUT", [met_2032],
                        series=True, commodity="ndfeb_magnet", nation="IN", origin="CN"))
    lines.append(metric("in_magnet_output", "METRIC_OUTPUT", [("in_magnet_output_2032_kg_per_week", "SCALAR_MEAN", w)],
                        series=True, commodity="ndfeb_magnet", nation="IN"))
    lines.append(metric("in_unmet_ev", "METRIC_UNMET_DEMAND", [("in_ev_unmet_kg", "SCALAR_CUMULATIVE"),
                        ("in_ev_weeks_short", "SCALAR_TICKS_ABOVE", {"threshold": 0})],
                        series=True, nation="IN", sector="ev", commodity="ndfeb_magnet"))
    lines.append(metric("in_spending", "METRIC_SPENDING", [("in_public_spending_usd", "SCALAR_CUMULATIVE")], nation="IN"))
    # Traces of the renewed licensing (docs/model.md §7.11): its series' mean is the chance that
    # a round is in force; per trial, how many rounds, when the first began, how long in all, and
    # the licence applications it granted and denied.
    half = {"threshold": 0.5}
    lines.append(metric("cn_licensing_risk_in_force", "METRIC_POLICY_IN_FORCE",
                        [("cn_licensing_rounds", "SCALAR_RISES", half),
                         ("cn_licensing_first_round_day", "SCALAR_FIRST_ABOVE", half),
                         ("cn_licensing_days", "SCALAR_DAYS_ABOVE", half)],
                        series=True, policy="cn_licensing_risk"))
    lines.append(metric("cn_licences_granted", "METRIC_LICENCES_GRANTED",
                        [("cn_licences_granted_total", "SCALAR_CUMULATIVE")], policy="cn_licensing_risk"))
    lines.append(metric("cn_licences_denied", "METRIC_LICENCES_DENIED",
                        [("cn_licences_denied_total", "SCALAR_CUMULATIVE")], policy="cn_licensing_risk"))
    # What the US tariff on India raised (docs/model.md §7.11: a levy's own revenue).
    lines.append(metric("us_tariff_in_revenue", "METRIC_REVENUE", [("us_tariff_in_revenue_usd", "SCALAR_CUMULATIVE")],
                        policy="us_tariff_in"))
    lines.append(metric("in_stockpile_level", "METRIC_STOCKPILE", [("in_stockpile_peak_kg", "SCALAR_PEAK")],
                        series=True, nation="IN", commodity="ndfeb_magnet"))
    lines.append(metric("price_ndfeb_global", "METRIC_PRICE", [("ndfeb_global_peak", "SCALAR_PEAK")], series=True,
                        venue="ndfeb_global"))
    lines.append(metric("eu_recycled_ndpr", "METRIC_OUTPUT",
                        [("eu_recycled_ndpr_2035_kg_per_week", "SCALAR_MEAN", {"from": "2035-01-01", "to": "2035-12-31"})],
                        commodity="ndpr_oxide", nation="EU"))
    lines.append(metric("price_dy_global", "METRIC_PRICE", [("dy_global_peak", "SCALAR_PEAK")], series=True,
                        venue="dy_global"))
    write("india-self-reliance-2035", lines)
    # The published sweep varies this same world (runs/india-incentive-sweep/experiment.textproto),
    # with one more scalar, its headline: the share met without China averaged over 2028-2035, a
    # mean over eight years rather than one, so that its replicate noise is small beside the
    # levers' effects (`reesim analyze` prints the noise's share).
    sweep = list(lines)
    sweep[met_at] = metric("in_magnets_met_without_cn", "METRIC_DEMAND_MET_WITHOUT",
                           [met_2032, ("in_demand_met_without_cn_2028_2035", "SCALAR_MEAN",
                                       {"from": "2028-01-01", "to": "2035-12-31"})],
                           series=True, commodity="ndfeb_magnet", nation="IN", origin="CN")
    write("india-incentive-sweep", sweep)


if __name__ == "__main__":
    import sys
    # --no-pipeline: the 2024/2035 scenarios and china-licensing-2025 without the announced
    # capacity pipeline (cal §10); the recorded results are those with it.
    INCLUDE_PIPELINE = "--no-pipeline" not in sys.argv[1:]
    baseline()
    no_shock_2035()
    licensing_2025()
    india_2035()
