// A directory of the fuzz target's own under the system's temporary directory, made when
// constructed and removed with everything in it when destroyed (held in a static: at exit).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace guarantor::fuzz {

struct ScratchDirectory {
  // `name`: the target's, to which the process id is added.
  explicit ScratchDirectory(const std::string& name)
      : path((std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid())))
                 .string()) {
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  std::string path;
};

}  // namespace guarantor::fuzz
