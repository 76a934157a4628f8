#include "observation_pipeline.h"

namespace guarantor::cli {
namespace {

constexpr size_t kBatchSize = 4096;  // handed over sooner when the input runs dry
constexpr size_t kMaxQueued = 16;

}  // namespace

ObservationPipeline::ObservationPipeline(ObservationStream& stream) : stream_(stream) {
  reader_ = std::thread([this] { Read(); });
}

ObservationPipeline::~ObservationPipeline() { Join(); }

void ObservationPipeline::Join() {
  if (reader_.joinable()) {
    {
      // Let a reader blocked on a full queue finish: the consumer is gone.
      std::lock_guard<std::mutex> lock(mu_);
      queue_.clear();
    }
    room_.notify_all();
    reader_.join();
  }
}

void ObservationPipeline::Hand(bool force) {
  if (filling_.observations.empty() && !force) return;
  filling_.bytes_read = stream_.bytes_read();
  filling_.lines_read = stream_.lines_read();
  std::unique_lock<std::mutex> lock(mu_);
  room_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
  queue_.push_back(std::move(filling_));
  filling_ = Batch();
  if (!spare_.empty()) {
    filling_.observations = std::move(spare_.back());
    spare_.pop_back();
  }
  lock.unlock();
  ready_.notify_one();
}

void ObservationPipeline::Read() {
  // Before the stream waits for more input, hand over what it has.
  stream_.SetBeforeRead([this] { Hand(false); });
  Observation obs;
  while (stream_.Next(&obs)) {
    filling_.observations.push_back(std::move(obs));
    if (filling_.observations.size() >= kBatchSize) Hand(false);
  }
  Hand(false);
  stream_.SetBeforeRead(nullptr);
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  ready_.notify_one();
}

bool ObservationPipeline::Next(std::vector<Observation>* batch,
                               const std::function<void()>& before_wait) {
  std::unique_lock<std::mutex> lock(mu_);
  if (queue_.empty() && !done_ && before_wait) {
    lock.unlock();
    before_wait();
    lock.lock();
  }
  ready_.wait(lock, [this] { return !queue_.empty() || done_; });
  if (queue_.empty()) return false;
  batch->clear();
  if (spare_.size() < kMaxQueued) spare_.push_back(std::move(*batch));
  Batch next = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  room_.notify_one();
  *batch = std::move(next.observations);
  bytes_read_ = next.bytes_read;
  lines_read_ = next.lines_read;
  return true;
}

}  // namespace guarantor::cli
