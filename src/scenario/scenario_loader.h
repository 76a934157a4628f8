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

}  // namespace guarantor
