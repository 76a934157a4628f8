// StagedOutputs: the files a command writes into its output directory, each written under a
// hidden name beside its own (".NAME.partial") and moved into place only by Commit, once every
// one of them is complete. A run that fails part way, or stops without committing, leaves the
// files of the run before as they were; a reader of those keeps reading them whole, even while
// the next run writes (its files are new ones, never the old ones truncated).
//
//   StagedOutputs out(dir);
//   std::ostream& incidents = out.Open("incidents.jsonl");
//   ...
//   if (Status s = out.Commit(); !s.ok()) { std::cerr << s.message(); return 1; }
//
// Thread safety: not thread-safe.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace guarantor {

class StagedOutputs {
 public:
  // REQUIRES: `dir` exists.
  explicit StagedOutputs(std::filesystem::path dir);
  // Removes the hidden files of an uncommitted run.
  ~StagedOutputs();
  StagedOutputs(const StagedOutputs&) = delete;
  StagedOutputs& operator=(const StagedOutputs&) = delete;

  // The stream of the file `name` in the directory. REQUIRES: each name once. A stream that
  // could not be created is in a failed state: Commit names it (so does Created()).
  std::ofstream& Open(const std::string& name);
  // Whether every file opened so far could be created; the error names the first that could not.
  Status Created() const;
  // A file of an earlier run that this run does not write, so that what the directory holds
  // describes this run alone: removed by a successful Commit.
  void RemoveAtCommit(const std::string& name);

  // Closes every stream. When every file was written whole, moves each into place (in the order
  // opened) and removes those given to RemoveAtCommit; otherwise moves none, removes the hidden
  // files and returns an error naming the first file that failed.
  Status Commit();

 private:
  std::filesystem::path Hidden(const std::string& name) const;
  void RemoveHidden();

  std::filesystem::path dir_;
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<std::ofstream>> streams_;
  std::vector<std::string> stale_;
};

}  // namespace guarantor
