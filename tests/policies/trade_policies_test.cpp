// Policies that act on trade (DESIGN §3): who may sell to whom, at what landed cost and how
// much. Each test runs the same trials of a small world with and without the policy and checks
// the direction of its effect.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>

#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

constexpr std::uint64_t kTrials = 6;

// China bans NdPr exports from March 2024; prices are compared from April on.
constexpr std::string_view kChinaExportBan = R"txt(
  policies {
    id: "cn_export_ban" type: "export_ban" enacted_by: "CN"
    origins: ["CN"] commodities: ["ndpr"]
    activation { date: "2024-03-04" }
  }
)txt";
constexpr std::string_view kPricesAfterBan = R"txt(
  metrics {
    id: "global_price" kind: METRIC_PRICE venue: "ndpr_global"
    scalars { id: "global_price_after" kind: SCALAR_MEAN from: "2024-04-01" }
  }
  metrics {
    id: "china_price" kind: METRIC_PRICE venue: "ndpr_cn"
    scalars { id: "china_price_after" kind: SCALAR_MEAN from: "2024-04-01" }
  }
)txt";

}  // namespace

TEST_CASE("An export ban raises the ex-China price", "[policies][export_ban]") {
  WorldRunner open({worlds::kOxideTrade, kPricesAfterBan});
  WorldRunner banned({worlds::kOxideTrade, kPricesAfterBan, kChinaExportBan});

  const double before = open.mean_scalar("global_price_after", kTrials);
  const double after = banned.mean_scalar("global_price_after", kTrials);
  CAPTURE(before, after);
  CHECK(after > 1.2 * before);
}

TEST_CASE("An export ban lowers China's domestic price", "[policies][export_ban]") {
  // China's separators keep their output at home, where it exceeds demand by about a third.
  WorldRunner open({worlds::kOxideTrade, kPricesAfterBan});
  WorldRunner banned({worlds::kOxideTrade, kPricesAfterBan, kChinaExportBan});

  const double before = open.mean_scalar("china_price_after", kTrials);
  const double after = banned.mean_scalar("china_price_after", kTrials);
  CAPTURE(before, after);
  CHECK(after < 0.9 * before);
}

TEST_CASE("An export ban's leakage softens the ex-China price rise", "[policies][export_ban]") {
  // Half the banned flow still reaches buyers through third countries.
  constexpr std::string_view kLeakyBan = R"txt(
    policies {
      id: "cn_export_ban" type: "export_ban" enacted_by: "CN"
      origins: ["CN"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "leakage" value { fixed: 0.5 } }
    }
  )txt";
  WorldRunner tight({worlds::kOxideTrade, kPricesAfterBan, kChinaExportBan});
  WorldRunner leaky({worlds::kOxideTrade, kPricesAfterBan, kLeakyBan});

  const double tight_price = tight.mean_scalar("global_price_after", kTrials);
  const double leaky_price = leaky.mean_scalar("global_price_after", kTrials);
  CAPTURE(tight_price, leaky_price);
  CHECK(leaky_price < 0.9 * tight_price);
}

namespace {

// The US's imports of NdPr from China after the bans below start.
constexpr std::string_view kImportsFromChina = R"txt(
  metrics {
    id: "us_imports_cn" kind: METRIC_FLOW commodity: "ndpr" origin: "CN" nation: "US"
    scalars { id: "us_imports_cn_after" kind: SCALAR_CUMULATIVE from: "2024-03-04" }
  }
)txt";

}  // namespace

TEST_CASE("An import ban stops purchases from the banned origin", "[policies][import_ban]") {
  constexpr std::string_view kUsImportBan = R"txt(
    policies {
      id: "us_import_ban" type: "import_ban" enacted_by: "US"
      origins: ["CN"] destinations: ["US"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
    }
  )txt";
  WorldRunner open({worlds::kOxideTrade, kImportsFromChina});
  WorldRunner banned({worlds::kOxideTrade, kImportsFromChina, kUsImportBan});

  const double before = open.mean_scalar("us_imports_cn_after", kTrials);
  const double after = banned.mean_scalar("us_imports_cn_after", kTrials);
  CAPTURE(before, after);
  CHECK(before > 100000);
  CHECK(after == 0);
}

TEST_CASE("An import ban's leakage lets a share of the usual imports through",
          "[policies][import_ban]") {
  // Three tenths of the US's usual imports from China still arrive through third countries.
  constexpr std::string_view kLeakyImportBan = R"txt(
    policies {
      id: "us_import_ban" type: "import_ban" enacted_by: "US"
      origins: ["CN"] destinations: ["US"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "leakage" value { fixed: 0.3 } }
    }
  )txt";
  WorldRunner open({worlds::kOxideTrade, kImportsFromChina});
  WorldRunner leaky({worlds::kOxideTrade, kImportsFromChina, kLeakyImportBan});

  const double before = open.mean_scalar("us_imports_cn_after", kTrials);
  const double after = leaky.mean_scalar("us_imports_cn_after", kTrials);
  CAPTURE(before, after);
  CHECK(before > 100000);
  CHECK(after > 0.1 * before);
  CHECK(after < 0.5 * before);
}

namespace {

// A second Australian separator, bringing Australia's capacity to three quarters of US demand.
// Without it Australia's whole output already goes to the US, and a tariff on China has nowhere
// to shift the US's purchases to: the US can only pay the duty or go short.
constexpr std::string_view kAustralianExpansion = R"txt(
  agents {
    id: "au_separator_2" type: "separator" nation: "AU"
    capacities { commodity: "ndpr" per_year { fixed: 260000 } }
    venues: ["ndpr_global"]
    params { name: "unit_cost" value { fixed: 40 } }
  }
)txt";

// The US's reliance on Chinese oxide from March 2024.
constexpr std::string_view kUsDependenceOnChina = R"txt(
  metrics {
    id: "us_dependence_cn" kind: METRIC_IMPORT_DEPENDENCE commodity: "ndpr" nation: "US" origin: "CN"
    scalars { id: "us_dependence_cn_after" kind: SCALAR_MEAN from: "2024-03-04" }
  }
)txt";

}  // namespace

TEST_CASE("A tariff shifts the destination's sourcing away from the tariffed origin",
          "[policies][tariff]") {
  constexpr std::string_view kUsTariffOnChina = R"txt(
    policies {
      id: "us_tariff_cn" type: "tariff" enacted_by: "US"
      origins: ["CN"] destinations: ["US"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "rate" value { fixed: 0.2 } }
    }
  )txt";
  WorldRunner open({worlds::kOxideTrade, kAustralianExpansion, kUsDependenceOnChina});
  WorldRunner tariffed(
      {worlds::kOxideTrade, kAustralianExpansion, kUsDependenceOnChina, kUsTariffOnChina});

  const double before = open.mean_scalar("us_dependence_cn_after", kTrials);
  const double after = tariffed.mean_scalar("us_dependence_cn_after", kTrials);
  CAPTURE(before, after);
  CHECK(before > 0.3);
  CHECK(after < 0.6 * before);
}

TEST_CASE("A tariff makes the tariffed origin dearer, not unobtainable", "[policies][tariff]") {
  // Australia supplies under half of US demand: with a 50 % tariff on Chinese oxide the US
  // still buys the rest from China and pays the duty, so its demand stays served.
  constexpr std::string_view kSteepUsTariff = R"txt(
    policies {
      id: "us_tariff_cn" type: "tariff" enacted_by: "US"
      origins: ["CN"] destinations: ["US"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "rate" value { fixed: 0.5 } }
    }
    metrics {
      id: "us_shortfall" kind: METRIC_UNMET_DEMAND nation: "US" commodity: "ndpr"
      scalars { id: "us_shortfall_total" kind: SCALAR_CUMULATIVE }
    }
  )txt";
  WorldRunner tariffed({worlds::kOxideTrade, kSteepUsTariff});

  constexpr double kUsDemandPerYear = 1040000;  // us_magnets in kOxideTrade
  const double shortfall = tariffed.mean_scalar("us_shortfall_total", kTrials);
  CAPTURE(shortfall);
  CHECK(shortfall < 0.05 * kUsDemandPerYear);
}

TEST_CASE("Alliance terms waive tariffs among members and shift sourcing to them",
          "[policies][alliance_terms]") {
  // The US levies 20 % on every origin from March; Australia is its ally.
  constexpr std::string_view kUsTariffAndPact = R"txt(
    alliances { id: "pact" members: ["US", "AU"] }
    policies {
      id: "us_tariff_all" type: "tariff" enacted_by: "US" destinations: ["US"]
      activation { date: "2024-03-04" }
      params { name: "rate" value { fixed: 0.2 } }
    }
  )txt";
  constexpr std::string_view kPactTerms = R"txt(
    policies { id: "pact_terms" type: "alliance_terms" enacted_by: "US" }
  )txt";
  WorldRunner tariff_only(
      {worlds::kOxideTrade, kAustralianExpansion, kUsDependenceOnChina, kUsTariffAndPact});
  WorldRunner with_terms({worlds::kOxideTrade, kAustralianExpansion, kUsDependenceOnChina,
                          kUsTariffAndPact, kPactTerms});

  const double before = tariff_only.mean_scalar("us_dependence_cn_after", kTrials);
  const double after = with_terms.mean_scalar("us_dependence_cn_after", kTrials);
  CAPTURE(before, after);
  CHECK(before > 0.2);
  CHECK(after < 0.5 * before);
}

TEST_CASE("A re-export restriction blocks the diverted flow", "[policies][re_export_restriction]") {
  // India's magnets, made from Chinese oxide, are the US's only supply; China restricts their
  // resale to the US from March.
  constexpr std::string_view kDivertedFlow = R"txt(
    metrics {
      id: "diverted" kind: METRIC_FLOW commodity: "magnet" origin: "IN" nation: "US"
      scalars { id: "diverted_after" kind: SCALAR_CUMULATIVE from: "2024-03-04" }
    }
  )txt";
  constexpr std::string_view kRestriction = R"txt(
    policies {
      id: "cn_re_export" type: "re_export_restriction" enacted_by: "CN"
      origins: ["IN"] destinations: ["US"] commodities: ["magnet"]
      activation { date: "2024-03-04" }
      params { name: "enforcement" value { fixed: 1 } }
    }
  )txt";
  WorldRunner open({worlds::kMagnetTrade, kDivertedFlow});
  WorldRunner restricted({worlds::kMagnetTrade, kDivertedFlow, kRestriction});

  const double before = open.mean_scalar("diverted_after", kTrials);
  const double after = restricted.mean_scalar("diverted_after", kTrials);
  CAPTURE(before, after);
  CHECK(before > 100000);
  CHECK(after == 0);
}

TEST_CASE("A re-export restriction spares goods under its content threshold",
          "[policies][re_export_restriction]") {
  // An Australian separator also sells oxide on the seaborne market, so India's magnets are
  // made partly from Chinese and partly from Australian oxide. China restricts their resale to
  // the US above a Chinese content share of 0.1 % (the default) or of 90 %.
  constexpr std::string_view kMixedSourcing = R"txt(
    agents {
      id: "au_separator" type: "separator" nation: "AU"
      capacities { commodity: "ndpr" per_year { fixed: 260000 } }
      venues: ["ndpr_global"]
      params { name: "unit_cost" value { fixed: 30 } }
    }
    nations { id: "AU" }
    metrics {
      id: "diverted" kind: METRIC_FLOW commodity: "magnet" origin: "IN" nation: "US"
      scalars { id: "diverted_after" kind: SCALAR_CUMULATIVE from: "2024-03-04" }
    }
    metrics {
      id: "in_oxide_from_cn" kind: METRIC_FLOW commodity: "ndpr" origin: "CN" nation: "IN"
      scalars { id: "in_oxide_from_cn_total" kind: SCALAR_CUMULATIVE to: "2024-03-04" }
    }
    metrics {
      id: "in_oxide_from_au" kind: METRIC_FLOW commodity: "ndpr" origin: "AU" nation: "IN"
      scalars { id: "in_oxide_from_au_total" kind: SCALAR_CUMULATIVE to: "2024-03-04" }
    }
  )txt";
  constexpr std::string_view kStrictRule = R"txt(
    policies {
      id: "cn_re_export" type: "re_export_restriction" enacted_by: "CN"
      origins: ["IN"] destinations: ["US"] commodities: ["magnet"]
      activation { date: "2024-03-04" }
    }
  )txt";
  constexpr std::string_view kLooseRule = R"txt(
    policies {
      id: "cn_re_export" type: "re_export_restriction" enacted_by: "CN"
      origins: ["IN"] destinations: ["US"] commodities: ["magnet"]
      activation { date: "2024-03-04" }
      params { name: "content_threshold" value { fixed: 0.9 } }
    }
  )txt";
  WorldRunner open({worlds::kMagnetTrade, kMixedSourcing});
  WorldRunner strict({worlds::kMagnetTrade, kMixedSourcing, kStrictRule});
  WorldRunner loose({worlds::kMagnetTrade, kMixedSourcing, kLooseRule});

  // China's share of India's oxide before the rule (both sell at the same reference price).
  const double from_cn = open.mean_scalar("in_oxide_from_cn_total", kTrials);
  const double share = from_cn / (from_cn + open.mean_scalar("in_oxide_from_au_total", kTrials));
  const double before = open.mean_scalar("diverted_after", kTrials);
  const double strict_after = strict.mean_scalar("diverted_after", kTrials);
  const double loose_after = loose.mean_scalar("diverted_after", kTrials);
  CAPTURE(share, before, strict_after, loose_after);
  CHECK(share > 0.01);  // Chinese content is above the default threshold...
  CHECK(share < 0.8);   // ... and well below the loose one
  CHECK(before > 100000);
  CHECK(strict_after < 0.05 * before);
  CHECK(loose_after > 0.8 * before);
}

TEST_CASE("Export licensing cuts exports, which recover as approvals arrive",
          "[policies][export_licensing]") {
  // Applications take nine weeks on average (the default delay, 63 +- 14 days), so almost none
  // is decided in the first five weeks; four in five are granted.
  constexpr std::string_view kExportWindows = R"txt(
    metrics {
      id: "exports" kind: METRIC_FLOW commodity: "ndpr" origin: "CN"
      scalars { id: "exports_first_weeks" kind: SCALAR_MEAN from: "2024-03-04" to: "2024-04-08" }
      scalars { id: "exports_from_june" kind: SCALAR_MEAN from: "2024-06-03" }
    }
  )txt";
  constexpr std::string_view kLicensing = R"txt(
    policies {
      id: "cn_licensing" type: "export_licensing" enacted_by: "CN"
      origins: ["CN"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "approval_probability" value { fixed: 0.8 } }
    }
  )txt";
  WorldRunner open({worlds::kOxideTrade, kExportWindows});
  WorldRunner licensed({worlds::kOxideTrade, kExportWindows, kLicensing});

  const double open_early = open.mean_scalar("exports_first_weeks", kTrials);
  const double licensed_early = licensed.mean_scalar("exports_first_weeks", kTrials);
  const double open_late = open.mean_scalar("exports_from_june", kTrials);
  const double licensed_late = licensed.mean_scalar("exports_from_june", kTrials);
  CAPTURE(open_early, licensed_early, open_late, licensed_late);
  CHECK(licensed_early < 0.1 * open_early);
  CHECK(licensed_late > 0.7 * open_late);
}

namespace {

// China's exports from September 2024 to June 2025, by calendar year, under a quota of 40 t a
// year, well under what it exports in the last four months of 2024 without one.
constexpr double kQuota = 40000;
constexpr std::string_view kAcrossNewYear = R"txt(
  calendar { start: "2024-09-02" end: "2025-06-30" }
  metrics {
    id: "exports" kind: METRIC_FLOW commodity: "ndpr" origin: "CN"
    scalars { id: "exports_2024" kind: SCALAR_CUMULATIVE to: "2025-01-01" }
    scalars { id: "exports_2025" kind: SCALAR_CUMULATIVE from: "2025-01-01" }
  }
)txt";
constexpr std::string_view kQuotaPolicy = R"txt(
  policies {
    id: "cn_quota" type: "export_quota" enacted_by: "CN"
    origins: ["CN"] commodities: ["ndpr"]
    params { name: "quota_per_year" value { fixed: 40000 } }
  }
)txt";

}  // namespace

TEST_CASE("An export quota caps a year's exports at the quota", "[policies][export_quota]") {
  WorldRunner open({worlds::kOxideTrade, kAcrossNewYear});
  WorldRunner capped({worlds::kOxideTrade, kAcrossNewYear, kQuotaPolicy});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double uncapped = open.scalar("exports_2024", trial);
    const double exports = capped.scalar("exports_2024", trial);
    CAPTURE(uncapped, exports);
    CHECK(uncapped > 1.5 * kQuota);
    CHECK(exports <= kQuota);
    CHECK(exports > 0.9 * kQuota);
  }
}

TEST_CASE("An export quota refills at the new calendar year", "[policies][export_quota]") {
  WorldRunner capped({worlds::kOxideTrade, kAcrossNewYear, kQuotaPolicy});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double exports = capped.scalar("exports_2025", trial);
    CAPTURE(exports);
    CHECK(exports <= kQuota);
    CHECK(exports > 0.9 * kQuota);
  }
}
