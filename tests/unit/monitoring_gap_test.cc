#include "monitor/monitoring_gap.h"

#include <gtest/gtest.h>

#include <sstream>

namespace guarantor {
namespace {

TEST(MonitoringGapTest, ParsesAGap) {
  MonitoringGap g;
  ASSERT_TRUE(
      ParseMonitoringGap(
          R"({"id":"g1","source_type":"uav","reason":"jamming","start":"2026-02-01T10:00:00Z",)"
          R"("end":"2026-02-01T16:00:00+02:00","center":{"lat":48.1,"lon":37.6},"radius_km":25})",
          &g)
          .ok());
  EXPECT_EQ(g.id, "g1");
  EXPECT_EQ(g.source_type, SourceType::kUav);
  EXPECT_EQ(g.reason, "jamming");
  EXPECT_EQ(g.end.utc_micros() - g.start.utc_micros(), 4LL * 3600 * 1'000'000);
  EXPECT_DOUBLE_EQ(g.radius.km(), 25);
}

TEST(MonitoringGapTest, RejectsBadLinesWithTheirReasons) {
  std::istringstream in(
      R"({"id":"g1","source_type":"uav","reason":"jamming","start":"2026-02-01T10:00:00Z","end":"2026-02-01T11:00:00Z","center":{"lat":48.1,"lon":37.6},"radius_km":25})"
      "\n"
      R"({"id":"g2","source_type":"uav","reason":"weather","start":"2026-02-01T10:00:00Z","end":"2026-02-01T11:00:00Z","center":{"lat":48.1,"lon":37.6},"radius_km":25})"
      "\n"
      R"({"id":"g3","source_type":"uav","reason":"jamming","start":"2026-02-01T10:00:00Z","end":"2026-02-01T09:00:00Z","center":{"lat":48.1,"lon":37.6},"radius_km":25})"
      "\n"
      R"({"id":"g4","source_type":"uav","reason":"jamming","start":"2026-02-01T10:00:00Z","end":"2026-02-01T11:00:00Z","center":{"lat":98.1,"lon":37.6},"radius_km":25})"
      "\n"
      R"({"id":"g1","source_type":"uav","reason":"jamming","start":"2026-02-01T10:00:00Z","end":"2026-02-01T11:00:00Z","center":{"lat":48.1,"lon":37.6},"radius_km":25})"
      "\n"
      R"({"id":"g5","source_type":"uav","reason":"jamming","start":"2026-02-01T10:00:00Z","end":"2026-02-01T11:00:00Z","center":{"lat":48.1,"lon":37.6},"radius_km":25,"colour":"red"})"
      "\n"
      "not json\n");
  std::vector<Diagnostic> rejected;
  const std::vector<MonitoringGap> gaps = ReadMonitoringGaps(in, "gaps.jsonl", &rejected);
  ASSERT_EQ(gaps.size(), 1u);
  std::vector<std::string> messages;
  for (const Diagnostic& d : rejected) messages.push_back(d.ToString());
  EXPECT_EQ(
      messages,
      (std::vector<std::string>{
          "gaps.jsonl:2: reason: expected one of: denied_access, jamming, outage, other; found "
          "\"weather\"",
          "gaps.jsonl:3: end: expected a time not before start; found \"2026-02-01T09:00:00Z\"",
          "gaps.jsonl:4: center.lat: expected a number in [-90, 90]; found 98.1",
          "gaps.jsonl:5: id: expected an id not used before; found \"g1\" again",
          "gaps.jsonl:6: colour: expected a known field; found unknown field \"colour\"",
          "gaps.jsonl:7: record: expected a JSON object; found malformed JSON"}));
}

}  // namespace
}  // namespace guarantor
