#include "model/capability.h"

#include <array>

namespace guarantor {
namespace {

struct CapabilityInfo {
  std::string_view name;
  Domain domain;
};

constexpr std::array<CapabilityInfo, 16> kCapabilities = {{
    {"land_brigade", Domain::kLand},
    {"land_battalion", Domain::kLand},
    {"land_company", Domain::kLand},
    {"air_fighter", Domain::kAir},
    {"air_tanker", Domain::kAir},
    {"air_isr", Domain::kAir},
    {"air_defence_battery", Domain::kAir},
    {"maritime_demining", Domain::kMaritime},
    {"maritime_escort", Domain::kMaritime},
    {"maritime_patrol", Domain::kMaritime},
    {"training_team", Domain::kTraining},
    {"logistics_unit", Domain::kLogistics},
    {"medical_unit", Domain::kMedical},
    {"monitoring_asset", Domain::kMonitoring},
    {"intelligence_support", Domain::kIntelligence},
    {"financing_eur_million", Domain::kFinancing},
}};

constexpr std::array<std::string_view, 9> kDomains = {"land",       "air",          "maritime",
                                                      "training",   "logistics",    "medical",
                                                      "monitoring", "intelligence", "financing"};

}  // namespace

std::string_view ToString(Capability c) { return kCapabilities[static_cast<size_t>(c)].name; }
std::string_view ToString(Domain d) { return kDomains[static_cast<size_t>(d)]; }
Domain DomainOf(Capability c) { return kCapabilities[static_cast<size_t>(c)].domain; }

std::optional<Capability> ParseCapability(std::string_view name) {
  for (size_t i = 0; i < kCapabilities.size(); ++i) {
    if (kCapabilities[i].name == name) return static_cast<Capability>(i);
  }
  return std::nullopt;
}

std::string CapabilityChoices() {
  std::string out = "one of: ";
  for (size_t i = 0; i < kCapabilities.size(); ++i) {
    if (i > 0) out += ", ";
    out += kCapabilities[i].name;
  }
  return out;
}

}  // namespace guarantor
