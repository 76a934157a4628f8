// ClosingQueue: open incidents by the time they close, handed back in (time, opening sequence)
// order once the stream has passed a time.
//
//   ClosingQueue queue;
//   queue.Push({close_us, seq, slot});
//   queue.PopBefore(threshold_us, [&](const ClosingQueue::Entry& e) { ... });
//
// Entries are kept in buckets of 2^kBucketBits microseconds (about 17 s) of time, in a deque from
// the oldest: a push is an append, and a bucket is sorted when closing reaches it (again only if
// a push has reached it since). Compared with a binary heap, this spares the sift on every push
// and pop: the stream's times arrive nearly in order. Only buckets holding entries are kept, so
// that a sparse stream (minutes between reports) does not make and drop an empty bucket for every
// 17 s it skips. An entry whose bucket is not kept joins the first kept bucket after it, or the
// oldest kept when it is older than all (a time the stream has already passed): every entry of
// the buckets before that one is older than it, and sorting puts it in its place.
//
// Thread safety: not thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <vector>

namespace guarantor {

class ClosingQueue {
 public:
  struct Entry {
    int64_t time_us;  // when the incident closes, as of the push
    int64_t seq;      // its opening sequence: ties go to the earlier
    uint32_t slot;
  };

  void Push(const Entry& e) {
    const int64_t bucket = e.time_us >> kBucketBits;
    if (buckets_.empty() || bucket > buckets_.back().id) {
      buckets_.push_back(Bucket{bucket, {e}});  // a new front is unsorted, nothing of it done
      return;
    }
    // The first bucket kept at or after the entry's own (ids only grow); usually the newest.
    auto at = std::prev(buckets_.end());
    if (bucket < at->id) {
      at = std::lower_bound(buckets_.begin(), at, bucket,
                            [](const Bucket& b, int64_t id) { return b.id < id; });
    }
    at->entries.push_back(e);
    if (at == buckets_.begin()) front_sorted_ = false;
  }

  // Calls `f(entry)` for every entry whose time is before `before_us`, in (time, sequence)
  // order, and forgets them. REQUIRES: `f` does not push.
  template <typename F>
  void PopBefore(int64_t before_us, F&& f) {
    while (!buckets_.empty()) {
      std::vector<Entry>& front = buckets_.front().entries;
      if (!front_sorted_) {
        std::sort(front.begin() + static_cast<std::ptrdiff_t>(front_done_), front.end(),
                  [](const Entry& a, const Entry& b) {
                    return a.time_us != b.time_us ? a.time_us < b.time_us : a.seq < b.seq;
                  });
        front_sorted_ = true;
      }
      while (front_done_ < front.size() && front[front_done_].time_us < before_us) {
        f(front[front_done_++]);
      }
      if (front_done_ < front.size()) return;  // the rest is at or after before_us
      buckets_.pop_front();
      front_done_ = 0;
      front_sorted_ = false;
    }
  }

  bool empty() const { return buckets_.empty(); }

 private:
  static constexpr int kBucketBits = 24;

  struct Bucket {
    // The bucket (time >> kBucketBits) of the entry that made it; entries that joined it later
    // may be of earlier buckets, never of later ones.
    int64_t id;
    std::vector<Entry> entries;
  };

  std::deque<Bucket> buckets_;  // none empty, by increasing id
  size_t front_done_ = 0;       // entries of the front bucket already handed out
  bool front_sorted_ = false;   // whether the front bucket's rest is in order
};

}  // namespace guarantor
