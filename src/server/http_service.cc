#include "server/http_service.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "commission/case_records.h"
#include "server/internal/api.h"

namespace guarantor::server {

void ReplyJson(httplib::Response& res, const nlohmann::ordered_json& body, int http_status) {
  res.status = http_status;
  ReplyBody(res, body.dump(), "application/json");
}

void ReplyBody(httplib::Response& res, std::string body, const std::string& content_type) {
  res.body = std::move(body);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", content_type);
}

void ReplyError(httplib::Response& res, int http_status, const std::string& message) {
  ReplyJson(res, {{"error", {{"status", http_status}, {"message", message}}}}, http_status);
}

void ReplyStatus(httplib::Response& res, const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      res.status = 200;
      return;
    case StatusCode::kInvalidArgument:
      return ReplyError(res, 400, status.message());
    case StatusCode::kNotFound:
      return ReplyError(res, 404, status.message());
    case StatusCode::kFailedPrecondition:
      return ReplyError(res, 409, status.message());
    case StatusCode::kIoError:
      return ReplyError(res, 503, status.message());
    case StatusCode::kInternal:
      return ReplyError(res, 500, status.message());
  }
}

std::optional<ListQuery> QueryOrReply(Call& call, const std::set<std::string>& accepted) {
  Result<ListQuery> q = ParseListQuery(call.req.params, accepted);
  if (!q.ok()) {
    ReplyStatus(call.res, q.status());
    return std::nullopt;
  }
  return *std::move(q);
}

std::optional<Classification> JsonLinesBatchOrReply(Call& call) {
  const std::string type = call.req.get_header_value("Content-Type");
  if (type.rfind("application/x-ndjson", 0) != 0 && type.rfind("application/jsonl", 0) != 0) {
    ReplyError(call.res, 415,
               "Content-Type: expected application/x-ndjson (JSON Lines); found \"" + type + "\"");
    return std::nullopt;
  }
  std::optional<Classification> classification = Classification::kCoalition;
  for (const auto& [name, value] : call.req.params) {
    if (name != "classification") {
      ReplyError(
          call.res, 400,
          "query parameter " + name + ": not taken by this endpoint; expected classification");
      return std::nullopt;
    }
    classification = ParseClassification(value);
    if (!classification) {
      ReplyError(call.res, 400,
                 "query parameter classification: expected public, coalition, restricted or "
                 "national");
      return std::nullopt;
    }
  }
  return classification;
}

bool RateLimiter::Admit(const std::string& key, double* retry_after_s) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.at = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  *retry_after_s = (1 - b.tokens) / per_second_;
  return false;
}

void ServiceMetrics::CountRequest(const std::string& route, int http_status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, http_status}];
  for (size_t i = 0; i < std::size(kBuckets); ++i) {
    if (seconds <= kBuckets[i]) ++latency_buckets_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void ServiceMetrics::CountIngest(int64_t observations, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++ingest_batches_;
  ingest_observations_ += observations;
  ingest_seconds_ += seconds;
}

std::string ServiceMetrics::Render(const LiveMonitor::Stats& m, int64_t feed_readers,
                                   int64_t feed_events, int64_t reads_waiting) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  auto line = [&](const std::string& name, const std::string& labels, double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + buf + "\n";
  };
  out += "# HELP guarantor_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE guarantor_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    line("guarantor_http_requests_total",
         "route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"",
         static_cast<double>(n));
  }
  out += "# HELP guarantor_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE guarantor_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < std::size(kBuckets); ++i) {
    char le[32];
    std::snprintf(le, sizeof le, "%g", kBuckets[i]);
    line("guarantor_http_request_duration_seconds_bucket", std::string("le=\"") + le + "\"",
         static_cast<double>(latency_buckets_[i]));
  }
  line("guarantor_http_request_duration_seconds_bucket", "le=\"+Inf\"",
       static_cast<double>(latency_count_));
  line("guarantor_http_request_duration_seconds_sum", "", latency_sum_);
  line("guarantor_http_request_duration_seconds_count", "", static_cast<double>(latency_count_));
  out += "# HELP guarantor_http_reads_waiting Queries waiting for a turn to be answered.\n";
  out += "# TYPE guarantor_http_reads_waiting gauge\n";
  line("guarantor_http_reads_waiting", "", static_cast<double>(reads_waiting));
  out += "# TYPE guarantor_ingest_batches_total counter\n";
  line("guarantor_ingest_batches_total", "", static_cast<double>(ingest_batches_));
  out += "# TYPE guarantor_ingest_observations_total counter\n";
  line("guarantor_ingest_observations_total", "", static_cast<double>(ingest_observations_));
  out += "# HELP guarantor_ingest_commit_seconds_total Time spent making batches durable.\n";
  out += "# TYPE guarantor_ingest_commit_seconds_total counter\n";
  line("guarantor_ingest_commit_seconds_total", "", ingest_seconds_);
  out += "# TYPE guarantor_engine_observations_folded gauge\n";
  line("guarantor_engine_observations_folded", "", static_cast<double>(m.folded));
  out += "# HELP guarantor_engine_observations_queued Committed, not yet folded.\n";
  out += "# TYPE guarantor_engine_observations_queued gauge\n";
  line("guarantor_engine_observations_queued", "", static_cast<double>(m.queued));
  out += "# TYPE guarantor_incidents gauge\n";
  line("guarantor_incidents", "", static_cast<double>(m.incidents));
  out += "# TYPE guarantor_cases gauge\n";
  line("guarantor_cases", "", static_cast<double>(m.cases));
  out += "# TYPE guarantor_activations gauge\n";
  line("guarantor_activations", "", static_cast<double>(m.activations));
  out += "# HELP guarantor_record_text_bytes The text of the incidents and cases kept.\n";
  out += "# TYPE guarantor_record_text_bytes gauge\n";
  line("guarantor_record_text_bytes", "", static_cast<double>(m.text_bytes));
  out += "# HELP guarantor_record_text_memory_bytes Of that text, what is held in memory; the ";
  out += "rest waits in a file in the data directory.\n";
  out += "# TYPE guarantor_record_text_memory_bytes gauge\n";
  line("guarantor_record_text_memory_bytes", "", static_cast<double>(m.text_memory_bytes));
  out += "# TYPE guarantor_feed_readers gauge\n";
  line("guarantor_feed_readers", "", static_cast<double>(feed_readers));
  out += "# TYPE guarantor_feed_events_total counter\n";
  line("guarantor_feed_events_total", "", static_cast<double>(feed_events));
  return out;
}

HttpService::Impl::Impl(ServiceConfig c, const Scenario& s, const AgreementMap& m, store::Store& st,
                        ledger::Ledger& l)
    : config(std::move(c)),
      scenario(s),
      map(m),
      store(st),
      ledger(l),
      plan(s),
      monitor(
          s, m, [this](const FeedEvent& e) { feed.Publish(e); }, config.records_directory),
      limiter(config.requests_per_second, config.request_burst),
      reads(config.concurrent_reads > 0
                ? config.concurrent_reads
                : 4 * std::max(1, static_cast<int>(std::thread::hardware_concurrency()))) {
  monitor.SetActivationRecorder([this](const ActivationRow& row) {
    // The engine goes on: the activation is served already, and the next start appends it.
    if (Result<uint64_t> seq = RecordActivation(row); !seq.ok()) {
      std::fprintf(stderr, "activation %s: not yet on the ledger: %s\n",
                   row.activation.trigger.c_str(), seq.status().message().c_str());
    }
  });
}

std::optional<Principal> HttpService::Impl::Authenticate(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) {
    return std::nullopt;
  }
  const std::string hash = store::HashToken(header.substr(prefix.size()));
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(tokens_mu);
    auto it = tokens.find(hash);
    if (it != tokens.end() && std::chrono::duration<double>(now - it->second.checked).count() <
                                  config.token_recheck_seconds) {
      return it->second.who;
    }
  }
  Result<std::optional<store::User>> user = store.FindUserByTokenHash(hash);
  std::optional<Role> role;
  if (user.ok() && user->has_value() && (*user)->revoked_at.empty())
    role = ParseRole((*user)->role);
  std::lock_guard<std::mutex> lock(tokens_mu);
  if (!role) {
    tokens.erase(hash);
    return std::nullopt;
  }
  Principal p{(*user)->id, *role, (*user)->organisation};
  tokens[hash] = {p, now};
  return p;
}

void HttpService::Impl::Route(const std::string& method, const std::string& pattern, Action action,
                              Handler handler) {
  const bool gated = method == "GET";
  auto wrapped = [this, pattern, action, handler = std::move(handler), gated](
                     const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    // Reads queue at the gate in arrival order (internal/handler_gate.h). Writes do not: an ingest
    // handler waits on the disk for most of its time, and holding a permit meanwhile would stall
    // the reads behind it.
    std::optional<HandlerGate::Pass> pass;
    if (gated) pass.emplace(reads);
    std::optional<Principal> who = Authenticate(req);
    if (!who) {
      res.set_header("WWW-Authenticate", "Bearer");
      ReplyError(res, 401, "Authorization: expected \"Bearer <token>\" with a valid API token");
    } else if (!Allows(*who, action)) {
      ReplyError(
          res, 403,
          "role " + std::string(ToString(who->role)) + " may not " + std::string(ToString(action)));
    } else {
      double retry_after = 0;
      if (!limiter.Admit(who->user, &retry_after)) {
        res.set_header("Retry-After", std::to_string(static_cast<int>(retry_after) + 1));
        ReplyError(res, 429,
                   "rate limit: at most " +
                       std::to_string(static_cast<int>(config.requests_per_second)) +
                       " requests per second per token");
      } else {
        Call call{req, res, *who, ScopeFor(*who), DetailFor(*who)};
        try {
          handler(call);
        } catch (const std::exception& e) {
          ReplyError(res, 500, std::string("internal error: ") + e.what());
        }
      }
    }
    metrics.CountRequest(
        pattern, res.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  if (method == "GET") {
    http->Get(pattern, wrapped);
  } else if (method == "POST") {
    http->Post(pattern, wrapped);
  } else {
    http->Delete(pattern, wrapped);
  }
}

void HttpService::Impl::RememberCaseEvent(const store::CaseEvent& event) {
  std::lock_guard<std::mutex> lock(case_events_mu);
  std::vector<store::CaseEvent>& events = case_events[event.case_id];
  auto at =
      std::upper_bound(events.begin(), events.end(), event.sequence,
                       [](int64_t seq, const store::CaseEvent& e) { return seq < e.sequence; });
  events.insert(at, event);
  ++case_events_generation;
}

std::vector<store::CaseEvent> HttpService::Impl::CaseEventsOf(const std::string& case_id) {
  std::lock_guard<std::mutex> lock(case_events_mu);
  auto it = case_events.find(case_id);
  return it == case_events.end() ? std::vector<store::CaseEvent>{} : it->second;
}

Result<std::string> HttpService::Impl::CaseDigestOf(const CaseRow& row) {
  {
    std::lock_guard<std::mutex> lock(case_events_mu);
    if (auto it = case_digests.find(row.id); it != case_digests.end()) return it->second;
  }
  ASSIGN_OR_RETURN(std::string opened, monitor.Text(row.text));
  const nlohmann::json record = nlohmann::json::parse(opened, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) {
    return Status::Internal("case " + row.id + ": its opening record is not JSON");
  }
  std::string digest = CaseOpeningDigest(record);
  std::lock_guard<std::mutex> lock(case_events_mu);
  return case_digests.emplace(row.id, std::move(digest)).first->second;
}

Result<Triage> HttpService::Impl::TriageOfCase(const CaseRow& row) {
  std::vector<store::CaseEvent> events = CaseEventsOf(row.id);
  if (events.empty()) return Triage{};
  ASSIGN_OR_RETURN(std::string digest, CaseDigestOf(row));
  return TriageOf(events, digest);
}

HttpService::HttpService(ServiceConfig config, const Scenario& scenario, const AgreementMap& map,
                         store::Store& store, ledger::Ledger& ledger)
    : impl_(std::make_unique<Impl>(std::move(config), scenario, map, store, ledger)) {}

HttpService::~HttpService() { Stop(); }

Status HttpService::Start() {
  Impl& s = *impl_;
  ASSIGN_OR_RETURN(s.latest_micros, s.store.LatestObservationTime());
  RETURN_IF_ERROR(s.monitor.Rebuild(s.store));
  ASSIGN_OR_RETURN(std::vector<store::CaseEvent> events, s.store.AllCaseEvents(0));
  for (const store::CaseEvent& e : events) s.RememberCaseEvent(e);
  RETURN_IF_ERROR(s.RecordMissingDecisions(events));
  {
    std::lock_guard<std::mutex> lock(s.ledger_mu);
    RETURN_IF_ERROR(s.FoldLedgerLocked());
  }
  RETURN_IF_ERROR(s.RecordMissingActivations());
  if (!s.config.tls_certificate.empty() || !s.config.tls_private_key.empty()) {
    if (s.config.tls_certificate.empty() || s.config.tls_private_key.empty()) {
      return Status::InvalidArgument("TLS: expected both a certificate and a private key");
    }
    auto https = std::make_unique<httplib::SSLServer>(s.config.tls_certificate.c_str(),
                                                      s.config.tls_private_key.c_str());
    if (!https->is_valid()) {
      return Status::InvalidArgument("TLS: cannot use certificate " + s.config.tls_certificate +
                                     " with key " + s.config.tls_private_key +
                                     " (expected matching PEM files)");
    }
    s.http = std::move(https);
  } else {
    s.http = std::make_unique<httplib::Server>();
  }
  const int threads = s.config.threads;
  s.http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.http->set_payload_max_length(s.config.max_body_bytes);
  // Responses go out as two writes (headers, then body): without TCP_NODELAY, Nagle holds the
  // body until the client acknowledges the headers, which a keep-alive client delays by ~40 ms.
  s.http->set_tcp_nodelay(true);
  // cpp-httplib listens with a backlog of 5 (fixed when the library was built): 200 clients
  // connecting at once would see SYNs dropped and retried a second later. Keep the listening
  // socket to raise its backlog after binding (listen() again on a listening socket resizes it).
  int listen_fd = -1;
  s.http->set_socket_options([&listen_fd](int fd) {
    const int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = fd;
  });
  // Browsers offer brotli first, and cpp-httplib compresses brotli at its highest quality: about
  // half a second of CPU for a 250 kB answer (a page of violations, the dashboard's script), where
  // gzip takes a few milliseconds. Offer cpp-httplib every encoding the client takes but brotli.
  s.http->set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    // The request object is the server's own and mutable; handlers only see it as const.
    auto& headers = const_cast<httplib::Request&>(req).headers;
    auto it = headers.find("Accept-Encoding");
    if (it != headers.end() && it->second.find("br") != std::string::npos) {
      std::string kept;
      size_t start = 0;
      while (start <= it->second.size()) {
        size_t comma = it->second.find(',', start);
        if (comma == std::string::npos) comma = it->second.size();
        std::string coding = it->second.substr(start, comma - start);
        coding.erase(0, coding.find_first_not_of(' '));
        if (coding.rfind("br", 0) != 0) kept += (kept.empty() ? "" : ", ") + coding;
        start = comma + 1;
      }
      it->second = kept;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.http->set_keep_alive_max_count(100000);
  s.http->set_keep_alive_timeout(30);
  s.http->set_read_timeout(30);
  s.http->set_write_timeout(30);
  s.http->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      ReplyError(res, 413, "request body: larger than this server takes");
    } else if (res.status == 404) {
      ReplyError(res, 404,
                 "no endpoint " + req.method + " " + req.path + " (see docs/openapi.yaml)");
    } else {
      ReplyError(res, res.status, "the request could not be served");
    }
  });
  s.http->Get("/healthz", [&s](const httplib::Request&, httplib::Response& res) {
    ReplyJson(res, {{"status", s.stopping ? "stopping" : "ok"}});
  });
  s.Route("GET", "/metrics", Action::kReadMetrics, [&s](Call& c) {
    ReplyBody(c.res,
              s.metrics.Render(s.monitor.stats(), s.feed_readers, s.feed.last_id(),
                               static_cast<int64_t>(s.reads.waiting())),
              "text/plain; version=0.0.4");
  });
  s.Route("GET", "/v1/whoami", Action::kReadMonitoring, [](Call& c) {
    ReplyJson(c.res, {{"user", c.who.user},
                      {"role", ToString(c.who.role)},
                      {"organisation", c.who.organisation},
                      {"reads_up_to", ToString(c.scope.max_shared)}});
  });
  s.AddMonitoringRoutes();
  s.AddCaseRoutes();
  s.AddPlanRoutes();
  s.AddLedgerRoutes();
  s.AddFeedRoute();
  s.AddCoverageRoutes();
  s.AddScenarioRoutes();
  if (!s.config.web_root.empty()) {
    if (!std::filesystem::is_regular_file(s.config.web_root + "/index.html")) {
      return Status::InvalidArgument("web: " + s.config.web_root +
                                     " has no index.html (build the dashboard: scripts/build-web)");
    }
    // Nothing but this server: scripts, styles, images (and data: URLs for Leaflet's), requests.
    s.http->set_mount_point(
        "/", s.config.web_root,
        {{"Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; connect-src 'self'; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
         {"X-Content-Type-Options", "nosniff"},
         {"Referrer-Policy", "no-referrer"}});
  }
  if (s.config.port == 0) {
    s.bound_port = s.http->bind_to_any_port(s.config.host);
    if (s.bound_port <= 0) return Status::IoError("cannot bind " + s.config.host);
  } else if (!s.http->bind_to_port(s.config.host, s.config.port)) {
    return Status::IoError("cannot bind " + s.config.host + ":" + std::to_string(s.config.port) +
                           " (in use, or not an address of this machine)");
  } else {
    s.bound_port = s.config.port;
  }
  if (listen_fd >= 0 && ::listen(listen_fd, SOMAXCONN) != 0) {
    return Status::IoError("cannot raise the listening socket's backlog");
  }
  s.remedy_watch = std::thread([&s] { s.WatchRemedies(); });
  return Status::Ok();
}

Status HttpService::Run() {
  if (!impl_->http) return Status::FailedPrecondition("Run before a successful Start");
  if (!impl_->http->listen_after_bind() && !impl_->stopping) {
    return Status::IoError("the server stopped listening");
  }
  return Status::Ok();
}

void HttpService::Stop() {
  if (!impl_ || impl_->stopping.exchange(true)) return;
  impl_->feed.Close();
  if (impl_->http) impl_->http->stop();
  {
    // Taken and released: the watch is either waiting, and woken, or yet to test `stopping`.
    std::lock_guard<std::mutex> lock(impl_->remedy_watch_mu);
  }
  impl_->remedy_watch_wake.notify_all();
  if (impl_->remedy_watch.joinable()) impl_->remedy_watch.join();
}

int HttpService::port() const { return impl_->bound_port; }
bool HttpService::tls() const { return !impl_->config.tls_certificate.empty(); }

}  // namespace guarantor::server
