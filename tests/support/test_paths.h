// Paths to the repository's own test data, independent of the working directory.
#pragma once

#include <string>

namespace guarantor::testing {

inline std::string SourceDir() { return GUARANTOR_SOURCE_DIR; }
inline std::string TestData(const std::string& rel) { return SourceDir() + "/tests/data/" + rel; }
inline std::string Example(const std::string& rel) { return SourceDir() + "/examples/" + rel; }

// Real, public data shared beside the repository (`../shared/data`, read-only, not in git).
// Tests that need it skip, with GTEST_SKIP() naming the missing path, when it is absent.
inline std::string SharedData(const std::string& rel) {
  return SourceDir() + "/../shared/data/" + rel;
}
// Data that scripts/setup installs into the git-ignored third_party_data/ (the Natural Earth
// border of Ukraine).
inline std::string ThirdPartyData(const std::string& rel) {
  return SourceDir() + "/third_party_data/" + rel;
}

}  // namespace guarantor::testing
