// TextSpool gives back everything appended, in order, whether it stayed in memory or went to its
// temporary file, and as often as asked.
#include "base/text_spool.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace guarantor {
namespace {

TEST(TextSpoolTest, StartsEmptyAndWritesNothing) {
  const TextSpool spool;
  EXPECT_TRUE(spool.empty());
  std::ostringstream out;
  EXPECT_TRUE(spool.WriteTo(out));
  EXPECT_EQ(out.str(), "");
}

TEST(TextSpoolTest, GivesBackInOrderWhatStayedInMemory) {
  TextSpool spool;
  spool.Append("first\n");
  spool.Append("");
  spool.Append("second\n");
  EXPECT_FALSE(spool.empty());
  std::ostringstream out;
  EXPECT_TRUE(spool.WriteTo(out));
  EXPECT_EQ(out.str(), "first\nsecond\n");
}

// With 100 bytes of memory, 20 000 pieces of 1 to 37 bytes spill hundreds of times; pieces that
// straddle the limit, and what is left in memory at the end, come back in their place.
TEST(TextSpoolTest, GivesBackInOrderWhatWentToItsFile) {
  TextSpool spool(100);
  std::string expected;
  for (int i = 0; i < 20'000; ++i) {
    const std::string piece =
        std::to_string(i) + std::string(static_cast<size_t>(i % 32), '.') + "\n";
    spool.Append(piece);
    expected += piece;
  }
  std::ostringstream out;
  ASSERT_TRUE(spool.WriteTo(out));
  EXPECT_EQ(out.str(), expected);
  // Again, then after more text: the file is read from its start each time.
  std::ostringstream again;
  ASSERT_TRUE(spool.WriteTo(again));
  EXPECT_EQ(again.str(), expected);
  spool.Append("last\n");
  std::ostringstream more;
  ASSERT_TRUE(spool.WriteTo(more));
  EXPECT_EQ(more.str(), expected + "last\n");
}

// A piece larger than the whole memory limit goes out whole.
TEST(TextSpoolTest, TakesPiecesLargerThanItsMemory) {
  TextSpool spool(16);
  const std::string big(100'000, 'x');
  spool.Append("a");
  spool.Append(big);
  spool.Append("b");
  std::ostringstream out;
  ASSERT_TRUE(spool.WriteTo(out));
  EXPECT_EQ(out.str(), "a" + big + "b");
}

}  // namespace
}  // namespace guarantor
