// guarantor ledger submit: seals an entry with the party's own key, here, and submits it to a
// guarantor server (POST /v1/ledger/entries), which verifies it: the server never holds the key.
//   ledger submit --server URL --token T --data DIR --party X --kind K --payload FILE
//                 [--cacert PEM] [--json]
// The entry is sealed against the ledger's end as the server reports it (GET /v1/ledger/next);
// when another entry lands first (409), it is sealed again against the new end, up to 5 times.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "ledger/clock.h"
#include "ledger/key_store.h"
#include "ledger/ledger_entry.h"

namespace guarantor::cli {
namespace {

namespace lg = guarantor::ledger;

struct SubmitOptions {
  std::string server, token, data_dir, party, kind, payload_file, cacert;
  bool json = false;
};

int Fail(const std::string& message) {
  std::cerr << "ledger submit: " << message << "\n";
  return 1;
}

// The server's error message, or the HTTP status when the body is not one of its errors.
std::string ServerError(const httplib::Result& r) {
  if (!r) return "cannot reach the server: " + httplib::to_string(r.error());
  const nlohmann::json body = nlohmann::json::parse(r->body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].contains("message")) {
    return "the server answered " + std::to_string(r->status) + ": " +
           body["error"]["message"].get<std::string>();
  }
  return "the server answered " + std::to_string(r->status);
}

int RunSubmit(const SubmitOptions& opt) {
  std::optional<lg::EntryKind> kind = lg::ParseEntryKind(opt.kind);
  if (!kind) return Fail("--kind: expected one of " + lg::EntryKindNames());
  std::ifstream in(opt.payload_file);
  if (!in) return Fail("--payload " + opt.payload_file + ": cannot be read");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const nlohmann::ordered_json payload = nlohmann::ordered_json::parse(text, nullptr, false);
  if (!payload.is_object()) {
    return Fail("--payload " + opt.payload_file + ": expected a JSON object");
  }
  Result<lg::KeyPair> key = lg::NewFileKeyStore(opt.data_dir)->LoadKeyPair(opt.party);
  if (!key.ok()) return Fail(key.status().message());

  httplib::Client client(opt.server);
  if (!opt.cacert.empty()) client.set_ca_cert_path(opt.cacert.c_str());
  client.set_bearer_token_auth(opt.token.c_str());
  for (int attempt = 0; attempt < 5; ++attempt) {
    httplib::Result next = client.Get("/v1/ledger/next");
    if (!next || next->status != 200) return Fail(ServerError(next));
    const nlohmann::json place = nlohmann::json::parse(next->body, nullptr, false);
    if (!place.is_object() || !place.contains("sequence") ||
        !place["sequence"].is_number_unsigned() || !place.contains("previous_hash") ||
        !place["previous_hash"].is_string()) {
      return Fail("the server's /v1/ledger/next answer is not {sequence, previous_hash}");
    }
    Result<lg::Digest> previous =
        lg::DigestFromHex(place["previous_hash"].get<std::string>(), "previous_hash");
    if (!previous.ok()) return Fail(previous.status().message());
    lg::LedgerEntry entry;
    entry.sequence = place["sequence"].get<uint64_t>();
    entry.kind = *kind;
    entry.author = opt.party;
    entry.recorded_at = lg::SystemClock().Now().ToRfc3339();
    entry.payload = payload.dump();
    lg::SealEntry(*previous, *key, &entry);
    httplib::Result posted =
        client.Post("/v1/ledger/entries", lg::EntryToJson(entry), "application/json");
    if (posted && posted->status == 409) continue;  // another entry landed first: seal again
    if (!posted || posted->status != 201) return Fail(ServerError(posted));
    if (opt.json) {
      std::cout << posted->body << "\n";
    } else {
      std::cout << "entry " << entry.sequence << " (" << opt.kind << " by " << opt.party
                << ") appended; the server's new tree head:\n"
                << nlohmann::ordered_json::parse(posted->body)["head"].dump() << "\n";
    }
    return 0;
  }
  return Fail("the ledger kept moving: 5 attempts to seal against its end failed");
}

}  // namespace

void AddLedgerSubmitCommand(CLI::App* ledger, int* exit_code) {
  auto opt = std::make_shared<SubmitOptions>();
  CLI::App* submit = ledger->add_subcommand(
      "submit",
      "Seal an entry with the party's key here and submit it to a guarantor server, which "
      "verifies it (the server never holds the key)");
  submit->add_option("--server", opt->server, "the server's URL, e.g. https://host:8443")
      ->required();
  submit->add_option("--token", opt->token, "your API token")
      ->required()
      ->envname("GUARANTOR_TOKEN");
  submit->add_option("--data", opt->data_dir, "data directory holding keys/PARTY.secret")
      ->required();
  submit->add_option("--party", opt->party, "the authoring party, whose key signs")->required();
  submit->add_option("--kind", opt->kind, "one of " + lg::EntryKindNames())->required();
  submit->add_option("--payload", opt->payload_file, "JSON object file")->required();
  submit->add_option("--cacert", opt->cacert, "PEM certificate to trust for https");
  submit->add_flag("--json", opt->json, "print the server's answer as one JSON object");
  submit->callback([opt, exit_code] { *exit_code = RunSubmit(*opt); });
}

}  // namespace guarantor::cli
