#include "engine/replay_engine.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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

void AppendRuleList(const Assessment& a, std::string* out) {
  for (size_t i = 0; i < a.breaches.size(); ++i) {
    if (i > 0) *out += ',';
    *out += a.breaches[i].rule;
  }
}

// A violation or case alert about `inc` as it stands: at its verification time, naming its latest
// report, with its members as the evidence.
Alert IncidentAlert(AlertKind kind, const Incident& inc, std::string_view case_id,
                    std::string_view summary) {
  return Alert{kind,
               inc.id,
               case_id,
               "",
               inc.verified_at,
               inc.members.back().observation_id,
               summary,
               inc.members,
               inc.position.position,
               ToString(inc.kind)};
}

void AppendInt(int64_t value, std::string* out) {
  char digits[24];
  out->append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

}  // namespace

// What fusion raised, handed from the fusing thread to the concluding one in batches and
// concluded there in the order raised: each report's advance of the triggers' clock, each
// verified incident as it stood then (for its alert), each closed incident with the fusion
// watermark at its closing. Advances (one per report, small) are kept apart from incidents.
class ReplayEngine::ConcludingThread {
 public:
  explicit ConcludingThread(ReplayEngine& engine) : engine_(engine), thread_([this] { Run(); }) {}
  ~ConcludingThread() { Stop(); }
  ConcludingThread(const ConcludingThread&) = delete;
  ConcludingThread& operator=(const ConcludingThread&) = delete;

  // On the fusing thread.
  void Advance(const Timestamp& time, const std::string& observation) {
    filling_.advances.emplace_back(time, observation);
    filling_.incident_next.push_back(false);
    if (filling_.incident_next.size() >= kItemsPerBatch) Hand();
  }
  void Verified(const Incident& inc) {
    filling_.incidents.emplace_back(inc, std::nullopt);
    filling_.incident_next.push_back(true);
    if (filling_.incident_next.size() >= kItemsPerBatch) Hand();
  }
  void Closed(Incident&& inc, int64_t watermark_micros) {
    filling_.incidents.emplace_back(std::move(inc), watermark_micros);
    filling_.incident_next.push_back(true);
    if (filling_.incident_next.size() >= kItemsPerBatch) Hand();
  }
  // Hands the batch being filled over, waiting while kMaxQueued batches are.
  void Hand() {
    if (filling_.incident_next.empty()) return;
    {
      std::unique_lock<std::mutex> lock(mu_);
      room_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
      queue_.push_back(std::move(filling_));
    }
    ready_.notify_one();
    filling_ = Batch();
  }
  // Hands what is left over, waits until all of it is concluded and ends the thread. Idempotent.
  void Stop() {
    if (!thread_.joinable()) return;
    Hand();
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }

 private:
  static constexpr size_t kItemsPerBatch = 4096;
  static constexpr size_t kMaxQueued = 8;
  struct Batch {
    std::vector<std::pair<Timestamp, std::string>> advances;
    // Closed incidents with the watermark at their closing; verified ones (as they stood then,
    // for their alerts) without.
    std::vector<std::pair<Incident, std::optional<int64_t>>> incidents;
    // The order raised: true takes the next incident, false the next advance.
    std::vector<bool> incident_next;
  };

  void Run() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [this] { return !queue_.empty() || stopping_; });
        if (queue_.empty()) return;  // stopping, and everything concluded
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      Conclude(batch);
      bool caught_up;
      {
        std::lock_guard<std::mutex> lock(mu_);
        caught_up = queue_.empty();
      }
      if (caught_up && engine_.sink_.on_caught_up) engine_.sink_.on_caught_up();
    }
  }

  void Conclude(const Batch& batch) {
    size_t advance = 0, incident = 0;
    for (const bool is_incident : batch.incident_next) {
      if (!is_incident) {
        const auto& [time, observation] = batch.advances[advance++];
        engine_.AdvanceTriggers(time, observation);
        continue;
      }
      const auto& [inc, watermark] = batch.incidents[incident++];
      if (watermark) {
        engine_.ConcludeClosed(inc, *watermark);
      } else {
        engine_.AlertVerified(inc);
      }
    }
  }

  ReplayEngine& engine_;
  Batch filling_;  // the fusing thread's own
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;  // guarded by mu_
  bool stopping_ = false;    // guarded by mu_
  std::thread thread_;       // last: started once the members above exist
};

ReplayEngine::ReplayEngine(const Scenario& scenario, const AgreementMap& map, ReplaySink sink,
                           ReplayOptions options)
    : scenario_(scenario),
      sink_(std::move(sink)),
      assessor_(scenario.agreement, map, geo::LineOfContact::Precision::kFast),
      attributor_(map, MonitoredParties(scenario), scenario.monitoring.attribution_min_confidence),
      fuser_(
          FusionFrom(scenario.monitoring), [this](const Incident& i) { OnVerified(i); },
          [this](Incident&& i) { OnClosed(std::move(i)); }),
      conclude_(options.conclude) {
  if (!conclude_) return;
  if (options.evaluate_triggers && !scenario.triggers.empty()) {
    triggers_ = std::make_unique<TriggerEvaluator>(scenario, map);
  }
  if (options.conclude_on_own_thread) concluding_ = std::make_unique<ConcludingThread>(*this);
}

ReplayEngine::~ReplayEngine() {
  if (concluding_) concluding_->Stop();
}

void ReplayEngine::Flush() {
  if (concluding_) concluding_->Hand();
}

void ReplayEngine::Add(Observation&& obs) {
  if (triggers_) {
    if (concluding_) {
      concluding_->Advance(obs.time, obs.id);
    } else {
      AdvanceTriggers(obs.time, obs.id);
    }
  }
  fuser_.Add(std::move(obs));
}

void ReplayEngine::Finish() {
  fuser_.Finish();
  if (concluding_) concluding_->Stop();
}

void ReplayEngine::AdvanceTriggers(const Timestamp& time, const std::string& observation) {
  Deliver(triggers_->AdvanceTo(time), observation);
}

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

void ReplayEngine::OnClosed(Incident&& inc) {
  ++fused_.incidents;
  if (inc.status == IncidentStatus::kVerified) ++fused_.verified;
  if (!conclude_) return;
  if (concluding_) {
    concluding_->Closed(std::move(inc), fuser_.watermark_micros());
  } else {
    ConcludeClosed(inc, fuser_.watermark_micros());
  }
}

void ReplayEngine::OnVerified(const Incident& inc) {
  if (!sink_.on_alert || !conclude_) return;
  if (concluding_) return concluding_->Verified(inc);
  AlertVerified(inc);
}

void ReplayEngine::AlertVerified(const Incident& inc) {
  const Assessment a = assessor_.Assess(AsObservation(inc));
  if (!a.violation()) return;
  const std::string_view kind = ToString(inc.kind);
  alert_text_.clear();
  alert_text_ += kind;
  alert_text_ += " in ";
  alert_text_ += a.at.zone;
  alert_text_ += " (";
  AppendRuleList(a, &alert_text_);
  alert_text_ += "), ";
  AppendInt(inc.independent_sources, &alert_text_);
  alert_text_ += " source(s), verified by ";
  alert_text_ += inc.verified_by;
  sink_.on_alert(IncidentAlert(AlertKind::kViolationVerified, inc, "", alert_text_));
}

void ReplayEngine::EvaluateTriggers(const IncidentRecord& rec, int64_t watermark_micros) {
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
  const int64_t closed = std::max(watermark_micros, inc.verified_at.utc_micros());
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

void ReplayEngine::Deliver(const std::vector<Activation>& fired, const std::string& observation) {
  for (const Activation& act : fired) {
    ++activations_;
    if (sink_.on_activation) sink_.on_activation(act);
    if (sink_.on_alert) {
      alert_text_ = "trigger " + act.trigger + " fired: " + act.reason + "; " +
                    std::to_string(act.obligations.size()) + " obligation(s)";
      sink_.on_alert(Alert{AlertKind::kTriggerFired, act.facts.empty() ? "" : act.facts.back(), "",
                           act.trigger, act.fired_at, observation, alert_text_});
    }
  }
}

void ReplayEngine::ConcludeClosed(const Incident& inc, int64_t watermark_micros) {
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
    const std::string reason =
        "verified violation of severity " + std::to_string(rec.severity) + " (threshold " +
        std::to_string(scenario_.monitoring.case_min_severity) + ") opened automatically";
    CaseFile file;  // one case at a time: the engine keeps no history
    const Case& opened = file.Open(std::move(c), inc.verified_at, reason);
    rec.case_id = opened.id;
    ++cases_opened_;
    if (sink_.on_case) sink_.on_case(opened);
    if (sink_.on_alert) {
      alert_text_.clear();
      alert_text_ += "case ";
      alert_text_ += rec.case_id;
      alert_text_ += ": severity ";
      AppendInt(rec.severity, &alert_text_);
      alert_text_ += ", ";
      if (rec.attribution.determined()) {
        alert_text_ += "attributed to ";
        alert_text_ += rec.attribution.party;
      } else {
        alert_text_ += "attribution undetermined";
      }
      sink_.on_alert(IncidentAlert(AlertKind::kCaseOpened, inc, rec.case_id, alert_text_));
    }
  }
  if (triggers_) EvaluateTriggers(rec, watermark_micros);
  if (sink_.on_incident) sink_.on_incident(rec);
}

}  // namespace guarantor
