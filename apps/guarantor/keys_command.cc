// guarantor keys: the parties' Ed25519 signing keys in a data directory (src/ledger/key_store.h).
//   keys new  --party X --data DIR [--json]   create X's key pair (secret key mode 0600)
//   keys list --data DIR [--json]             the registered public keys
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "ledger/key_store.h"
#include "ledger/ledger_entry.h"

namespace guarantor::cli {
namespace {
using nlohmann::ordered_json;

struct KeysOptions {
  std::string data_dir, party;
  bool json = false;
};

int RunKeysNew(const KeysOptions& opt) {
  if (Status valid = ledger::ValidatePartyName(opt.party); !valid.ok()) {
    std::cerr << "keys new: --" << valid.message() << "\n";
    return 1;
  }
  std::unique_ptr<ledger::KeyStore> keys = ledger::NewFileKeyStore(opt.data_dir);
  Result<ledger::PublicKey> created = keys->Create(opt.party);
  if (!created.ok()) {
    std::cerr << "keys new: " << created.status().message() << "\n";
    return 1;
  }
  const std::string public_hex = ledger::ToHex(std::span<const uint8_t>(*created));
  const std::string base = opt.data_dir + "/keys/" + opt.party;
  if (opt.json) {
    std::cout << ordered_json{{"party", opt.party},
                              {"public_key", public_hex},
                              {"public_key_file", base + ".public"},
                              {"secret_key_file", base + ".secret"}}
                     .dump()
              << "\n";
  } else {
    std::cout << "created the key pair of " << opt.party << "\n  public key " << public_hex
              << "\n  registered in " << base << ".public\n  secret key in " << base
              << ".secret (mode 0600: keep it with " << opt.party << " only)\n";
  }
  return 0;
}

int RunKeysList(const KeysOptions& opt) {
  std::unique_ptr<ledger::KeyStore> keys = ledger::NewFileKeyStore(opt.data_dir);
  Result<std::vector<std::string>> names = keys->ListNames();
  if (!names.ok()) {
    std::cerr << "keys list: " << names.status().message() << "\n";
    return 1;
  }
  ordered_json list = ordered_json::array();
  for (const std::string& name : *names) {
    Result<ledger::PublicKey> key = keys->LoadPublicKey(name);
    if (!key.ok()) {
      std::cerr << "keys list: " << key.status().message() << "\n";
      return 1;
    }
    const std::string hex = ledger::ToHex(std::span<const uint8_t>(*key));
    const bool is_log = name == ledger::kLogKeyName;
    if (opt.json) {
      list.push_back({{"name", is_log ? "log" : name},
                      {"role", is_log ? "log" : "party"},
                      {"public_key", hex}});
    } else {
      std::cout << (is_log ? "(log)" : name) << "\t" << hex << "\n";
    }
  }
  if (opt.json) std::cout << ordered_json{{"keys", list}}.dump() << "\n";
  return 0;
}

}  // namespace

void AddKeysCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<KeysOptions>();
  CLI::App* keys = app.add_subcommand(
      "keys", "Ed25519 signing keys of the parties, which sign their ledger entries");
  keys->require_subcommand(1);

  CLI::App* create = keys->add_subcommand(
      "new", "Create a party's key pair: DIR/keys/X.secret (mode 0600) and DIR/keys/X.public");
  create->add_option("--party", opt->party, "the party, e.g. FR (letters, digits, '_', '-')")
      ->required();
  create->add_option("--data", opt->data_dir, "data directory")->required();
  create->add_flag("--json", opt->json, "print the new key as one JSON object");
  create->callback([opt, exit_code] { *exit_code = RunKeysNew(*opt); });

  CLI::App* list = keys->add_subcommand("list", "List the registered public keys");
  list->add_option("--data", opt->data_dir, "data directory")->required();
  list->add_flag("--json", opt->json, "print the keys as one JSON object");
  list->callback([opt, exit_code] { *exit_code = RunKeysList(*opt); });
}

}  // namespace guarantor::cli
