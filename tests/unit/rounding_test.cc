#include "base/rounding.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace guarantor {
namespace {

std::string Printf(double v, int digits) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

TEST(FormatFixedTest, PrintsAsPrintfDoes) {
  // Exact binary halves (round to even in both), negative zero, large and tiny values.
  for (double v : {0.0625, 0.1875, 2.5, 3.5, -0.0005, -0.0, 1e20, 123456.789, 1e-9, 0.1}) {
    for (int digits : {0, 1, 3, 6, 9}) {
      EXPECT_EQ(FormatFixed(v, digits), Printf(v, digits)) << v << " to " << digits;
    }
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> any(-2000, 2000);
  for (int i = 0; i < 100000; ++i) {
    const double v = any(rng);
    ASSERT_EQ(FormatFixed(v, 3), Printf(v, 3)) << v;
  }
}

TEST(RoundToTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundTo(2.5, 0), 3);
  EXPECT_EQ(RoundTo(-2.5, 0), -3);
  EXPECT_EQ(RoundTo(1.23456, 3), 1.235);
}

}  // namespace
}  // namespace guarantor
