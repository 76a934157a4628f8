#include "monitor/assessment_output.h"

#include <cmath>

#include "base/json_text.h"
#include "base/rounding.h"
#include "model/point_text.h"

namespace guarantor {
namespace {

// Written as text (base/json_text.h), one line per observation: building an nlohmann document
// for each line and for each feature, then printing it, was 85% of `assess`'s instructions. The
// bytes are the documents' (the golden tests hold them).

double RoundKm(Distance d) { return std::round(d.meters()) / 1000.0; }

void WriteLocation(JsonText& j, const Location& loc) {
  j.BeginObject().Key("distance_to_line_km").Number(RoundKm(loc.distance_to_line));
  j.Key("line_part").Int(loc.line_part);
  j.Key("control_area").StringOrNull(loc.control_party);
  if (loc.on_boundary) j.Key("on_control_boundary").Bool(true);
  j.Key("zone").String(loc.zone);
  j.Key("security_zone").Bool(loc.in_security_zone);
  j.Key("inside_withdrawal_zone_of").BeginArray();
  for (WeaponClass w : loc.inside_withdrawal_of) j.String(ToString(w));
  j.EndArray();
  if (!loc.disengagement_area.empty()) j.Key("disengagement_area").String(loc.disengagement_area);
  if (!loc.protected_site.empty()) {
    j.Key("protected_site").String(loc.protected_site);
    j.Key("protected_site_distance_km").Number(RoundKm(loc.protected_site_distance));
  }
  j.EndObject();
}

}  // namespace

std::string AssessmentJsonLine(const Observation& obs, const Assessment& a, int day_offset) {
  JsonText j(1024);
  j.BeginObject().Key("observation").String(obs.id);
  j.Key("time").String(obs.time.ToRfc3339());
  j.Key("day").String(obs.time.LocalDate(day_offset));
  j.Key("source").BeginObject().Key("id").String(obs.source_id);
  j.Key("type").String(ToString(obs.source_type)).EndObject();
  j.Key("kind").String(ToString(obs.kind));
  j.Key("weapon_class").String(ToString(obs.weapon_class));
  j.Key("count").Int(obs.count);
  j.Key("confidence").Number(obs.confidence);
  j.Key("position");
  WriteUncertainPoint(j, obs.position);
  j.Key("at");
  WriteLocation(j, a.at);
  if (obs.origin) {
    j.Key("origin");
    WriteUncertainPoint(j, *obs.origin);
    j.Key("origin_at");
    WriteLocation(j, *a.origin);
  }
  if (a.before_effective) j.Key("before_effective").Bool(true);
  j.Key("violation").Bool(a.violation());
  j.Key("breaches").BeginArray();
  for (const RuleBreach& b : a.breaches) {
    j.BeginObject().Key("rule").String(b.rule).Key("reason").String(a.Reason(b)).EndObject();
  }
  j.EndArray().EndObject();
  return j.Take();
}

void ViolationGeoJsonWriter::Begin() { out_ << "{\"type\":\"FeatureCollection\",\"features\":["; }

void ViolationGeoJsonWriter::Add(const Observation& obs, const Assessment& a, int day_offset) {
  JsonText f(512);
  f.BeginObject().Key("type").String("Feature");
  f.Key("geometry").BeginObject().Key("type").String("Point");
  f.Key("coordinates")
      .BeginArray()
      .Number(RoundTo(obs.position.position.lon_deg, 6))
      .Number(RoundTo(obs.position.position.lat_deg, 6))
      .EndArray()
      .EndObject();
  f.Key("properties").BeginObject().Key("observation").String(obs.id);
  f.Key("time").String(obs.time.ToRfc3339());
  f.Key("day").String(obs.time.LocalDate(day_offset));
  f.Key("kind").String(ToString(obs.kind));
  f.Key("weapon_class").String(ToString(obs.weapon_class));
  f.Key("count").Int(obs.count);
  f.Key("zone").String(a.at.zone);
  f.Key("control_area").StringOrNull(a.at.control_party);
  f.Key("distance_to_line_km").Number(RoundKm(a.at.distance_to_line));
  f.Key("rules").BeginArray();
  for (const RuleBreach& b : a.breaches) f.String(b.rule);
  f.EndArray().EndObject().EndObject();
  out_ << (first_ ? "\n" : ",\n") << f.Take();
  first_ = false;
}

void ViolationGeoJsonWriter::End() { out_ << "\n]}\n"; }

}  // namespace guarantor
