// HandlerGate: at most N request handlers run at once, and the rest wait their turn in arrival
// order.
//
// cpp-httplib serves each connection on a thread of its own. With 200 busy connections on two
// cores, 200 runnable threads share the CPU in the scheduler's order, so a request may wait many
// time slices while later ones are answered: the latency tail grows with the number of
// connections, not with the work. Behind the gate only N handlers compete for the cores, and a
// waiting request is admitted before every request that arrived after it.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace guarantor::server {

class HandlerGate {
 public:
  // REQUIRES: permits >= 1.
  explicit HandlerGate(int permits) : free_(permits) {}
  HandlerGate(const HandlerGate&) = delete;
  HandlerGate& operator=(const HandlerGate&) = delete;

  // How many wait for a permit now.
  size_t waiting() const;

  // Holds one permit from construction to destruction.
  class Pass {
   public:
    explicit Pass(HandlerGate& gate) : gate_(gate) { gate_.Acquire(); }
    ~Pass() { gate_.Release(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    HandlerGate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable admitted_changed;
    bool admitted = false;
  };

  void Acquire();
  void Release();

  mutable std::mutex mu_;
  int free_;                     // guarded by mu_; 0 whenever waiters_ is not empty
  std::deque<Waiter*> waiters_;  // guarded by mu_; first come, first admitted
};

}  // namespace guarantor::server
