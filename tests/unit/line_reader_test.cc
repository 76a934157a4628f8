#include "base/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace guarantor {
namespace {

constexpr size_t kPadding = 64;

std::vector<std::string> ReadAll(LineReader& reader) {
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.Next(&line)) lines.emplace_back(line);
  return lines;
}

TEST(LineReaderTest, SplitsLinesKeepsCarriageReturnsAndTheLastUnterminatedLine) {
  std::istringstream in("a\r\n\nbc\nlast");
  LineReader reader(in, kPadding);
  EXPECT_EQ(ReadAll(reader), (std::vector<std::string>{"a\r", "", "bc", "last"}));
  EXPECT_FALSE(reader.error());
}

TEST(LineReaderTest, LinesLongerThanAChunkAndAcrossChunkBoundaries) {
  // 3 MiB line, then many short lines that straddle the 1 MiB chunk boundaries.
  std::string text(3 << 20, 'x');
  text += '\n';
  std::vector<std::string> expected = {std::string(3 << 20, 'x')};
  for (int i = 0; i < 200000; ++i) {
    expected.push_back("line " + std::to_string(i));
    text += expected.back() + '\n';
  }
  std::istringstream in(text);
  LineReader reader(in, kPadding);
  EXPECT_EQ(ReadAll(reader), expected);
}

TEST(LineReaderTest, EveryLineHasItsPaddingReadable) {
  std::istringstream in(std::string(5000, 'y') + "\nshort\n");
  LineReader reader(in, kPadding);
  std::string_view line;
  while (reader.Next(&line)) {
    // Reading the padding must stay within the reader's buffer (ASan checks this).
    volatile char sink = 0;
    for (size_t i = 0; i < kPadding; ++i) sink = sink + line.data()[line.size() + i];
  }
}

TEST(LineReaderTest, CallsBeforeReadOnlyWhenEveryLineReadSoFarWasHandedOut) {
  std::istringstream in("a\nb\nc\n");
  LineReader reader(in, kPadding);
  int reads = 0;
  size_t lines_when_reading = 0, lines = 0;
  reader.SetBeforeRead([&] {
    ++reads;
    lines_when_reading = lines;
  });
  std::string_view line;
  while (reader.Next(&line)) ++lines;
  // One read fetches all three lines; a second finds the end, after all three were handed out.
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(lines_when_reading, 3u);
}

TEST(LineReaderTest, APipeHandsOnEachLineAsItArrives) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  LineReader reader(fds[0], kPadding);
  std::string_view line;
  // The first line is available before the writer has written anything else.
  ASSERT_EQ(write(fds[1], "first\n", 6), 6);
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_EQ(line, "first");
  std::thread writer([&] {
    EXPECT_EQ(write(fds[1], "second\n", 7), 7);
    close(fds[1]);
  });
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_EQ(line, "second");
  EXPECT_FALSE(reader.Next(&line));
  writer.join();
  close(fds[0]);
}

}  // namespace
}  // namespace guarantor
