// TriggerEvaluator: the scenario's triggers, evaluated incrementally and deterministically over
// verified facts in record time, and the activation plans they produce: who must now do what,
// by when, set against what restoring the ceasefire requires. Every activation records the facts
// that met its trigger.
//
//   TriggerEvaluator triggers(scenario, map);
//   for (const VerifiedFact& f : facts_as_verified) for (auto& a : triggers.Add(f)) ...
//   for (auto& a : triggers.AdvanceTo(now)) ...   // time-based triggers
//
// Semantics (docs/guarantees.md); each trigger fires at most once:
//  - armed_attack: at least `min_violations` verified violations attributed to `party`, each of
//    severity >= `min_severity`, all within `within_hours` of the latest, spread along at least
//    `min_front_km` of the line (positions along the line are measured at the midpoint of the
//    nearest segment: within half a segment);
//  - protected_site_strike: a verified violation within the radius of `site` (any site when
//    empty), attributed to `party` when one is named;
//  - ground_incursion: a verified troop movement attributed to `party` in a control area of
//    another party, at least `min_depth_km` from the line;
//  - talks_refused: a talks_refused event of `party`, or no talks_started event of `party` by
//    `at`; it fires at the time of that event, or at `at`;
//  - at_time: at `at`.
// remedy_ignored triggers depend on the Special Commission's decisions, not on verified facts:
// guarantee/remedy_trigger.h evaluates them; this evaluator never fires them.
// Facts are taken in the order given (a replay gives them as they are verified); a fact older
// than the armed-attack window of the latest one does not count towards it.
//
// Thread safety: not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "monitor/agreement_map.h"
#include "scenario/scenario.h"

namespace guarantor {

// A verified incident as the triggers see it: what the monitor concluded when it was verified.
struct VerifiedFact {
  std::string incident;
  Timestamp time;  // when it was verified
  // When the monitor concluded it (a replay: when the incident closed with its evidence final);
  // an activation it completes fires then. Unset: `time`.
  std::optional<Timestamp> known_at;
  ObservationKind kind = ObservationKind::kExplosion;
  bool violation = false;  // it breaches the agreement
  std::string party;       // attributed party; empty when undetermined
  int severity = 0;
  LatLng position;
  std::string control_party;   // whose control area holds it; empty when none
  double line_km = 0;          // distance to the line of contact
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

// One need of restoring the ceasefire against the obligations that answer it.
struct RestorationCheck {
  Capability capability = Capability::kLandBrigade;
  double required = 0;
  Timestamp needed_by;
  double committed_by_then = 0;  // obligations of that capability due by `needed_by`
  double committed_in_all = 0;   // whatever their deadline
  // When the obligations due reach `required` (possibly after `needed_by`); absent if never.
  std::optional<Timestamp> met_at;
  bool met() const { return committed_by_then >= required; }
};

struct Activation {
  std::string trigger;
  Timestamp fired_at;  // when the monitor concluded that the trigger was met
  // The record time of the facts that met it: when the completing incident was verified (for
  // time-based triggers, fired_at).
  Timestamp facts_as_of;
  std::string reason;                         // the clause that was met, with the figures
  std::vector<std::string> facts;             // incident ids (or diplomatic events) that met it
  std::vector<Obligation> obligations;        // by deadline, then party, then commitment
  std::vector<RestorationCheck> restoration;  // in the trigger's order
};

// What `obligations` (in deadline order) commit against each restoration need of a trigger fired
// at `fired_at`. The server recomputes it over the obligations a reader may see, so that the
// aggregate reveals nothing of the others.
std::vector<RestorationCheck> CheckRestoration(const std::vector<RestorationNeed>& needs,
                                               const Timestamp& fired_at,
                                               const std::vector<Obligation>& obligations);

// The activation of trigger `t` of `scenario` fired at `at`: the obligations of the commitments it
// activates (each due `deadline_hours` after `at`), by deadline, then party, then commitment, and
// the restoration check.
Activation PlanActivation(const Scenario& scenario, const Trigger& t, const Timestamp& at,
                          const Timestamp& facts_as_of, std::string reason,
                          std::vector<std::string> facts);

class TriggerEvaluator {
 public:
  // REQUIRES: `scenario` and `map` outlive the evaluator.
  TriggerEvaluator(const Scenario& scenario, const AgreementMap& map);

  // Feeds one fact. Returns what fired (time-based triggers first, up to the fact's time).
  std::vector<Activation> Add(const VerifiedFact& f);
  // Advances record time to `now`: time-based triggers up to `now` fire.
  std::vector<Activation> AdvanceTo(const Timestamp& now);

 private:
  struct AttackWindow {
    // Qualifying facts by time, with their positions along the line in km.
    std::multimap<int64_t, std::pair<std::string, double>> qualifying;
    std::multiset<double> along;
  };
  Activation Fire(const Trigger& t, const Timestamp& at, const Timestamp& facts_as_of,
                  std::string reason, std::vector<std::string> facts) const {
    return PlanActivation(scenario_, t, at, facts_as_of, std::move(reason), std::move(facts));
  }
  std::optional<Activation> OnArmedAttack(size_t i, const VerifiedFact& f, const Timestamp& at);
  double AlongLineKm(LatLng p) const;

  const Scenario& scenario_;
  const AgreementMap& map_;
  std::vector<std::vector<double>> segment_mid_km_;  // per part, per segment
  std::vector<bool> fired_;
  std::map<size_t, AttackWindow> windows_;  // by trigger index
  Timestamp now_;
  // The earliest time at which a time-based trigger could next change (a deadline or a
  // diplomatic event); AdvanceTo does nothing before it.
  Timestamp next_check_;
};

}  // namespace guarantor
