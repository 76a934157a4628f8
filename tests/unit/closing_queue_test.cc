#include "monitor/closing_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <tuple>
#include <vector>

namespace guarantor {
namespace {

using Entry = ClosingQueue::Entry;

bool Before(const Entry& a, const Entry& b) {
  return std::tie(a.time_us, a.seq) < std::tie(b.time_us, b.seq);
}

TEST(ClosingQueueTest, HandsEntriesBackInTimeThenSequenceOrder) {
  ClosingQueue queue;
  // Out of order, ties in time, and one older than every bucket kept so far.
  queue.Push({50'000'000, 3, 0});
  queue.Push({10'000'000, 2, 1});
  queue.Push({50'000'000, 1, 2});
  queue.Push({90'000'000'000, 4, 3});
  queue.Push({-5'000'000, 5, 4});
  std::vector<uint32_t> slots;
  queue.PopBefore(60'000'000, [&](const Entry& e) { slots.push_back(e.slot); });
  EXPECT_EQ(slots, (std::vector<uint32_t>{4, 1, 2, 0}));
  EXPECT_FALSE(queue.empty());
  // Nothing before the threshold is left; a later entry joins the bucket being closed.
  queue.Push({20'000'000, 6, 5});
  slots.clear();
  queue.PopBefore(60'000'000, [&](const Entry& e) { slots.push_back(e.slot); });
  EXPECT_EQ(slots, (std::vector<uint32_t>{5}));
  queue.PopBefore(INT64_MAX, [&](const Entry& e) { slots.push_back(e.slot); });
  EXPECT_EQ(slots, (std::vector<uint32_t>{5, 3}));
  EXPECT_TRUE(queue.empty());
}

// Times advance like a stream, by up to `max_advance_us` a step (mostly in order, one in ten
// late by up to two hours), thresholds trail them by a horizon; every pop must be what sorting
// everything pushed so far gives.
void ExpectPopsMatchASort(int64_t max_advance_us, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ClosingQueue queue;
  std::vector<Entry> pending;
  int64_t now = 1'000'000'000'000;
  int64_t seq = 0;
  for (int step = 0; step < 6000; ++step) {
    now += static_cast<int64_t>(rng() % static_cast<uint64_t>(max_advance_us));
    const bool late = rng() % 10 == 0;
    const int64_t t = late ? now - static_cast<int64_t>(rng() % 7'200'000'000) : now;
    const Entry e{t - t % 1'000'000, seq++, static_cast<uint32_t>(step)};
    queue.Push(e);
    pending.push_back(e);
    const int64_t threshold = now - 6'300'000'000;
    std::vector<uint32_t> got, want;
    queue.PopBefore(threshold, [&](const Entry& x) { got.push_back(x.slot); });
    std::sort(pending.begin(), pending.end(), Before);
    auto cut = std::find_if(pending.begin(), pending.end(),
                            [&](const Entry& x) { return x.time_us >= threshold; });
    for (auto it = pending.begin(); it != cut; ++it) want.push_back(it->slot);
    pending.erase(pending.begin(), cut);
    ASSERT_EQ(got, want) << "step " << step;
  }
}

TEST(ClosingQueueTest, MatchesASortOverARandomStream) {
  ExpectPopsMatchASort(3'000'000, 7);  // seconds apart: most 17 s buckets hold entries
}

TEST(ClosingQueueTest, MatchesASortOverASparseStream) {
  // Minutes apart: most buckets would be empty, and late entries fall between the buckets kept.
  ExpectPopsMatchASort(600'000'000, 11);
}

TEST(ClosingQueueTest, AnEntryBetweenBucketsWaitsForItsTimeNotTheNextBucket) {
  ClosingQueue queue;
  queue.Push({10'000'000, 1, 0});   // bucket 0
  queue.Push({200'000'000, 2, 1});  // bucket 11
  queue.Push({100'000'000, 3, 2});  // bucket 5, not kept: joins bucket 11
  std::vector<uint32_t> slots;
  queue.PopBefore(150'000'000, [&](const Entry& e) { slots.push_back(e.slot); });
  EXPECT_EQ(slots, (std::vector<uint32_t>{0, 2}));
  queue.PopBefore(INT64_MAX, [&](const Entry& e) { slots.push_back(e.slot); });
  EXPECT_EQ(slots, (std::vector<uint32_t>{0, 2, 1}));
  EXPECT_TRUE(queue.empty());
}

}  // namespace
}  // namespace guarantor
