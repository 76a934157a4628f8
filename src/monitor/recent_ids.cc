#include "monitor/recent_ids.h"

#include <absl/hash/hash.h>

namespace guarantor {
namespace {

uint32_t FingerprintOf(std::string_view id) {
  const uint64_t h = absl::Hash<std::string_view>()(id);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

uint64_t EntryOf(uint32_t fingerprint, uint32_t number) {
  return (uint64_t{fingerprint} << 32) | number;
}

}  // namespace

RecentIds::RecentIds(uint32_t first_arrival_number)
    : front_number_(first_arrival_number), set_(0, EntryHash(), EntryEq{this}) {}

const std::string& RecentIds::IdOf(uint64_t entry) const {
  // Arrival numbers wrap at 2^32, and the window holds fewer ids than that: 4 billion ids would
  // take hundreds of gigabytes before the first left it.
  return ids_[static_cast<uint32_t>(static_cast<uint32_t>(entry) - front_number_)].id;
}

bool RecentIds::EntryEq::operator()(uint64_t a, uint64_t b) const {
  return a == b || ((a >> 32) == (b >> 32) && ids->IdOf(a) == ids->IdOf(b));
}

bool RecentIds::Insert(std::string_view id, int64_t micros) {
  // One probe: the id is kept first (an entry equal to one in the set compares the two ids), and
  // given back if the set has it already.
  const uint32_t fingerprint = FingerprintOf(id);
  const auto number = static_cast<uint32_t>(front_number_ + ids_.size());
  ids_.push_back({micros, std::string(id)});
  if (!set_.insert(EntryOf(fingerprint, number)).second) {
    ids_.pop_back();
    return false;
  }
  return true;
}

void RecentIds::ForgetBefore(int64_t micros) {
  while (!ids_.empty() && ids_.front().micros < micros) {
    set_.erase(EntryOf(FingerprintOf(ids_.front().id), front_number_));
    ids_.pop_front();
    ++front_number_;
  }
}

}  // namespace guarantor
