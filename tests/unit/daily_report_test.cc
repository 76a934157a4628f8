// The daily report on the hand-made theatre of tests/data/zones, whose sectors "north" (48.5 to
// 49.5 N) and "south" (47.5 to 48.6 N, listed second) lie over part 0 of the line (36.0 E, 48.0
// to 49.0 N) and none over part 1. Expected figures are worked out by hand in the comments.
#include "engine/daily_report.h"
#include "engine/result_day_records.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/zones_theatre.h"

namespace guarantor {
namespace {

namespace fs = std::filesystem;

// A verified violation on 2026-02-02 (local), seen by one patrol report.
std::string Violation(const std::string& id, double lat, double lon) {
  return nlohmann::json{
      {"incident", id},
      {"status", "verified"},
      {"first_seen", "2026-02-02T10:00:00+02:00"},
      {"day", "2026-02-02"},
      {"kind", "artillery_fire"},
      {"weapon_class", "unknown"},
      {"count", 3},
      {"position", {{"lat", lat}, {"lon", lon}, {"uncertainty_m", 100}}},
      {"at", {{"distance_to_line_km", 5.0}, {"control_area", "RU"}, {"zone", "security_zone"}}},
      {"observations", {{{"observation", "o-" + id}, {"source", "p1"}, {"type", "patrol"}}}},
      {"violation", true},
      {"breaches", {{{"rule", "fire"}, {"reason", "r"}}}},
      {"severity", 3},
      {"attribution", {{"party", "RU"}, {"confidence", 0.9}}}}
      .dump();
}

class DailyReportTest : public testing::ZonesTheatreTest {
 protected:
  void SetUp() override {
    ZonesTheatreTest::SetUp();
    dir_ = fs::temp_directory_path() / ("daily-report-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "incidents.jsonl") << Violation("in-north", 49.0, 36.1) << "\n"
                                            << Violation("in-both", 48.55, 35.9) << "\n"
                                            << Violation("in-south", 48.2, 35.9) << "\n"
                                            << Violation("by-part-1", 46.2, 34.05) << "\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // From every record of dir_'s files.
  Result<DailyReport> TryBuild(std::vector<MonitoringGap> gaps,
                               const std::string& day = "2026-02-02") {
    return BuildDailyReport({.scenario = scenario_.get(),
                             .map = map_.get(),
                             .records = ResultDirRecords(dir_.string()),
                             .reports_by_type = std::nullopt,
                             .gaps = std::move(gaps),
                             .assets = assets_,
                             .day = day,
                             .cases_withheld = withheld_});
  }
  // From the day's records of dir_'s files, as `guarantor report` reads them.
  Result<DailyReport> TryBuildFromTheDay(std::vector<MonitoringGap> gaps,
                                         const std::string& day = "2026-02-02") {
    Result<DayRecords> records = ResultDayRecords(dir_.string(), day, 120);
    if (!records.ok()) return records.status();
    return BuildDailyReport({.scenario = scenario_.get(),
                             .map = map_.get(),
                             .records = std::move(records->records),
                             .reports_by_type = std::move(records->reports_by_type),
                             .gaps = std::move(gaps),
                             .assets = assets_,
                             .day = day,
                             .cases_withheld = withheld_});
  }
  DailyReport Build(std::vector<MonitoringGap> gaps) {
    Result<DailyReport> r = TryBuild(std::move(gaps));
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : DailyReport();
  }

  fs::path dir_;
  std::string withheld_;
  const std::vector<MonitoringAsset>* assets_ = nullptr;
};

// A case as `guarantor replay` opens it, with what the report reads of it.
// A verified violation at (48.2, 35.9) on `day` (local), reported by sources of `types`.
std::string ViolationOn(const std::string& id, const std::string& day,
                        const std::vector<std::string>& types) {
  nlohmann::json j = nlohmann::json::parse(Violation(id, 48.2, 35.9));
  j["day"] = day;
  j["first_seen"] = day + "T10:00:00+02:00";
  j["observations"] = nlohmann::json::array();
  for (const std::string& type : types) {
    j["observations"].push_back({{"observation", "o-" + id}, {"source", type}, {"type", type}});
  }
  return j.dump();
}

// A patrol gap of 12 km around 48.9 N on part 0 of the line, for the whole of 2026-02-02 (local).
MonitoringGap PatrolGapOverNorth() {
  MonitoringGap gap;
  gap.id = "jam-1";
  gap.source_type = SourceType::kPatrol;
  gap.reason = "jamming";
  gap.start = *Timestamp::Parse("2026-02-01T22:00:00Z");
  gap.end = *Timestamp::Parse("2026-02-02T22:00:00Z");
  gap.center = LatLng{48.9, 36.0};
  gap.radius = Distance::Kilometers(12);
  return gap;
}

std::string OpenedCase(const std::string& id, const std::string& opened_at) {
  return nlohmann::json{
      {"case", id}, {"severity", 4}, {"attributed_party", "RU"}, {"opened_at", opened_at}}
      .dump();
}

std::string Decision(const std::string& id, const std::string& to, const std::string& at,
                     const std::string& reason) {
  return nlohmann::json{
      {"case", id}, {"to", to}, {"by", "member-fr"}, {"at", at}, {"reason", reason}}
      .dump();
}

// Besides the fixture's four violations of the 2nd: one of the 1st and one of the 3rd, three
// cases opened over the three days (local time UTC+2), and decisions on one of them on the 1st
// and the 2nd, recorded out of time order.
void WriteThreeDays(const fs::path& dir) {
  std::ofstream(dir / "incidents.jsonl", std::ios::app)
      << ViolationOn("day-1", "2026-02-01", {"uav", "uav"}) << "\n"
      << ViolationOn("day-3", "2026-02-03", {"acoustic"}) << "\n";
  std::ofstream(dir / "cases.jsonl") << OpenedCase("case-a", "2026-02-01T23:30:00Z") << "\n"
                                     << OpenedCase("case-b", "2026-02-01T21:00:00Z") << "\n"
                                     << OpenedCase("case-c", "2026-02-03T10:00:00+02:00") << "\n";
  std::ofstream(dir / "decisions.jsonl")
      << Decision("case-b", "closed", "2026-02-02T18:00:00+02:00", "done") << "\n"
      << Decision("case-b", "under_review", "2026-02-01T23:00:00+02:00", "claimed") << "\n";
}

TEST_F(DailyReportTest, CountsEachViolationInTheFirstSectorThatHoldsIt) {
  const DailyReport r = Build({});
  // North holds in-north and in-both (in both, north listed first); south in-south; by-part-1
  // lies in neither.
  EXPECT_NE(r.markdown.find("## Verified violations by sector\n\n| sector | verified violations "
                            "|\n|---|---:|\n| North sector | 2 |\n| South sector | 1 |\n| outside "
                            "the sectors | 1 |\n"),
            std::string::npos)
      << r.markdown;
  const nlohmann::json j = nlohmann::json::parse(r.json);
  EXPECT_EQ(j["by_named_sector"], (nlohmann::json{{"north", 2}, {"south", 1}}));
  EXPECT_EQ(j["outside_named_sectors"], 1);
  const nlohmann::json geo = nlohmann::json::parse(r.geojson);
  ASSERT_EQ(geo["features"].size(), 4u);
  EXPECT_EQ(geo["features"][1]["properties"]["sector"], "north");
  EXPECT_TRUE(geo["features"][3]["properties"]["sector"].is_null());
}

TEST_F(DailyReportTest, CoverageOfANamedSectorIsOverItsStretchOfTheLine) {
  // Part 0 is sampled every 5 km from 48.0 N (km 0) to km 110 (a degree of latitude is about
  // 111.2 km there). North holds the samples from km 60 (48.54 N) to 110: 11 of them (km 55 is
  // at 48.495 N, in south only). A patrol gap of 12 km around 48.9 N (km 100.1) for the whole
  // day covers km 90, 95, 100, 105 and 110: 5 of north's 11. Every report is a patrol's, so
  // north's coverage is 1 - 5/11 = 0.545; south's samples (km 0 to 55) are all more than 12 km
  // away, so it is fully covered and not listed. Of the 50 km stretches, km 50-100 has 2 of its
  // 10 samples covered (0.800) and km 100-150 all 3 (0.000).
  const MonitoringGap gap = PatrolGapOverNorth();
  const DailyReport r = Build({gap});
  EXPECT_NE(r.markdown.find("line):\n\n| sector | coverage |\n|---|---:|\n| North sector | 0.545 "
                            "|\n\nCoverage of the sectors"),
            std::string::npos)
      << r.markdown;
  EXPECT_NE(r.markdown.find("| part 0, km 50-100 | 0.800 |\n| part 0, km 100-150 | 0.000 |"),
            std::string::npos)
      << r.markdown;
  const nlohmann::json j = nlohmann::json::parse(r.json);
  EXPECT_EQ(j["coverage_by_named_sector"], (nlohmann::json{{"north", 0.545}}));
}

MonitoringAsset AssetOverNorth(SourceType type, const std::string& id) {
  MonitoringAsset a;
  a.id = id;
  a.type = type;
  a.from = *Timestamp::Parse("2026-02-01T22:00:00Z");  // the local day's first 12 hours
  a.to = *Timestamp::Parse("2026-02-02T10:00:00Z");
  a.position = LatLng{48.9, 36.0};
  a.range = Distance::Kilometers(12);
  return a;
}

TEST_F(DailyReportTest, TheShareEachTypeOfAssetWatchedIsByPointAndHourAndAGapStopsItsType) {
  // A patrol and a camera stand at 48.9 N on part 0 (km 100.1) for the first 12 hours of the day,
  // each reaching 12 km: north's samples at km 90, 95, 100, 105 and 110, 5 of its 11. Watched:
  // 5 x 12 of 11 x 24 point-hours, 0.227. The patrol gap over the same place all day stops the
  // patrol, not the camera. South (km 0 to 55) is out of reach.
  const std::vector<MonitoringAsset> assets = {AssetOverNorth(SourceType::kPatrol, "patrol-01"),
                                               AssetOverNorth(SourceType::kCamera, "camera-01")};
  const DailyReport without = Build({PatrolGapOverNorth()});
  EXPECT_EQ(without.markdown.find("## Watched"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(without.json).contains("watched"));
  assets_ = &assets;
  const DailyReport r = Build({PatrolGapOverNorth()});
  EXPECT_NE(r.markdown.find("| sector | any | patrol | camera |\n|---|---:|---:|---:|\n"
                            "| North sector | 0.227 | 0.000 | 0.227 |\n"
                            "| South sector | 0.000 | 0.000 | 0.000 |\n"),
            std::string::npos)
      << r.markdown;
  const nlohmann::json j = nlohmann::json::parse(r.json);
  EXPECT_EQ(j["watched_by_named_sector"]["north"],
            (nlohmann::json{{"any", 0.227}, {"patrol", 0.0}, {"camera", 0.227}}));
  EXPECT_EQ(j["watched"]["part 0, km 100-150"],
            (nlohmann::json{{"any", 0.5}, {"patrol", 0.0}, {"camera", 0.5}}));
  // Without the gap the patrol watched what the camera did.
  const nlohmann::json open = nlohmann::json::parse(Build({}).json);
  EXPECT_EQ(open["watched_by_named_sector"]["north"]["patrol"], 0.227);
}

TEST_F(DailyReportTest, TheCommissionsDayListsTheCasesOpenedEveryDecisionAndTheCasesClosed) {
  // The agreement's local time is UTC+2: 2026-02-01T23:30:00Z is 01:30 on the 2nd.
  std::ofstream(dir_ / "cases.jsonl") << OpenedCase("case-a", "2026-02-01T23:30:00Z") << "\n"
                                      << OpenedCase("case-b", "2026-02-01T21:00:00Z") << "\n";
  // Out of time order in the file; one the day before (local), one the day after.
  std::ofstream(dir_ / "decisions.jsonl")
      << Decision("case-b", "closed", "2026-02-02T18:00:00+02:00", "remedy | carried out") << "\n"
      << Decision("case-b", "under_review", "2026-02-01T23:00:00+02:00", "claimed") << "\n"
      << Decision("case-a", "under_review", "2026-02-02T08:00:00+02:00", "claimed") << "\n"
      << Decision("case-a", "unverifiable", "2026-02-03T00:00:00+02:00", "no access") << "\n";
  const DailyReport r = Build({});
  EXPECT_NE(r.markdown.find("| cases opened | 1 |\n| Commission decisions | 2 |\n| cases closed "
                            "| 1 |\n"),
            std::string::npos)
      << r.markdown;
  EXPECT_NE(r.markdown.find("### Cases opened\n\n- `case-a`: severity 4, RU\n"), std::string::npos)
      << r.markdown;
  EXPECT_NE(r.markdown.find("| 2026-02-02T08:00:00+02:00 | case-a | under_review | member-fr | "
                            "claimed |  |  |\n| 2026-02-02T18:00:00+02:00 | case-b | closed | "
                            "member-fr | remedy \\| carried out |  |  |\n"),
            std::string::npos)
      << r.markdown;
  const nlohmann::json j = nlohmann::json::parse(r.json);
  EXPECT_EQ(j["cases_opened"], nlohmann::json::array({"case-a"}));
  EXPECT_EQ(j["cases_closed"], nlohmann::json::array({"case-b"}));
  ASSERT_EQ(j["decisions"].size(), 2u);
  EXPECT_EQ(j["decisions"][0]["case"], "case-a");
  // The JSON says what the Markdown says of each decision: why, and the remedy (none stated).
  EXPECT_EQ(j["decisions"][1]["reason"], "remedy | carried out");
  EXPECT_EQ(j["decisions"][1]["remedy"], "");
}

TEST_F(DailyReportTest, AReaderNotClearedForCasesIsToldSoAndGetsNoneOfThem) {
  std::ofstream(dir_ / "cases.jsonl") << OpenedCase("case-a", "2026-02-02T10:00:00+02:00") << "\n";
  withheld_ = "Not shown: your role may not read Special Commission cases.";
  const DailyReport r = Build({});
  EXPECT_NE(r.markdown.find("## Special Commission\n\n" + withheld_), std::string::npos);
  EXPECT_EQ(r.markdown.find("case-a"), std::string::npos);
  EXPECT_EQ(r.markdown.find("cases opened"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(r.json).contains("cases_opened"));
}

TEST_F(DailyReportTest, ABadDecisionIsNamedByFileLineAndField) {
  std::ofstream(dir_ / "decisions.jsonl")
      << Decision("case-a", "closed", "2026-02-02T10:00:00+02:00", "r") << "\n"
      << Decision("case-a", "closed", "yesterday", "r") << "\n";
  Result<DailyReport> r = TryBuild({});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("decisions.jsonl:2: at:"), std::string::npos)
      << r.status().message();
  // A remedy, which decisions recorded before remedies were lack, must be text when present; the
  // other fields are required.
  std::ofstream(dir_ / "decisions.jsonl")
      << R"({"case":"case-a","to":"remedy_decided","by":"c1","at":"2026-02-02T10:00:00+02:00",)"
      << R"("reason":"r","remedy":5})"
      << "\n";
  r = TryBuild({});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("decisions.jsonl:1: remedy: expected a string; found 5"),
            std::string::npos)
      << r.status().message();
  std::ofstream(dir_ / "decisions.jsonl")
      << R"({"case":"case-a","to":"closed","at":"2026-02-02T10:00:00+02:00","reason":"r"})"
      << "\n";
  r = TryBuild({});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("decisions.jsonl:1: by: expected a string (required)"),
            std::string::npos)
      << r.status().message();
}

// A remedy decided with a deadline is listed from its day on, as due that day and then overdue,
// until a decision moves its case on; a remedy without a deadline, or decided after the day, is
// not.
TEST_F(DailyReportTest, RemediesAreListedFromTheirDeadlineUntilTheirCaseMovesOn) {
  auto remedy = [](const std::string& id, const std::string& at, const std::string& due) {
    nlohmann::json j = nlohmann::json::parse(Decision(id, "remedy_decided", at, "attributed"));
    j["remedy"] = "withdraw the battery from " + id;
    if (!due.empty()) j["remedy_due"] = due;
    return j.dump();
  };
  std::ofstream(dir_ / "decisions.jsonl")
      << remedy("case-a", "2026-02-01T10:00:00+02:00", "2026-02-02") << "\n"
      << remedy("case-b", "2026-02-01T11:00:00+02:00", "2026-02-01") << "\n"
      << Decision("case-b", "closed", "2026-02-02T12:00:00+02:00", "carried out") << "\n"
      << remedy("case-c", "2026-02-01T12:00:00+02:00", "") << "\n"
      << remedy("case-d", "2026-02-04T09:00:00+02:00", "2026-02-04") << "\n";
  auto due_on = [&](const std::string& day) {
    Result<DailyReport> r = TryBuild({}, day);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::make_pair(nlohmann::json::parse(r->json)["remedies_due"], r->markdown)
                  : std::make_pair(nlohmann::json(), std::string());
  };
  const auto [first, first_md] = due_on("2026-02-01");
  EXPECT_EQ(first, nlohmann::json::parse(R"([{"case":"case-b","remedy":"withdraw the battery )"
                                         R"(from case-b","due":"2026-02-01","overdue":false}])"));
  EXPECT_NE(first_md.find("### Remedies due\n\n- `case-b`: withdraw the battery from case-b (due "
                          "2026-02-01, today)\n"),
            std::string::npos)
      << first_md;
  EXPECT_NE(first_md.find("| attributed | withdraw the battery from case-a | 2026-02-02 |\n"),
            std::string::npos)
      << first_md;
  const auto [second, second_md] = due_on("2026-02-02");
  ASSERT_EQ(second.size(), 1u) << second;  // case-b closed that day
  EXPECT_EQ(second[0]["case"], "case-a");
  EXPECT_EQ(second[0]["overdue"], false);
  const auto [third, third_md] = due_on("2026-02-03");
  ASSERT_EQ(third.size(), 1u) << third;
  EXPECT_EQ(third[0]["case"], "case-a");
  EXPECT_EQ(third[0]["overdue"], true);
  EXPECT_NE(third_md.find("(due 2026-02-02, overdue)"), std::string::npos) << third_md;
  const auto [none, none_md] = due_on("2026-01-31");
  EXPECT_TRUE(none.empty()) << none;
  EXPECT_NE(none_md.find("### Remedies due\n\nNone.\n"), std::string::npos) << none_md;
}

// `guarantor report` reads the day's records only, with the reports of every day by source type:
// the report it draws is the one drawn from every record, day by day. North's coverage on the
// 2nd weighs the patrol gap by the patrols' share of all reports, 4 of 7 (not of the 2nd's, 4 of
// 4): 1 - 4/7 x 5/11 = 0.740 (CoverageOfANamedSectorIsOverItsStretchOfTheLine has the 5/11).
TEST_F(DailyReportTest, TheDaysRecordsGiveTheReportOfEveryRecord) {
  WriteThreeDays(dir_);
  const MonitoringGap gap = PatrolGapOverNorth();
  for (const std::string day : {"2026-02-01", "2026-02-02", "2026-02-03"}) {
    Result<DailyReport> every = TryBuild({gap}, day);
    Result<DailyReport> the_day = TryBuildFromTheDay({gap}, day);
    ASSERT_TRUE(every.ok()) << every.status().message();
    ASSERT_TRUE(the_day.ok()) << the_day.status().message();
    EXPECT_EQ(the_day->json, every->json) << day;
    EXPECT_EQ(the_day->markdown, every->markdown) << day;
    EXPECT_EQ(the_day->geojson, every->geojson) << day;
  }
  const nlohmann::json second = nlohmann::json::parse(TryBuildFromTheDay({gap})->json);
  EXPECT_EQ(second["coverage_by_named_sector"], (nlohmann::json{{"north", 0.74}}));
  EXPECT_EQ(second["verified_violations"], 4);
  EXPECT_EQ(second["cases_opened"], nlohmann::json::array({"case-a"}));
  Result<DayRecords> records = ResultDayRecords(dir_.string(), "2026-02-02", 120);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->reports_by_type,
            (std::map<std::string, int64_t>{{"acoustic", 1}, {"patrol", 4}, {"uav", 2}}));
}

// A period's records come from one pass over the files, each day's kept apart: each day's report
// is the one drawn from every record, whatever the order of the days asked for, including a day
// of which the files hold nothing; and a day's records can be visited again, after the others
// have gone.
TEST_F(DailyReportTest, ThePeriodsRecordsGiveEachDayTheReportOfEveryRecord) {
  WriteThreeDays(dir_);
  const MonitoringGap gap = PatrolGapOverNorth();
  const std::vector<std::string> days = {"2026-02-03", "2026-02-01", "2026-02-04", "2026-02-02"};
  Result<std::vector<DayRecords>> period = ResultPeriodRecords(dir_.string(), days, 120);
  ASSERT_TRUE(period.ok()) << period.status().message();
  ASSERT_EQ(period->size(), days.size());
  for (size_t i = days.size(); i-- > 0;) {  // the last first, each dropped once drawn
    for (int visit = 0; visit < 2; ++visit) {
      Result<DailyReport> from_period =
          BuildDailyReport({.scenario = scenario_.get(),
                            .map = map_.get(),
                            .records = (*period)[i].records,
                            .reports_by_type = (*period)[i].reports_by_type,
                            .gaps = {gap},
                            .day = days[i],
                            .cases_withheld = {}});
      Result<DailyReport> every = TryBuild({gap}, days[i]);
      ASSERT_TRUE(from_period.ok()) << days[i] << ": " << from_period.status().message();
      ASSERT_TRUE(every.ok()) << every.status().message();
      EXPECT_EQ(from_period->json, every->json) << days[i];
      EXPECT_EQ(from_period->markdown, every->markdown) << days[i];
      EXPECT_EQ(from_period->geojson, every->geojson) << days[i];
    }
    period->pop_back();
  }
  const nlohmann::json third = nlohmann::json::parse(TryBuild({gap}, "2026-02-03")->json);
  EXPECT_EQ(third["cases_opened"], nlohmann::json::array({"case-c"}));
  EXPECT_EQ(third["verified_violations"], 1);
}

// A bad line of any day is an error naming the file, the line and the field, whether it is of
// the report's day (read in full) or not (read for its day and its reports' types only).
TEST_F(DailyReportTest, TheDaysReaderNamesABadLineOfAnyDay) {
  const std::string good = ViolationOn("day-1", "2026-02-01", {"uav"});
  nlohmann::json no_status = nlohmann::json::parse(Violation("x", 48.2, 35.9));
  no_status.erase("status");
  nlohmann::json no_day = nlohmann::json::parse(good);
  no_day.erase("day");
  nlohmann::json no_type = nlohmann::json::parse(good);
  no_type["observations"][0].erase("type");
  struct Case {
    std::string file, line, expected;
  };
  const std::vector<Case> cases = {
      {"incidents.jsonl", "{\"incident\": ", "incidents.jsonl:6: expected a JSON object"},
      {"incidents.jsonl", no_day.dump(), "incidents.jsonl:6: day: expected a date"},
      {"incidents.jsonl", no_type.dump(), "incidents.jsonl:6: observations: expected each"},
      {"incidents.jsonl", no_status.dump(), "incidents.jsonl:6: "},
      {"cases.jsonl", OpenedCase("case-a", "2026-02-02 10:00"),
       "cases.jsonl:2: opened_at: expected an RFC 3339"},
  };
  for (const Case& c : cases) {
    TearDown();
    SetUp();
    std::ofstream(dir_ / "incidents.jsonl", std::ios::app) << good << "\n";
    std::ofstream(dir_ / "cases.jsonl") << OpenedCase("case-b", "2026-02-02T10:00:00Z") << "\n";
    std::ofstream(dir_ / c.file, std::ios::app) << c.line << "\n";
    Result<DailyReport> r = TryBuildFromTheDay({});
    ASSERT_FALSE(r.ok()) << c.expected;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos)
        << "expected \"" << c.expected << "\" in: " << r.status().message();
  }
  TearDown();
  SetUp();
  std::ofstream(dir_ / "incidents.jsonl", std::ios::app) << good << "\n";
  EXPECT_TRUE(TryBuildFromTheDay({}).ok());
}

}  // namespace
}  // namespace guarantor
