// StagedOutputs moves a run's files into place only when every one of them was written whole;
// otherwise the files of the run before stay as they were, and no hidden file is left behind.
#include "base/staged_outputs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace guarantor {
namespace {

namespace fs = std::filesystem;

class StagedOutputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("guarantor-staged-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  // The directory's entries, sorted, with hidden ones.
  std::string Listing() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    std::string out;
    for (const std::string& n : names) out += n + " ";
    return out;
  }

  fs::path dir_;
};

TEST_F(StagedOutputsTest, CommitPutsEveryFileInPlace) {
  Write("a.jsonl", "old a\n");
  {
    StagedOutputs out(dir_);
    out.Open("a.jsonl") << "new a\n";
    out.Open("b.jsonl") << "new b\n";
    ASSERT_TRUE(out.Created().ok());
    EXPECT_EQ(Read("a.jsonl"), "old a\n");  // not before the commit
    ASSERT_TRUE(out.Commit().ok());
  }
  EXPECT_EQ(Read("a.jsonl"), "new a\n");
  EXPECT_EQ(Read("b.jsonl"), "new b\n");
  EXPECT_EQ(Listing(), "a.jsonl b.jsonl ");
}

// A run that ends without committing (an error, an interruption) changes nothing.
TEST_F(StagedOutputsTest, AnUncommittedRunLeavesTheRunBefore) {
  Write("a.jsonl", "old a\n");
  {
    StagedOutputs out(dir_);
    out.Open("a.jsonl") << "half of a new";
    out.Open("b.jsonl") << "new b\n";
  }
  EXPECT_EQ(Read("a.jsonl"), "old a\n");
  EXPECT_EQ(Listing(), "a.jsonl ");
}

// A file the disk refuses (its hidden name made to lead to /dev/full, which fails every write
// with ENOSPC): no file of the run is moved, not even those written whole, and the error names
// the file.
TEST_F(StagedOutputsTest, AFileThatCouldNotBeWrittenKeepsEveryFileOfTheRunBefore) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  Write("a.jsonl", "old a\n");
  Write("b.jsonl", "old b\n");
  fs::create_symlink("/dev/full", dir_ / ".b.jsonl.partial");
  StagedOutputs out(dir_);
  out.Open("a.jsonl") << "new a\n";
  out.Open("b.jsonl") << std::string(1 << 16, 'b');  // more than the stream buffers
  ASSERT_TRUE(out.Created().ok());
  const Status s = out.Commit();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find((dir_ / "b.jsonl").string() + ": could not write it whole"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(Read("a.jsonl"), "old a\n");
  EXPECT_EQ(Read("b.jsonl"), "old b\n");
  EXPECT_EQ(Listing(), "a.jsonl b.jsonl ");
}

TEST_F(StagedOutputsTest, AFileThatCouldNotBeCreatedIsNamed) {
  StagedOutputs out(dir_);
  out.Open("a.jsonl");
  out.Open("missing/b.jsonl");
  const Status s = out.Created();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("missing/b.jsonl: could not create it"), std::string::npos)
      << s.message();
  EXPECT_FALSE(out.Commit().ok());
  EXPECT_EQ(Listing(), "");
}

// A file of an earlier run that this run does not write goes, on commit only.
TEST_F(StagedOutputsTest, StaleFilesGoOnlyWithACommit) {
  Write("gaps.jsonl", "an earlier run's gaps\n");
  {
    StagedOutputs out(dir_);
    out.Open("a.jsonl") << "new a\n";
    out.RemoveAtCommit("gaps.jsonl");
  }
  EXPECT_EQ(Listing(), "gaps.jsonl ");
  StagedOutputs out(dir_);
  out.Open("a.jsonl") << "new a\n";
  out.RemoveAtCommit("gaps.jsonl");
  ASSERT_TRUE(out.Commit().ok());
  EXPECT_EQ(Listing(), "a.jsonl ");
}

}  // namespace
}  // namespace guarantor
