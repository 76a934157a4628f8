// ControlTimeline on synthetic dated maps: the nearest earlier map answers.
#include "scenario/control_timeline.h"

#include <gtest/gtest.h>

namespace guarantor {
namespace {

Polygon Box(double lon0, double lat0, double lon1, double lat1) {
  return Polygon{{LatLng{lat0, lon0}, LatLng{lat0, lon1}, LatLng{lat1, lon1}, LatLng{lat1, lon0}},
                 {}};
}

TEST(ControlTimelineTest, ParsesAndFormatsDates) {
  EXPECT_EQ(ParseIsoDate("1970-01-02"), 1);
  EXPECT_EQ(ParseIsoDate("20240708"), ParseIsoDate("2024-07-08"));
  EXPECT_FALSE(ParseIsoDate("2024-02-30").has_value());
  EXPECT_FALSE(ParseIsoDate("2024/07/08").has_value());
  EXPECT_FALSE(ParseIsoDate("2024-7-8").has_value());
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2026-08-01")), "2026-08-01");
}

TEST(ControlTimelineTest, AnswersFromTheNearestEarlierMap) {
  const MultiPolygon border = {Box(30, 45, 40, 52)};
  std::vector<DatedArea> maps;
  // Listed out of order: Build sorts them.
  maps.push_back({*ParseIsoDate("2025-02-01"), "feb", {Box(36, 46, 40, 50)}});
  maps.push_back({*ParseIsoDate("2025-01-01"), "jan", {Box(38, 46, 40, 50)}});
  Result<ControlTimeline> t = ControlTimeline::Build(maps, {"RU", "UA", &border});
  ASSERT_TRUE(t.ok()) << t.status().message();
  const LatLng p{48, 37};  // held by UA in January, by RU from February
  EXPECT_FALSE(t->At(p, *ParseIsoDate("2024-12-31")).has_value());
  EXPECT_EQ(t->At(p, *ParseIsoDate("2025-01-01"))->party, "UA");
  EXPECT_EQ(t->At(p, *ParseIsoDate("2025-01-31"))->map_date, "2025-01-01");
  EXPECT_EQ(t->At(p, *ParseIsoDate("2025-02-01"))->party, "RU");
  EXPECT_EQ(t->At(p, *ParseIsoDate("2030-01-01"))->map_date, "2025-02-01");
  EXPECT_EQ(t->At(LatLng{48, 45}, *ParseIsoDate("2025-02-01"))->party, "");  // outside the border
}

TEST(ControlTimelineTest, RejectsTwoMapsOfOneDateAndAnEmptySeries) {
  std::vector<DatedArea> maps = {{10, "a", {Box(0, 0, 1, 1)}}, {10, "b", {Box(0, 0, 2, 2)}}};
  Result<ControlTimeline> t = ControlTimeline::Build(maps, {"RU", "", nullptr});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("b: a second map for 1970-01-11 (first: a)"),
            std::string::npos);
  EXPECT_FALSE(ControlTimeline::Build({}, {"RU", "", nullptr}).ok());
  EXPECT_EQ(ControlTimeline::LoadDirectory("/nonexistent-dir", {}).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace guarantor
