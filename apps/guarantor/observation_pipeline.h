// ObservationPipeline: reading and parsing on a thread of their own, handing the accepted
// observations over in order, in batches, so that parsing overlaps fusion (`replay --threads 2`).
//
//   ObservationPipeline pipeline(stream);
//   std::vector<Observation> batch;
//   while (pipeline.Next(&batch, [] { std::cout.flush(); })) for (auto& o : batch) Use(o);
//   pipeline.Join();  // then stream.rejections() etc. may be read
//
// A batch is handed over when it is full or when the input runs dry (the stream is about to wait
// for more), so that streaming latency does not wait for a batch to fill. Order is the stream's:
// results are the same as with one thread.
//
// Thread safety: Next() from one consumer thread; the stream belongs to the reading thread
// until Join() returns.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "monitor/observation_stream.h"

namespace guarantor::cli {

class ObservationPipeline {
 public:
  // Starts reading `stream` at once. REQUIRES: `stream` outlives the pipeline.
  explicit ObservationPipeline(ObservationStream& stream);
  ~ObservationPipeline();
  ObservationPipeline(const ObservationPipeline&) = delete;
  ObservationPipeline& operator=(const ObservationPipeline&) = delete;

  // The next batch into `batch` (replacing its contents); false at the end of the input.
  // `before_wait` is called when no batch is ready, before waiting for one.
  bool Next(std::vector<Observation>* batch, const std::function<void()>& before_wait);
  // Waits for the reading thread to end.
  void Join();

  // What the reader had got through when the latest batch was handed over.
  int64_t bytes_read() const { return bytes_read_; }
  int64_t lines_read() const { return lines_read_; }

 private:
  struct Batch {
    std::vector<Observation> observations;
    int64_t bytes_read = 0, lines_read = 0;
  };
  void Read();
  void Hand(bool force);

  ObservationStream& stream_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;  // at most kMaxQueued batches
  bool done_ = false;
  Batch filling_;                                // the reading thread's own
  std::vector<std::vector<Observation>> spare_;  // emptied batches, to reuse their memory
  int64_t bytes_read_ = 0, lines_read_ = 0;
  std::thread reader_;
};

}  // namespace guarantor::cli
