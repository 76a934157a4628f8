#include "engine/replay_engine.h"

#include <algorithm>
#include <cstdio>

#include "monitor/severity.h"

namespace guarantor {
namespace {

FusionOptions FusionFrom(const MonitoringRules& r) {
  FusionOptions o;
  o.gate_sigmas = r.gate_sigmas;
  o.min_independent_sources = r.min_independent_sources;
  o.single_source_types = r.single_source_types;
  o.single_source_min_confidence = r.single_source_min_confidence;
  o.lateness_seconds = r.lateness_seconds;
  return o;
}

std::vector<std::string> MonitoredParties(const Scenario& s) {
  std::vector<std::string> parties;  // distinct, in scenario order
  for (const ControlArea& ca : s.agreement.control_areas) {
    if (std::find(parties.begin(), parties.end(), ca.party) == parties.end()) {
      parties.push_back(ca.party);
    }
  }
  return parties;
}

std::string RuleList(const Assessment& a) {
  std::string out;
  for (const RuleBreach& b : a.breaches) out += (out.empty() ? "" : ",") + b.rule;
  return out;
}

}  // namespace

ReplayEngine::ReplayEngine(const Scenario& scenario, const AgreementMap& map, ReplaySink sink,
                           ReplayOptions options)
    : scenario_(scenario),
      sink_(std::move(sink)),
      assessor_(scenario.agreement, map, geo::LineOfContact::Precision::kFast),
      attributor_(map, MonitoredParties(scenario), scenario.monitoring.attribution_min_confidence),
      fuser_(
          FusionFrom(scenario.monitoring), [this](const Incident& i) { OnVerified(i); },
          [this](const Incident& i) { OnClosed(i); }) {
  if (options.evaluate_triggers && !scenario.triggers.empty()) {
    triggers_ = std::make_unique<TriggerEvaluator>(scenario, map);
  }
}

void ReplayEngine::Add(Observation obs) {
  if (triggers_) Deliver(triggers_->AdvanceTo(obs.time), obs.id);
  fuser_.Add(std::move(obs));
}

void ReplayEngine::Finish() { fuser_.Finish(); }

Observation ReplayEngine::AsObservation(const Incident& inc) const {
  Observation o;
  o.id = inc.id;
  o.time = inc.first_seen;
  o.kind = inc.kind;
  o.position = inc.position;
  o.origin = inc.origin;
  o.weapon_class = inc.weapon_class;
  o.count = inc.count;
  return o;
}

namespace {

std::vector<std::string> MemberIds(const Incident& inc) {
  std::vector<std::string> ids;
  ids.reserve(inc.members.size());
  for (const IncidentMember& m : inc.members) ids.push_back(m.observation_id);
  return ids;
}

}  // namespace

void ReplayEngine::OnVerified(const Incident& inc) {
  if (!sink_.on_alert) return;
  const Assessment a = assessor_.Assess(AsObservation(inc));
  if (!a.violation()) return;
  Alert alert{AlertKind::kViolationVerified,
              inc.id,
              "",
              "",
              inc.verified_at,
              inc.members.back().observation_id,
              std::string(ToString(inc.kind)) + " in " + a.at.zone + " (" + RuleList(a) + "), " +
                  std::to_string(inc.independent_sources) + " source(s), verified by " +
                  inc.verified_by};
  alert.evidence = MemberIds(inc);
  alert.position = inc.position.position;
  alert.incident_kind = std::string(ToString(inc.kind));
  sink_.on_alert(alert);
}

void ReplayEngine::EvaluateTriggers(const IncidentRecord& rec) {
  const Incident& inc = rec.incident;
  const Assessment& a = rec.assessment;
  // Only verified violations and ground movements can meet a trigger.
  if (inc.status != IncidentStatus::kVerified ||
      (!a.violation() && inc.kind != ObservationKind::kTroopMovement)) {
    return;
  }
  VerifiedFact fact;
  fact.incident = inc.id;
  fact.time = inc.verified_at;
  const int64_t closed = std::max(fuser_.watermark_micros(), inc.verified_at.utc_micros());
  fact.known_at = Timestamp(closed, inc.verified_at.offset_minutes());
  fact.kind = inc.kind;
  fact.violation = a.violation();
  fact.severity = rec.severity;
  fact.party = rec.attribution.party;
  fact.position = inc.position.position;
  fact.control_party = a.at.control_party;
  fact.line_km = a.at.distance_to_line.km();
  fact.protected_site = a.at.protected_site;
  Deliver(triggers_->Add(fact), inc.members.back().observation_id);
}

void ReplayEngine::Deliver(std::vector<Activation> fired, const std::string& observation) {
  for (const Activation& act : fired) {
    ++activations_;
    if (sink_.on_activation) sink_.on_activation(act);
    if (sink_.on_alert) {
      sink_.on_alert(Alert{AlertKind::kTriggerFired, act.facts.empty() ? "" : act.facts.back(), "",
                           act.trigger, act.fired_at, observation,
                           "trigger " + act.trigger + " fired: " + act.reason + "; " +
                               std::to_string(act.obligations.size()) + " obligation(s)"});
    }
  }
}

void ReplayEngine::OnClosed(const Incident& inc) {
  IncidentRecord rec{inc, assessor_.Assess(AsObservation(inc)), 0, Attribution(), ""};
  rec.severity = Severity(inc, rec.assessment);
  rec.attribution = attributor_.Attribute(
      inc, rec.assessment.at, rec.assessment.origin ? &*rec.assessment.origin : nullptr);
  if (inc.status == IncidentStatus::kVerified && rec.assessment.violation() &&
      rec.severity >= scenario_.monitoring.case_min_severity) {
    Case c;
    c.id = "case-" + inc.id;
    c.incident = inc.id;
    for (const IncidentMember& m : inc.members) c.observations.push_back(m.observation_id);
    for (const RuleBreach& b : rec.assessment.breaches) c.rules.push_back(b.rule);
    c.severity = rec.severity;
    c.attributed_party = rec.attribution.party;
    c.attribution_candidate = rec.attribution.candidate;
    c.attribution_confidence = rec.attribution.confidence;
    c.attribution_method = std::string(ToString(rec.attribution.method));
    char reason[160];
    std::snprintf(reason, sizeof reason,
                  "verified violation of severity %d (threshold %d) opened automatically",
                  rec.severity, scenario_.monitoring.case_min_severity);
    CaseFile file;  // one case at a time: the engine keeps no history
    const Case& opened = file.Open(std::move(c), inc.verified_at, reason);
    rec.case_id = opened.id;
    ++cases_opened_;
    if (sink_.on_case) sink_.on_case(opened);
    if (sink_.on_alert) {
      Alert alert{AlertKind::kCaseOpened,
                  inc.id,
                  rec.case_id,
                  "",
                  inc.verified_at,
                  inc.members.back().observation_id,
                  "case " + rec.case_id + ": severity " + std::to_string(rec.severity) + ", " +
                      (rec.attribution.determined() ? "attributed to " + rec.attribution.party
                                                    : std::string("attribution undetermined"))};
      alert.evidence = MemberIds(inc);
      alert.position = inc.position.position;
      alert.incident_kind = std::string(ToString(inc.kind));
      sink_.on_alert(alert);
    }
  }
  if (triggers_) EvaluateTriggers(rec);
  if (sink_.on_incident) sink_.on_incident(rec);
}

}  // namespace guarantor
