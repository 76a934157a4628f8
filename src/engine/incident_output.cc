#include "engine/incident_output.h"
#include "base/rounding.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace guarantor {
namespace {
using nlohmann::ordered_json;

double Km(Distance d) { return std::round(d.meters()) / 1000.0; }

ordered_json Point(const UncertainPoint& p) {
  return {{"lat", RoundTo(p.position.lat_deg, 6)},
          {"lon", RoundTo(p.position.lon_deg, 6)},
          {"uncertainty_m", std::round(p.uncertainty_m)}};
}

ordered_json Where(const Location& loc) {
  ordered_json j;
  j["distance_to_line_km"] = Km(loc.distance_to_line);
  j["control_area"] =
      loc.control_party.empty() ? ordered_json(nullptr) : ordered_json(loc.control_party);
  j["zone"] = loc.zone;
  if (!loc.protected_site.empty())
    j["protected_site_distance_km"] = Km(loc.protected_site_distance);
  return j;
}
}  // namespace

std::string IncidentJsonLine(const IncidentRecord& rec, int day_offset) {
  const Incident& inc = rec.incident;
  ordered_json j;
  j["incident"] = inc.id;
  j["status"] = std::string(ToString(inc.status));
  if (inc.status == IncidentStatus::kVerified) {
    j["verified_by"] = inc.verified_by;
    j["verified_at"] = inc.verified_at.ToRfc3339();
  }
  j["first_seen"] = inc.first_seen.ToRfc3339();
  j["last_seen"] = inc.last_seen.ToRfc3339();
  j["day"] = inc.first_seen.LocalDate(day_offset);
  j["kind"] = std::string(ToString(inc.kind));
  j["weapon_class"] = std::string(ToString(inc.weapon_class));
  j["count"] = inc.count;
  j["position"] = Point(inc.position);
  j["at"] = Where(rec.assessment.at);
  if (inc.origin) {
    j["origin"] = Point(*inc.origin);
    j["origin_at"] = Where(*rec.assessment.origin);
  }
  j["independent_sources"] = inc.independent_sources;
  ordered_json members = ordered_json::array();
  for (const IncidentMember& m : inc.members) {
    members.push_back({{"observation", m.observation_id},
                       {"source", m.source_id},
                       {"type", std::string(ToString(m.source_type))}});
  }
  j["observations"] = std::move(members);
  j["violation"] = rec.assessment.violation();
  ordered_json rules = ordered_json::array();
  for (const RuleBreach& b : rec.assessment.breaches)
    rules.push_back({{"rule", b.rule}, {"reason", b.reason}});
  j["breaches"] = std::move(rules);
  j["severity"] = rec.severity;
  j["attribution"] = {
      {"party", rec.attribution.determined() ? ordered_json(rec.attribution.party)
                                             : ordered_json("undetermined")},
      {"candidate", rec.attribution.candidate.empty() ? ordered_json(nullptr)
                                                      : ordered_json(rec.attribution.candidate)},
      {"method", std::string(ToString(rec.attribution.method))},
      {"confidence", RoundTo(rec.attribution.confidence, 3)},
      {"reason", rec.attribution.reason}};
  if (!rec.case_id.empty()) j["case"] = rec.case_id;
  return j.dump();
}

std::string CaseJsonLine(const Case& c) {
  ordered_json j;
  j["case"] = c.id;
  j["incident"] = c.incident;
  j["state"] = std::string(ToString(c.state));
  j["severity"] = c.severity;
  j["rules"] = c.rules;
  j["attributed_party"] =
      c.attributed_party.empty() ? ordered_json("undetermined") : ordered_json(c.attributed_party);
  j["attribution_candidate"] = c.attribution_candidate.empty()
                                   ? ordered_json(nullptr)
                                   : ordered_json(c.attribution_candidate);
  j["attribution_method"] = c.attribution_method;
  j["attribution_confidence"] = RoundTo(c.attribution_confidence, 3);
  j["opened_at"] = c.opened_at.ToRfc3339();
  j["observations"] = c.observations;
  ordered_json history = ordered_json::array();
  for (const CaseTransition& t : c.history) {
    history.push_back({{"from", std::string(ToString(t.from))},
                       {"to", std::string(ToString(t.to))},
                       {"by", t.by},
                       {"at", t.at.ToRfc3339()},
                       {"reason", t.reason}});
  }
  j["history"] = history;
  return j.dump();
}

std::string AlertJsonLine(const Alert& a) {
  ordered_json j;
  j["alert"] = a.kind == AlertKind::kViolationVerified ? "violation_verified"
               : a.kind == AlertKind::kCaseOpened      ? "case_opened"
                                                       : "trigger_fired";
  j["at"] = a.at.ToRfc3339();
  j["incident"] = a.incident;
  if (!a.case_id.empty()) j["case"] = a.case_id;
  if (!a.trigger.empty()) j["trigger"] = a.trigger;
  j["observation"] = a.observation;
  j["summary"] = a.summary;
  return j.dump();
}

std::string IncidentFeature(const IncidentRecord& rec, int day_offset) {
  const Incident& inc = rec.incident;
  ordered_json f;
  f["type"] = "Feature";
  f["geometry"] = {
      {"type", "Point"},
      {"coordinates",
       {RoundTo(inc.position.position.lon_deg, 6), RoundTo(inc.position.position.lat_deg, 6)}}};
  ordered_json rules = ordered_json::array();
  for (const RuleBreach& b : rec.assessment.breaches) rules.push_back(b.rule);
  f["properties"] = {
      {"incident", inc.id},
      {"day", inc.first_seen.LocalDate(day_offset)},
      {"kind", std::string(ToString(inc.kind))},
      {"weapon_class", std::string(ToString(inc.weapon_class))},
      {"severity", rec.severity},
      {"zone", rec.assessment.at.zone},
      {"rules", rules},
      {"party", rec.attribution.determined() ? rec.attribution.party : "undetermined"},
      {"confidence", RoundTo(rec.attribution.confidence, 3)},
      {"sources", inc.independent_sources}};
  return f.dump();
}

}  // namespace guarantor
