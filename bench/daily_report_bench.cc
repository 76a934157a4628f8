// daily_report_bench: the daily report of one day of a replay's results, drawn as `guarantor
// report` draws it (the day's records: engine/result_day_records.h) and, side by side in the same
// run, from every record of the files (the plain baseline: every line made an object), runs
// alternating. Checks that both give the same bytes, and prints the median seconds of each and
// their ratio as one JSON object.
//
// Usage: daily_report_bench --scenario DIR --result DIR --day YYYY-MM-DD [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "engine/daily_report.h"
#include "engine/result_day_records.h"
#include "scenario/scenario_loader.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Run(int argc, char** argv) {
  CLI::App app("The daily report from the day's records against the report from every record");
  std::string scenario_dir, result_dir, day;
  int repeat = 3;
  app.add_option("--scenario", scenario_dir, "scenario directory")->required();
  app.add_option("--result", result_dir, "directory written by guarantor replay --out")->required();
  app.add_option("--day", day, "YYYY-MM-DD in the agreement's local time")->required();
  app.add_option("--repeat", repeat, "runs of each reader (default 3)")->check(CLI::Range(1, 50));
  CLI11_PARSE(app, argc, argv);

  guarantor::ScenarioLoad load = guarantor::LoadScenario(scenario_dir);
  if (!load.ok()) {
    std::cerr << "daily_report_bench: the scenario does not load\n";
    return 1;
  }
  const guarantor::Scenario& scenario = *load.scenario;
  guarantor::Result<guarantor::AgreementMap> map =
      guarantor::AgreementMap::Build(scenario.agreement);
  if (!map.ok()) return 1;
  const int offset = scenario.agreement.effective.offset_minutes();

  auto from_the_day = [&]() -> guarantor::Result<guarantor::DailyReport> {
    guarantor::Result<guarantor::DayRecords> records =
        guarantor::ResultDayRecords(result_dir, day, offset);
    if (!records.ok()) return records.status();
    return guarantor::BuildDailyReport({.scenario = &scenario,
                                        .map = &*map,
                                        .records = std::move(records->records),
                                        .reports_by_type = std::move(records->reports_by_type),
                                        .gaps = {},
                                        .day = day,
                                        .cases_withheld = ""});
  };
  auto from_every_record = [&]() {
    return guarantor::BuildDailyReport({.scenario = &scenario,
                                        .map = &*map,
                                        .records = guarantor::ResultDirRecords(result_dir),
                                        .reports_by_type = std::nullopt,
                                        .gaps = {},
                                        .day = day,
                                        .cases_withheld = ""});
  };
  std::vector<double> day_s, every_s;
  std::string day_json, every_json, report_json;
  for (int i = 0; i < repeat; ++i) {
    for (bool every : {true, false}) {
      const Clock::time_point start = Clock::now();
      guarantor::Result<guarantor::DailyReport> r = every ? from_every_record() : from_the_day();
      const double s = std::chrono::duration<double>(Clock::now() - start).count();
      if (!r.ok()) {
        std::cerr << "daily_report_bench: " << r.status().message() << "\n";
        return 1;
      }
      (every ? every_s : day_s).push_back(s);
      (every ? every_json : day_json) = r->json + r->markdown + r->geojson;
      report_json = r->json;
    }
    if (day_json != every_json) {
      std::cerr << "daily_report_bench: the two readers gave different reports\n";
      return 1;
    }
  }
  const nlohmann::json report = nlohmann::json::parse(report_json);
  nlohmann::ordered_json out;
  out["day"] = day;
  out["incidents_of_the_day"] = report.at("incidents");
  out["repeat"] = repeat;
  out["every_record_seconds"] = Median(every_s);
  out["day_records_seconds"] = Median(day_s);
  out["speedup"] = Median(every_s) / Median(day_s);
  out["same_report"] = true;
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "daily_report_bench: " << e.what() << "\n";
    return 1;
  }
}
