// EventFeed: the live feed's recent events (violations, cases, activations) and the readers
// waiting for them. Each event has an id, 1, 2, 3, ...; a reader that reconnects with the last id
// it saw (Server-Sent Events' Last-Event-ID) gets what it missed, as far as the last kCapacity
// events go. What a reader receives is decided by the access policy, through its scope.
//
// Thread safety: thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/live_monitor.h"

namespace guarantor::server {

struct FeedSubscription {
  store::ReadScope scope;
  std::set<std::string> types;     // empty: all
  std::vector<std::string> kinds;  // empty: all
  std::optional<double> south, west, north, east;
};

struct NumberedEvent {
  int64_t id = 0;
  FeedEvent event;
};

class EventFeed {
 public:
  static constexpr size_t kCapacity = 4096;

  void Publish(FeedEvent event);
  // Events after `after` that `subscription` takes; waits up to `wait` when there are none yet.
  // Sets *last to the id up to which events were considered.
  std::vector<NumberedEvent> Next(int64_t after, const FeedSubscription& subscription,
                                  std::chrono::milliseconds wait, int64_t* last);
  // Wakes every waiting reader and makes Next return at once from now on.
  void Close();
  int64_t last_id() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable published_;
  std::deque<NumberedEvent> events_;
  int64_t last_id_ = 0;
  bool closed_ = false;
};

bool Takes(const FeedSubscription& s, const FeedEvent& e);

}  // namespace guarantor::server
