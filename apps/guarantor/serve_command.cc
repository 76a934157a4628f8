// guarantor serve: the HTTP API over a data directory (docs/service.md).
//   serve --scenario DIR --data DIR [--db postgresql://...] [--host H] [--port P]
//         [--tls-cert F --tls-key F] [--web DIR] [--token-for-demo ROLE:ORG] [--json]
// The data directory holds the SQLite store (unless --db names a PostgreSQL database), the
// ledger and the keys. --web serves the built dashboard (web/dist) at /. Stops cleanly on SIGINT or
// SIGTERM.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "command_input.h"
#include "commands.h"
#include "ledger/clock.h"
#include "ledger/key_store.h"
#include "ledger/ledger.h"
#include "server/access_policy.h"
#include "server/http_service.h"
#include "store/store.h"

namespace guarantor::cli {
namespace {

struct ServeOptions {
  std::string scenario_dir, data_dir, db, host = "127.0.0.1", tls_cert, tls_key, demo_user, web;
  int port = 8080, threads = 256, concurrent_reads = 0;
  double rate = 500;
  bool json = false;
};

// Signals stop the service through this pipe, read by a waiting thread (async-signal-safe).
int g_stop_pipe[2] = {-1, -1};  // NOLINT: the only way a signal handler can reach the service
extern "C" void OnStopSignal(int) {
  const char byte = 1;
  [[maybe_unused]] ssize_t n = write(g_stop_pipe[1], &byte, 1);
}

// Adds a user for the demo (`role:organisation`), printing its token once.
Result<std::string> AddDemoUser(store::Store& st, const std::string& spec) {
  const size_t colon = spec.find(':');
  const std::string role = spec.substr(0, colon);
  if (!server::ParseRole(role) || colon == std::string::npos || colon + 1 == spec.size()) {
    return Status::InvalidArgument(
        "--token-for-demo: expected ROLE:ORGANISATION with ROLE one of " + server::RoleNames());
  }
  const std::string org = spec.substr(colon + 1);
  const std::string token = store::NewToken();
  store::User u{role + "-" + org + "-" + token.substr(3, 6),
                role,
                org,
                store::HashToken(token),
                Timestamp(0, 0).ToRfc3339(),
                ""};
  RETURN_IF_ERROR(st.AddUser(u));
  return token;
}

int RunServe(const ServeOptions& opt) {
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "serve");
  if (!loaded) return 1;
  Result<std::unique_ptr<store::Store>> st =
      store::OpenStore(opt.db.empty() ? opt.data_dir : opt.db);
  if (!st.ok()) {
    std::cerr << "serve: store: " << st.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<ledger::KeyStore> keys = ledger::NewFileKeyStore(opt.data_dir);
  ledger::SystemClock clock;
  Result<std::unique_ptr<ledger::Ledger>> lg =
      ledger::Ledger::Open(opt.data_dir, *keys, clock, ledger::LedgerStore::Mode::kCreate);
  if (!lg.ok()) {
    std::cerr << "serve: ledger: " << lg.status().message() << "\n";
    return 1;
  }
  server::ServiceConfig config;
  // The server signs the Special Commission's decisions: its key is made on first start.
  if (!keys->LoadKeyPair(config.commission_party).ok()) {
    if (Result<ledger::PublicKey> made = keys->Create(config.commission_party); !made.ok()) {
      std::cerr << "serve: the Commission's key: " << made.status().message() << "\n";
      return 1;
    }
  }
  std::string demo_token;
  if (!opt.demo_user.empty()) {
    Result<std::string> t = AddDemoUser(**st, opt.demo_user);
    if (!t.ok()) {
      std::cerr << "serve: " << t.status().message() << "\n";
      return 1;
    }
    demo_token = *t;
  }
  config.host = opt.host;
  config.port = opt.port;
  config.threads = opt.threads;
  config.concurrent_reads = opt.concurrent_reads;
  config.tls_certificate = opt.tls_cert;
  config.tls_private_key = opt.tls_key;
  config.requests_per_second = opt.rate;
  config.request_burst = 2 * opt.rate;
  config.web_root = opt.web;
  config.records_directory = opt.data_dir;
  server::HttpService service(config, loaded->scenario, *loaded->map, **st, **lg);
  if (Status s = service.Start(); !s.ok()) {
    std::cerr << "serve: " << s.message() << "\n";
    return 1;
  }
  const std::string url = std::string(service.tls() ? "https" : "http") + "://" + opt.host + ":" +
                          std::to_string(service.port());
  if (opt.json) {
    nlohmann::json j = {{"url", url}, {"store", opt.db.empty() ? "sqlite" : "postgresql"}};
    if (!demo_token.empty()) j["token"] = demo_token;
    if (!opt.web.empty()) j["dashboard"] = url + "/";
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << "guarantor serving " << url << " (store: "
              << (opt.db.empty() ? opt.data_dir + "/guarantor.db" : std::string("PostgreSQL"))
              << ")\n";
    if (!opt.web.empty()) std::cout << "dashboard: " << url << "/\n";
    if (!demo_token.empty()) {
      std::cout << "token (" << opt.demo_user << "): " << demo_token
                << "\n  try: curl -H 'Authorization: Bearer " << demo_token << "' " << url
                << "/v1/whoami\n";
    }
    std::cout << std::flush;
  }
  if (pipe(g_stop_pipe) != 0) return 1;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  std::thread stopper([&service] {
    char byte;
    if (read(g_stop_pipe[0], &byte, 1) == 1) service.Stop();
  });
  Status ran = service.Run();
  OnStopSignal(0);  // lets the stopper thread end when Run ended by itself
  stopper.join();
  if (!ran.ok()) {
    std::cerr << "serve: " << ran.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the HTTP API (docs/service.md): ingest, queries, cases, plans, ledger, live feed");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--data", opt->data_dir, "data directory: SQLite store, ledger, keys")
      ->required();
  cmd->add_option("--db", opt->db, "postgresql://... to keep the store in PostgreSQL instead");
  cmd->add_option("--host", opt->host, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", opt->port, "port (default 8080; 0: any free port)");
  cmd->add_option("--threads", opt->threads, "connections served at once (default 256)");
  cmd->add_option("--concurrent-reads", opt->concurrent_reads,
                  "queries answered at once, the rest in arrival order (default: 4 per core)");
  cmd->add_option("--rate", opt->rate, "requests per second per token (default 500, burst 2x)");
  cmd->add_option("--tls-cert", opt->tls_cert, "PEM certificate: serve HTTPS");
  cmd->add_option("--tls-key", opt->tls_key, "PEM private key of the certificate");
  cmd->add_option("--web", opt->web, "serve the built dashboard (web/dist) from DIR at /");
  cmd->add_option("--token-for-demo", opt->demo_user,
                  "create a user ROLE:ORGANISATION and print its token (demos, tests)");
  cmd->add_flag("--json", opt->json, "print the URL (and token) as one JSON object");
  cmd->callback([opt, exit_code] { *exit_code = RunServe(*opt); });
}

}  // namespace guarantor::cli
