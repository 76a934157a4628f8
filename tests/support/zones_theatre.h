// The hand-made theatre of tests/data/zones, loaded with its indexed agreement: part 0 of the
// line runs along 36.0 E from 48.0 to 49.0 N (UA to the west, RU to the east), part 1 along
// 34.0 E from 46.0 to 46.5 N.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "monitor/agreement_map.h"
#include "scenario/scenario_loader.h"
#include "support/test_paths.h"

namespace guarantor::testing {

struct ZonesTheatre {
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<AgreementMap> map;
};

// Fails the calling test (and returns empty pointers) when the data does not load.
inline ZonesTheatre LoadZonesTheatre() {
  ZonesTheatre t;
  ScenarioLoad load = LoadScenario(TestData("zones"));
  EXPECT_TRUE(load.ok()) << JoinDiagnostics(load.errors);
  if (!load.ok()) return t;
  t.scenario = std::make_unique<Scenario>(std::move(*load.scenario));
  Result<AgreementMap> map = AgreementMap::Build(t.scenario->agreement);
  EXPECT_TRUE(map.ok()) << map.status().message();
  if (map.ok()) t.map = std::make_unique<AgreementMap>(std::move(*map));
  return t;
}

}  // namespace guarantor::testing
