// A test fixture holding the hand-made theatre of tests/data/zones with its indexed agreement:
// part 0 of the line runs along 36.0 E from 48.0 to 49.0 N (UA to the west, RU to the east),
// part 1 along 34.0 E from 46.0 to 46.5 N.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "monitor/agreement_map.h"
#include "scenario/scenario_loader.h"
#include "support/test_paths.h"

namespace guarantor::testing {

class ZonesTheatreTest : public ::testing::Test {
 protected:
  // Derived fixtures that override SetUp call this first.
  void SetUp() override {
    ScenarioLoad load = LoadScenario(TestData("zones"));
    ASSERT_TRUE(load.ok()) << JoinDiagnostics(load.errors);
    scenario_ = std::make_unique<Scenario>(std::move(*load.scenario));
    Result<AgreementMap> map = AgreementMap::Build(scenario_->agreement);
    ASSERT_TRUE(map.ok()) << map.status().message();
    map_ = std::make_unique<AgreementMap>(std::move(*map));
  }

  std::unique_ptr<Scenario> scenario_;
  std::unique_ptr<AgreementMap> map_;
};

}  // namespace guarantor::testing
