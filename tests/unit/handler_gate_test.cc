// The gate admits at most its permits at once, and waiting handlers in arrival order.
#include "server/internal/handler_gate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace guarantor::server {
namespace {

void WaitUntilWaiting(const HandlerGate& gate, size_t n) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (gate.waiting() < n && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(gate.waiting(), n);
}

TEST(HandlerGate, AdmitsAtMostItsPermitsAtOnce) {
  HandlerGate gate(3);
  std::atomic<int> inside{0}, most{0}, done{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 24; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 50; ++k) {
        HandlerGate::Pass pass(gate);
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --inside;
      }
      ++done;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(done.load(), 24);
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 1);
  EXPECT_EQ(gate.waiting(), 0u);
}

TEST(HandlerGate, AdmitsWaitersInArrivalOrder) {
  HandlerGate gate(1);
  std::optional<HandlerGate::Pass> held(std::in_place, gate);
  std::mutex order_mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) {
    threads.emplace_back([&, i] {
      HandlerGate::Pass pass(gate);
      std::lock_guard<std::mutex> lock(order_mu);
      order.push_back(i);
    });
    WaitUntilWaiting(gate, static_cast<size_t>(i) + 1);  // i queued before i + 1 starts
  }
  held.reset();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(HandlerGate, AFreedPermitGoesToTheWaiterNotANewcomer) {
  HandlerGate gate(1);
  std::optional<HandlerGate::Pass> held(std::in_place, gate);
  std::atomic<bool> waiter_in{false};
  std::thread waiter([&] {
    HandlerGate::Pass pass(gate);
    waiter_in = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
  WaitUntilWaiting(gate, 1);
  held.reset();  // handed to the waiter before it even wakes
  HandlerGate::Pass newcomer(gate);
  EXPECT_TRUE(waiter_in.load());
  waiter.join();
}

}  // namespace
}  // namespace guarantor::server
