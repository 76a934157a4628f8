// ReplayEngine: the monitoring pipeline as one fold over an ordered stream of observations:
// fuse -> assess -> grade severity -> attribute -> open Special Commission cases, and the
// scenario's triggers over the facts as they are verified -> activation plans.
//
// The same engine serves batch runs and streaming (`guarantor replay` on a file or standard
// input): alerts are raised as facts arise (a violation when its incident is verified; a case
// when its incident closes), and every closed incident is handed over with its evidence. Time is
// the records' own time; the same inputs give the same outputs, byte for byte. Triggers see each
// verified incident when it closes, in its final state (the same facts incidents.jsonl records),
// with the time it was verified; an activation fires at the record time at which the incident
// that completed it closed. Evaluating them costs no assessment beyond the closing one.
//
//   ReplayEngine engine(scenario, map, sink);
//   while (stream.Next(&obs)) engine.Add(obs);
//   engine.Finish();
//
// Thread safety: not thread-safe: one caller. With ReplayOptions::conclude_on_own_thread the
// engine runs a thread of its own, which calls the sink (see there).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "commission/case_file.h"
#include "guarantee/trigger_evaluator.h"
#include "monitor/agreement_map.h"
#include "monitor/assessment.h"
#include "monitor/attribution.h"
#include "monitor/incident.h"
#include "monitor/incident_fuser.h"
#include "scenario/scenario.h"

namespace guarantor {

// A closed incident with everything concluded about it. Valid only during the callback that
// receives it: `incident` refers to the engine's copy (the fuser's, or the concluding thread's),
// which is forgotten afterwards.
struct IncidentRecord {
  const Incident& incident;
  Assessment assessment;
  int severity = 0;
  Attribution attribution;
  std::string case_id;  // set when a case was opened
};

enum class AlertKind { kViolationVerified, kCaseOpened, kTriggerFired };

// A fact as it arises. Valid only during the callback that receives it: the text it refers to
// is the engine's (an alert is raised for about every second report on a dense theatre, and
// nothing of it is copied unless its reader keeps it).
struct Alert {
  AlertKind kind;
  std::string_view incident;
  std::string_view case_id;      // for kCaseOpened
  std::string_view trigger;      // for kTriggerFired
  Timestamp at;                  // record time at which the fact arose
  std::string_view observation;  // the report that raised it
  std::string_view summary;      // one line for people
  // Violation and case alerts: the incident's observations at the time of the alert, so that a
  // reader's clearance for the evidence can be checked before the alert is shown.
  std::span<const IncidentMember> evidence = {};
  std::optional<LatLng> position = {};  // violation and case alerts: the incident's position
  std::string_view incident_kind = {};  // and its observation kind
};

// Where results go as they arise; the engine keeps none of them, so that its memory is bounded
// by the fusion window. Any member may be empty.
struct ReplaySink {
  std::function<void(const Alert&)> on_alert;
  std::function<void(const IncidentRecord&)> on_incident;
  std::function<void(const Case&)> on_case;              // a case as opened
  std::function<void(const Activation&)> on_activation;  // a trigger fired
  // With ReplayOptions::conclude_on_own_thread, called on that thread whenever it has delivered
  // everything handed to it so far (to flush buffered output). Never called otherwise.
  std::function<void()> on_caught_up;
};

struct ReplayOptions {
  bool evaluate_triggers = true;  // off only to measure what evaluating them costs
  // Conclude on a thread of the engine's own: closed incidents assessed, graded, attributed,
  // cases opened, triggers evaluated and every result delivered there, in the order fusion
  // raised them, while the calling thread goes on fusing (`replay --threads 2`). The sink is
  // then called on that thread alone; the results are the same, byte for byte.
  bool conclude_on_own_thread = false;
  // Off only to measure what fusion alone costs (`replay --fuse-only`): closed incidents are
  // counted (fused()) and dropped; nothing is assessed, attributed, alerted or delivered.
  bool conclude = true;
};

class ReplayEngine {
 public:
  // REQUIRES: `scenario` and `map` outlive the engine.
  ReplayEngine(const Scenario& scenario, const AgreementMap& map, ReplaySink sink,
               ReplayOptions options = {});
  ~ReplayEngine();
  ReplayEngine(const ReplayEngine&) = delete;
  ReplayEngine& operator=(const ReplayEngine&) = delete;

  // Takes the observation over; the copying overload is for callers that keep theirs.
  void Add(Observation&& obs);
  void Add(const Observation& obs) { Add(Observation(obs)); }
  // With a concluding thread, hands it what fusion raised so far (Add() hands it over in
  // batches): a streaming caller calls this when its input runs dry. A no-op otherwise.
  void Flush();
  // Closes every open incident and, with a concluding thread, waits until it has delivered
  // everything. Call once, last.
  void Finish();

  const IncidentFuser& fuser() const { return fuser_; }
  // Incidents closed by fusion, and how many of them verified, whether concluded or not. Read
  // after Finish().
  struct FusedCounts {
    int64_t incidents = 0, verified = 0;
  };
  const FusedCounts& fused() const { return fused_; }
  int64_t cases_opened() const { return cases_opened_; }
  int64_t activations() const { return activations_; }

 private:
  class ConcludingThread;  // replay_engine.cc

  Observation AsObservation(const Incident& inc) const;
  void OnVerified(const Incident& inc);
  void OnClosed(Incident&& inc);
  void AlertVerified(const Incident& inc);
  void AdvanceTriggers(const Timestamp& time, const std::string& observation);
  void ConcludeClosed(const Incident& inc, int64_t watermark_micros);
  void EvaluateTriggers(const IncidentRecord& rec, int64_t watermark_micros);
  void Deliver(const std::vector<Activation>& fired, const std::string& observation);

  const Scenario& scenario_;
  ReplaySink sink_;
  Assessor assessor_;
  Attributor attributor_;
  IncidentFuser fuser_;
  std::unique_ptr<TriggerEvaluator> triggers_;  // null when not evaluated
  // Null unless ReplayOptions::conclude_on_own_thread; its thread is joined by Finish() or, at
  // the latest, by the destructor's body, before any member goes.
  std::unique_ptr<ConcludingThread> concluding_;
  const bool conclude_;
  FusedCounts fused_;         // written by the fusing (calling) thread
  int64_t cases_opened_ = 0;  // written by the concluding thread when there is one
  int64_t activations_ = 0;   // likewise
  // The text of the alert being raised (Alert::summary refers to it), kept to spare an
  // allocation per alert; used by the thread that concludes.
  std::string alert_text_;
};

}  // namespace guarantor
