// AccessPolicy: who may do what, and see which records in how much detail. The one place where
// need-to-know is decided (docs/service.md §4); every endpoint asks it, through the request
// context the HTTP layer builds, and applies nothing of its own.
//
// Roles and what they read:
//   hq, commission   public, coalition and restricted records, and their own national ones
//   delegation X     public and coalition records, and X's own records at any classification
//   monitor          as a delegation, for the monitoring mission's organisation
//   public           public records only, coarsened
// A record derived from others (an incident from its observations, a case or an activation from
// incidents) is readable only when every record it rests on is: a conclusion reveals its evidence,
// so counts and aggregates computed over readable records reveal nothing else.
//
// Detail: hq and the Commission see everything as recorded; other readers see a monitor's exact
// position (the observer of a bearing) rounded to 0.1 degree, and the public also sees positions
// rounded to 0.01 degree, no source ids and no lists of evidence. A reader sees its own
// organisation's observations in full. Where the mission's assets stood is a monitor's position
// too: rounded to 0.1 degree for readers below hq and the Commission, and without the asset's id
// for the public; a monitoring gap's centre is rounded to 0.01 degree for the public.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/classification.h"
#include "store/store.h"

namespace guarantor::server {

enum class Role { kHq, kCommission, kMonitor, kDelegation, kPublic };
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view name);
// "hq, commission, monitor, delegation, public"
std::string RoleNames();

struct Principal {
  std::string user;
  Role role = Role::kPublic;
  std::string organisation;
};

enum class Action {
  kReadMonitoring,  // observations, incidents, violations, the live feed, reports
  kIngest,          // submit observations
  kReadCases,
  kTriageCases,   // claim, release, decide
  kReadPlans,     // pledges, commitments, force coverage and what-if, activations
  kReadLedger,    // entries, tree heads, proofs
  kAppendLedger,  // submit an entry sealed by the caller's own organisation
  kReadMetrics,
};

bool Allows(const Principal& who, Action action);
std::string_view ToString(Action action);

store::ReadScope ScopeFor(const Principal& who);

// The live feed's event types `who` may receive, each as the endpoint of its records is allowed:
// "violation" (kReadMonitoring), "case" and "remedy_overdue" (kReadCases), "activation"
// (kReadPlans).
std::set<std::string> FeedTypesFor(const Principal& who);

// The classifications and owners of every record a derived record rests on.
class Label {
 public:
  void Add(Classification classification, std::string_view owner);
  void Merge(const Label& other);
  bool ReadableBy(const store::ReadScope& scope) const;
  // The most restrictive classification in the label (public when empty).
  Classification Highest() const { return highest_; }

 private:
  std::vector<std::pair<Classification, std::string>> parts_;  // distinct, unordered
  Classification highest_ = Classification::kPublic;  // of parts_: readable at once when shared
};

enum class Detail { kFull, kCoarse, kPublic };
Detail DetailFor(const Principal& who);

// Coarsen a record for `detail` (kFull leaves it as is). Observations: observation format v1;
// incidents: the incidents.jsonl form.
void CoarsenObservation(nlohmann::ordered_json& record, Detail detail);
void CoarsenIncident(nlohmann::ordered_json& record, Detail detail);
// Monitoring gaps and asset placements: their JSON Lines forms (monitor/monitoring_gap.h,
// monitor/monitoring_asset.h).
void CoarsenGap(nlohmann::ordered_json& record, Detail detail);
void CoarsenAssetPlacement(nlohmann::ordered_json& record, Detail detail);

}  // namespace guarantor::server
