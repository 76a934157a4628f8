#include "monitor/monitoring_asset.h"

#include <gtest/gtest.h>

#include <sstream>

namespace guarantor {
namespace {

constexpr char kCamera[] =
    R"({"id":"camera-07","type":"camera","from":"2026-02-01T00:00:00+02:00",)"
    R"("to":"2026-02-04T00:00:00+02:00","position":{"lat":47.6,"lon":35.9},"range_km":8})";

TEST(MonitoringAssetTest, ParsesAPlacement) {
  MonitoringAsset a;
  ASSERT_TRUE(ParseMonitoringAsset(kCamera, &a).ok());
  EXPECT_EQ(a.id, "camera-07");
  EXPECT_EQ(a.type, SourceType::kCamera);
  EXPECT_EQ(a.to.utc_micros() - a.from.utc_micros(), 3LL * 86400 * 1'000'000);
  EXPECT_DOUBLE_EQ(a.position.lat_deg, 47.6);
  EXPECT_DOUBLE_EQ(a.range.km(), 8);
}

// Each bad line is named by its line and field, and says what was expected.
TEST(MonitoringAssetTest, RejectsBadLinesNamingTheFieldAndWhatWasExpected) {
  auto with = [](const std::string& from, const std::string& to) {
    std::string line = kCamera;
    line.replace(line.find(from), from.size(), to);
    return line;
  };
  std::istringstream in(std::string(kCamera) + "\n" +                                // 1: kept
                        with(R"("type":"camera")", R"("type":"osint")") + "\n" +     // 2
                        with(R"("to":"2026-02-04)", R"("to":"2026-01-04)") + "\n" +  // 3
                        with(R"("range_km":8)", R"("range_km":0)") + "\n" +          // 4
                        with(R"("lat":47.6)", R"("lat":97.6)") + "\n" +              // 5
                        with(R"("range_km":8)", R"("range_km":8,"colour":"red")") + "\n" +  // 6
                        kCamera + "\n" +  // 7: the same asset from the same time
                        with(R"("from":"2026-02-01T00:00:00+02:00")",
                             R"("from":"2026-02-02T00:00:00+02:00")") +
                        "\n" +  // 8: kept, another placement of the same asset
                        "\n" +  // 9: blank, skipped
                        "not json\n");
  std::vector<Diagnostic> rejected;
  const std::vector<MonitoringAsset> assets = ReadMonitoringAssets(in, "assets.jsonl", &rejected);
  ASSERT_EQ(assets.size(), 2u);
  EXPECT_EQ(assets[1].from.ToRfc3339(), "2026-02-02T00:00:00+02:00");
  ASSERT_EQ(rejected.size(), 7u);
  const std::vector<std::pair<int, std::string>> expected = {
      {2, "type"},   {3, "to"},   {4, "range_km"}, {5, "position.lat"},
      {6, "colour"}, {7, "from"}, {10, "record"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(rejected[i].file, "assets.jsonl");
    EXPECT_EQ(rejected[i].line, expected[i].first) << rejected[i].ToString();
    EXPECT_EQ(rejected[i].field, expected[i].second) << rejected[i].ToString();
  }
  EXPECT_NE(rejected[0].message.find("a source type with a place (not osint)"), std::string::npos);
  EXPECT_NE(rejected[1].message.find("a time not before from"), std::string::npos);
  EXPECT_NE(rejected[2].message.find("a number in [0.001, 500]"), std::string::npos);
  EXPECT_NE(rejected[5].message.find("one placement of \"camera-07\" from each time"),
            std::string::npos);
}

}  // namespace
}  // namespace guarantor
