// LoadScenario: reads and validates a scenario directory into an immutable Scenario.
//
// The directory holds scenario.yaml (format "guarantor-scenario/1", documented in
// docs/scenario-format.md) and the GeoJSON and YAML files it names by relative path. Validation
// reports every error in one pass, each as "file:line:column: field: expected ..., found ...";
// unknown keys are errors. A Scenario is returned only when there is no error at all.
//
//   ScenarioLoad load = LoadScenario("examples/paris-2026");
//   if (!load.ok()) { for (auto& e : load.errors) std::cerr << e.ToString() << "\n"; }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "scenario/scenario.h"

namespace guarantor {

struct ScenarioLoad {
  std::optional<Scenario> scenario;  // set only when `errors` is empty
  std::vector<Diagnostic> errors;
  bool ok() const { return scenario.has_value(); }
};

// `dir` is used as given in file names of diagnostics ("dir/scenario.yaml:3:7: ...").
ScenarioLoad LoadScenario(const std::string& dir);

// As LoadScenario, with the main document given as text (labelled `label` in diagnostics);
// files it names are read relative to `dir`. For tests and fuzzing.
ScenarioLoad LoadScenarioFromText(const std::string& text, const std::string& label,
                                  const std::string& dir);

// One contribution or one commitment given on its own, as YAML or JSON text (JSON is YAML): an
// item of the scenario's `contributions` or `commitments` list, read with exactly the same rules
// and messages, its party, regions and trigger resolved against the loaded `scenario`. Field
// paths start at the item ("quantity", "caveats.regions[0]"); diagnostics name the text
// `label`. Ids are not checked against the scenario's: the caller knows which ids are taken.
//
//   ItemLoad<Contribution> c = LoadContribution(payload, "payload", scenario);
//   if (!c.ok()) return JoinDiagnostics(c.errors);  // "payload:1:31: quantity: expected ..."
template <typename T>
struct ItemLoad {
  std::optional<T> item;  // set only when `errors` is empty
  std::vector<Diagnostic> errors;
  bool ok() const { return item.has_value(); }
};
ItemLoad<Contribution> LoadContribution(const std::string& text, const std::string& label,
                                        const Scenario& scenario);
ItemLoad<Commitment> LoadCommitment(const std::string& text, const std::string& label,
                                    const Scenario& scenario);

}  // namespace guarantor
