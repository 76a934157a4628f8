// ClosingQueue: open incidents by the time of their last report, handed back in (time, opening
// sequence) order once the stream has passed a time.
//
//   ClosingQueue queue;
//   queue.Push({last_us, seq, slot});
//   queue.PopBefore(threshold_us, [&](const ClosingQueue::Entry& e) { ... });
//
// Entries are kept in buckets of 2^kBucketBits microseconds (about 17 s) of time, in a deque from
// the oldest: a push is an append, and a bucket is sorted when closing reaches it (again only if
// a push has reached it since). An entry older than the oldest bucket kept (a report later than
// the closing horizon) joins that bucket, which sorting puts in its place. Compared with a binary
// heap, this spares the sift on every push and pop: the stream's times arrive nearly in order.
//
// Thread safety: not thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace guarantor {

class ClosingQueue {
 public:
  struct Entry {
    int64_t last_us;  // the incident's last report when pushed
    int64_t seq;      // its opening sequence: ties go to the earlier
    uint32_t slot;
  };

  void Push(const Entry& e) {
    int64_t bucket = e.last_us >> kBucketBits;
    if (buckets_.empty()) {
      first_bucket_ = bucket;
      front_done_ = 0;
    }
    bucket = std::max(bucket, first_bucket_);
    const auto index = static_cast<size_t>(bucket - first_bucket_);
    while (buckets_.size() <= index) buckets_.emplace_back();
    buckets_[index].push_back(e);
    if (index == 0) front_sorted_ = false;
  }

  // Calls `f(entry)` for every entry whose time is before `before_us`, in (time, sequence)
  // order, and forgets them. REQUIRES: `f` does not push.
  template <typename F>
  void PopBefore(int64_t before_us, F&& f) {
    while (!buckets_.empty()) {
      std::vector<Entry>& front = buckets_.front();
      if (!front_sorted_) {
        std::sort(front.begin() + static_cast<std::ptrdiff_t>(front_done_), front.end(),
                  [](const Entry& a, const Entry& b) {
                    return a.last_us != b.last_us ? a.last_us < b.last_us : a.seq < b.seq;
                  });
        front_sorted_ = true;
      }
      while (front_done_ < front.size() && front[front_done_].last_us < before_us) {
        f(front[front_done_++]);
      }
      if (front_done_ < front.size()) return;  // the rest is at or after before_us
      buckets_.pop_front();
      ++first_bucket_;
      front_done_ = 0;
      front_sorted_ = false;
    }
  }

  bool empty() const { return buckets_.empty(); }

 private:
  static constexpr int kBucketBits = 24;

  std::deque<std::vector<Entry>> buckets_;  // buckets_[i] holds times of bucket first_bucket_ + i
  int64_t first_bucket_ = 0;
  size_t front_done_ = 0;      // entries of the front bucket already handed out
  bool front_sorted_ = false;  // whether the front bucket's rest is in order
};

}  // namespace guarantor
