// guarantor replay: the monitoring pipeline over a file or standard input, printing alerts as
// they arise (violations when verified, cases when opened, triggers when they fire) and, with
// --out, writing incidents.jsonl, cases.jsonl, activations.jsonl, violations.geojson and
// summary.json, moved into place together once the run is complete (base/staged_outputs.h).
// Batch and streaming use the same engine.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/staged_outputs.h"
#include "command_input.h"
#include "commands.h"
#include "engine/incident_output.h"
#include "engine/replay_engine.h"
#include "guarantee/activation_output.h"
#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"
#include "monitor/observation_stream.h"
#include "observation_pipeline.h"
#include "progress.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

struct ReplayCommandOptions {
  std::string scenario_dir;
  std::string observations = "-";
  std::string out_dir;
  std::string gaps;
  std::string assets;
  bool json = false;
  bool quiet = false;
  bool no_alerts = false;
  bool parse_only = false;   // a benchmarking baseline: read and validate, nothing else
  bool fuse_only = false;    // a benchmarking baseline: read, validate and fuse, nothing else
  bool no_triggers = false;  // a benchmarking baseline: what evaluating the triggers costs
  int threads = 1;           // 2: reading and parsing on a thread of their own
};

// Alert lines are written once this many bytes have gathered, or when the input runs dry.
constexpr size_t kAlertBlockBytes = size_t{64} * 1024;

struct Counts {
  int64_t incidents = 0, verified = 0, violations = 0, attributed = 0, cases = 0;
};

// Reads the records of `path` (none when empty) into `records`, and copies the file unchanged
// into the results as `name` (with no `path`, removes an earlier run's: an earlier run's gaps
// would lower this one's coverage). False, having said why, when the file cannot be read or has
// any rejected record.
template <typename Record>
bool KeepBesideResults(const std::string& path, const char* name, const char* what,
                       std::vector<Record> (*read)(std::istream&, const std::string&,
                                                   std::vector<Diagnostic>*),
                       StagedOutputs* outputs, std::vector<Record>* records) {
  if (path.empty()) {
    if (outputs != nullptr) outputs->RemoveAtCommit(name);
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": expected a readable " << what << "s file; found none\n";
    return false;
  }
  std::vector<Diagnostic> rejected;
  *records = read(in, path, &rejected);
  for (const Diagnostic& d : rejected) std::cerr << d.ToString() << "\n";
  if (!rejected.empty()) {
    std::cerr << "replay: " << rejected.size() << " " << what << " record(s) rejected\n";
    return false;
  }
  if (outputs != nullptr) {
    std::ifstream copy(path, std::ios::binary);
    std::ostream& kept = outputs->Open(name);
    // Inserting a stream buffer that yields nothing fails the stream: an empty file (a theatre
    // without obstruction) is copied as such.
    if (!copy) {
      kept.setstate(std::ios::failbit);
    } else if (copy.peek() != std::ifstream::traits_type::eof()) {
      kept << copy.rdbuf();
    }
  }
  return true;
}

int RunReplay(const ReplayCommandOptions& opt) {
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "replay");
  if (!loaded) return 1;
  const Scenario& scenario = loaded->scenario;
  ObservationInput input;
  if (!input.Open(opt.observations)) return 1;
  // The results go to hidden files, moved into place together once the run is complete: an
  // interrupted or failed run leaves the previous results as they were.
  std::unique_ptr<StagedOutputs> outputs;
  std::ostream *incidents = nullptr, *violations = nullptr, *cases = nullptr,
               *activations = nullptr;
  if (!opt.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(opt.out_dir, ec);
    if (ec) {
      std::cerr << opt.out_dir << ": could not create the output directory: " << ec.message()
                << "\n";
      return 1;
    }
    outputs = std::make_unique<StagedOutputs>(opt.out_dir);
    incidents = &outputs->Open("incidents.jsonl");
    violations = &outputs->Open("violations.geojson");
    cases = &outputs->Open("cases.jsonl");
    activations = &outputs->Open("activations.jsonl");
    if (Status s = outputs->Created(); !s.ok()) {
      std::cerr << "replay: " << s.message() << "\n";
      return 1;
    }
    *violations << "{\"type\":\"FeatureCollection\",\"features\":[";
  }
  // Monitoring gaps and assets are data: validated, counted and kept beside the results for
  // the reports.
  std::vector<MonitoringGap> gaps;
  std::vector<MonitoringAsset> assets;
  if (!KeepBesideResults(opt.gaps, "gaps.jsonl", "gap", &ReadMonitoringGaps, outputs.get(),
                         &gaps) ||
      !KeepBesideResults(opt.assets, "assets.jsonl", "asset", &ReadMonitoringAssets, outputs.get(),
                         &assets)) {
    return 1;
  }
  const int day_offset = scenario.agreement.effective.offset_minutes();
  Counts counts;
  bool first_feature = true;
  ReplaySink sink;
  // Alert lines are gathered and written a block at a time (on a dense theatre about every
  // second report raises one), and whatever has gathered as soon as the input runs dry.
  std::string alert_lines;
  const std::function<void()> flush_alerts = [&alert_lines] {
    std::cout.write(alert_lines.data(), static_cast<std::streamsize>(alert_lines.size()));
    std::cout.flush();
    alert_lines.clear();
  };
  if (!opt.no_alerts) {
    alert_lines.reserve(kAlertBlockBytes + 4096);
    sink.on_alert = [&](const Alert& a) {
      if (opt.json) {
        alert_lines += AlertJsonLine(a);
      } else {
        a.at.AppendRfc3339(&alert_lines);
        alert_lines += a.kind == AlertKind::kViolationVerified ? "  VIOLATION "
                       : a.kind == AlertKind::kCaseOpened      ? "  CASE      "
                                                               : "  TRIGGER   ";
        alert_lines += a.kind == AlertKind::kTriggerFired ? a.trigger : a.incident;
        alert_lines += "  ";
        alert_lines += a.summary;
      }
      alert_lines += '\n';
      if (alert_lines.size() >= kAlertBlockBytes) flush_alerts();
    };
  }
  sink.on_incident = [&](const IncidentRecord& rec) {
    ++counts.incidents;
    const bool verified = rec.incident.status == IncidentStatus::kVerified;
    if (verified) ++counts.verified;
    if (verified && rec.assessment.violation()) ++counts.violations;
    if (rec.attribution.determined()) ++counts.attributed;
    if (!rec.case_id.empty()) ++counts.cases;
    if (incidents != nullptr) {
      *incidents << IncidentJsonLine(rec, day_offset) << '\n';
      if (verified && rec.assessment.violation()) {
        *violations << (first_feature ? "\n" : ",\n") << IncidentFeature(rec, day_offset);
        first_feature = false;
      }
    }
  };
  sink.on_case = [&](const Case& c) {
    if (cases != nullptr) *cases << CaseJsonLine(c) << '\n';
  };
  sink.on_activation = [&](const Activation& a) {
    if (activations != nullptr) *activations << ActivationJsonLine(a) << '\n';
  };
  ReplayOptions engine_options;
  engine_options.evaluate_triggers = !opt.no_triggers;
  engine_options.conclude = !opt.fuse_only;
  // Two threads: one reads and parses, one fuses; the engine concludes closed incidents and
  // writes every result on a third, and flushes the alerts there when it has caught up.
  engine_options.conclude_on_own_thread = opt.threads == 2 && !opt.parse_only;
  if (engine_options.conclude_on_own_thread && sink.on_alert) sink.on_caught_up = flush_alerts;
  ReplayEngine engine(scenario, *loaded->map, sink, engine_options);
  ObservationStream stream(input.fd(), input.label());
  ProgressLine progress("replay", input.total_bytes(), opt.quiet);
  if (opt.threads == 1) {
    if (sink.on_alert) stream.SetBeforeRead(flush_alerts);
    Observation obs;
    while (stream.Next(&obs)) {
      if (opt.parse_only) continue;
      engine.Add(std::move(obs));
      progress.Update(stream.bytes_read(), stream.lines_read());
    }
  } else {
    ObservationPipeline pipeline(stream);
    std::vector<Observation> batch;
    // When the input runs dry, what fusion raised so far goes to be concluded (and its alerts
    // out) rather than wait for a batch to fill.
    const std::function<void()> before_wait = [&engine] { engine.Flush(); };
    while (pipeline.Next(&batch, before_wait)) {
      if (opt.parse_only) continue;
      for (Observation& obs : batch) engine.Add(std::move(obs));
      progress.Update(pipeline.bytes_read(), pipeline.lines_read());
    }
    pipeline.Join();
  }
  engine.Finish();
  flush_alerts();
  progress.Finish();
  if (!stream.WriteRejections(std::cerr)) {
    std::cerr.clear();  // WriteRejections failed it
    std::cerr << "replay: some rejected records could not be listed (their temporary file)\n";
  }
  if (stream.read_error()) {
    std::cerr << input.label() << ": reading failed part way; the alerts above are partial"
              << (outputs ? "; no result file was written" : "") << "\n";
    return 1;
  }

  nlohmann::ordered_json summary;
  summary["observations"] = stream.accepted();
  summary["rejected"] = stream.rejected();
  if (opt.fuse_only) {
    // Only what fusion knows: nothing was assessed.
    summary["incidents"] = engine.fused().incidents;
    summary["verified"] = engine.fused().verified;
  } else {
    summary["incidents"] = counts.incidents;
    summary["verified"] = counts.verified;
    summary["verified_violations"] = counts.violations;
    summary["attributed"] = counts.attributed;
    summary["cases_opened"] = counts.cases;
    summary["activations"] = engine.activations();
    summary["monitoring_gaps"] = gaps.size();
    if (!opt.assets.empty()) summary["monitoring_assets"] = assets.size();
  }
  summary["peak_open_incidents"] = engine.fuser().peak_open_incidents();
  if (outputs) {
    *violations << "\n]}\n";
    outputs->Open("summary.json") << summary.dump() << "\n";
    if (Status s = outputs->Commit(); !s.ok()) {
      std::cerr << "replay: " << s.message() << "\n";
      return 1;
    }
    if (!opt.quiet && fs::exists(fs::path(opt.out_dir) / "decisions.jsonl")) {
      std::cerr << "replay: " << (fs::path(opt.out_dir) / "decisions.jsonl").string()
                << " (the Commission's decisions on cases of an earlier run) is kept; "
                   "guarantor cases checks each against this run's case of its id\n";
    }
  }
  if (opt.json) {
    std::cout << nlohmann::ordered_json{{"summary", summary}}.dump() << "\n";
  } else if (opt.fuse_only) {
    std::cout << "fused " << stream.accepted() << " observation(s) (" << stream.rejected()
              << " rejected) into " << engine.fused().incidents << " incidents, "
              << engine.fused().verified << " verified; nothing assessed (--fuse-only)\n";
  } else {
    std::cout << "replayed " << stream.accepted() << " observation(s) (" << stream.rejected()
              << " rejected): " << counts.incidents << " incidents, " << counts.verified
              << " verified, " << counts.violations << " verified violations, " << counts.attributed
              << " attributed, " << counts.cases << " cases opened, " << engine.activations()
              << " trigger(s) fired\n";
    if (!opt.out_dir.empty()) std::cout << "results: " << opt.out_dir << "\n";
  }
  return 0;
}

}  // namespace

void AddReplayCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ReplayCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Fuse, verify, assess and attribute observations from a file or standard input, "
      "printing alerts as they arise; open Special Commission cases");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--observations", opt->observations,
                  "observations in JSON Lines; - (the default) for standard input")
      ->capture_default_str();
  cmd->add_option("--out", opt->out_dir,
                  "write incidents.jsonl, cases.jsonl, activations.jsonl, violations.geojson, "
                  "summary.json here");
  cmd->add_option("--gaps", opt->gaps, "monitoring gaps (JSON Lines), kept with the results");
  cmd->add_option("--assets", opt->assets,
                  "where the monitoring assets stood (JSON Lines, as simulate writes them), kept "
                  "with the results for the reports");
  cmd->add_flag("--no-alerts", opt->no_alerts, "do not print alerts");
  cmd->add_flag("--parse-only", opt->parse_only,
                "only read and validate the observations (the baseline of the benchmarks)");
  cmd->add_flag("--fuse-only", opt->fuse_only,
                "only read, validate and fuse the observations, counting the incidents (the "
                "benchmarks' measure of what concluding them costs)")
      ->excludes("--parse-only")
      ->excludes("--out");
  cmd->add_option("--threads", opt->threads,
                  "1, or 2 to use two cores: reading and parsing, fusing, and concluding "
                  "incidents (assessment to outputs) each on a thread of its own (the same "
                  "results)")
      ->check(CLI::Range(1, 2))
      ->capture_default_str();
  cmd->add_flag("--no-triggers", opt->no_triggers,
                "do not evaluate the scenario's triggers (the benchmark's measure of their cost)");
  cmd->add_flag("--json", opt->json, "alerts and summary as JSON Lines on standard output");
  cmd->add_flag("--quiet,-q", opt->quiet, "no progress display");
  cmd->callback([opt, exit_code] { *exit_code = RunReplay(*opt); });
}

}  // namespace guarantor::cli
