// Remedies ignored: the scenario's remedy_ignored triggers, evaluated over the remedies the
// Special Commission decided (docs/guarantees.md 3.7).
//
// A remedy_ignored trigger of party P fires when a remedy decided, with a deadline, on a case held
// against P (the party the Commission named when it attributed the case, else the engine's
// attribution: ResponsibleParty in commission/case_file.h) is still awaited `grace_hours` after its
// deadline day ended: at midnight after that day, in the agreement's local time, plus the grace.
// "Still awaited" means the case took no other decision before that moment (from remedy_decided
// the case file allows only closing it, which says the remedy was carried out). It fires at the
// earliest such moment over all cases (ties: the smaller case id), at most once, and only once that
// moment is not after the time the caller evaluates as of: the result depends on the decisions and
// that time alone, never on the wall clock.
//
//   std::vector<DecidedRemedy> remedies;
//   for (const Case& c : file.cases()) std::ranges::move(DecidedRemedies(c), ...);
//   for (const Activation& a : IgnoredRemedyActivations(scenario, remedies, as_of)) ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commission/case_file.h"
#include "guarantee/trigger_evaluator.h"
#include "model/timestamp.h"
#include "scenario/scenario.h"

namespace guarantor {

// A remedy the Special Commission decided on a case.
struct DecidedRemedy {
  std::string case_id;
  std::string incident;  // the incident the case examines
  std::string party;     // the party the case was then held against; empty: undetermined
  std::string remedy;    // what is to be done
  std::string due;       // the deadline day, YYYY-MM-DD, in the agreement's local time
  Timestamp decided_at;
  // The case's next decision after this one, when there is one: the remedy no longer awaited.
  std::optional<Timestamp> moved_on_at;
};

// The remedies decided, with a deadline, on case `c`: each remedy_decided transition that set
// one, against the party then held responsible (ResponsibleParty), and when the case took its
// next decision, if it did.
std::vector<DecidedRemedy> DecidedRemedies(const Case& c);

// The moment a remedy due on `due` (YYYY-MM-DD) counts as ignored: midnight after that day at
// `offset_minutes` from UTC, plus `grace_hours`; expressed at that offset. REQUIRES: `due` is a
// calendar day (Timestamp::IsCalendarDay).
Timestamp IgnoredAt(const std::string& due, int offset_minutes, int grace_hours);

// The activations of the scenario's remedy_ignored triggers that have fired by `as_of`, each at
// the moment its earliest ignored remedy counts as ignored, in the order they fired. A remedy
// whose `due` is not a calendar day is passed over.
std::vector<Activation> IgnoredRemedyActivations(const Scenario& scenario,
                                                 const std::vector<DecidedRemedy>& remedies,
                                                 const Timestamp& as_of);

}  // namespace guarantor
