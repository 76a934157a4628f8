// Classification: who may read a record. Ordered from the widest audience to the narrowest.
// Persisted: do not renumber.
#pragma once

#include <optional>
#include <string_view>

namespace guarantor {

enum class Classification {
  kPublic = 0,      // anyone, including the public reports
  kCoalition = 1,   // every coalition delegation, the HQ and the Commission
  kRestricted = 2,  // named recipients only
  kNational = 3,    // the owning delegation only
};

inline std::string_view ToString(Classification c) {
  switch (c) {
    case Classification::kPublic:
      return "public";
    case Classification::kCoalition:
      return "coalition";
    case Classification::kRestricted:
      return "restricted";
    case Classification::kNational:
      return "national";
  }
  return "national";
}

inline std::optional<Classification> ParseClassification(std::string_view s) {
  if (s == "public") return Classification::kPublic;
  if (s == "coalition") return Classification::kCoalition;
  if (s == "restricted") return Classification::kRestricted;
  if (s == "national") return Classification::kNational;
  return std::nullopt;
}

}  // namespace guarantor
