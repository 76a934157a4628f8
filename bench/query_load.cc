// query_load: an open-loop load of read queries on a guarantor server, over a fixed number of
// keep-alive connections, reporting latency percentiles (docs/benchmarks.md, HTTP service).
//
//   query_load URL --paths FILE --token T [--connections 200] [--rate 2000] [--seconds 10]
//              [--warmup 2] [--json]
//
// Contracts:
// - Open loop: request k of a connection is due at start + phase + k * connections / rate,
//   whatever happened to request k-1 (a uniform random phase per connection spreads the load).
//   Its latency is measured from when it was due, not from when it was sent, so that a server
//   falling behind shows in the percentiles instead of slowing the load down (the coordinated
//   omission wrk's closed loop has).
// - Requests rotate through the lines of --paths (one path with its query string per line), each
//   connection starting at its own offset; every request carries the bearer token.
// - Latencies of the first --warmup seconds are not counted. Any answer other than 200 counts as
//   an error; the run still finishes. Exit status 1 when any request failed.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string url, paths_file, token;
  int connections = 200;
  double rate = 2000;  // requests per second over all connections
  double seconds = 10, warmup = 2;
  bool json = false;
};

struct ConnectionResult {
  std::vector<double> latencies_ms;  // after the warm-up
  int64_t sent = 0, errors = 0;
};

void RunConnection(const Options& opt, const std::vector<std::string>& paths, int index,
                   Clock::time_point start, ConnectionResult* out) {
  httplib::Client client(opt.url);
  client.set_keep_alive(true);
  client.set_read_timeout(30, 0);
  client.set_tcp_nodelay(true);
  const httplib::Headers headers = {{"Authorization", "Bearer " + opt.token}};
  std::mt19937_64 random(static_cast<uint64_t>(index) * 7919 + 1);
  const double interval_s = opt.connections / opt.rate;
  const double phase_s = std::uniform_real_distribution<double>(0, interval_s)(random);
  const auto end = start + std::chrono::duration<double>(opt.warmup + opt.seconds);
  const auto counted_from = start + std::chrono::duration<double>(opt.warmup);
  size_t next_path = static_cast<size_t>(index) % paths.size();
  for (int64_t k = 0;; ++k) {
    const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(phase_s + k * interval_s));
    if (due >= end) break;
    std::this_thread::sleep_until(due);
    httplib::Result r = client.Get(paths[next_path], headers);
    next_path = (next_path + 1) % paths.size();
    const auto done = Clock::now();
    ++out->sent;
    if (!r || r->status != 200) ++out->errors;
    if (due >= counted_from) {
      out->latencies_ms.push_back(std::chrono::duration<double, std::milli>(done - due).count());
    }
  }
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * (sorted.size() - 1) + 0.5));
  return sorted[i];
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  CLI::App app("Open-loop read load on a guarantor server; latency percentiles from due times");
  app.add_option("url", opt.url, "http://host:port")->required();
  app.add_option("--paths", opt.paths_file, "file of request paths, one per line")->required();
  app.add_option("--token", opt.token, "bearer token")->required();
  app.add_option("--connections", opt.connections, "keep-alive connections")
      ->check(CLI::Range(1, 4096));
  app.add_option("--rate", opt.rate, "requests per second over all connections")
      ->check(CLI::PositiveNumber);
  app.add_option("--seconds", opt.seconds, "measured duration")->check(CLI::PositiveNumber);
  app.add_option("--warmup", opt.warmup, "seconds not counted at the start")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--json", opt.json, "machine-readable summary");
  CLI11_PARSE(app, argc, argv);

  std::ifstream in(opt.paths_file);
  std::vector<std::string> paths;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) paths.push_back(line);
  }
  if (paths.empty()) {
    std::cerr << "query_load: --paths " << opt.paths_file
              << ": expected one request path per line; found none\n";
    return 2;
  }
  std::vector<ConnectionResult> results(static_cast<size_t>(opt.connections));
  std::vector<std::thread> threads;
  const auto start = Clock::now() + std::chrono::milliseconds(200);  // all threads started
  for (int i = 0; i < opt.connections; ++i) {
    threads.emplace_back(RunConnection, std::cref(opt), std::cref(paths), i, start,
                         &results[static_cast<size_t>(i)]);
  }
  for (std::thread& t : threads) t.join();

  std::vector<double> all;
  int64_t sent = 0, errors = 0;
  for (const ConnectionResult& r : results) {
    all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    sent += r.sent;
    errors += r.errors;
  }
  std::sort(all.begin(), all.end());
  const double p50 = Percentile(all, 0.50), p90 = Percentile(all, 0.90);
  const double p99 = Percentile(all, 0.99), p999 = Percentile(all, 0.999);
  const double max = all.empty() ? 0 : all.back();
  const double achieved = static_cast<double>(all.size()) / opt.seconds;
  if (opt.json) {
    std::cout << nlohmann::json{{"connections", opt.connections},
                                {"offered_rate", opt.rate},
                                {"achieved_rate", achieved},
                                {"requests", sent},
                                {"errors", errors},
                                {"p50_ms", p50},
                                {"p90_ms", p90},
                                {"p99_ms", p99},
                                {"p999_ms", p999},
                                {"max_ms", max}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "%d connections, offered %.0f/s, answered %.0f/s in the measured %.0f s, %lld errors\n"
        "latency from due time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f "
        "ms\n",
        opt.connections, opt.rate, achieved, opt.seconds, static_cast<long long>(errors), p50, p90,
        p99, p999, max);
  }
  return errors == 0 ? 0 : 1;
}
