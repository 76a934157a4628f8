#include "base/line_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

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

// A regular file, read in place through a mapped window (2 MiB, doubled for a longer line).
class MappedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("line_reader_test_" + std::to_string(::getpid()) + ".txt"))
                .string();
  }
  void TearDown() override {
    if (fd_ >= 0) close(fd_);
    std::remove(path_.c_str());
  }
  int Open(const std::string& text) {
    std::ofstream(path_, std::ios::binary) << text;
    fd_ = open(path_.c_str(), O_RDONLY);
    return fd_;
  }
  void Append(const std::string& text) {
    std::ofstream(path_, std::ios::binary | std::ios::app) << text;
  }
  std::string path_;
  int fd_ = -1;
};

// Lines of every length around the window's edges, a line longer than two windows, and the last
// line ending exactly at the end of the file or a byte before it: the same lines as from a
// stream, each with its padding readable.
TEST_F(MappedFileTest, GivesTheSameLinesAsAStreamAcrossWindowsAndLongLines) {
  for (const char* tail : {"end\n", "end", ""}) {
    std::string text;
    for (int i = 0; text.size() < (5u << 20); ++i)
      text += std::string(i % 300, 'a' + i % 26) + '\n';
    text += std::string(5 << 20, 'L') + "\r\n";  // longer than the window, doubled twice
    for (int i = 0; i < 1000; ++i) text += "short " + std::to_string(i) + '\n';
    text += tail;
    std::istringstream in(text);
    LineReader from_stream(in, kPadding);
    const std::vector<std::string> expected = ReadAll(from_stream);

    LineReader reader(Open(text), kPadding);
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.Next(&line)) {
      volatile char sink = 0;
      for (size_t i = 0; i < kPadding; ++i) sink = sink + line.data()[line.size() + i];
      lines.emplace_back(line);
    }
    EXPECT_FALSE(reader.error());
    EXPECT_EQ(lines.size(), expected.size()) << "tail " << tail;
    EXPECT_TRUE(lines == expected) << "tail " << tail;
    close(fd_);
    fd_ = -1;
  }
}

TEST_F(MappedFileTest, StartsAtTheDescriptorsOffsetAndReadsWhatWasAppendedBeforeTheEnd) {
  const int fd = Open("skipped\nfirst\nsecond\n");
  ASSERT_EQ(lseek(fd, 8, SEEK_SET), 8);
  LineReader reader(fd, kPadding);
  std::string_view line;
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_EQ(line, "first");
  // Written after the reader sized the file: read through the buffer at the end.
  Append("third\nfourth");
  std::vector<std::string> rest;
  while (reader.Next(&line)) rest.emplace_back(line);
  EXPECT_EQ(rest, (std::vector<std::string>{"second", "third", "fourth"}));
}

}  // namespace
}  // namespace guarantor
