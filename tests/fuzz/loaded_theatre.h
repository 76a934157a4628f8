// A scenario with its indexed agreement, loaded once by a fuzz target; a load that fails aborts
// the target (its inputs would test nothing).
#pragma once

#include <cstdlib>
#include <memory>

#include "monitor/agreement_map.h"
#include "scenario/scenario_loader.h"

namespace guarantor::fuzz {

struct LoadedTheatre {
  explicit LoadedTheatre(const char* scenario_dir) {
    ScenarioLoad load = LoadScenario(scenario_dir);
    if (!load.ok()) std::abort();
    scenario = std::make_unique<Scenario>(std::move(*load.scenario));
    Result<AgreementMap> built = AgreementMap::Build(scenario->agreement);
    if (!built.ok()) std::abort();
    map = std::make_unique<AgreementMap>(std::move(*built));
  }
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<AgreementMap> map;
};

}  // namespace guarantor::fuzz
