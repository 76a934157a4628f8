// TheatreSimulator: a deterministic generator of ground truth and of the observations a set of
// monitoring sources would report of it, for demonstrations and tests.
//
// Truth: events by a monitored party (time, point of origin, point of impact, kind, weapon class,
// count): fire across the line, heavy weapons left inside withdrawal zones, troop movements in the
// security zone and disengagement areas, strikes near protected sites, and benign live-fire
// exercises far behind the line. Observations: each event is reported by zero or more monitoring
// assets (patrols, UAVs, cameras, acoustic arrays, counter-battery radars, satellite passes,
// OSINT), each with a position and a range over which its chance of detection falls with distance,
// a location error, a clock error and chances of assessing the origin and the weapon class; plus
// false alarms. All randomness comes from one seeded generator (SplitMix64 with Box-Muller normals,
// defined here so the bytes do not depend on the standard library), so a seed gives the same
// files on any machine.
//
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "base/status.h"
#include "monitor/agreement_map.h"
#include "scenario/scenario.h"

namespace guarantor {

struct SimulationOptions {
  int days = 3;
  uint64_t seed = 1;
  int events_per_day = 40;         // real events per day (before detection)
  double false_alarm_rate = 0.03;  // false reports per real event (at noise 1)
  double noise = 1.0;              // scales location, bearing and clock errors and false alarms
  double obstruction = 1.0;        // scales the number and reach of monitoring gaps
  double assets = 1.0;             // scales the number of monitoring assets of each type but OSINT
  // A renewed offensive: from this day (0-based; -1 for none) the party's fire along a sector
  // of the line (within 40 km of the line point nearest to `offensive_sector`) is multiplied.
  int offensive_day = -1;
  std::string offensive_party;
  LatLng offensive_sector;
  double offensive_multiplier = 5.0;
  // Called after every simulated hour with (hours done, hours in all); may be empty.
  std::function<void(int, int)> on_progress;
};

struct SimulationCounts {
  int64_t events = 0;
  int64_t observations = 0;
  std::array<int64_t, kSourceTypeCount> observations_by_type{};  // by SourceType
  int64_t gaps = 0;
  int64_t asset_placements = 0;      // lines of assets.jsonl, written or not
  size_t peak_buffered_reports = 0;  // the reorder buffer's high-water mark
};

// Where the simulator writes, each as JSON Lines:
//  truth: one event per line (id, time, party, pattern, kind, weapon class, count, origin,
//         impact), in time order;
//  observations: observation format v1, in arrival order (OSINT arrives 10 to 50 minutes late);
//  links: {"observation", "event"} for every observation (event null for a false alarm): the
//         key for evaluation, never an input of the engine;
//  gaps: monitoring gaps (denied access, jamming, outages) as first-class data;
//  assets (when not null): where each monitoring asset stood and how far it saw, over which time
//         (fixed assets first, then each day's patrols and satellite passes, each hour's UAVs).
struct SimulationOutputs {
  std::ostream& truth;
  std::ostream& observations;
  std::ostream& links;
  std::ostream& gaps;
  std::ostream* assets = nullptr;
};

// Streams the theatre hour by hour: memory is bounded by the reports of the last few hours,
// whatever the number of days. Fails with FailedPrecondition when the scenario has no control
// area or its line no segment, with InvalidArgument when the offensive party is not one of its
// parties. REQUIRES: `map` is built from the scenario.
Result<SimulationCounts> SimulateTheatre(const Scenario& scenario, const AgreementMap& map,
                                         const SimulationOptions& options,
                                         const SimulationOutputs& out);

}  // namespace guarantor
