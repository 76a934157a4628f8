#include "engine/period_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

using nlohmann::json;

Scenario TwoSectors() {
  Scenario s;
  s.name = "Test theatre";
  s.agreement.sectors = {{"north", "North", {}}, {"south", "South", {}}};
  return s;
}

// Two days' reports as BuildDailyReport writes them (fields in its order), written by hand.
const char* kFirstDay = R"({"day":"2026-02-01","incidents":10,"verified":7,
  "verified_violations":6,"rounds":40,"by_sector":{"part 1, km 50-100":2,"part 1, km 100-150":4},
  "by_named_sector":{"north":5,"south":0},"outside_named_sectors":1,
  "by_zone":{"security_zone":6},"by_weapon_class":{"mortar":6},"by_rule":{"ceasefire-fire":6},
  "by_party":{"RU":{"verified_violations":4,"mean_confidence":0.9},
              "undetermined":{"verified_violations":2,"mean_confidence":0.3}},
  "gaps":["gap-a","gap-b"],"coverage":{},"cases_opened":["case-1","case-2"],
  "decisions":[{"case":"case-1","to":"under_review"}],"cases_closed":[],
  "remedies_due":[{"case":"case-2","remedy":"withdraw","due":"2026-02-01","overdue":false}]})";
const char* kSecondDay = R"({"day":"2026-02-02","incidents":5,"verified":3,
  "verified_violations":2,"rounds":8,"by_sector":{"part 0, km 0-50":1,"part 1, km 50-100":1},
  "by_named_sector":{"north":0,"south":2},"outside_named_sectors":0,
  "by_zone":{"security_zone":1,"withdrawal_zone":1},"by_weapon_class":{"mlrs":2},
  "by_rule":{"ceasefire-fire":2},
  "by_party":{"RU":{"verified_violations":1,"mean_confidence":0.6},
              "UA":{"verified_violations":1,"mean_confidence":0.8}},
  "gaps":["gap-b"],"coverage":{},"cases_opened":["case-3"],"decisions":[],
  "cases_closed":["case-1"],
  "remedies_due":[{"case":"case-2","remedy":"withdraw | in 48 h","due":"2026-02-01",
                   "overdue":true}]})";

TEST(PeriodReportTest, SumsTheDaysAndWeighsEachPartysConfidenceByItsCounts) {
  Result<PeriodReport> r = SumDailyReports(TwoSectors(), {kFirstDay, kSecondDay});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const json j = json::parse(r->json);
  EXPECT_EQ(j["from"], "2026-02-01");
  EXPECT_EQ(j["to"], "2026-02-02");
  ASSERT_EQ(j["days"].size(), 2u);
  EXPECT_EQ(j["days"][1]["by_party"], (json{{"RU", 1}, {"UA", 1}}));
  EXPECT_EQ(j["days"][1]["cases_closed"], 1);
  const json& t = j["totals"];
  EXPECT_EQ(t["incidents"], 15);
  EXPECT_EQ(t["verified"], 10);
  EXPECT_EQ(t["verified_violations"], 8);
  EXPECT_EQ(t["rounds"], 48);
  EXPECT_EQ(t["by_named_sector"], (json{{"north", 5}, {"south", 2}}));
  EXPECT_EQ(t["outside_named_sectors"], 1);
  EXPECT_EQ(t["by_zone"], (json{{"security_zone", 7}, {"withdrawal_zone", 1}}));
  // RU: (4 x 0.9 + 1 x 0.6) / 5 = 0.84; UA one day; undetermined one day.
  EXPECT_DOUBLE_EQ(t["by_party"]["RU"]["mean_confidence"].get<double>(), 0.84);
  EXPECT_EQ(t["by_party"]["RU"]["verified_violations"], 5);
  EXPECT_DOUBLE_EQ(t["by_party"]["UA"]["mean_confidence"].get<double>(), 0.8);
  // A gap active on both days counts once.
  EXPECT_EQ(t["gaps"], (json{"gap-a", "gap-b"}));
  EXPECT_EQ(t["cases_opened"], 3);
  EXPECT_EQ(t["decisions"], 1);
  EXPECT_EQ(t["cases_closed"], 1);
  // The remedies due when the period ends: the last day's.
  EXPECT_EQ(t["remedies_due"], json::parse(R"([{"case":"case-2","remedy":"withdraw | in 48 h",)"
                                           R"("due":"2026-02-01","overdue":true}])"));
  // The line's sectors in the order of the line, not of their names as strings.
  const std::string line = nlohmann::ordered_json::parse(r->json)["totals"]["by_sector"].dump();
  EXPECT_EQ(line, R"({"part 0, km 0-50":1,"part 1, km 50-100":3,"part 1, km 100-150":4})");

  const std::string& md = r->markdown;
  EXPECT_EQ(md.rfind("# Monitoring report, 2026-02-01 to 2026-02-02: Test theatre\n", 0), 0u) << md;
  EXPECT_NE(md.find("| verified violations | 8 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| monitoring gaps | 2 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| day | incidents | verified violations | RU | UA | undetermined | cases "
                    "opened | decisions | cases closed | gaps active |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| 2026-02-01 | 10 | 6 | 4 | 0 | 2 | 2 | 1 | 0 | 2 |\n"
                    "| 2026-02-02 | 5 | 2 | 1 | 1 | 0 | 1 | 0 | 1 | 1 |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| North | 5 |\n| South | 2 |\n| outside the sectors | 1 |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| RU | 5 | 0.840 |\n| UA | 1 | 0.800 |\n| undetermined | 2 | 0.300 |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Remedies due at the end of the period\n\n- `case-2`: withdraw \\| in 48 h "
                    "(due 2026-02-01, overdue)\n"),
            std::string::npos)
      << md;
  // Ending on the day the remedy falls due, it is due on the last day; a last day without any
  // says so.
  Result<PeriodReport> first = SumDailyReports(TwoSectors(), {kSecondDay, kFirstDay});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_NE(first->markdown.find("- `case-2`: withdraw (due 2026-02-01, on the last day)\n"),
            std::string::npos)
      << first->markdown;
  json none = json::parse(kSecondDay);
  none["remedies_due"] = json::array();
  Result<PeriodReport> without = SumDailyReports(TwoSectors(), {kFirstDay, none.dump()});
  ASSERT_TRUE(without.ok()) << without.status().message();
  EXPECT_NE(without->markdown.find("## Remedies due at the end of the period\n\nNone.\n"),
            std::string::npos)
      << without->markdown;
}

// The shares the assets watched: the mean of the days', a type a day's report lacks (no asset
// of it that day) counted as 0 that day; none when a day's report lacks them.
TEST(PeriodReportTest, TheShareWatchedIsTheMeanOfTheDaysWithATypeADayLacksAtNought) {
  json first = json::parse(kFirstDay), second = json::parse(kSecondDay);
  first["watched"] = {{"part 1, km 50-100", {{"any", 1.0}, {"patrol", 0.5}, {"satellite", 0.2}}}};
  second["watched"] = {{"part 1, km 50-100", {{"any", 0.8}, {"patrol", 0.25}}}};
  first["watched_by_named_sector"] = {{"north", {{"any", 1.0}, {"patrol", 0.6}}},
                                      {"south", {{"any", 0.0}, {"patrol", 0.0}}}};
  second["watched_by_named_sector"] = {{"north", {{"any", 0.9}, {"patrol", 0.3}}},
                                       {"south", {{"any", 0.5}, {"patrol", 0.1}}}};
  Result<PeriodReport> r = SumDailyReports(TwoSectors(), {first.dump(), second.dump()});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const json t = json::parse(r->json)["totals"];
  EXPECT_EQ(t["watched"]["part 1, km 50-100"],
            (json{{"any", 0.9}, {"patrol", 0.375}, {"satellite", 0.1}}));
  EXPECT_EQ(t["watched_by_named_sector"]["south"], (json{{"any", 0.25}, {"patrol", 0.05}}));
  EXPECT_NE(r->markdown.find("| sector | any | patrol |\n|---|---:|---:|\n"
                             "| North | 0.950 | 0.450 |\n| South | 0.250 | 0.050 |\n"),
            std::string::npos)
      << r->markdown;
  EXPECT_NE(r->markdown.find("| part 1, km 50-100 | 0.900 | 0.375 | 0.100 |"), std::string::npos)
      << r->markdown;
  // A day without them: the period shows none.
  Result<PeriodReport> partly = SumDailyReports(TwoSectors(), {first.dump(), kSecondDay});
  ASSERT_TRUE(partly.ok());
  EXPECT_FALSE(json::parse(partly->json)["totals"].contains("watched"));
  EXPECT_EQ(partly->markdown.find("## Watched"), std::string::npos);
}

TEST(PeriodReportTest, LeavesTheCommissionOutWhenTheDaysDo) {
  json day = json::parse(kFirstDay);
  for (const char* key : {"cases_opened", "decisions", "cases_closed", "remedies_due"}) {
    day.erase(key);
  }
  Result<PeriodReport> r = SumDailyReports(TwoSectors(), {day.dump()});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(json::parse(r->json)["totals"].contains("cases_opened"));
  EXPECT_FALSE(json::parse(r->json)["days"][0].contains("decisions"));
  EXPECT_EQ(r->markdown.find("cases opened"), std::string::npos);
  EXPECT_EQ(r->markdown.find("Remedies due"), std::string::npos);
  EXPECT_FALSE(json::parse(r->json)["totals"].contains("remedies_due"));
  EXPECT_NE(r->markdown.find("Not shown: the daily reports of the period leave the Special "
                             "Commission's cases out."),
            std::string::npos);
}

TEST(PeriodReportTest, APeriodRunsFromItsFirstDayToItsLastAtMostSoManyDays) {
  Result<std::vector<std::string>> days = PeriodDays("2026-02-27", "2026-03-02", 92);
  ASSERT_TRUE(days.ok()) << days.status().message();
  EXPECT_EQ(*days,
            (std::vector<std::string>{"2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"}));
  EXPECT_EQ(PeriodDays("2026-02-01", "2026-02-01", 1)->size(), 1u);
  // 2026-02-01 + 91 days is 2026-05-03: 92 days in all, the most of a period of 92.
  EXPECT_EQ(PeriodDays("2026-02-01", "2026-05-03", 92)->size(), 92u);
  EXPECT_EQ(PeriodDays("2026-02-01", "2026-05-04", 92).status().message(),
            "to: expected a day from 2026-02-01 to 91 days after it");
  EXPECT_FALSE(PeriodDays("2026-02-02", "2026-02-01", 92).ok());
  EXPECT_EQ(PeriodDays("2026-02-30", "2026-03-01", 92).status().message(),
            "from: expected a date YYYY-MM-DD; found \"2026-02-30\"");
  EXPECT_EQ(PeriodDays("2026-02-01", "", 92).status().message(),
            "to: expected a date YYYY-MM-DD; found \"\"");
}

TEST(PeriodReportTest, ABadDayIsNamedWithItsField) {
  json day = json::parse(kSecondDay);
  day["verified_violations"] = "two";
  Result<PeriodReport> r = SumDailyReports(TwoSectors(), {kFirstDay, day.dump()});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("day 2 of the period: verified_violations: expected a whole "
                                      "number"),
            std::string::npos)
      << r.status().message();
  EXPECT_FALSE(SumDailyReports(TwoSectors(), {}).ok());
}

}  // namespace
}  // namespace guarantor
