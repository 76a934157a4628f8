// The sourcing benchmark: the optimum (min-cost flow) for 40 nations x 2,000 contributions x 500
// requirements, beside the plain greedy baseline on the same instance, in one run: time and
// coverage of both. Deterministic instance (fixed seed); prints a Markdown table, or JSON with
// --json.
//
// Usage: build/release/bench/sourcing_bench [--json] [--nations N] [--contributions N]
//        [--requirements N]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "force/sourcing.h"

namespace {

using guarantor::Capability;

struct Lcg {
  uint64_t state = 2026;
  int Next(int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(n));
  }
};

guarantor::Scenario Instance(int nations, int contributions, int requirements) {
  using namespace guarantor;
  Lcg rng;
  Scenario s;
  for (int n = 0; n < nations; ++n) {
    s.parties.push_back(Party{"N" + std::to_string(n),
                              "Nation " + std::to_string(n),
                              PartyKind::kState,
                              {PartyRole::kContributor},
                              false,
                              ""});
  }
  const RegionKind kinds[] = {RegionKind::kUkraine, RegionKind::kUkraine, RegionKind::kUkraine,
                              RegionKind::kNeighbouring, RegionKind::kMaritime};
  for (int r = 0; r < 12; ++r) {
    s.regions.push_back(Region{"R" + std::to_string(r), "Region " + std::to_string(r), kinds[r % 5],
                               Distance::Kilometers(20 + 60 * r)});
  }
  for (int i = 0; i < contributions; ++i) {
    Contribution c;
    c.id = "c" + std::to_string(i);
    c.party = "N" + std::to_string(rng.Next(nations));
    c.capability = static_cast<Capability>(rng.Next(16));
    c.quantity = 1 + rng.Next(8);
    c.readiness_days = rng.Next(120);
    if (rng.Next(3) == 0) {
      for (int k = 0; k < 3; ++k) c.caveats.regions.push_back("R" + std::to_string(rng.Next(12)));
    }
    if (rng.Next(4) == 0) c.caveats.min_distance_from_line = Distance::Kilometers(rng.Next(400));
    c.caveats.neighbouring_territory_only = rng.Next(10) == 0;
    c.caveats.requires_us_backstop = rng.Next(5) == 0;
    if (rng.Next(4) == 0) c.caveats.parliamentary_approval = ApprovalStatus::kPending;
    s.contributions.push_back(c);
  }
  for (int j = 0; j < requirements; ++j) {
    Requirement r;
    r.id = "r" + std::to_string(j);
    r.capability = static_cast<Capability>(rng.Next(16));
    r.quantity = 1 + rng.Next(30);
    r.region = "R" + std::to_string(rng.Next(12));
    r.needed_by_day = 14 + rng.Next(180);
    r.priority = 1 + rng.Next(5);
    s.requirements.push_back(r);
  }
  return s;
}

template <typename Fn>
double BestSeconds(int runs, Fn fn) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  int nations = 40, contributions = 2000, requirements = 500;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json = true;
    } else if (std::strcmp(argv[i], "--nations") == 0 && i + 1 < argc) {
      nations = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--contributions") == 0 && i + 1 < argc) {
      contributions = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--requirements") == 0 && i + 1 < argc) {
      requirements = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: sourcing_bench [--json] [--nations N] [--contributions N] "
                   "[--requirements N]\n");
      return argc > 1 && std::strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
  }
  const guarantor::Scenario s = Instance(nations, contributions, requirements);
  guarantor::SourcingPlan optimum, greedy;
  const double t_opt = BestSeconds(3, [&] { optimum = *guarantor::SolveSourcing(s, {}); });
  const double t_greedy = BestSeconds(3, [&] { greedy = guarantor::GreedySourcing(s, {}); });
  const double cover_opt = optimum.covered_units / optimum.required_units;
  const double cover_greedy = greedy.covered_units / greedy.required_units;
  if (json) {
    std::printf(
        "{\"nations\":%d,\"contributions\":%d,\"requirements\":%d,"
        "\"optimum\":{\"seconds\":%.4f,\"coverage\":%.4f,\"weighted\":%.0f},"
        "\"greedy\":{\"seconds\":%.4f,\"coverage\":%.4f,\"weighted\":%.0f}}\n",
        nations, contributions, requirements, t_opt, cover_opt, optimum.weighted_coverage, t_greedy,
        cover_greedy, greedy.weighted_coverage);
  } else {
    std::printf("%d nations x %d contributions x %d requirements (best of 3 runs)\n\n", nations,
                contributions, requirements);
    std::printf("| method | seconds | units covered | priority-weighted coverage |\n");
    std::printf("|---|---:|---:|---:|\n");
    std::printf("| optimum (LEMON min-cost flow) | %.4f | %.2f%% | %.0f |\n", t_opt,
                100 * cover_opt, optimum.weighted_coverage);
    std::printf("| greedy baseline | %.4f | %.2f%% | %.0f |\n", t_greedy, 100 * cover_greedy,
                greedy.weighted_coverage);
    std::printf("\noptimum / greedy: time %.1fx, weighted coverage +%.2f%%\n", t_opt / t_greedy,
                100 * (optimum.weighted_coverage / greedy.weighted_coverage - 1));
  }
  return 0;
}
