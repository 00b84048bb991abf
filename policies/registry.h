// The registered policy types (DESIGN §2, "Components"): one explicit list, PolicyKind, of the
// components in policies/types/, each holding its typed parameters, its own state and the hooks
// that apply to it:
//   on_tick        per-tick bookkeeping (licensing queues, quota years, content shares)
//   terms, quota_left, consume_quota, freezes_flows, record_flow
//                  its contribution to the terms the books read (trade measures, kTrade);
//                  seller_quota_left, consume_seller_quota where firms hold their own quotas
//   every_tick, shape, domestic, open, cap_output, record_output
//                  its contribution to the read-only policy view (domestic measures)
// The engine (policies/engine.h) is a loop over these; dispatch is by std::visit.
//
// Adding a type: write policies/types/NAME.h/.cpp (copy tariff), add it to PolicyKind below, to
// the source list in policies/CMakeLists.txt, and a test in tests/policies/.
#pragma once

#include <span>
#include <variant>

#include "policies/catalog.h"
#include "policies/types/alliance_terms.h"
#include "policies/types/ban.h"
#include "policies/types/capital_support.h"
#include "policies/types/export_duty.h"
#include "policies/types/export_licensing.h"
#include "policies/types/export_quota.h"
#include "policies/types/price_floor.h"
#include "policies/types/production_incentive.h"
#include "policies/types/production_quota.h"
#include "policies/types/project.h"
#include "policies/types/re_export_restriction.h"
#include "policies/types/recycling_mandate.h"
#include "policies/types/stockpile.h"
#include "policies/types/tariff.h"
#include "policies/types/technology_export_ban.h"

namespace reesim::policies {

// Every policy type, in catalogue order (policy_types()).
using PolicyKind =
    std::variant<ExportBan, ExportLicensing, ExportQuota, Tariff, ImportBan, ProductionIncentive,
                 CapitalSupport, StockpilePolicy, PriceFloor, AllianceTerms, TechnologyExportBan,
                 ReExportRestriction, RecyclingMandate, ProductionQuota, ExportDuty, Project>;

// The component of policy `info`'s type, with the parameters `values` (aligned with its spec).
[[nodiscard]] PolicyKind make_policy(const world::World& world, const world::PolicyInfo& info,
                                     std::span<const double> values);

}  // namespace reesim::policies
