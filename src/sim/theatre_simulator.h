// TheatreSimulator: a deterministic generator of ground truth and of the observations a set of
// monitoring sources would report of it, for demonstrations and tests.
//
// Truth: events by a monitored party (time, point of origin, point of impact, kind, weapon class,
// count): fire across the line, heavy weapons left inside withdrawal zones, troop movements in the
// security zone and disengagement areas, strikes near protected sites, and benign live-fire
// exercises far behind the line. Observations: each event is reported by zero or more sources
// (patrol, UAV, camera, acoustic array, radar, OSINT), each with its detection probability,
// location error, clock error and chance of assessing the origin and the weapon class; plus false
// alarms. All randomness comes from one seeded generator (SplitMix64 with Box-Muller normals,
// defined here so the bytes do not depend on the standard library), so a seed gives the same
// files on any machine.
//
// Version 0: one day at a time is held in memory (events and their reports), so memory grows with
// the daily rate, not with the number of days.
#pragma once

#include <cstdint>
#include <ostream>

#include "base/status.h"
#include "monitor/agreement_map.h"
#include "scenario/scenario.h"

namespace guarantor {

struct SimulationOptions {
  int days = 3;
  uint64_t seed = 1;
  int events_per_day = 40;         // real events per day (before detection)
  double false_alarm_rate = 0.03;  // false reports per real event
};

struct SimulationCounts {
  int64_t events = 0;
  int64_t observations = 0;
};

// Writes truth (one JSON object per event) and observations (observation format v1), both in time
// order. REQUIRES: the scenario has at least one control area and a valid AgreementMap.
Result<SimulationCounts> SimulateTheatre(const Scenario& scenario, const AgreementMap& map,
                                         const SimulationOptions& options, std::ostream& truth,
                                         std::ostream& observations);

}  // namespace guarantor
