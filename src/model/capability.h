// Capability: what a contribution provides and a requirement asks for, in the force's taxonomy
// (docs/force.md), and the domain each belongs to. Names are the snake_case strings used in
// files. Persisted: do not renumber, append only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guarantor {

enum class Capability {
  kLandBrigade = 0,
  kLandBattalion = 1,
  kLandCompany = 2,
  kAirFighter = 3,  // fighter aircraft
  kAirTanker = 4,   // air-to-air refuelling aircraft
  kAirIsr = 5,      // intelligence, surveillance and reconnaissance aircraft
  kAirDefenceBattery = 6,
  kMaritimeDemining = 7,  // mine countermeasure vessels
  kMaritimeEscort = 8,
  kMaritimePatrol = 9,
  kTrainingTeam = 10,
  kLogisticsUnit = 11,
  kMedicalUnit = 12,
  kMonitoringAsset = 13,  // a patrol team, UAV, camera, acoustic array or radar for monitoring
  kIntelligenceSupport = 14,
  kFinancingEurMillion = 15,  // financing, in millions of euros
};

enum class Domain {
  kLand,
  kAir,
  kMaritime,
  kTraining,
  kLogistics,
  kMedical,
  kMonitoring,
  kIntelligence,
  kFinancing
};

std::string_view ToString(Capability c);
std::string_view ToString(Domain d);
std::optional<Capability> ParseCapability(std::string_view name);
std::string CapabilityChoices();
Domain DomainOf(Capability c);

}  // namespace guarantor
