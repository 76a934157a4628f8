// guarantor simulate: writes a deterministic simulated theatre: truth.jsonl (what happened) and
// observations.jsonl (what the monitoring sources reported), for a scenario, a number of days
// and a seed.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/staged_outputs.h"
#include "command_input.h"
#include "commands.h"
#include "monitor/agreement_map.h"
#include "progress.h"
#include "sim/theatre_simulator.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

struct SimulateOptions {
  std::string scenario_dir;
  std::string out_dir;
  SimulationOptions sim;
  std::string offensive;
  bool json = false;
  bool quiet = false;
};

int RunSimulate(const SimulateOptions& opt) {
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "simulate");
  if (!loaded) return 1;
  std::error_code ec;
  fs::create_directories(opt.out_dir, ec);
  if (ec) {
    std::cerr << opt.out_dir << ": could not create the output directory: " << ec.message() << "\n";
    return 1;
  }
  const fs::path dir(opt.out_dir);
  const fs::path truth_path = dir / "truth.jsonl", obs_path = dir / "observations.jsonl";
  // Moved into place together once the theatre is complete: an interrupted run leaves the
  // theatre before it as it was.
  StagedOutputs outputs(dir);
  std::ostream& truth = outputs.Open("truth.jsonl");
  std::ostream& obs = outputs.Open("observations.jsonl");
  std::ostream& links = outputs.Open("links.jsonl");
  std::ostream& gaps = outputs.Open("gaps.jsonl");
  std::ostream& assets = outputs.Open("assets.jsonl");
  if (Status s = outputs.Created(); !s.ok()) {
    std::cerr << "simulate: " << s.message() << "\n";
    return 1;
  }
  SimulationOptions sim = opt.sim;
  if (!opt.offensive.empty()) {
    // --offensive PARTY@DAY@LAT,LON
    const size_t a = opt.offensive.find('@'), b = opt.offensive.find('@', a + 1);
    const size_t c = opt.offensive.find(',', b + 1);
    try {
      if (a == std::string::npos || b == std::string::npos || c == std::string::npos) throw 0;
      sim.offensive_party = opt.offensive.substr(0, a);
      sim.offensive_day = std::stoi(opt.offensive.substr(a + 1, b - a - 1));
      sim.offensive_sector = LatLng{std::stod(opt.offensive.substr(b + 1, c - b - 1)),
                                    std::stod(opt.offensive.substr(c + 1))};
    } catch (...) {
      std::cerr << "--offensive: expected PARTY@DAY@LAT,LON (e.g. RU@2@48.0,37.6); found \""
                << opt.offensive << "\"\n";
      return 2;
    }
  }
  ProgressLine progress("simulate", int64_t{sim.days} * 24, opt.quiet, "hours");
  sim.on_progress = [&](int done, int) { progress.Update(done, done); };
  Result<SimulationCounts> counts = SimulateTheatre(
      loaded->scenario, *loaded->map, sim, SimulationOutputs{truth, obs, links, gaps, &assets});
  progress.Finish();
  if (!counts.ok()) {
    std::cerr << "simulate: " << counts.status().message() << "\n";
    return 1;
  }
  if (Status s = outputs.Commit(); !s.ok()) {
    std::cerr << "simulate: " << s.message() << "\n";
    return 1;
  }
  if (opt.json) {
    nlohmann::ordered_json by_type = nlohmann::ordered_json::object();
    for (int type = 0; type < kSourceTypeCount; ++type) {
      by_type[std::string(ToString(static_cast<SourceType>(type)))] =
          counts->observations_by_type[static_cast<size_t>(type)];
    }
    std::cout << nlohmann::ordered_json{{"events", counts->events},
                                        {"observations", counts->observations},
                                        {"observations_by_source_type", by_type},
                                        {"gaps", counts->gaps},
                                        {"asset_placements", counts->asset_placements},
                                        {"peak_buffered_reports", counts->peak_buffered_reports},
                                        {"truth", truth_path.string()},
                                        {"observations_file", obs_path.string()}}
                     .dump()
              << "\n";
  } else {
    std::cout << "simulated " << opt.sim.days << " day(s), seed " << opt.sim.seed << ": "
              << counts->events << " events, " << counts->observations << " observations, "
              << counts->gaps << " monitoring gaps\n"
              << "observations by source type:";
    for (int type = 0; type < kSourceTypeCount; ++type) {
      std::cout << (type == 0 ? " " : ", ") << ToString(static_cast<SourceType>(type)) << " "
                << counts->observations_by_type[static_cast<size_t>(type)];
    }
    std::cout << "; " << counts->asset_placements << " asset placements\n"
              << "truth: " << truth_path.string() << "\nobservations: " << obs_path.string()
              << "\n";
  }
  return 0;
}

}  // namespace

void AddSimulateCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Generate a deterministic simulated theatre: truth.jsonl, observations.jsonl (what the "
      "sources report), links.jsonl (report -> event), gaps.jsonl (monitoring gaps) and "
      "assets.jsonl (where each monitoring asset stood and how far it saw)");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--out", opt->out_dir, "output directory (created if missing)")->required();
  cmd->add_option("--days", opt->sim.days, "days to simulate from the agreement's effective time")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  cmd->add_option("--seed", opt->sim.seed, "random seed")->capture_default_str();
  cmd->add_option("--events-per-day", opt->sim.events_per_day, "real events per day")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  cmd->add_option("--noise", opt->sim.noise,
                  "scale of location, bearing and clock errors and of false alarms")
      ->check(CLI::Range(0.1, 20.0))
      ->capture_default_str();
  cmd->add_option("--obstruction", opt->sim.obstruction,
                  "scale of the number and reach of monitoring gaps (0 for none)")
      ->check(CLI::Range(0.0, 20.0))
      ->capture_default_str();
  cmd->add_option("--assets", opt->sim.assets,
                  "scale of the number of monitoring assets of each type but OSINT (1: the "
                  "default mission)")
      ->check(CLI::Range(0.1, 20.0))
      ->capture_default_str();
  cmd->add_option("--offensive", opt->offensive,
                  "a renewed offensive: PARTY@DAY@LAT,LON (fire from PARTY multiplied along the "
                  "sector of the line nearest LAT,LON from day DAY, 0-based)");
  cmd->add_flag("--json", opt->json, "print the summary as one JSON object on standard output");
  cmd->add_flag("--quiet,-q", opt->quiet, "no progress display");
  cmd->callback([opt, exit_code] { *exit_code = RunSimulate(*opt); });
}

}  // namespace guarantor::cli
