// ingest_client: posts a JSON Lines file of observations to a guarantor server's
// POST /v1/observations in batches, over one or more keep-alive connections, and reports the
// throughput and the batch latency (docs/service.md).
//
//   ingest_client URL FILE [--batch 10000] [--connections 1] [--token T] [--ack-log F]
//                 [--retries 5] [--key-prefix P] [--cacert F] [--json]
//
// Contracts:
// - Batch k holds the k-th run of --batch non-empty lines of FILE and is sent with the
//   Idempotency-Key "<key-prefix>-<k>". The same file, batch size and prefix give the same keys,
//   so rerunning after a failure resumes: batches the server already committed are acknowledged
//   as replayed and are not stored again.
// - With one connection, batch k+1 is sent only after batch k was acknowledged: batches are
//   committed in file order. With more, batches go to whichever connection is free and their
//   commit order is not the file's.
// - With --ack-log, a line "first_sequence count first_id last_id" is appended, flushed and
//   fsync'ed for each batch right after its 200 response arrives: every batch in the log is
//   durable on the server.
// - A batch is retried with its key after a connection error, a 503 or a 429 (after Retry-After),
//   at most --retries times. Any other 4xx/5xx stops the run: the server's JSON error is printed
//   and the exit status is 1.
// Progress lines go to standard error on a terminal only; the summary goes to standard output.
#include <fcntl.h>
#include <httplib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

namespace {

using Clock = std::chrono::steady_clock;
using guarantor::Result;
using guarantor::Status;

struct Options {
  std::string url, file, token, ack_log, key_prefix, cacert;
  int batch = 10'000, connections = 1, retries = 5;
  bool json = false;
};

struct Batch {
  int64_t index = 0;       // 0-based, in file order
  int64_t first_line = 0;  // 1-based line of FILE of its first record
  int64_t count = 0;
  std::string body;  // the records, one a line
  std::string first_id, last_id;
};

// The "id" of one record, or "?" when the line is not a JSON object with a string id (the server
// reports such a record itself).
std::string RecordId(const std::string& line) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) return "?";
  return j["id"].get<std::string>();
}

// Reads FILE into batches on its own thread, ahead of the senders by at most `capacity` batches.
// Next() hands batches out in file order; it returns nullopt at the end or after Stop().
class BatchReader {
 public:
  BatchReader(std::string path, int batch_size, size_t capacity)
      : path_(std::move(path)), batch_size_(batch_size), capacity_(capacity) {}
  ~BatchReader() {
    Stop();
    if (thread_.joinable()) thread_.join();
  }

  Status Start() {
    in_.open(path_);
    if (!in_) return Status::IoError(path_ + ": cannot open");
    thread_ = std::thread([this] { Run(); });
    return Status::Ok();
  }

  std::optional<Batch> Next() {
    std::unique_lock lock(mu_);
    filled_.wait(lock, [&] { return !queue_.empty() || done_ || stopped_; });
    if (stopped_ || queue_.empty()) return std::nullopt;
    Batch b = std::move(queue_.front());
    queue_.pop_front();
    drained_.notify_one();
    return b;
  }

  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    filled_.notify_all();
    drained_.notify_all();
  }

  // Records read so far (all of them once Next() returned nullopt without Stop()).
  int64_t records_read() const { return records_read_; }

 private:
  void Run() {
    std::string line;
    int64_t line_no = 0;
    Batch b;
    auto hand_over = [&]() -> bool {
      b.last_id = RecordId(b.body.substr(b.body.rfind('\n', b.body.size() - 2) + 1));
      std::unique_lock lock(mu_);
      drained_.wait(lock, [&] { return queue_.size() < capacity_ || stopped_; });
      if (stopped_) return false;
      const int64_t next_index = b.index + 1;
      queue_.push_back(std::move(b));
      b = Batch{};
      b.index = next_index;
      filled_.notify_one();
      return true;
    };
    while (std::getline(in_, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      if (b.count == 0) {
        b.first_line = line_no;
        b.first_id = RecordId(line);
        b.body.reserve(static_cast<size_t>(batch_size_) * (line.size() + 16));
      }
      b.body += line;
      b.body += '\n';
      ++b.count;
      ++records_read_;
      if (b.count == batch_size_ && !hand_over()) return;
    }
    if (b.count > 0 && !hand_over()) return;
    std::lock_guard lock(mu_);
    done_ = true;
    filled_.notify_all();
  }

  std::string path_;
  int batch_size_;
  size_t capacity_;
  std::ifstream in_;
  std::thread thread_;
  std::atomic<int64_t> records_read_{0};
  std::mutex mu_;
  std::condition_variable filled_, drained_;
  std::deque<Batch> queue_;
  bool done_ = false, stopped_ = false;
};

// The acknowledgement log: one fsync'ed line per acknowledged batch.
class AckLog {
 public:
  Status Open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IoError(path + ": cannot open the acknowledgement log");
    path_ = path;
    return Status::Ok();
  }
  ~AckLog() {
    if (fd_ >= 0) ::close(fd_);
  }
  // Returns once the line is on disk.
  Status Append(int64_t first_sequence, const Batch& b) {
    if (fd_ < 0) return Status::Ok();
    const std::string line = std::to_string(first_sequence) + " " + std::to_string(b.count) + " " +
                             b.first_id + " " + b.last_id + "\n";
    std::lock_guard lock(mu_);
    if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
        ::fsync(fd_) != 0) {
      return Status::IoError(path_ + ": cannot write the acknowledgement log");
    }
    return Status::Ok();
  }

 private:
  int fd_ = -1;
  std::string path_;
  std::mutex mu_;
};

struct Totals {
  std::mutex mu;
  std::vector<double> latencies_ms;  // per acknowledged batch, the successful attempt
  int64_t observations = 0, batches = 0, replayed = 0, retries = 0;
};

// "scheme://host:port" and the path prefix of a server URL.
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return {url, ""};
  std::string prefix = url.substr(slash);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {url.substr(0, slash), prefix};
}

std::string BatchName(const Batch& b) {
  return "batch " + std::to_string(b.index) + " (lines " + std::to_string(b.first_line) + "..., " +
         std::to_string(b.count) + " records)";
}

// Posts one batch until it is acknowledged; returns the receipt's first sequence.
Result<int64_t> PostBatch(httplib::Client& client, const std::string& path, const Options& opt,
                          const Batch& b, Totals& totals) {
  const httplib::Headers headers = {
      {"Idempotency-Key", opt.key_prefix + "-" + std::to_string(b.index)}};
  for (int attempt = 0;; ++attempt) {
    const auto start = Clock::now();
    httplib::Result res = client.Post(path, headers, b.body, "application/x-ndjson");
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    double wait_s = std::min(2.0, 0.1 * (1 << std::min(attempt, 5)));
    std::string why;
    if (!res) {
      why = "connection error: " + httplib::to_string(res.error());
    } else if (res->status == 200) {
      nlohmann::json j = nlohmann::json::parse(res->body, nullptr, false);
      if (!j.is_object() || !j.contains("accepted") || !j.contains("first_sequence")) {
        return Status::Internal(BatchName(b) + ": unexpected answer: " + res->body);
      }
      if (j["accepted"].get<int64_t>() != b.count) {
        return Status::Internal(BatchName(b) + ": the server accepted " + j["accepted"].dump() +
                                " records: " + res->body);
      }
      const bool replayed = j.value("replayed", false);
      std::lock_guard lock(totals.mu);
      totals.latencies_ms.push_back(ms);
      totals.observations += b.count;
      ++totals.batches;
      totals.replayed += replayed ? 1 : 0;
      return j["first_sequence"].get<int64_t>();
    } else if (res->status == 503 || res->status == 429) {
      why = "HTTP " + std::to_string(res->status) + ": " + res->body;
      if (res->has_header("Retry-After")) {
        wait_s = std::max(wait_s, std::atof(res->get_header_value("Retry-After").c_str()));
      }
    } else {
      return Status::InvalidArgument(BatchName(b) + ": HTTP " + std::to_string(res->status) + ": " +
                                     res->body);
    }
    if (attempt >= opt.retries) {
      return Status::IoError(BatchName(b) + ": " + why + " (after " + std::to_string(attempt) +
                             " retries)");
    }
    {
      std::lock_guard lock(totals.mu);
      ++totals.retries;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
  }
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

int Run(Options opt) {
  if (opt.token.empty()) {
    const char* env = std::getenv("GUARANTOR_TOKEN");
    if (env != nullptr) opt.token = env;
  }
  if (opt.token.empty()) {
    std::cerr << "ingest_client: expected --token or GUARANTOR_TOKEN\n";
    return 2;
  }
  if (opt.key_prefix.empty()) {
    opt.key_prefix = "ingest-" + std::filesystem::path(opt.file).filename().string() + "-" +
                     std::to_string(opt.batch);
  }
  AckLog ack;
  if (!opt.ack_log.empty()) {
    if (Status s = ack.Open(opt.ack_log); !s.ok()) {
      std::cerr << "ingest_client: " << s.message() << "\n";
      return 1;
    }
  }
  BatchReader reader(opt.file, opt.batch, static_cast<size_t>(opt.connections) + 1);
  if (Status s = reader.Start(); !s.ok()) {
    std::cerr << "ingest_client: " << s.message() << "\n";
    return 1;
  }
  // Plain variables, not a structured binding: the worker lambdas below capture them.
  const auto split = SplitUrl(opt.url);
  const std::string base = split.first, prefix = split.second;
  const std::string path = prefix + "/v1/observations";
  Totals totals;
  std::mutex error_mu;
  std::optional<Status> failure;  // the first error; stops every sender
  std::atomic<int> running{opt.connections};
  const auto start = Clock::now();
  // When the last sender ended: the run's end (the loop below only looks every 200 ms).
  std::mutex end_mu;
  Clock::time_point end = start;
  std::vector<std::thread> senders;
  for (int c = 0; c < opt.connections; ++c) {
    senders.emplace_back([&] {
      httplib::Client client(base);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // headers and body go in separate writes: no Nagle wait
      client.set_bearer_token_auth(opt.token);
      client.set_connection_timeout(5);
      client.set_read_timeout(300);
      client.set_write_timeout(300);
      if (!opt.cacert.empty()) client.set_ca_cert_path(opt.cacert.c_str());
      while (std::optional<Batch> b = reader.Next()) {
        Result<int64_t> first = PostBatch(client, path, opt, *b, totals);
        Status s = first.ok() ? ack.Append(*first, *b) : first.status();
        if (!s.ok()) {
          std::lock_guard lock(error_mu);
          if (!failure) failure = s;
          reader.Stop();
          break;
        }
      }
      {
        std::lock_guard lock(end_mu);
        end = std::max(end, Clock::now());
      }
      --running;
    });
  }
  const bool tty = isatty(STDERR_FILENO) != 0;
  auto last = Clock::now();
  while (running > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (tty && Clock::now() - last >= std::chrono::seconds(1)) {
      last = Clock::now();
      std::lock_guard lock(totals.mu);
      const double s = std::chrono::duration<double>(Clock::now() - start).count();
      std::fprintf(stderr, "\ringest: %lld observations in %lld batches, %.0f obs/s   ",
                   static_cast<long long>(totals.observations),
                   static_cast<long long>(totals.batches),
                   static_cast<double>(totals.observations) / s);
      std::fflush(stderr);
    }
  }
  for (std::thread& t : senders) t.join();
  const double seconds = std::chrono::duration<double>(end - start).count();
  if (tty) std::fprintf(stderr, "\n");
  if (failure) {
    std::cerr << "ingest_client: " << failure->message() << "\n";
    std::cerr << "ingest_client: " << totals.batches << " batches (" << totals.observations
              << " observations) were acknowledged before the error\n";
    return 1;
  }
  const double rate = static_cast<double>(totals.observations) / seconds;
  const double p50 = Percentile(totals.latencies_ms, 0.50);
  const double p99 = Percentile(totals.latencies_ms, 0.99);
  if (opt.json) {
    nlohmann::ordered_json j = {{"observations", totals.observations},
                                {"batches", totals.batches},
                                {"replayed_batches", totals.replayed},
                                {"retries", totals.retries},
                                {"batch_size", opt.batch},
                                {"connections", opt.connections},
                                {"seconds", seconds},
                                {"obs_per_s", rate},
                                {"p50_ms", p50},
                                {"p99_ms", p99}};
    std::cout << j.dump() << "\n";
  } else {
    std::printf(
        "%lld observations in %lld batches of up to %d (%lld replayed, %lld retries) over %d "
        "connection(s) in %.2f s: %.0f obs/s; batch latency p50 %.1f ms, p99 %.1f ms\n",
        static_cast<long long>(totals.observations), static_cast<long long>(totals.batches),
        opt.batch, static_cast<long long>(totals.replayed), static_cast<long long>(totals.retries),
        opt.connections, seconds, rate, p50, p99);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a server killed mid-request is a connection error, not a death
  Options opt;
  CLI::App app(
      "Posts a JSON Lines file of observations to URL/v1/observations in batches, each with an "
      "Idempotency-Key \"<key-prefix>-<batch index>\" (rerunning the same file with the same batch "
      "size resumes: committed batches are acknowledged as replayed), and prints obs/s and the "
      "batch latency.",
      "ingest_client");
  app.add_option("url", opt.url, "server URL, e.g. http://127.0.0.1:8080")->required();
  app.add_option("file", opt.file, "observations, one JSON object a line")->required();
  app.add_option("--batch", opt.batch, "records per batch (default 10000)")
      ->check(CLI::Range(1, 100'000));
  app.add_option("--connections", opt.connections,
                 "parallel keep-alive connections (default 1: batches commit in file order; with "
                 "more, the order across connections is not kept)")
      ->check(CLI::Range(1, 256));
  app.add_option("--token", opt.token,
                 "API token (default: the GUARANTOR_TOKEN environment variable)");
  app.add_option("--ack-log", opt.ack_log,
                 "append \"first_sequence count first_id last_id\" per acknowledged batch, "
                 "fsync'ed when the 200 arrives");
  app.add_option("--retries", opt.retries,
                 "retries of a batch after a connection error, 503 or 429 (default 5)")
      ->check(CLI::Range(0, 1000));
  app.add_option("--key-prefix", opt.key_prefix,
                 "idempotency key prefix (default ingest-<file name>-<batch size>)");
  app.add_option("--cacert", opt.cacert, "PEM CA certificate for an https:// URL");
  app.add_flag("--json", opt.json, "print the summary as one JSON object");
  CLI11_PARSE(app, argc, argv);
  return Run(std::move(opt));
}
