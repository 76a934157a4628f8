// A small simulated theatre with known truth, end to end in process: simulate -> replay ->
// evaluate, asserting the accuracy targets of the monitoring issue at the default noise model,
// determinism, and independence from the arrival order of reports that share a timestamp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "engine/incident_output.h"
#include "engine/replay_engine.h"
#include "monitor/observation_stream.h"
#include "scenario/scenario_loader.h"
#include "sim/evaluation.h"
#include "sim/theatre_simulator.h"
#include "support/test_paths.h"

namespace guarantor {
namespace {
namespace fs = std::filesystem;

class TheatreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScenarioLoad load = LoadScenario(testing::Example("paris-2026"));
    ASSERT_TRUE(load.ok()) << JoinDiagnostics(load.errors);
    scenario_ = new Scenario(std::move(*load.scenario));
    map_ = new AgreementMap(std::move(*AgreementMap::Build(scenario_->agreement)));
    // One directory per process: CTest runs the tests of this suite in parallel processes.
    dir_ = fs::path(::testing::TempDir()) / ("guarantor-theatre-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream truth(dir_ / "truth.jsonl"), obs(dir_ / "observations.jsonl"),
        links(dir_ / "links.jsonl"), gaps(dir_ / "gaps.jsonl");
    SimulationOptions options;
    options.days = 4;
    options.seed = 11;
    options.events_per_day = 250;
    options.offensive_day = 2;
    options.offensive_party = "RU";
    options.offensive_sector = LatLng{48.45, 37.9};
    Result<SimulationCounts> counts =
        SimulateTheatre(*scenario_, *map_, options, SimulationOutputs{truth, obs, links, gaps});
    ASSERT_TRUE(counts.ok()) << counts.status().message();
    std::ifstream in(dir_ / "observations.jsonl");
    ObservationStream stream(in, "observations.jsonl");
    Observation o;
    observations_ = new std::vector<Observation>();
    while (stream.Next(&o)) observations_->push_back(o);
    ASSERT_TRUE(stream.rejections().empty());
  }
  static void TearDownTestSuite() {
    fs::remove_all(dir_);
    delete observations_;
    delete map_;
    delete scenario_;
  }

  // Replays `obs`; returns incidents.jsonl + cases.jsonl as one string, and writes
  // incidents.jsonl into `out_dir` when given.
  static std::string Replay(const std::vector<Observation>& obs, const fs::path& out_dir = {}) {
    std::ostringstream incidents, cases;
    ReplaySink sink;
    sink.on_incident = [&](const IncidentRecord& r) {
      incidents << IncidentJsonLine(r, 120) << '\n';
    };
    sink.on_case = [&](const Case& c) { cases << CaseJsonLine(c) << '\n'; };
    ReplayEngine engine(*scenario_, *map_, sink);
    for (const Observation& o : obs) engine.Add(o);
    engine.Finish();
    if (!out_dir.empty()) {
      fs::create_directories(out_dir);
      std::ofstream(out_dir / "incidents.jsonl") << incidents.str();
    }
    return incidents.str() + cases.str();
  }

  static Scenario* scenario_;
  static AgreementMap* map_;
  static fs::path dir_;
  static std::vector<Observation>* observations_;
};

Scenario* TheatreTest::scenario_ = nullptr;
AgreementMap* TheatreTest::map_ = nullptr;
fs::path TheatreTest::dir_;
std::vector<Observation>* TheatreTest::observations_ = nullptr;

TEST_F(TheatreTest, MeetsTheAccuracyTargetsAtTheDefaultNoise) {
  Replay(*observations_, dir_ / "result");
  Result<EvaluationResult> r = Evaluate(*scenario_, dir_.string(), (dir_ / "result").string());
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::cout << EvaluationMarkdown(*r);
  EXPECT_GT(r->observed_events, 800);
  EXPECT_GE(r->f1, 0.95);
  EXPECT_GE(r->attribution_accuracy, 0.90);
  EXPECT_GE(r->violation_accuracy, 0.95);
  EXPECT_GE(r->verified_precision, 0.95);
  // Undetermined must exist: weak evidence is not turned into a conclusion.
  EXPECT_GT(r->undetermined_share, 0.05);
  EXPECT_LT(r->undetermined_share, 0.5);
}

TEST_F(TheatreTest, SameInputsGiveTheSameBytes) {
  EXPECT_EQ(Replay(*observations_), Replay(*observations_));
}

TEST_F(TheatreTest, ArrivalOrderOfSameTimestampReportsDoesNotMatter) {
  std::vector<Observation> shuffled = *observations_;
  // Reverse every run of reports that share a timestamp.
  size_t runs = 0;
  for (size_t i = 0; i < shuffled.size();) {
    size_t j = i;
    while (j < shuffled.size() && shuffled[j].time == shuffled[i].time) ++j;
    if (j - i > 1) ++runs;
    std::reverse(shuffled.begin() + static_cast<long>(i), shuffled.begin() + static_cast<long>(j));
    i = j;
  }
  ASSERT_GT(runs, 0u) << "the theatre has no reports sharing a timestamp to reorder";
  EXPECT_EQ(Replay(*observations_), Replay(shuffled));
}

}  // namespace
}  // namespace guarantor
