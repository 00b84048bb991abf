#include "policies/catalog.h"

#include <array>

namespace reesim::policies {
namespace {

// Sources: rows of ../shared/data/calibration.md, cited as "cal §N".

constexpr ParamSpec kExportBan[] = {
    {"leakage", "fraction", "share of banned flow that still reaches buyers via third countries",
     0.0, 0.0, 1.0},
};

constexpr ParamSpec kExportLicensing[] = {
    {"approval_probability", "fraction",
     "probability that one licence application is granted (cal §5: licences trickled out)", 0.5,
     0.0, 1.0},
    {"delay_mean_days", "days",
     "mean processing time of an application (cal §5: ~45 working days, ~9 weeks)", 63.0, 0.0,
     730.0},
    {"delay_sd_days", "days", "standard deviation of the processing time", 14.0, 0.0, 365.0},
    {"licence_days", "days", "validity of a granted licence; 365 for the Dec 2025 general licences",
     180.0, 1.0, 3650.0},
    {"application_scale", "ratio",
     "each week's application asks for this multiple of a week's usual flow (restocking)", 1.5, 0.0,
     10.0},
    {"exempt_share", "fraction",
     "share of the usual flow that needs no licence (grades without controlled elements)", 0.0, 0.0,
     1.0},
};

constexpr ParamSpec kExportQuota[] = {
    {"quota_per_year", "commodity units/yr",
     "exports allowed per calendar year (cal §1: China's 2024 quotas for mining and separation)",
     0.0, 0.0, kUnbounded},
};

constexpr ParamSpec kTariff[] = {
    {"rate", "fraction", "ad valorem tariff on the price (cal §6: US on India 0.50 then 0.18)", 0.0,
     0.0, 10.0},
};

constexpr ParamSpec kImportBan[] = {
    {"leakage", "fraction", "share of banned imports that still arrive via third countries", 0.0,
     0.0, 1.0},
};

constexpr ParamSpec kProductionIncentive[] = {
    {"per_unit_usd", "USD/commodity unit",
     "sales-linked incentive per unit sold (cal §6: INR 6,450 crore over 5 yr for 6,000 t/yr)", 0.0,
     0.0, kUnbounded},
    {"budget_usd", "USD", "total budget; payments stop when spent (0: no limit)", 0.0, 0.0,
     kUnbounded},
    {"max_units_per_year", "commodity units/yr",
     "cap per beneficiary (cal §6: 1,200 t/yr per beneficiary)", kUnbounded, 0.0, kUnbounded},
    {"years", "years", "years payments run after the build period (cal §6: 5)", 5.0, 0.0, 50.0},
    {"build_years", "years", "time beneficiaries take to build capacity (cal §6, §8: 2)", 2.0, 0.0,
     20.0},
};

constexpr ParamSpec kCapitalSupport[] = {
    {"share_of_capex", "fraction", "share of capital cost paid by the state", 0.25, 0.0, 1.0},
    {"budget_usd", "USD", "total budget (cal §6: INR 750 crore capital subsidy); 0: no limit", 0.0,
     0.0, kUnbounded},
    {"build_years", "years", "construction time of supported capacity (cal §8)", 2.0, 0.0, 20.0},
};

constexpr ParamSpec kStockpile[] = {
    {"buy_below_price", "USD/commodity unit",
     "the agency buys while the price is below this (0: the agency's own buy_below_price)", 0.0,
     0.0, kUnbounded},
    {"release_shortfall", "fraction",
     "the agency releases while domestic unmet demand exceeds this share of demand (0: the "
     "agency's own release_shortfall)",
     0.0, 0.0, 1.0},
    {"target_units", "commodity units",
     "stock the agency aims to hold; it stops buying there (0: no target)", 0.0, 0.0, kUnbounded},
    {"budget_usd", "USD",
     "USD the agencies may spend buying while the policy is in force (cal §7: Project Vault USD "
     "12 bn); 0: no limit",
     0.0, 0.0, kUnbounded},
    {"max_release_per_tick", "commodity units/tick", "largest release in one tick", kUnbounded, 0.0,
     kUnbounded},
};

constexpr ParamSpec kPriceFloor[] = {
    {"floor_price", "USD/commodity unit",
     "price guaranteed to covered producers (cal §2: MP Materials NdPr floor USD 110/kg)", 0.0, 0.0,
     kUnbounded},
    {"volume_cap_per_year", "commodity units/yr", "largest volume the guarantee covers per year",
     kUnbounded, 0.0, kUnbounded},
};

constexpr ParamSpec kAllianceTerms[] = {
    {"tariff_discount", "fraction", "share of tariffs waived between members", 1.0, 0.0, 1.0},
    {"home_preference", "fraction",
     "share of a member's sales offered to members before others (cal §6: China-free bloc)", 0.0,
     0.0, 1.0},
};

constexpr ParamSpec kTechnologyExportBan[] = {
    {"build_time_factor", "ratio",
     "multiplier on capacity build times outside the enacting nation (cal §8 lead times)", 1.5, 1.0,
     10.0},
};

constexpr ParamSpec kReExportRestriction[] = {
    {"enforcement", "fraction",
     "probability a diverted re-export is caught and blocked (cal §6: China pressed India)", 1.0,
     0.0, 1.0},
    {"content_threshold", "fraction",
     "share of the enacting nation's content from which goods count (cal §5: 0.1 % rule)", 0.001,
     0.0, 1.0},
};

constexpr ParamSpec kRecyclingMandate[] = {
    {"share_target", "fraction", "recycled share of magnet feed required (cal §7: EU 25 %)", 0.25,
     0.0, 1.0},
    {"ramp_years", "years", "years to reach the target from activation", 10.0, 0.0, 50.0},
};

constexpr std::array kTypes = {
    TypeSpec{"export_ban", "origins may not sell covered commodities to destinations", kExportBan},
    TypeSpec{"export_licensing",
             "sales need a licence, granted with a probability after a random delay",
             kExportLicensing},
    TypeSpec{"export_quota", "exports from origins are capped per year", kExportQuota},
    TypeSpec{"tariff", "destinations levy an ad valorem tariff on imports from origins", kTariff},
    TypeSpec{"import_ban", "destinations may not buy covered commodities from origins", kImportBan},
    TypeSpec{"production_incentive", "per-unit payments to eligible domestic producers",
             kProductionIncentive},
    TypeSpec{"capital_support", "the state pays part of the cost of new capacity", kCapitalSupport},
    TypeSpec{"stockpile", "a strategic stockpile buys cheap and releases in shortage", kStockpile},
    TypeSpec{"price_floor", "covered producers receive at least the floor price", kPriceFloor},
    TypeSpec{"alliance_terms", "preferential terms among the members of an alliance",
             kAllianceTerms},
    TypeSpec{"technology_export_ban", "slows capacity building outside the enacting nation",
             kTechnologyExportBan},
    TypeSpec{"re_export_restriction",
             "goods from the enacting nation may not be resold to named destinations",
             kReExportRestriction},
    TypeSpec{"recycling_mandate", "a share of magnet feed must come from recycling",
             kRecyclingMandate},
};

}  // namespace

std::span<const TypeSpec> policy_types() {
  return kTypes;
}

const TypeSpec* find_policy_type(std::string_view name) {
  return find_type(kTypes, name);
}

}  // namespace reesim::policies
