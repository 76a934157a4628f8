#include "monitor/assessment_output.h"
#include "base/rounding.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

using nlohmann::ordered_json;

double RoundKm(Distance d) { return std::round(d.meters()) / 1000.0; }

ordered_json LocationJson(const Location& loc) {
  ordered_json j;
  j["distance_to_line_km"] = RoundKm(loc.distance_to_line);
  j["line_part"] = loc.line_part;
  j["control_area"] =
      loc.control_party.empty() ? ordered_json(nullptr) : ordered_json(loc.control_party);
  if (loc.on_boundary) j["on_control_boundary"] = true;
  j["zone"] = loc.zone;
  j["security_zone"] = loc.in_security_zone;
  ordered_json withdrawal = ordered_json::array();
  for (WeaponClass w : loc.inside_withdrawal_of) withdrawal.push_back(std::string(ToString(w)));
  j["inside_withdrawal_zone_of"] = withdrawal;
  if (!loc.disengagement_area.empty()) j["disengagement_area"] = loc.disengagement_area;
  if (!loc.protected_site.empty()) {
    j["protected_site"] = loc.protected_site;
    j["protected_site_distance_km"] = RoundKm(loc.protected_site_distance);
  }
  return j;
}

ordered_json PointJson(const UncertainPoint& p) {
  return ordered_json{{"lat", RoundTo(p.position.lat_deg, 6)},
                      {"lon", RoundTo(p.position.lon_deg, 6)},
                      {"uncertainty_m", p.uncertainty_m}};
}

ordered_json BreachesJson(const Assessment& a) {
  ordered_json rules = ordered_json::array();
  for (const RuleBreach& b : a.breaches) {
    rules.push_back({{"rule", b.rule}, {"reason", a.Reason(b)}});
  }
  return rules;
}

}  // namespace

std::string AssessmentJsonLine(const Observation& obs, const Assessment& a, int day_offset) {
  ordered_json j;
  j["observation"] = obs.id;
  j["time"] = obs.time.ToRfc3339();
  j["day"] = obs.time.LocalDate(day_offset);
  j["source"] = {{"id", obs.source_id}, {"type", std::string(ToString(obs.source_type))}};
  j["kind"] = std::string(ToString(obs.kind));
  j["weapon_class"] = std::string(ToString(obs.weapon_class));
  j["count"] = obs.count;
  j["confidence"] = obs.confidence;
  j["position"] = PointJson(obs.position);
  j["at"] = LocationJson(a.at);
  if (obs.origin) {
    j["origin"] = PointJson(*obs.origin);
    j["origin_at"] = LocationJson(*a.origin);
  }
  if (a.before_effective) j["before_effective"] = true;
  j["violation"] = a.violation();
  j["breaches"] = BreachesJson(a);
  return j.dump();
}

void ViolationGeoJsonWriter::Begin() { out_ << "{\"type\":\"FeatureCollection\",\"features\":["; }

void ViolationGeoJsonWriter::Add(const Observation& obs, const Assessment& a, int day_offset) {
  ordered_json f;
  f["type"] = "Feature";
  f["geometry"] = {
      {"type", "Point"},
      {"coordinates",
       {RoundTo(obs.position.position.lon_deg, 6), RoundTo(obs.position.position.lat_deg, 6)}}};
  ordered_json props;
  props["observation"] = obs.id;
  props["time"] = obs.time.ToRfc3339();
  props["day"] = obs.time.LocalDate(day_offset);
  props["kind"] = std::string(ToString(obs.kind));
  props["weapon_class"] = std::string(ToString(obs.weapon_class));
  props["count"] = obs.count;
  props["zone"] = a.at.zone;
  props["control_area"] =
      a.at.control_party.empty() ? ordered_json(nullptr) : ordered_json(a.at.control_party);
  props["distance_to_line_km"] = RoundKm(a.at.distance_to_line);
  ordered_json rules = ordered_json::array();
  for (const RuleBreach& b : a.breaches) rules.push_back(b.rule);
  props["rules"] = rules;
  f["properties"] = props;
  out_ << (first_ ? "\n" : ",\n") << f.dump();
  first_ = false;
}

void ViolationGeoJsonWriter::End() { out_ << "\n]}\n"; }

}  // namespace guarantor
