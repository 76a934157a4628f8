#include "server/access_policy.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "base/rounding.h"

namespace guarantor::server {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kHq:
      return "hq";
    case Role::kCommission:
      return "commission";
    case Role::kMonitor:
      return "monitor";
    case Role::kDelegation:
      return "delegation";
    case Role::kPublic:
      return "public";
  }
  return "public";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kHq, Role::kCommission, Role::kMonitor, Role::kDelegation, Role::kPublic}) {
    if (ToString(r) == name) return r;
  }
  return std::nullopt;
}

std::string RoleNames() { return "hq, commission, monitor, delegation, public"; }

std::string_view ToString(Action action) {
  switch (action) {
    case Action::kReadMonitoring:
      return "read monitoring records";
    case Action::kIngest:
      return "submit observations";
    case Action::kReadCases:
      return "read Special Commission cases";
    case Action::kTriageCases:
      return "triage Special Commission cases";
    case Action::kReadPlans:
      return "read pledges, commitments, force plans and activations";
    case Action::kReadLedger:
      return "read the ledger";
    case Action::kAppendLedger:
      return "append to the ledger";
    case Action::kReadMetrics:
      return "read the service's metrics";
  }
  return "?";
}

bool Allows(const Principal& who, Action action) {
  switch (who.role) {
    case Role::kHq:
      return action != Action::kTriageCases;
    case Role::kCommission:
      return action != Action::kReadMetrics;
    case Role::kDelegation:
      return action != Action::kTriageCases && action != Action::kReadMetrics;
    case Role::kMonitor:
      return action == Action::kReadMonitoring || action == Action::kIngest;
    case Role::kPublic:
      return action == Action::kReadMonitoring;
  }
  return false;
}

std::set<std::string> FeedTypesFor(const Principal& who) {
  std::set<std::string> types;
  if (Allows(who, Action::kReadMonitoring)) types.insert("violation");
  if (Allows(who, Action::kReadCases)) {
    types.insert("case");
    types.insert("remedy_overdue");
  }
  if (Allows(who, Action::kReadPlans)) types.insert("activation");
  return types;
}

store::ReadScope ScopeFor(const Principal& who) {
  switch (who.role) {
    case Role::kHq:
    case Role::kCommission:
      return {Classification::kRestricted, who.organisation};
    case Role::kDelegation:
    case Role::kMonitor:
      return {Classification::kCoalition, who.organisation};
    case Role::kPublic:
      return {Classification::kPublic, ""};
  }
  return {Classification::kPublic, ""};
}

void Label::Add(Classification classification, std::string_view owner) {
  for (const auto& [c, o] : parts_) {
    if (c == classification && o == owner) return;
  }
  parts_.emplace_back(classification, std::string(owner));
  highest_ = std::max(highest_, classification);
}

void Label::Merge(const Label& other) {
  for (const auto& [c, o] : other.parts_) Add(c, o);
}

bool Label::ReadableBy(const store::ReadScope& scope) const {
  if (highest_ <= scope.max_shared) return true;  // every part is shared that widely
  return std::all_of(parts_.begin(), parts_.end(),
                     [&](const auto& p) { return store::CanRead(scope, p.first, p.second); });
}

Detail DetailFor(const Principal& who) {
  switch (who.role) {
    case Role::kHq:
    case Role::kCommission:
      return Detail::kFull;
    case Role::kDelegation:
    case Role::kMonitor:
      return Detail::kCoarse;
    case Role::kPublic:
      return Detail::kPublic;
  }
  return Detail::kPublic;
}

namespace {

void Round(nlohmann::ordered_json& point, const char* lat, const char* lon, double step) {
  for (const char* k : {lat, lon}) {
    if (point.contains(k) && point[k].is_number()) {
      point[k] = std::round(point[k].get<double>() / step) * step;
    }
  }
}

// A position rounded to `step` degrees is uncertain by at least half a step (~ step x 55 km).
void RoundPosition(nlohmann::ordered_json& position, double step) {
  if (!position.is_object()) return;
  Round(position, "lat", "lon", step);
  const double floor_m = step * 55'000;
  if (position.contains("uncertainty_m") && position["uncertainty_m"].is_number() &&
      position["uncertainty_m"].get<double>() < floor_m) {
    position["uncertainty_m"] = floor_m;
  }
}

// A point's lat and lon rounded to `decimals` decimal places, as the outputs round figures.
void RoundDecimals(nlohmann::ordered_json& point, int decimals) {
  if (!point.is_object()) return;
  for (const char* k : {"lat", "lon"}) {
    if (point.contains(k) && point[k].is_number()) {
      point[k] = RoundTo(point[k].get<double>(), decimals);
    }
  }
}

}  // namespace

void CoarsenObservation(nlohmann::ordered_json& record, Detail detail) {
  if (detail == Detail::kFull || !record.is_object()) return;
  if (record.contains("bearing") && record["bearing"].is_object()) {
    nlohmann::ordered_json& bearing = record["bearing"];
    if (detail == Detail::kPublic) {
      record.erase("bearing");
    } else if (bearing.contains("observer")) {
      Round(bearing["observer"], "lat", "lon", 0.1);
    }
  }
  if (detail == Detail::kPublic) {
    if (record.contains("position")) RoundPosition(record["position"], 0.01);
    if (record.contains("origin")) RoundPosition(record["origin"], 0.01);
    if (record.contains("source") && record["source"].is_object()) record["source"].erase("id");
    record.erase("notes");
  }
}

void CoarsenIncident(nlohmann::ordered_json& record, Detail detail) {
  if (detail != Detail::kPublic || !record.is_object()) return;
  if (record.contains("position")) RoundPosition(record["position"], 0.01);
  if (record.contains("origin")) RoundPosition(record["origin"], 0.01);
  record["observations"] = nlohmann::ordered_json::array();  // no evidence lists, same shape
  record.erase("bearings");
}

void CoarsenGap(nlohmann::ordered_json& record, Detail detail) {
  if (detail != Detail::kPublic || !record.is_object()) return;
  if (record.contains("center")) RoundDecimals(record["center"], 2);
}

void CoarsenAssetPlacement(nlohmann::ordered_json& record, Detail detail) {
  if (detail == Detail::kFull || !record.is_object()) return;
  if (record.contains("position")) RoundDecimals(record["position"], 1);
  if (detail == Detail::kPublic) record.erase("id");
}

}  // namespace guarantor::server
