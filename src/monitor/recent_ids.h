// RecentIds: the ids seen within a sliding window of record time, to reject an id used twice.
//
//   RecentIds ids;
//   if (!ids.Insert(id, t)) Reject(id);  // seen within the window
//   ids.ForgetBefore(t - window);
//
// Ids are forgotten in arrival order, which suits records that arrive near time order: an id that
// arrives after one of a later time is kept (never forgotten early) until that one goes.
//
// Layout: the ids sit in a deque in arrival order; the set holds one 8-byte entry per id, a
// 32-bit fingerprint of its hash and its 32-bit arrival number, and compares ids themselves only
// when fingerprints match. Compared with a set of views of the ids (16 bytes an entry, a string
// comparison on every removal), the set is half the size and a removal compares no string: on a
// dense stream the window holds about 83 000 ids, and each insertion and removal was a cache
// miss. (The fingerprint of an id being forgotten is computed again, from the deque's front, which
// is in cache: keeping it there would cost 8 bytes an id for no measurable time.)
//
// Thread safety: not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include <absl/container/flat_hash_set.h>

namespace guarantor {

class RecentIds {
 public:
  // Arrival numbers start at `first_arrival_number` (they wrap at 2^32; tests start near it).
  explicit RecentIds(uint32_t first_arrival_number = 0);
  RecentIds(const RecentIds&) = delete;  // the set's functors point at this object
  RecentIds& operator=(const RecentIds&) = delete;

  // Keeps `id`, seen at `micros`, and returns true; false, keeping nothing, when it is kept
  // already.
  bool Insert(std::string_view id, int64_t micros);
  // Forgets the ids, in arrival order, up to the first seen at or after `micros`.
  void ForgetBefore(int64_t micros);
  size_t size() const { return ids_.size(); }

 private:
  struct TimedId {
    int64_t micros;
    std::string id;
  };
  // Set entries are (fingerprint << 32 | arrival number), hashed by their fingerprint; two are
  // equal when they are the same entry or name the same id.
  struct EntryHash {
    size_t operator()(uint64_t entry) const {
      return static_cast<size_t>((entry >> 32) * uint64_t{0x9E3779B97F4A7C15});
    }
  };
  struct EntryEq {
    const RecentIds* ids;
    bool operator()(uint64_t a, uint64_t b) const;
  };

  const std::string& IdOf(uint64_t entry) const;

  std::deque<TimedId> ids_;  // in arrival order; ids_.front() has arrival number front_number_
  uint32_t front_number_;
  absl::flat_hash_set<uint64_t, EntryHash, EntryEq> set_;
};

}  // namespace guarantor
