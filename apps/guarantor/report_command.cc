// guarantor report: the daily monitoring report for one day of a replay's results, in Markdown
// (default) or JSON, with an optional GeoJSON map layer of the day's verified violations.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command_input.h"
#include "commands.h"
#include "commission/case_records.h"
#include "engine/daily_report.h"
#include "engine/result_day_records.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

struct ReportOptions {
  std::string scenario_dir, result_dir, day, gaps, geojson;
  bool json = false;
};

int RunReport(const ReportOptions& opt) {
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "report");
  if (!loaded) return 1;
  if (Status s = CheckReportDay(opt.day); !s.ok()) {  // before reading through the files
    std::cerr << "report: " << s.message() << "\n";
    return 1;
  }
  // The day's decisions are listed only if each was taken on the case cases.jsonl now holds.
  if (Status s = CheckDecisionDigests(opt.result_dir); !s.ok()) {
    std::cerr << "report: " << s.message() << "\n";
    return 1;
  }
  Result<DayRecords> day = ResultDayRecords(opt.result_dir, opt.day,
                                            loaded->scenario.agreement.effective.offset_minutes());
  if (!day.ok()) {
    std::cerr << "report: " << day.status().message() << "\n";
    return 1;
  }
  DailyReportInput input{.scenario = &loaded->scenario,
                         .map = loaded->map.get(),
                         .records = std::move(day->records),
                         .reports_by_type = std::move(day->reports_by_type),
                         .gaps = {},
                         .day = opt.day,
                         .cases_withheld = {}};  // the results' owner reads them all
  const std::string gaps_path =
      opt.gaps.empty() ? (fs::path(opt.result_dir) / "gaps.jsonl").string() : opt.gaps;
  std::ifstream gaps(gaps_path, std::ios::binary);
  if (gaps) {
    std::vector<Diagnostic> rejected;
    input.gaps = ReadMonitoringGaps(gaps, gaps_path, &rejected);
    for (const Diagnostic& d : rejected) std::cerr << d.ToString() << "\n";
    if (!rejected.empty()) return 1;
  } else if (!opt.gaps.empty()) {
    std::cerr << opt.gaps << ": expected a readable gaps file; found none\n";
    return 1;
  }
  Result<DailyReport> report = BuildDailyReport(input);
  if (!report.ok()) {
    std::cerr << "report: " << report.status().message() << "\n";
    return 1;
  }
  if (!opt.geojson.empty()) {
    std::ofstream geojson(opt.geojson, std::ios::binary);
    geojson << report->geojson;
    geojson.close();
    if (!geojson) {
      std::cerr << "report: " << opt.geojson << ": could not write the day's GeoJSON\n";
      return 1;
    }
  }
  std::cout << (opt.json ? report->json + "\n" : report->markdown);
  return 0;
}

}  // namespace

void AddReportCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ReportOptions>();
  CLI::App* cmd =
      app.add_subcommand("report", "The daily monitoring report for one day of a replay's results");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  cmd->add_option("--day", opt->day, "the day, YYYY-MM-DD in the agreement's local time")
      ->required();
  cmd->add_option("--gaps", opt->gaps, "monitoring gaps (JSON Lines); default RESULT/gaps.jsonl");
  cmd->add_option("--geojson", opt->geojson, "also write the day's verified violations here");
  cmd->add_flag("--json", opt->json, "print the report as one JSON object");
  cmd->callback([opt, exit_code] { *exit_code = RunReport(*opt); });
}

}  // namespace guarantor::cli
