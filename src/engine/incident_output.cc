#include "engine/incident_output.h"

#include <cmath>

#include "base/json_text.h"
#include "base/rounding.h"
#include "model/point_text.h"

namespace guarantor {
namespace {

// Written as text (base/json_text.h): these lines are written once per closed incident, case and
// alert, on the engine's thread in the server, where building an nlohmann document for each cost
// as much as concluding the incident. The bytes are the document's: the golden tests and the
// replay outputs compared before and after hold them.

double Km(Distance d) { return std::round(d.meters()) / 1000.0; }

// The point with its uncertainty rounded to the metre.
void Point(JsonText& j, const UncertainPoint& p) {
  WriteUncertainPoint(j, {p.position, std::round(p.uncertainty_m)});
}

void Where(JsonText& j, const Location& loc) {
  j.BeginObject().Key("distance_to_line_km").Number(Km(loc.distance_to_line));
  j.Key("control_area").StringOrNull(loc.control_party);
  j.Key("zone").String(loc.zone);
  if (!loc.protected_site.empty()) {
    j.Key("protected_site_distance_km").Number(Km(loc.protected_site_distance));
  }
  j.EndObject();
}

}  // namespace

std::string IncidentJsonLine(const IncidentRecord& rec, int day_offset) {
  const Incident& inc = rec.incident;
  JsonText j(1024 + 128 * inc.members.size());  // about 1 KiB with two members
  j.BeginObject().Key("incident").String(inc.id).Key("status").String(ToString(inc.status));
  if (inc.status == IncidentStatus::kVerified) {
    j.Key("verified_by").String(inc.verified_by);
    j.Key("verified_at").String(inc.verified_at.ToRfc3339());
  }
  j.Key("first_seen").String(inc.first_seen.ToRfc3339());
  j.Key("last_seen").String(inc.last_seen.ToRfc3339());
  j.Key("day").String(inc.first_seen.LocalDate(day_offset));
  j.Key("kind").String(ToString(inc.kind));
  j.Key("weapon_class").String(ToString(inc.weapon_class));
  j.Key("count").Int(inc.count);
  j.Key("position");
  Point(j, inc.position);
  j.Key("at");
  Where(j, rec.assessment.at);
  if (inc.origin) {
    j.Key("origin");
    Point(j, *inc.origin);
    j.Key("origin_at");
    Where(j, *rec.assessment.origin);
  }
  j.Key("independent_sources").Int(inc.independent_sources);
  j.Key("observations").BeginArray();
  for (const IncidentMember& m : inc.members) {
    j.BeginObject()
        .Key("observation")
        .String(m.observation_id)
        .Key("source")
        .String(m.source_id)
        .Key("type")
        .String(ToString(m.source_type))
        .EndObject();
  }
  j.EndArray();
  j.Key("violation").Bool(rec.assessment.violation());
  j.Key("breaches").BeginArray();
  for (const RuleBreach& b : rec.assessment.breaches) {
    j.BeginObject()
        .Key("rule")
        .String(b.rule)
        .Key("reason")
        .String(rec.assessment.Reason(b))
        .EndObject();
  }
  j.EndArray();
  j.Key("severity").Int(rec.severity);
  j.Key("attribution").BeginObject();
  j.Key("party").String(rec.attribution.determined() ? rec.attribution.party : "undetermined");
  j.Key("candidate");
  j.StringOrNull(rec.attribution.candidate);
  j.Key("method").String(ToString(rec.attribution.method));
  j.Key("confidence").Number(RoundTo(rec.attribution.confidence, 3));
  j.Key("reason").String(rec.attribution.Reason());
  j.EndObject();
  if (!rec.case_id.empty()) j.Key("case").String(rec.case_id);
  j.EndObject();
  return j.Take();
}

std::string CaseJsonLine(const Case& c) {
  JsonText j(512);
  j.BeginObject().Key("case").String(c.id).Key("incident").String(c.incident);
  j.Key("state").String(ToString(c.state));
  j.Key("severity").Int(c.severity);
  j.Key("rules").BeginArray();
  for (const std::string& rule : c.rules) j.String(rule);
  j.EndArray();
  j.Key("attributed_party")
      .String(c.attributed_party.empty() ? std::string("undetermined") : c.attributed_party);
  j.Key("attribution_candidate");
  j.StringOrNull(c.attribution_candidate);
  j.Key("attribution_method").String(c.attribution_method);
  j.Key("attribution_confidence").Number(RoundTo(c.attribution_confidence, 3));
  j.Key("opened_at").String(c.opened_at.ToRfc3339());
  j.Key("observations").BeginArray();
  for (const std::string& id : c.observations) j.String(id);
  j.EndArray();
  j.Key("history").BeginArray();
  for (const CaseTransition& t : c.history) {
    j.BeginObject()
        .Key("from")
        .String(ToString(t.from))
        .Key("to")
        .String(ToString(t.to))
        .Key("by")
        .String(t.by)
        .Key("at")
        .String(t.at.ToRfc3339())
        .Key("reason")
        .String(t.reason);
    // Only a decision states a remedy: an opening record (what cases.jsonl holds, and what a
    // decision's case_sha256 digests) is unchanged by it.
    if (!t.remedy.empty()) j.Key("remedy").String(t.remedy);
    if (!t.remedy_due.empty()) j.Key("remedy_due").String(t.remedy_due);
    if (!t.party.empty()) j.Key("party").String(t.party);
    j.EndObject();
  }
  j.EndArray().EndObject();
  return j.Take();
}

std::string AlertJsonLine(const Alert& a) {
  JsonText j(384);
  j.BeginObject().Key("alert").String(a.kind == AlertKind::kViolationVerified ? "violation_verified"
                                      : a.kind == AlertKind::kCaseOpened      ? "case_opened"
                                                                              : "trigger_fired");
  j.Key("at").String(a.at.ToRfc3339());
  j.Key("incident").String(a.incident);
  if (!a.case_id.empty()) j.Key("case").String(a.case_id);
  if (!a.trigger.empty()) j.Key("trigger").String(a.trigger);
  j.Key("observation").String(a.observation);
  j.Key("summary").String(a.summary);
  j.EndObject();
  return j.Take();
}

std::string IncidentFeature(const IncidentRecord& rec, int day_offset) {
  const Incident& inc = rec.incident;
  JsonText j(512);
  j.BeginObject().Key("type").String("Feature");
  j.Key("geometry").BeginObject().Key("type").String("Point").Key("coordinates").BeginArray();
  j.Number(RoundTo(inc.position.position.lon_deg, 6))
      .Number(RoundTo(inc.position.position.lat_deg, 6));
  j.EndArray().EndObject();
  j.Key("properties").BeginObject();
  j.Key("incident").String(inc.id);
  j.Key("day").String(inc.first_seen.LocalDate(day_offset));
  j.Key("kind").String(ToString(inc.kind));
  j.Key("weapon_class").String(ToString(inc.weapon_class));
  j.Key("severity").Int(rec.severity);
  j.Key("zone").String(rec.assessment.at.zone);
  j.Key("rules").BeginArray();
  for (const RuleBreach& b : rec.assessment.breaches) j.String(b.rule);
  j.EndArray();
  j.Key("party").String(rec.attribution.determined() ? rec.attribution.party : "undetermined");
  j.Key("confidence").Number(RoundTo(rec.attribution.confidence, 3));
  j.Key("sources").Int(inc.independent_sources);
  j.EndObject().EndObject();
  return j.Take();
}

}  // namespace guarantor
