#include "base/staged_outputs.h"

#include <system_error>
#include <utility>

namespace guarantor {

namespace fs = std::filesystem;

StagedOutputs::StagedOutputs(fs::path dir) : dir_(std::move(dir)) {}

StagedOutputs::~StagedOutputs() { RemoveHidden(); }

fs::path StagedOutputs::Hidden(const std::string& name) const {
  return dir_ / ("." + name + ".partial");
}

void StagedOutputs::RemoveHidden() {
  for (const std::string& name : names_) {
    std::error_code ec;
    fs::remove(Hidden(name), ec);
  }
  names_.clear();
}

std::ofstream& StagedOutputs::Open(const std::string& name) {
  names_.push_back(name);
  streams_.push_back(
      std::make_unique<std::ofstream>(Hidden(name), std::ios::binary | std::ios::trunc));
  return *streams_.back();
}

Status StagedOutputs::Created() const {
  for (size_t i = 0; i < streams_.size(); ++i) {
    if (!streams_[i]->is_open()) {
      return Status::IoError((dir_ / names_[i]).string() + ": could not create it");
    }
  }
  return Status::Ok();
}

void StagedOutputs::RemoveAtCommit(const std::string& name) { stale_.push_back(name); }

Status StagedOutputs::Commit() {
  Status written = Created();
  for (size_t i = 0; i < streams_.size(); ++i) {
    streams_[i]->close();
    if (written.ok() && streams_[i]->fail()) {
      written = Status::IoError((dir_ / names_[i]).string() +
                                ": could not write it whole (is the disk full?); no output of "
                                "this run was kept, and those of the run before are unchanged");
    }
  }
  if (!written.ok()) {
    RemoveHidden();
    return written;
  }
  for (size_t i = 0; i < names_.size(); ++i) {
    std::error_code ec;
    fs::rename(Hidden(names_[i]), dir_ / names_[i], ec);
    if (ec) {
      // Those before are in place already; the rest stay as the run before left them.
      Status failed = Status::IoError((dir_ / names_[i]).string() +
                                      ": could not move it into place: " + ec.message());
      names_.erase(names_.begin(), names_.begin() + static_cast<std::ptrdiff_t>(i));
      RemoveHidden();
      return failed;
    }
  }
  names_.clear();
  for (const std::string& name : stale_) {
    std::error_code ec;
    fs::remove(dir_ / name, ec);
  }
  stale_.clear();
  return Status::Ok();
}

}  // namespace guarantor
