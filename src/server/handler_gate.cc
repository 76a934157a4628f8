#include "server/internal/handler_gate.h"

namespace guarantor::server {

void HandlerGate::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  if (free_ > 0) {
    --free_;
    return;
  }
  Waiter self;
  waiters_.push_back(&self);
  self.admitted_changed.wait(lock, [&self] { return self.admitted; });
}

size_t HandlerGate::waiting() const {
  std::lock_guard<std::mutex> lock(mu_);
  return waiters_.size();
}

void HandlerGate::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  if (waiters_.empty()) {
    ++free_;
    return;
  }
  // The permit passes to the first waiter directly: a thread arriving meanwhile cannot take it.
  Waiter* next = waiters_.front();
  waiters_.pop_front();
  next->admitted = true;
  next->admitted_changed.notify_one();
}

}  // namespace guarantor::server
