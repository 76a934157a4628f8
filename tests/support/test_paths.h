// Paths to the repository's own test data, independent of the working directory.
#pragma once

#include <string>

namespace guarantor::testing {

inline std::string SourceDir() { return GUARANTOR_SOURCE_DIR; }
inline std::string TestData(const std::string& rel) { return SourceDir() + "/tests/data/" + rel; }
inline std::string Example(const std::string& rel) { return SourceDir() + "/examples/" + rel; }

}  // namespace guarantor::testing
