#include "server/event_feed.h"

#include <algorithm>

namespace guarantor::server {

bool Takes(const FeedSubscription& s, const FeedEvent& e) {
  if (!e.label.ReadableBy(s.scope)) return false;
  if (!s.types.empty() && !s.types.count(e.type)) return false;
  if (!s.kinds.empty() && std::find(s.kinds.begin(), s.kinds.end(), e.kind) == s.kinds.end()) {
    return false;
  }
  if (s.south) {  // a box is set whole: an event without a position is outside it
    if (!e.position) return false;
    const double lat = e.position->lat_deg, lng = e.position->lon_deg;
    if (lat < *s.south || lat > *s.north || lng < *s.west || lng > *s.east) return false;
  }
  return true;
}

void EventFeed::Publish(FeedEvent event) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back({++last_id_, std::move(event)});
    if (events_.size() > kCapacity) events_.pop_front();
  }
  published_.notify_all();
}

std::vector<NumberedEvent> EventFeed::Next(int64_t after, const FeedSubscription& subscription,
                                           std::chrono::milliseconds wait, int64_t* last) {
  std::unique_lock<std::mutex> lock(mu_);
  published_.wait_for(lock, wait, [&] { return closed_ || last_id_ > after; });
  std::vector<NumberedEvent> out;
  for (const NumberedEvent& e : events_) {
    if (e.id > after && Takes(subscription, e.event)) out.push_back(e);
  }
  *last = std::max(after, last_id_);
  return out;
}

void EventFeed::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  published_.notify_all();
}

int64_t EventFeed::last_id() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_id_;
}

}  // namespace guarantor::server
