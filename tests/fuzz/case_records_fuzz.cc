// libFuzzer target: the Special Commission's case records of a replay's results on arbitrary
// bytes: the input is split at a line "---" into cases.jsonl and decisions.jsonl (none without
// it), then folded by LoadCases (as `guarantor cases` reads them) and checked by
// CheckDecisionDigests (as `guarantor report` does). Properties: no crash; each either succeeds
// or names cases.jsonl or decisions.jsonl with a line; a decision that the digest check refuses
// is refused by the fold too; and a fold that succeeds holds each case once.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "commission/case_records.h"
#include "fuzz/scratch_directory.h"

namespace {

namespace fs = std::filesystem;

// The directory the two files are written to (removed at exit).
const guarantor::fuzz::ScratchDirectory& TheDirectory() {
  static const guarantor::fuzz::ScratchDirectory directory("case-records-fuzz");
  return directory;
}

// Whether `s` failed naming one of the two files and a line ("cases.jsonl:12: ...").
bool NamesALine(const guarantor::Status& s) {
  for (const char* file : {"cases.jsonl:", "decisions.jsonl:"}) {
    const size_t at = s.message().find(file);
    if (at == std::string::npos) continue;
    const size_t digit = at + std::string(file).size();
    if (digit < s.message().size() &&
        std::isdigit(static_cast<unsigned char>(s.message()[digit]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string& dir = TheDirectory().path;
  const size_t cut = input.find("\n---\n");
  {
    std::ofstream(dir + "/cases.jsonl", std::ios::binary | std::ios::trunc)
        << input.substr(0, cut == std::string::npos ? input.size() : cut + 1);
  }
  std::error_code ignored;
  fs::remove(dir + "/decisions.jsonl", ignored);
  if (cut != std::string::npos) {
    std::ofstream(dir + "/decisions.jsonl", std::ios::binary) << input.substr(cut + 5);
  }

  guarantor::CaseFile file;
  const guarantor::Status loaded = guarantor::LoadCases(dir, &file);
  if (!loaded.ok() && !NamesALine(loaded)) std::abort();
  const guarantor::Status checked = guarantor::CheckDecisionDigests(dir);
  if (!checked.ok() && !NamesALine(checked)) std::abort();
  if (!checked.ok() && checked.message().find("case_sha256") != std::string::npos && loaded.ok()) {
    std::abort();  // the fold applied a decision taken on another record of its case
  }
  if (loaded.ok()) {
    std::set<std::string> ids;
    for (const guarantor::Case& c : file.cases()) {
      if (!ids.insert(c.id).second) std::abort();
    }
  }
  return 0;
}
