// ReplayEngine: the monitoring pipeline as one fold over an ordered stream of observations:
// fuse -> assess -> grade severity -> attribute -> open Special Commission cases.
//
// The same engine serves batch runs and streaming (`guarantor replay` on a file or standard
// input): alerts are raised as facts arise (a violation when its incident is verified; a case
// when its incident closes), and every closed incident is handed over with its evidence. Time is
// the records' own time; the same inputs give the same outputs, byte for byte.
//
//   ReplayEngine engine(scenario, map, sink);
//   while (stream.Next(&obs)) engine.Add(obs);
//   engine.Finish();
//
// Thread safety: not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "commission/case_file.h"
#include "monitor/agreement_map.h"
#include "monitor/assessment.h"
#include "monitor/attribution.h"
#include "monitor/incident.h"
#include "monitor/incident_fuser.h"
#include "scenario/scenario.h"

namespace guarantor {

// A closed incident with everything concluded about it. Valid only during the callback that
// receives it: `incident` refers to the fuser's copy, which is forgotten afterwards.
struct IncidentRecord {
  const Incident& incident;
  Assessment assessment;
  int severity = 0;
  Attribution attribution;
  std::string case_id;  // set when a case was opened
};

enum class AlertKind { kViolationVerified, kCaseOpened };

struct Alert {
  AlertKind kind;
  std::string incident;
  std::string case_id;      // for kCaseOpened
  Timestamp at;             // record time at which the fact arose
  std::string observation;  // the report that raised it
  std::string summary;      // one line for people
};

// Where results go as they arise; the engine keeps none of them, so that its memory is bounded
// by the fusion window. Any member may be empty.
struct ReplaySink {
  std::function<void(const Alert&)> on_alert;
  std::function<void(const IncidentRecord&)> on_incident;
  std::function<void(const Case&)> on_case;  // a case as opened
};

class ReplayEngine {
 public:
  // REQUIRES: `scenario` and `map` outlive the engine.
  ReplayEngine(const Scenario& scenario, const AgreementMap& map, ReplaySink sink);

  void Add(Observation obs);
  void Finish();

  const IncidentFuser& fuser() const { return fuser_; }
  int64_t cases_opened() const { return cases_opened_; }

 private:
  Observation AsObservation(const Incident& inc) const;
  void OnVerified(const Incident& inc);
  void OnClosed(const Incident& inc);

  const Scenario& scenario_;
  ReplaySink sink_;
  Assessor assessor_;
  Attributor attributor_;
  IncidentFuser fuser_;
  int64_t cases_opened_ = 0;
};

}  // namespace guarantor
