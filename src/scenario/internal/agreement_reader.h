// Reading a scenario's `agreement` section (its line of contact, control areas, security zone,
// withdrawal distances, disengagement areas, protected sites and prohibitions) and its
// `monitoring` rules. Every error is diagnosed and reading goes on, as for the rest of the
// scenario (docs/scenario-format.md). Private to the scenario module.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "scenario/internal/scenario_reading.h"
#include "scenario/internal/yaml_fields.h"
#include "scenario/scenario.h"

namespace guarantor::scenario_internal {

// Reads the agreement at `n` (field path `path`) into `a`; files it names are opened through
// `reading`, and its party references are left there to be resolved.
void ReadAgreement(ScenarioReading& reading, FileContext& c, const YAML::Node& n,
                   const std::string& path, Agreement* a);

// Reads the monitoring rules at `n` into `rules`, keeping the defaults of fields left out.
void ReadMonitoring(FileContext& c, const YAML::Node& n, MonitoringRules* rules);

}  // namespace guarantor::scenario_internal
