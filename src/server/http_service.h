// HttpService: the guarantor HTTP API (docs/service.md, docs/openapi.yaml) over cpp-httplib:
// batch ingest of observations, queries and exports of observations, incidents, violations and
// cases, case triage, pledges, commitments, force coverage and what-if, activations, the ledger
// and its proofs, a live feed (Server-Sent Events), /metrics and /healthz.
//
// Every endpoint but /healthz needs a bearer token. The request wrapper authenticates the token,
// asks the access policy whether the role may perform the endpoint's action, applies the
// per-token rate limit and hands the handler the caller's read scope and detail: handlers never
// decide access themselves. Errors are JSON objects {"error": {"status", "message"}} naming the
// parameter, field or record at fault.
//
// Thread safety: Start() once, then Run() on one thread; Stop() from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "base/status.h"
#include "ledger/ledger.h"
#include "monitor/agreement_map.h"
#include "scenario/scenario.h"
#include "server/ingest_decoder.h"
#include "store/store.h"

namespace guarantor::server {

struct ServiceConfig {
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port (see HttpService::port())
  std::string tls_certificate;  // PEM files; both set: HTTPS
  std::string tls_private_key;
  int threads = 256;  // connections served at once (each live-feed reader holds one)
  // GET handlers running at once; the others wait in arrival order (server/internal/
  // handler_gate.h). 0: four per core, the best of 2, 4, 6, 8 and 16 on two cores under 200
  // busy connections (docs/benchmarks.md); more only adds threads taking turns on the same cores.
  int concurrent_reads = 0;
  size_t max_body_bytes = 64u << 20;
  double requests_per_second = 500;  // per token, sustained
  double request_burst = 1000;       // per token, at once
  IngestLimits ingest;
  // A directory of static files (the built dashboard, web/dist) served at / without a token,
  // under a Content-Security-Policy that lets pages load only from this server. Empty: none.
  std::string web_root;
  // A token found valid is looked up again after this long: the time a revocation takes.
  double token_recheck_seconds = 5;
  // The party whose key signs Special Commission decisions on the ledger. The server runs the
  // Commission's case workflow, so it holds this one key (never a delegation's).
  std::string commission_party = "commission";
  // Where the text of the derived records (incidents, cases) waits, in an unnamed file, while
  // the service runs: `serve` gives its data directory. Empty: the system's temporary directory.
  std::string records_directory;
  // How often the service looks for remedies whose deadline has passed (by the ledger's clock,
  // in the agreement's local time), each announced once on the live feed as "remedy_overdue".
  double remedy_check_seconds = 60;
};

class HttpService {
 public:
  // REQUIRES: every argument outlives the service.
  HttpService(ServiceConfig config, const Scenario& scenario, const AgreementMap& map,
              store::Store& store, ledger::Ledger& ledger);
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  // Rebuilds the engine's state from the store and binds the port. Errors name the cause.
  Status Start();
  // Serves until Stop().
  Status Run();
  void Stop();
  int port() const;
  bool tls() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guarantor::server
