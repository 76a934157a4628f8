// RecordSpool gives back each text by its handle, whether it waits in the buffer, went to the
// file, or stayed in memory because the file failed; and does so while another thread appends.
#include "base/record_spool.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace guarantor {
namespace {

std::string TextOf(int i) {
  return "{\"id\":\"inc-" + std::to_string(i) + "\",\"pad\":\"" +
         std::string(static_cast<size_t>(i % 97), 'x') + "\"}";
}

// Appends TextOf(0 .. n - 1) and returns their handles.
std::vector<RecordSpool::Handle> AppendTexts(RecordSpool& spool, int n) {
  std::vector<RecordSpool::Handle> handles;
  handles.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) handles.push_back(spool.Append(TextOf(i)));
  return handles;
}

// Reads every handle back, in a shuffled order, and compares it with TextOf.
void ExpectAllReadBack(const RecordSpool& spool, const std::vector<RecordSpool::Handle>& handles) {
  std::vector<size_t> order(handles.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  for (size_t i : order) {
    Result<std::string> text = spool.Read(handles[i]);
    ASSERT_TRUE(text.ok()) << text.status().message();
    ASSERT_EQ(*text, TextOf(static_cast<int>(i))) << "record " << i;
  }
}

TEST(RecordSpoolTest, ReadsBackWhatWaitsInTheBuffer) {
  RecordSpool spool;
  const RecordSpool::Handle a = spool.Append("first");
  const RecordSpool::Handle empty = spool.Append("");
  const RecordSpool::Handle b = spool.Append("second");
  EXPECT_EQ(*spool.Read(b), "second");
  EXPECT_EQ(*spool.Read(empty), "");
  EXPECT_EQ(*spool.Read(a), "first");
  std::string out = "[";
  ASSERT_TRUE(spool.AppendTo(a, &out).ok());
  ASSERT_TRUE(spool.AppendTo(b, &out).ok());
  EXPECT_EQ(out, "[firstsecond");
  EXPECT_EQ(spool.size(), 11u);
  EXPECT_EQ(spool.memory_bytes(), 11u);
}

// 20 000 texts through a 1 000-byte buffer: most in the file, the last ones in the buffer, and
// memory holds no more than the buffer.
TEST(RecordSpoolTest, ReadsBackWhatWentToTheFileInAnyOrder) {
  RecordSpool spool("", 1000);
  const std::vector<RecordSpool::Handle> handles = AppendTexts(spool, 20'000);
  uint64_t bytes = 0;
  for (int i = 0; i < 20'000; ++i) bytes += TextOf(i).size();
  EXPECT_EQ(spool.size(), bytes);
  EXPECT_LT(spool.memory_bytes(), 1000u + 200u);
  ExpectAllReadBack(spool, handles);
}

// A directory where no file can be made: everything stays in memory and reads back.
// Records joined as a list page reads them: runs in the file read whole, with others between
// them, out of order, repeated, and some still in the buffer; every list is what reading the
// records one by one gives.
TEST(RecordSpoolTest, JoinsRecordsAsReadingThemOneByOneWould) {
  RecordSpool spool(::testing::TempDir(), 4096);
  const std::vector<RecordSpool::Handle> handles = AppendTexts(spool, 3000);
  ASSERT_LT(spool.memory_bytes(), spool.size());  // part in the file, part in the buffer
  std::mt19937 random(11);
  std::vector<std::vector<size_t>> lists = {{}, {0}, {2999}, {0, 1, 2}, {5, 4, 3}, {7, 7, 8}};
  for (int step : {1, 2, 3, 50, 400, 1500}) {
    std::vector<size_t> every;
    for (size_t i = 0; i < handles.size(); i += static_cast<size_t>(step)) every.push_back(i);
    lists.push_back(every);
  }
  for (int n = 0; n < 40; ++n) {
    std::vector<size_t> some;
    const size_t from = random() % handles.size();
    for (size_t i = from; i < handles.size() && some.size() < 1000; i += 1 + random() % 5) {
      some.push_back(i);
    }
    if (n % 4 == 0) std::shuffle(some.begin(), some.end(), random);
    lists.push_back(some);
  }
  for (const std::vector<size_t>& list : lists) {
    std::vector<RecordSpool::Handle> picked;
    std::string expected;
    for (size_t i : list) {
      picked.push_back(handles[i]);
      expected +=
          (expected.empty() && picked.size() == 1 ? "" : ", ") + TextOf(static_cast<int>(i));
    }
    std::string joined = "[";
    ASSERT_TRUE(spool.AppendJoined(picked, ", ", &joined).ok());
    ASSERT_EQ(joined, "[" + expected)
        << list.size() << " records from " << (list.empty() ? 0 : list[0]);
  }
}

TEST(RecordSpoolTest, KeepsTextsInMemoryWhenNoFileCanBeMade) {
  RecordSpool spool("/nonexistent/record-spool-test", 100);
  const std::vector<RecordSpool::Handle> handles = AppendTexts(spool, 2'000);
  EXPECT_EQ(spool.memory_bytes(), spool.size());
  ExpectAllReadBack(spool, handles);
}

// A file that stops taking bytes (the process's file size limit, as a full disk would): the
// texts written before stay in the file, those after stay in memory, and none is lost, including
// the buffer whose write failed half-way.
TEST(RecordSpoolTest, KeepsEveryTextWhenTheFileStopsTakingThem) {
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  auto* const old_handler = std::signal(SIGXFSZ, SIG_IGN);  // write fails with EFBIG instead
  rlimit low = old;
  low.rlim_cur = 50'000;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &low), 0);
  RecordSpool spool("", 4096);
  const std::vector<RecordSpool::Handle> handles = AppendTexts(spool, 3'000);
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  // About 50 000 bytes in the file, the rest (over 250 000) in memory.
  EXPECT_GT(spool.memory_bytes(), spool.size() - 50'000);
  EXPECT_LT(spool.memory_bytes(), spool.size());
  ExpectAllReadBack(spool, handles);
}

// Readers on three threads read texts already appended while the writer appends and flushes.
TEST(RecordSpoolTest, ReadsWhileAnotherThreadAppends) {
  constexpr int kTexts = 60'000;
  RecordSpool spool("", 2048);
  std::vector<RecordSpool::Handle> handles(kTexts);
  std::atomic<int> published{0};
  std::atomic<int> mismatches{0};
  std::vector<std::thread> readers;
  readers.reserve(3);
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&, r] {
      std::mt19937 random(static_cast<unsigned>(r));
      std::string text;
      while (published.load(std::memory_order_acquire) < kTexts) {
        const int n = published.load(std::memory_order_acquire);
        if (n == 0) continue;
        // Mostly the newest texts (still in the buffer, or just flushed), sometimes any.
        const int i = random() % 4 == 0 ? static_cast<int>(random() % n)
                                        : std::max(0, n - 1 - static_cast<int>(random() % 8));
        text.clear();
        if (!spool.AppendTo(handles[i], &text).ok() || text != TextOf(i)) ++mismatches;
      }
    });
  }
  for (int i = 0; i < kTexts; ++i) {
    handles[i] = spool.Append(TextOf(i));
    published.store(i + 1, std::memory_order_release);
  }
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(mismatches.load(), 0);
  ExpectAllReadBack(spool, handles);
}

}  // namespace
}  // namespace guarantor
