#include "scenario/scenario_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_paths.h"

namespace guarantor {
namespace {

TEST(ScenarioLoaderTest, LoadsTheZonesScenario) {
  ScenarioLoad load = LoadScenario(testing::TestData("zones"));
  ASSERT_TRUE(load.ok()) << JoinDiagnostics(load.errors);
  const Scenario& s = *load.scenario;
  EXPECT_EQ(s.id, "zones-test");
  ASSERT_EQ(s.parties.size(), 3u);
  EXPECT_TRUE(s.parties[0].HasRole(PartyRole::kMonitoredParty));
  EXPECT_EQ(s.agreement.line_of_contact.size(), 2u);
  EXPECT_EQ(s.agreement.line_of_contact[0].size(), 3u);
  EXPECT_EQ(s.agreement.control_areas.size(), 2u);
  EXPECT_EQ(s.agreement.control_areas[1].party, "RU");
  EXPECT_DOUBLE_EQ(s.agreement.security_zone_each_side.km(), 15);
  ASSERT_EQ(s.agreement.withdrawal.size(), 2u);
  EXPECT_DOUBLE_EQ(s.agreement.withdrawal[0].MinDistanceFromLine().km(), 25);
  ASSERT_EQ(s.agreement.disengagement_areas.size(), 1u);
  EXPECT_EQ(s.agreement.disengagement_areas[0].area[0].outer.size(), 4u);  // closing vertex dropped
  ASSERT_EQ(s.agreement.protected_sites.size(), 1u);
  EXPECT_DOUBLE_EQ(s.agreement.protected_sites[0].radius.km(), 10);
  EXPECT_EQ(s.agreement.prohibitions.size(), 4u);
  EXPECT_EQ(s.agreement.prohibitions[0].where, PlaceScope::kWithdrawalZone);
  EXPECT_EQ(s.agreement.effective.offset_minutes(), 120);
}

TEST(ScenarioLoaderTest, LoadsTheParisExample) {
  ScenarioLoad load = LoadScenario(testing::Example("paris-2026"));
  ASSERT_TRUE(load.ok()) << JoinDiagnostics(load.errors);
  const Scenario& s = *load.scenario;
  EXPECT_GE(s.parties.size(), 30u);
  ASSERT_NE(s.FindParty("UA"), nullptr);
  ASSERT_NE(s.FindParty("RU"), nullptr);
  ASSERT_NE(s.FindParty("US"), nullptr);
  size_t vertices = 0;
  for (const Polyline& part : s.agreement.line_of_contact) vertices += part.size();
  EXPECT_GE(vertices, 60u);
  EXPECT_EQ(s.agreement.disengagement_areas.size(), 3u);
  EXPECT_DOUBLE_EQ(s.agreement.security_zone_each_side.km(), 15);
  ASSERT_EQ(s.agreement.protected_sites.size(), 1u);
  EXPECT_EQ(s.agreement.protected_sites[0].id, "zaporizhzhia-npp");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every case under tests/data/bad-scenarios is rejected with exactly the messages in its
// expected.txt, where $DIR stands for the case's directory.
class BadScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenarioTest, IsRejectedWithItsMessages) {
  const std::string dir = testing::TestData("bad-scenarios/" + GetParam());
  std::string expected = ReadFile(dir + "/expected.txt");
  ASSERT_FALSE(expected.empty()) << "missing " << dir << "/expected.txt";
  for (size_t at; (at = expected.find("$DIR")) != std::string::npos;) {
    expected.replace(at, 4, dir);
  }
  ScenarioLoad load = LoadScenario(dir);
  EXPECT_FALSE(load.ok());
  EXPECT_EQ(JoinDiagnostics(load.errors) + "\n", expected);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadScenarioTest,
                         ::testing::Values("unknown-field", "bad-values", "bad-references",
                                           "bad-geometry", "yaml-syntax", "missing-sections",
                                           "bad-force"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

TEST(ScenarioLoaderTest, MissingDirectoryIsOneClearError) {
  ScenarioLoad load = LoadScenario(testing::TestData("no-such-scenario"));
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].message, "expected a readable scenario file; found none");
}

}  // namespace
}  // namespace guarantor
