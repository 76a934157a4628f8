// The assessment report's table of violations near protected sites, whose rows wait in a
// temporary file once they pass a megabyte: every row, in input order, whether or not it was
// spilled.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "monitor/assessment.h"
#include "monitor/monitoring_report.h"
#include "support/zones_theatre.h"

namespace guarantor {
namespace {

class MonitoringReportTest : public testing::ZonesTheatreTest {
 protected:
  // An explosion `i` seconds after the agreement took effect, `i` metres north of the plant
  // (tests/data/zones: 48.2 N 36.3 E, 10 km radius, 22 km east of the line: a violation of the
  // "fire" rule within the withdrawal zone).
  static Observation NearThePlant(int i) {
    Observation obs;
    obs.id = "obs-" + std::to_string(i);
    const Timestamp effective = *Timestamp::Parse("2026-02-01T00:00:00+02:00");
    obs.time = Timestamp(effective.utc_micros() + int64_t{i} * 1'000'000, 120);
    obs.source_id = "camera-1";
    obs.kind = ObservationKind::kExplosion;
    obs.position.position = LatLng{48.2 + (i % 5000) * 1e-5, 36.3};
    obs.position.uncertainty_m = 50;
    return obs;
  }

  // The rows of the "Near protected sites" table, without its header.
  static std::vector<std::string> NearSiteRows(const std::string& markdown) {
    std::vector<std::string> rows;
    std::istringstream in(markdown.substr(markdown.find("## Near protected sites")));
    std::string line;
    int tables_lines = 0;
    while (std::getline(in, line) && line.rfind("## Rejected", 0) != 0) {
      if (line.rfind("| ", 0) != 0) continue;
      if (++tables_lines > 1) rows.push_back(line);  // the first is the header
    }
    return rows;
  }
};

TEST_F(MonitoringReportTest, ListsEveryRowNearASiteInOrderWhenTheyPassTheMemoryBuffer) {
  // About 70 bytes a row: 40 000 rows are nearly three times the megabyte held in memory.
  constexpr int kRows = 40'000;
  const Assessor assessor(scenario_->agreement, *map_);
  MonitoringReport report(*scenario_);
  std::vector<std::string> ids;
  for (int i = 0; i < kRows; ++i) {
    const Observation obs = NearThePlant(i);
    const Assessment a = assessor.Assess(obs);
    ASSERT_TRUE(a.violation()) << obs.id;
    ASSERT_EQ(a.at.protected_site, "plant") << obs.id;
    report.Add(obs, a);
    ids.push_back(obs.id);
  }
  std::ostringstream out;
  report.WriteMarkdown(out, "generated");
  ASSERT_TRUE(out.good());
  const std::vector<std::string> rows = NearSiteRows(out.str());
  ASSERT_EQ(rows.size(), ids.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].rfind("| " + ids[i] + " | ", 0), 0u) << "row " << i << ": " << rows[i];
  }
  // The first report stands 0 m north of the plant's centre, the 5 001st too.
  EXPECT_EQ(rows[0], "| obs-0 | 2026-02-01T00:00:00+02:00 | plant | explosion | 0.000 |");
  EXPECT_EQ(rows[5000], "| obs-5000 | 2026-02-01T01:23:20+02:00 | plant | explosion | 0.000 |");
  // A second rendering reads the spilled rows again from the start.
  std::ostringstream again;
  report.WriteMarkdown(again, "generated");
  EXPECT_EQ(again.str(), out.str());
}

TEST_F(MonitoringReportTest, SaysNoneWhenNothingWasNearASite) {
  const Assessor assessor(scenario_->agreement, *map_);
  MonitoringReport report(*scenario_);
  Observation far = NearThePlant(0);
  far.position.position = LatLng{48.8, 36.2};  // 15 km east of the line, 60 km from the plant
  const Assessment a = assessor.Assess(far);
  ASSERT_TRUE(a.violation());
  report.Add(far, a);
  std::ostringstream out;
  report.WriteMarkdown(out, "generated");
  EXPECT_NE(out.str().find("## Near protected sites\n\nNone.\n"), std::string::npos);
}

}  // namespace
}  // namespace guarantor
