// guarantor assess: locates every observation against the agreement and writes
// assessments.jsonl, violations.geojson and report.md. Outputs are written to temporary files and
// renamed into place only when the run succeeds, so a failed run leaves no partial output.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "attribution_check.h"
#include "base/staged_outputs.h"
#include "command_input.h"
#include "commands.h"
#include "monitor/agreement_map.h"
#include "monitor/assessment.h"
#include "monitor/assessment_output.h"
#include "monitor/monitoring_report.h"
#include "monitor/observation_stream.h"
#include "progress.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

struct AssessOptions {
  std::string scenario_dir;
  std::string observations;
  std::string out_dir;
  std::string reference;  // optional: compare attribution with the initiators it names
  bool archive = false;   // records of past events, possibly months apart
  bool strict = false;
  bool json = false;
  bool quiet = false;
  bool fast = false;  // tangent-plane distances, as replay uses
};

int RunAssess(const AssessOptions& opt) {
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "assess");
  if (!loaded) return 1;
  const Scenario& scenario = loaded->scenario;
  ObservationInput input;
  if (!input.Open(opt.observations)) return 1;
  std::error_code ec;
  fs::create_directories(opt.out_dir, ec);
  if (ec) {
    std::cerr << opt.out_dir << ": could not create the output directory: " << ec.message() << "\n";
    return 1;
  }

  std::unique_ptr<AttributionCheck> check;
  if (!opt.reference.empty()) {
    Result<std::unique_ptr<AttributionCheck>> opened =
        AttributionCheck::Open(opt.reference, scenario, *loaded->map);
    if (!opened.ok()) {
      std::cerr << "assess: " << opened.status().message() << "\n";
      return 1;
    }
    check = std::move(*opened);
  }
  StagedOutputs outputs(opt.out_dir);
  std::ofstream& assessments = outputs.Open("assessments.jsonl");
  ViolationGeoJsonWriter violations(outputs.Open("violations.geojson"));
  std::ostream* attributions = check ? &outputs.Open("attributions.jsonl") : nullptr;
  if (!check) {  // an earlier run's comparison would be read as this run's
    outputs.RemoveAtCommit("attributions.jsonl");
    outputs.RemoveAtCommit("attribution.md");
  }
  if (Status s = outputs.Created(); !s.ok()) {
    std::cerr << "assess: " << s.message() << "\n";
    return 1;
  }
  violations.Begin();
  const int day_offset = scenario.agreement.effective.offset_minutes();
  Assessor assessor(
      scenario.agreement, *loaded->map,
      opt.fast ? geo::LineOfContact::Precision::kFast : geo::LineOfContact::Precision::kExact);
  MonitoringReport report(scenario);
  ObservationStream stream(input.fd(), input.label());
  if (opt.archive) stream.AllowAnyGapAhead();
  ProgressLine progress("assess", input.total_bytes(), opt.quiet);
  Observation obs;
  while (stream.Next(&obs)) {
    const Assessment a = assessor.Assess(obs);
    assessments << AssessmentJsonLine(obs, a, day_offset) << '\n';
    if (a.violation()) violations.Add(obs, a, day_offset);
    report.Add(obs, a);
    if (check) check->Add(obs, a, *attributions);
    progress.Update(stream.bytes_read(), stream.lines_read());
  }
  progress.Finish();
  violations.End();
  if (!stream.WriteRejections(std::cerr)) {
    std::cerr.clear();  // WriteRejections failed it
    std::cerr << "assess: some rejected records could not be listed (their temporary file)\n";
  }
  if (stream.read_error()) {
    std::cerr << "assess: " << input.label() << ": reading failed part way; nothing written\n";
    return 1;
  }
  if (opt.strict && stream.rejected() > 0) {
    std::cerr << "assess: " << stream.rejected()
              << " record(s) rejected and --strict is set; nothing written\n";
    return 1;
  }
  report.SetRejections(stream.lines_read(), stream.rejected(), stream.rejections());
  report.WriteMarkdown(outputs.Open("report.md"), opt.observations);
  if (check) check->WriteMarkdown(outputs.Open("attribution.md"), opt.reference);
  if (Status s = outputs.Commit(); !s.ok()) {
    std::cerr << "assess: " << s.message() << "\n";
    return 1;
  }
  const fs::path report_path = fs::path(opt.out_dir) / "report.md";
  if (opt.json && check) {
    std::cout << "{\"report\":" << report.ToJson() << ",\"attribution\":" << check->ToJson()
              << "}\n";
  } else if (opt.json) {
    std::cout << report.ToJson() << "\n";
  } else {
    std::cout << "assessed " << report.observations() << " observation(s) against \""
              << scenario.agreement.name << "\": " << report.violations()
              << " breach the agreement, " << report.rejected() << " record(s) rejected\n"
              << "report: " << report_path.string() << "\n";
    if (check) {
      std::cout << "attribution compared with " << opt.reference << ": "
                << (fs::path(opt.out_dir) / "attribution.md").string() << "\n";
    }
  }
  return 0;
}

}  // namespace

void AddAssessCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<AssessOptions>();
  CLI::App* cmd = app.add_subcommand(
      "assess",
      "Locate each observation against the agreement's line, zones and areas and "
      "report which rules it breaches");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--observations", opt->observations,
                  "observations in JSON Lines (docs/observation-format.md); - for standard input")
      ->required();
  cmd->add_option("--out", opt->out_dir, "output directory (created if missing)")->required();
  cmd->add_option("--reference", opt->reference,
                  "also attribute each observation and compare with the initiators named in this "
                  "file (JSON Lines from guarantor import --reference); writes attributions.jsonl "
                  "and attribution.md");
  cmd->add_flag("--archive", opt->archive,
                "the observations are an archive of past events in time order (guarantor import "
                "writes them so): records may be any time apart, not at most 24 h ahead");
  cmd->add_flag("--strict", opt->strict, "fail, writing nothing, if any record is rejected");
  cmd->add_flag("--fast", opt->fast,
                "distances to the line from the tangent-plane measure replay uses (within 2 cm "
                "of the exact geodesic; zone decisions identical) instead of exact geodesics");
  cmd->add_flag("--json", opt->json, "print the summary as one JSON object on standard output");
  cmd->add_flag("--quiet,-q", opt->quiet, "no progress display");
  cmd->callback([opt, exit_code] { *exit_code = RunAssess(*opt); });
}

}  // namespace guarantor::cli
