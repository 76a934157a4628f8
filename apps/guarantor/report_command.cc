// guarantor report: the daily monitoring report for one day of a replay's results, or the report
// of a period of days summed from theirs (engine/period_report.h), in Markdown (default) or JSON,
// with an optional GeoJSON map layer of the verified violations.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "command_input.h"
#include "commands.h"
#include "commission/case_records.h"
#include "engine/daily_report.h"
#include "engine/period_report.h"
#include "engine/result_day_records.h"
#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"
#include "progress.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

struct ReportOptions {
  std::string scenario_dir, result_dir, day, from, to, gaps, assets, geojson;
  bool json = false, quiet = false;
};

constexpr int kMaxPeriodDays = 366;

// The records of a file beside the results the report reads: `explicit_path` when given (it must
// be readable), else RESULT/`name` when there is one; nullopt when neither is. Any rejected
// record fails the report, naming its line and field.
template <typename Record>
Result<std::optional<std::vector<Record>>> ReadBesideResults(
    const std::string& result_dir, const std::string& explicit_path, const char* name,
    const char* what,
    std::vector<Record> (*read)(std::istream&, const std::string&, std::vector<Diagnostic>*)) {
  const std::string path =
      explicit_path.empty() ? (fs::path(result_dir) / name).string() : explicit_path;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    if (explicit_path.empty()) return std::optional<std::vector<Record>>();
    return Status::InvalidArgument(explicit_path + ": expected a readable " + what +
                                   " file; found none");
  }
  std::vector<Diagnostic> rejected;
  std::vector<Record> records = read(file, path, &rejected);
  if (!rejected.empty()) {
    std::string message;
    for (const Diagnostic& d : rejected) message += (message.empty() ? "" : "\n") + d.ToString();
    return Status::InvalidArgument(message);
  }
  return std::optional<std::vector<Record>>(std::move(records));
}

Result<DailyReport> ReportOfDay(const LoadedScenario& loaded,
                                const std::vector<MonitoringGap>& gaps,
                                const std::optional<std::vector<MonitoringAsset>>& assets,
                                const std::string& day, DayRecords records) {
  return BuildDailyReport({.scenario = &loaded.scenario,
                           .map = loaded.map.get(),
                           .records = std::move(records.records),
                           .reports_by_type = std::move(records.reports_by_type),
                           .gaps = gaps,
                           .assets = assets ? &*assets : nullptr,
                           .day = day,
                           .cases_withheld = {}});  // the results' owner reads them all
}

Result<std::vector<std::string>> OneDay(const std::string& day) {
  if (Status s = CheckReportDay(day); !s.ok()) return s;
  return std::vector<std::string>{day};
}

// Writes `text` to `path`; false with a message on standard error when it cannot.
bool WriteFile(const std::string& path, const std::string& text, const char* what) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) std::cerr << "report: " << path << ": could not write " << what << "\n";
  return static_cast<bool>(out);
}

int RunReport(const ReportOptions& opt) {
  const bool period = !opt.from.empty() || !opt.to.empty();
  if (period == !opt.day.empty() || opt.from.empty() != opt.to.empty()) {
    std::cerr << "report: expected --day D, or --from D1 --to D2\n";
    return 2;
  }
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "report");
  if (!loaded) return 1;
  // The days, checked before reading through the files.
  Result<std::vector<std::string>> days =
      period ? PeriodDays(opt.from, opt.to, kMaxPeriodDays) : OneDay(opt.day);
  if (!days.ok()) {  // a period's message names "from" or "to": the options here
    std::cerr << "report: " << (period ? "--" : "") << days.status().message() << "\n";
    return 1;
  }
  // The day's decisions are listed only if each was taken on the case cases.jsonl now holds.
  if (Status s = CheckDecisionDigests(opt.result_dir); !s.ok()) {
    std::cerr << "report: " << s.message() << "\n";
    return 1;
  }
  Result<std::optional<std::vector<MonitoringGap>>> gaps =
      ReadBesideResults(opt.result_dir, opt.gaps, "gaps.jsonl", "gaps", &ReadMonitoringGaps);
  Result<std::optional<std::vector<MonitoringAsset>>> assets = ReadBesideResults(
      opt.result_dir, opt.assets, "assets.jsonl", "assets", &ReadMonitoringAssets);
  for (const Status& s : {gaps.status(), assets.status()}) {
    if (!s.ok()) {
      std::cerr << s.message() << "\n";
      return 1;
    }
  }
  const std::vector<MonitoringGap> no_gaps;
  // The results are read once, each day's records kept apart (a line of progress on a terminal:
  // a dense theatre's results run to gigabytes); then a report a day.
  std::error_code size_error;
  int64_t result_bytes = 0;
  for (const char* name : {"incidents.jsonl", "cases.jsonl"}) {
    const auto size = fs::file_size(fs::path(opt.result_dir) / name, size_error);
    if (!size_error) result_bytes += static_cast<int64_t>(size);
  }
  ProgressLine reading("report: reading", result_bytes, opt.quiet, "lines");
  Result<std::vector<DayRecords>> records = ResultPeriodRecords(
      opt.result_dir, *days, loaded->scenario.agreement.effective.offset_minutes(),
      [&reading](int64_t bytes, int64_t lines) { reading.Update(bytes, lines); });
  reading.Finish();
  if (!records.ok()) {
    std::cerr << "report: " << records.status().message() << "\n";
    return 1;
  }
  std::vector<std::string> day_json, day_geojson;  // a period's days
  DailyReport last;                                // or the one day's report
  // A line of progress on a terminal, for a period.
  ProgressLine progress("report", static_cast<int64_t>(days->size()), opt.quiet || !period, "days");
  for (size_t i = 0; i < days->size(); ++i) {
    progress.Update(static_cast<int64_t>(i), static_cast<int64_t>(i));
    Result<DailyReport> report = ReportOfDay(*loaded, gaps->has_value() ? **gaps : no_gaps, *assets,
                                             (*days)[i], std::move((*records)[i]));
    if (!report.ok()) {
      std::cerr << "report: " << report.status().message() << "\n";
      return 1;
    }
    if (period) {
      day_json.push_back(std::move(report->json));
      day_geojson.push_back(std::move(report->geojson));
    } else {
      last = *std::move(report);
    }
  }
  progress.Finish();
  if (!period) {
    if (!opt.geojson.empty() && !WriteFile(opt.geojson, last.geojson, "the day's GeoJSON")) {
      return 1;
    }
    std::cout << (opt.json ? last.json + "\n" : last.markdown);
    return 0;
  }
  Result<PeriodReport> report = SumDailyReports(loaded->scenario, day_json);
  if (!report.ok()) {
    std::cerr << "report: " << report.status().message() << "\n";
    return 1;
  }
  if (!opt.geojson.empty() &&
      !WriteFile(opt.geojson, MergedFeatureCollections(day_geojson), "the period's GeoJSON")) {
    return 1;
  }
  std::cout << (opt.json ? report->json + "\n" : report->markdown);
  return 0;
}

}  // namespace

void AddReportCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "The daily monitoring report for one day of a replay's results, or the report of a period "
      "of days (each day's figures and the period's totals)");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  cmd->add_option("--day", opt->day, "the day, YYYY-MM-DD in the agreement's local time");
  cmd->add_option("--from", opt->from, "the first day of a period report (with --to)");
  cmd->add_option("--to", opt->to,
                  "the last day of a period report, included (at most 366 days after --from)");
  cmd->add_option("--gaps", opt->gaps, "monitoring gaps (JSON Lines); default RESULT/gaps.jsonl");
  cmd->add_option("--assets", opt->assets,
                  "where the monitoring assets stood (JSON Lines, as simulate writes them): adds "
                  "the share of each sector they watched; default RESULT/assets.jsonl");
  cmd->add_option("--geojson", opt->geojson,
                  "also write the day's (the period's) verified violations here");
  cmd->add_flag("--json", opt->json, "print the report as one JSON object");
  cmd->add_flag("-q,--quiet", opt->quiet, "no progress display (a period's, on a terminal)");
  cmd->callback([opt, exit_code] { *exit_code = RunReport(*opt); });
}

}  // namespace guarantor::cli
