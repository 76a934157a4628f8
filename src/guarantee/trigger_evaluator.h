// TriggerEvaluator: the scenario's triggers, evaluated incrementally and deterministically over
// verified facts in record time, and the activation plans they produce: who must now do what,
// by when. Every activation records the facts that met its trigger.
//
//   TriggerEvaluator triggers(scenario, map);
//   for (const VerifiedViolation& v : facts_in_time_order) for (auto& a : triggers.Add(v)) ...
//   for (auto& a : triggers.AdvanceTo(end)) ...   // time-based triggers
//
// Semantics (docs/guarantees.md); each trigger fires at most once:
//  - armed_attack: at least `min_violations` verified violations attributed to `party`, each of
//    severity >= `min_severity`, all within `within_hours` of the latest, spread along at least
//    `min_front_km` of the line (positions along the line are measured at the midpoint of the
//    nearest segment: within half a segment);
//  - protected_site_strike: a verified violation within the radius of `site` (any site when
//    empty), attributed to `party` when one is named;
//  - talks_refused: a talks_refused event of `party`, or no talks_started event of `party` by
//    `at`; it fires at the time of that event, or at `at`;
//  - at_time: at `at`.
//
// Thread safety: not thread-safe.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "monitor/agreement_map.h"
#include "scenario/scenario.h"

namespace guarantor {

// A verified violation, as the triggers see it.
struct VerifiedViolation {
  std::string incident;
  Timestamp time;     // when it was verified
  std::string party;  // attributed party; empty when undetermined
  int severity = 0;
  LatLng position;
  std::string protected_site;  // the site whose radius holds it, or empty
};

struct Obligation {
  std::string commitment;
  std::string party;
  std::string response;
  std::optional<Capability> capability;
  double quantity = 0;
  Timestamp deadline;
  bool legally_binding = false;
  Classification classification = Classification::kCoalition;
};

struct Activation {
  std::string trigger;
  Timestamp fired_at;
  std::string reason;                   // the clause that was met, with the figures
  std::vector<std::string> facts;       // incident ids (or diplomatic events) that met it
  std::vector<Obligation> obligations;  // by deadline, then party, then commitment
};

class TriggerEvaluator {
 public:
  // REQUIRES: `scenario` and `map` outlive the evaluator.
  TriggerEvaluator(const Scenario& scenario, const AgreementMap& map);

  // Feeds one fact; facts must come in non-decreasing time. Returns what fired.
  std::vector<Activation> Add(const VerifiedViolation& v);
  // Advances record time to `now`: time-based triggers up to `now` fire.
  std::vector<Activation> AdvanceTo(const Timestamp& now);

 private:
  struct AttackWindow {
    std::deque<std::pair<VerifiedViolation, double>> qualifying;  // with position along the line
    std::multiset<double> along;                                  // positions along the line, km
  };
  Activation Fire(const Trigger& t, const Timestamp& at, std::string reason,
                  std::vector<std::string> facts);
  double AlongLineKm(LatLng p) const;

  const Scenario& scenario_;
  const AgreementMap& map_;
  std::vector<std::vector<double>> segment_mid_km_;  // per part, per segment
  std::vector<bool> fired_;
  std::map<size_t, AttackWindow> windows_;  // by trigger index
  Timestamp now_;
};

}  // namespace guarantor
