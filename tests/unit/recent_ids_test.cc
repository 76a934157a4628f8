#include "monitor/recent_ids.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace guarantor {
namespace {

TEST(RecentIdsTest, RejectsAnIdAlreadyKeptAndAcceptsItOnceForgotten) {
  RecentIds ids;
  EXPECT_TRUE(ids.Insert("obs-1", 100));
  EXPECT_TRUE(ids.Insert("obs-2", 200));
  EXPECT_FALSE(ids.Insert("obs-1", 300));
  EXPECT_EQ(ids.size(), 2u);  // the refused id is not kept twice
  ids.ForgetBefore(150);      // obs-1 goes, obs-2 stays
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_TRUE(ids.Insert("obs-1", 400));
  EXPECT_FALSE(ids.Insert("obs-2", 400));
}

TEST(RecentIdsTest, ForgetsInArrivalOrder) {
  RecentIds ids;
  EXPECT_TRUE(ids.Insert("late", 1000));  // arrived first, with a later time
  EXPECT_TRUE(ids.Insert("early", 10));
  ids.ForgetBefore(500);  // "late" is not due, so "early", behind it, stays too
  EXPECT_FALSE(ids.Insert("early", 600));
  ids.ForgetBefore(2000);
  EXPECT_EQ(ids.size(), 0u);
  EXPECT_TRUE(ids.Insert("early", 2100));
}

// 400 000 ids share a 32-bit fingerprint in about 19 pairs (the birthday bound), so the set must
// tell such ids apart by the ids themselves: none is taken for another, each is caught again.
TEST(RecentIdsTest, IdsWhoseFingerprintsCollideAreToldApart) {
  RecentIds ids;
  constexpr int kIds = 400'000;
  for (int i = 0; i < kIds; ++i) {
    ASSERT_TRUE(ids.Insert("obs-" + std::to_string(i), i)) << "obs-" << i;
  }
  for (int i = 0; i < kIds; ++i) {
    ASSERT_FALSE(ids.Insert("obs-" + std::to_string(i), kIds)) << "obs-" << i;
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kIds));
}

TEST(RecentIdsTest, ArrivalNumbersWrapAround) {
  RecentIds ids(UINT32_MAX - 3);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(ids.Insert("id-" + std::to_string(i), i));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(ids.Insert("id-" + std::to_string(i), 10));
  ids.ForgetBefore(6);  // id-0 to id-5 go, across the wrap
  EXPECT_EQ(ids.size(), 4u);
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(ids.Insert("id-" + std::to_string(i), 20));
  for (int i = 6; i < 10; ++i) EXPECT_FALSE(ids.Insert("id-" + std::to_string(i), 20));
}

}  // namespace
}  // namespace guarantor
