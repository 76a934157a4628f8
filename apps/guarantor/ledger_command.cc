// guarantor ledger: the signed, hash-chained ledger of a data directory (docs/ledger.md).
//   ledger append       --data DIR --party X --kind K --payload FILE   sign with X's key, append
//   ledger verify       --data DIR [--head FILE]... [--keys DIR]       check everything; exit 1
//   ledger head         --data DIR                                     the signed tree head JSON
//   ledger check-head   --data DIR --head FILE                         a kept head vs the ledger
//   ledger proof        --data DIR --entry N [--size M]                inclusion proof JSON
//   ledger consistency  --data DIR --from M [--to N]                   consistency proof JSON
//   ledger verify-proof --proof FILE [--head FILE]                     check a proof offline
//   ledger compare-heads --head A --head B (--keys DIR | --log-key HEX) [--proof FILE]
//                                                      two delegations' kept heads: same, fork?
// Every subcommand takes --json; errors go to standard error and exit 1.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "commands.h"
#include "ledger/key_store.h"
#include "ledger/ledger.h"
#include "ledger/ledger_verifier.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_document.h"

namespace guarantor::cli {
namespace {
using nlohmann::ordered_json;
namespace lg = ledger;

struct LedgerOptions {
  std::string data_dir, party, kind, payload_file, head_file, proof_file;
  std::string trusted_keys_dir;  // --keys: where the trusted public keys are (default: data_dir)
  std::string log_key_hex;       // --log-key: the trusted log key itself
  std::vector<std::string> head_files;
  uint64_t entry = 0, from = 0;
  std::optional<uint64_t> size, to;
  bool json = false;
};

// The whole of `path` ("-": standard input).
Result<std::string> ReadText(const std::string& path, std::string_view what) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(std::string(what) + ": " + path +
                            ": expected a readable file; found "
                            "none");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<lg::SignedTreeHead> ReadHead(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadText(path, "--head"));
  Result<lg::SignedTreeHead> head = lg::TreeHeadFromJson(text);
  if (!head.ok()) return Status::InvalidArgument(path + ": " + head.status().message());
  return head;
}

int Fail(std::string_view command, const Status& status) {
  std::cerr << "ledger " << command << ": " << status.message() << "\n";
  return 1;
}

ordered_json ParsedJson(std::string_view text) { return ordered_json::parse(text); }

ordered_json EntryJson(const lg::LedgerEntry& e) {
  return {{"sequence", e.sequence},
          {"kind", std::string(lg::ToString(e.kind))},
          {"author", e.author},
          {"recorded_at", e.recorded_at},
          {"payload", ParsedJson(e.payload)},
          {"previous_hash", lg::ToHex(e.previous_hash)},
          {"entry_hash", lg::ToHex(e.entry_hash)},
          {"signature", lg::ToHex(std::span<const uint8_t>(e.signature))}};
}

// Opens the ledger of `opt.data_dir` for `command`; nullptr after printing why.
struct OpenLedger {
  std::unique_ptr<lg::KeyStore> keys;
  lg::SystemClock clock;
  std::unique_ptr<lg::Ledger> ledger;
};
std::unique_ptr<OpenLedger> Open(const LedgerOptions& opt, std::string_view command,
                                 lg::LedgerStore::Mode mode) {
  auto open = std::make_unique<OpenLedger>();
  open->keys = lg::NewFileKeyStore(opt.data_dir);
  Result<std::unique_ptr<lg::Ledger>> ledger =
      lg::Ledger::Open(opt.data_dir, *open->keys, open->clock, mode);
  if (!ledger.ok()) {
    Fail(command, ledger.status());
    return nullptr;
  }
  open->ledger = std::move(*ledger);
  return open;
}

int RunAppend(const LedgerOptions& opt) {
  std::optional<lg::EntryKind> kind = lg::ParseEntryKind(opt.kind);
  if (!kind) {
    return Fail("append",
                Status::InvalidArgument("--kind: expected one of " + lg::EntryKindNames() +
                                        "; found \"" + opt.kind + "\""));
  }
  Result<std::string> payload = ReadText(opt.payload_file, "--payload");
  if (!payload.ok()) return Fail("append", payload.status());
  std::unique_ptr<OpenLedger> open = Open(opt, "append", lg::LedgerStore::Mode::kCreate);
  if (!open) return 1;
  Result<lg::LedgerEntry> entry = open->ledger->Append(*kind, opt.party, *payload);
  if (!entry.ok()) {
    const std::string& message = entry.status().message();
    if (message.starts_with("payload:")) {
      const std::string file = opt.payload_file == "-" ? "standard input" : opt.payload_file;
      return Fail("append", Status::InvalidArgument("--payload " + file + ": " + message));
    }
    return Fail("append", entry.status());
  }
  Result<lg::SignedTreeHead> head = open->ledger->LatestHead();
  if (!head.ok()) return Fail("append", head.status());
  if (opt.json) {
    std::cout << ordered_json{{"entry", EntryJson(*entry)},
                              {"tree_head", ParsedJson(lg::TreeHeadToJson(*head))}}
                     .dump()
              << "\n";
  } else {
    std::cout << "appended entry " << entry->sequence << " (" << lg::ToString(entry->kind) << " by "
              << entry->author << ", " << entry->recorded_at << ")\n  entry hash "
              << lg::ToHex(entry->entry_hash) << "\n  tree head: size " << head->tree_size
              << ", root " << lg::ToHex(head->root_hash) << "\n";
  }
  return 0;
}

int RunVerify(const LedgerOptions& opt) {
  std::vector<lg::SignedTreeHead> kept;
  for (const std::string& file : opt.head_files) {
    Result<lg::SignedTreeHead> head = ReadHead(file);
    if (!head.ok()) return Fail("verify", head.status());
    kept.push_back(*head);
  }
  std::unique_ptr<lg::KeyStore> keys =
      lg::NewFileKeyStore(opt.trusted_keys_dir.empty() ? opt.data_dir : opt.trusted_keys_dir);
  Result<std::unique_ptr<lg::LedgerStore>> store =
      lg::LedgerStore::Open(lg::LedgerDatabasePath(opt.data_dir), lg::LedgerStore::Mode::kExisting);
  if (!store.ok()) return Fail("verify", store.status());
  Result<lg::VerifyReport> report = lg::VerifyLedger(**store, *keys, kept);
  if (!report.ok()) return Fail("verify", report.status());
  if (opt.json) {
    ordered_json problems = ordered_json::array();
    for (const lg::LedgerProblem& p : report->problems) {
      ordered_json j = {{"kind", std::string(lg::ToString(p.kind))}};
      j["sequence"] = p.sequence ? ordered_json(*p.sequence) : ordered_json(nullptr);
      j["message"] = p.message;
      problems.push_back(j);
    }
    ordered_json out = {{"ok", report->ok()},
                        {"entries", report->entries},
                        {"verified_entries", report->verified_entries},
                        {"tree_heads_checked", report->tree_heads_checked}};
    out["root_hash"] =
        report->root_hash ? ordered_json(lg::ToHex(*report->root_hash)) : ordered_json(nullptr);
    out["problems"] = problems;
    std::cout << out.dump() << "\n";
  } else if (report->ok()) {
    std::cout << "ledger verified: " << report->entries << " entries, "
              << report->tree_heads_checked << " signed tree heads, root "
              << lg::ToHex(*report->root_hash) << "\n";
  } else {
    const lg::LedgerProblem& first = report->problems.front();
    std::cout << "ledger NOT verified: " << lg::ToString(first.kind);
    if (first.sequence) std::cout << " at sequence " << *first.sequence;
    std::cout << ": " << first.message << "\n";
    for (size_t i = 1; i < report->problems.size(); ++i) {
      std::cout << "  also " << lg::ToString(report->problems[i].kind) << ": "
                << report->problems[i].message << "\n";
    }
    std::cout << "  " << report->verified_entries << " of " << report->entries
              << " entries verified before the first problem\n";
  }
  return report->ok() ? 0 : 1;
}

int RunHead(const LedgerOptions& opt) {
  std::unique_ptr<OpenLedger> open = Open(opt, "head", lg::LedgerStore::Mode::kExisting);
  if (!open) return 1;
  Result<lg::SignedTreeHead> head = open->ledger->LatestHead();
  if (!head.ok()) return Fail("head", head.status());
  std::cout << lg::TreeHeadToJson(*head) << "\n";
  return 0;
}

int RunCheckHead(const LedgerOptions& opt) {
  Result<lg::SignedTreeHead> kept = ReadHead(opt.head_file);
  if (!kept.ok()) return Fail("check-head", kept.status());
  std::unique_ptr<OpenLedger> open = Open(opt, "check-head", lg::LedgerStore::Mode::kExisting);
  if (!open) return 1;
  Result<lg::KeptHeadCheck> check = open->ledger->CheckKeptHead(*kept);
  if (!check.ok()) return Fail("check-head", check.status());
  const char* outcome = check->outcome == lg::KeptHeadCheck::Outcome::kConsistent  ? "consistent"
                        : check->outcome == lg::KeptHeadCheck::Outcome::kRewritten ? "rewritten"
                                                                                   : "truncated";
  if (opt.json) {
    ordered_json out = {{"outcome", outcome},
                        {"explanation", check->explanation},
                        {"kept_head", ParsedJson(lg::TreeHeadToJson(*kept))},
                        {"current_head", ParsedJson(lg::TreeHeadToJson(check->current))}};
    if (check->proof)
      out["consistency_proof"] = ParsedJson(lg::ConsistencyProofToJson(*check->proof));
    if (check->conflicting_head) {
      out["conflicting_head"] = ParsedJson(lg::TreeHeadToJson(*check->conflicting_head));
    }
    std::cout << out.dump() << "\n";
  } else {
    std::cout << outcome << ": " << check->explanation << "\n";
    if (check->conflicting_head) {
      std::cout << "  fork proof: the kept head and this head, both signed by the log:\n  "
                << lg::TreeHeadToJson(*check->conflicting_head) << "\n";
    }
  }
  return check->outcome == lg::KeptHeadCheck::Outcome::kConsistent ? 0 : 1;
}

int RunProof(const LedgerOptions& opt) {
  std::unique_ptr<OpenLedger> open = Open(opt, "proof", lg::LedgerStore::Mode::kExisting);
  if (!open) return 1;
  Result<lg::InclusionProofDocument> proof = open->ledger->ProveInclusion(opt.entry, opt.size);
  if (!proof.ok()) return Fail("proof", proof.status());
  Result<lg::LedgerEntry> entry = open->ledger->ReadEntry(opt.entry);
  if (!entry.ok()) return Fail("proof", entry.status());
  // The proof document, with the entry itself: whoever holds it can recompute the leaf hash.
  ordered_json out = ParsedJson(lg::InclusionProofToJson(*proof));
  out["entry"] = ParsedJson(lg::EntryToJson(*entry));
  std::cout << out.dump() << "\n";
  return 0;
}

int RunConsistency(const LedgerOptions& opt) {
  std::unique_ptr<OpenLedger> open = Open(opt, "consistency", lg::LedgerStore::Mode::kExisting);
  if (!open) return 1;
  Result<lg::ConsistencyProofDocument> proof = open->ledger->ProveConsistency(opt.from, opt.to);
  if (!proof.ok()) return Fail("consistency", proof.status());
  std::cout << lg::ConsistencyProofToJson(*proof) << "\n";
  return 0;
}

// Checks a proof document with no ledger at all, optionally against a kept tree head's root.
int RunVerifyProof(const LedgerOptions& opt) {
  Result<std::string> text = ReadText(opt.proof_file, "--proof");
  if (!text.ok()) return Fail("verify-proof", text.status());
  std::optional<lg::SignedTreeHead> head;
  if (!opt.head_file.empty()) {
    Result<lg::SignedTreeHead> read = ReadHead(opt.head_file);
    if (!read.ok()) return Fail("verify-proof", read.status());
    head = *read;
  }
  const bool is_consistency = text->find("\"consistency_path\"") != std::string::npos;
  Status verified;
  std::string what;
  if (is_consistency) {
    Result<lg::ConsistencyProofDocument> proof = lg::ConsistencyProofFromJson(*text);
    if (!proof.ok()) return Fail("verify-proof", proof.status());
    verified = lg::VerifyConsistencyProof(*proof);
    what = "the tree of size " + std::to_string(proof->first_size) +
           " is a prefix of the tree of size " + std::to_string(proof->second_size);
    if (verified.ok() && head) {
      const bool matches =
          (head->tree_size == proof->first_size && head->root_hash == proof->first_root) ||
          (head->tree_size == proof->second_size && head->root_hash == proof->second_root);
      if (!matches) {
        verified = Status::InvalidArgument(
            "the proof holds, but neither of its trees is the kept head's (size " +
            std::to_string(head->tree_size) + ", root " + lg::ToHex(head->root_hash) + ")");
      }
    }
  } else {
    Result<lg::InclusionProofDocument> proof = lg::InclusionProofFromJson(*text);
    if (!proof.ok()) return Fail("verify-proof", proof.status());
    verified = lg::VerifyInclusionProof(*proof);
    what = "leaf " + std::to_string(proof->leaf_index) + " is in the tree of size " +
           std::to_string(proof->tree_size);
    // With the entry attached: it must be that leaf, and (given --keys) signed by its author.
    const ordered_json document = ordered_json::parse(*text, nullptr, false);
    if (verified.ok() && document.is_object() && document.contains("entry")) {
      Result<lg::LedgerEntry> entry = lg::EntryFromJson(document["entry"].dump());
      if (!entry.ok()) return Fail("verify-proof", entry.status());
      if (entry->sequence != proof->leaf_index || lg::EntryLeafHash(*entry) != proof->leaf_hash) {
        verified = Status::InvalidArgument(
            "the attached entry is not the proven leaf: its sequence or leaf hash differs");
      } else if (lg::Sha256(lg::EncodeEntryBody(*entry)) != entry->entry_hash) {
        verified = Status::InvalidArgument("the attached entry's fields do not give its hash");
      } else {
        what = "entry " + std::to_string(entry->sequence) + " (" +
               std::string(lg::ToString(entry->kind)) + " by " + entry->author +
               ") is in the tree of size " + std::to_string(proof->tree_size);
        if (!opt.trusted_keys_dir.empty()) {
          Result<lg::PublicKey> author =
              lg::NewFileKeyStore(opt.trusted_keys_dir)->LoadPublicKey(entry->author);
          if (!author.ok()) return Fail("verify-proof", author.status());
          if (!lg::VerifySignature(*author, lg::EncodeEntryBody(*entry), entry->signature)) {
            verified = Status::InvalidArgument("the attached entry is not signed by " +
                                               entry->author + "'s registered key");
          } else {
            what += ", signed by " + entry->author;
          }
        }
      }
    }
    if (verified.ok() && head &&
        (head->tree_size != proof->tree_size || head->root_hash != proof->root_hash)) {
      verified = Status::InvalidArgument(
          "the proof holds, but for another tree than the kept head's (size " +
          std::to_string(head->tree_size) + ", root " + lg::ToHex(head->root_hash) + ")");
    }
  }
  if (opt.json) {
    ordered_json out = {{"ok", verified.ok()}, {"statement", what}};
    if (!verified.ok()) out["error"] = verified.message();
    std::cout << out.dump() << "\n";
  } else if (verified.ok()) {
    std::cout << "proof verified: " << what << (head ? " (the kept head's tree)" : "") << "\n";
  } else {
    std::cout << "proof NOT verified: " << verified.message() << "\n";
  }
  return verified.ok() ? 0 : 1;
}

// Two kept heads compared with no ledger: what two delegations do when they meet.
int RunCompareHeads(const LedgerOptions& opt) {
  if (opt.head_files.size() != 2) {
    return Fail("compare-heads", Status::InvalidArgument("--head: expected exactly two kept heads; "
                                                         "found " +
                                                         std::to_string(opt.head_files.size())));
  }
  lg::PublicKey log_key;
  if (!opt.log_key_hex.empty()) {
    if (Status s = lg::DecodeHex(opt.log_key_hex, log_key, "--log-key"); !s.ok()) {
      return Fail("compare-heads", s);
    }
  } else if (!opt.trusted_keys_dir.empty()) {
    Result<lg::PublicKey> key =
        lg::NewFileKeyStore(opt.trusted_keys_dir)->LoadPublicKey(lg::kLogKeyName);
    if (!key.ok()) return Fail("compare-heads", key.status());
    log_key = *key;
  } else {
    return Fail("compare-heads",
                Status::InvalidArgument("expected --keys DIR or --log-key HEX: the log key both "
                                        "heads must be signed with; found neither"));
  }
  std::vector<lg::SignedTreeHead> heads;
  for (const std::string& file : opt.head_files) {
    Result<lg::SignedTreeHead> head = ReadHead(file);
    if (!head.ok()) return Fail("compare-heads", head.status());
    if (Status s = lg::VerifyTreeHeadSignature(*head, log_key); !s.ok()) {
      return Fail("compare-heads", Status::InvalidArgument(file + ": " + s.message()));
    }
    heads.push_back(*head);
  }
  if (heads[0].tree_size > heads[1].tree_size) std::swap(heads[0], heads[1]);
  std::string outcome, explanation;
  switch (lg::CompareTreeHeads(heads[0], heads[1])) {
    case lg::HeadComparison::kSameTree:
      outcome = "same_tree";
      explanation = "both heads are the tree of size " + std::to_string(heads[0].tree_size) +
                    " with root " + lg::ToHex(heads[0].root_hash);
      break;
    case lg::HeadComparison::kFork:
      outcome = "fork";
      explanation = "two heads of size " + std::to_string(heads[0].tree_size) +
                    ", both signed by the log key, with roots " + lg::ToHex(heads[0].root_hash) +
                    " and " + lg::ToHex(heads[1].root_hash) +
                    ": the log showed two different histories, and the two files prove it";
      break;
    case lg::HeadComparison::kNeedsProof: {
      const std::string ask = "guarantor ledger consistency --from " +
                              std::to_string(heads[0].tree_size) + " --to " +
                              std::to_string(heads[1].tree_size);
      if (opt.proof_file.empty()) {
        outcome = "needs_proof";
        explanation = "the heads have different sizes: ask the log for `" + ask +
                      "` and pass it with --proof";
        break;
      }
      Result<std::string> text = ReadText(opt.proof_file, "--proof");
      if (!text.ok()) return Fail("compare-heads", text.status());
      Result<lg::ConsistencyProofDocument> proof = lg::ConsistencyProofFromJson(*text);
      if (!proof.ok()) return Fail("compare-heads", proof.status());
      // The sizes and roots come from the signed heads, never from the proof document.
      Status consistent =
          lg::VerifyConsistency(heads[0].tree_size, heads[1].tree_size, heads[0].root_hash,
                                heads[1].root_hash, proof->consistency_path);
      outcome = consistent.ok() ? "consistent" : "not_shown_consistent";
      explanation = consistent.ok() ? "the head of size " + std::to_string(heads[0].tree_size) +
                                          " is a prefix of the head of size " +
                                          std::to_string(heads[1].tree_size)
                                    : "the proof does not show the smaller head to be a prefix "
                                      "of the larger: " +
                                          consistent.message();
      break;
    }
  }
  if (opt.json) {
    std::cout << ordered_json{{"outcome", outcome}, {"explanation", explanation}}.dump() << "\n";
  } else {
    std::cout << outcome << ": " << explanation << "\n";
  }
  return outcome == "same_tree" || outcome == "consistent" ? 0 : 1;
}

}  // namespace

void AddLedgerCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<LedgerOptions>();
  CLI::App* ledger = app.add_subcommand(
      "ledger",
      "The tamper-evident ledger of pledges, commitments, Commission decisions and activations: "
      "entries signed by their author and hash-chained, a Merkle tree with signed tree heads");
  ledger->require_subcommand(1);
  auto data = [&](CLI::App* cmd) {
    cmd->add_option("--data", opt->data_dir, "data directory (holds ledger.db and keys/)")
        ->required();
  };
  auto json = [&](CLI::App* cmd, const char* what) { cmd->add_flag("--json", opt->json, what); };

  CLI::App* append = ledger->add_subcommand(
      "append", "Append an entry signed with the party's key; prints it once it is durable");
  data(append);
  append->add_option("--party", opt->party, "the authoring party, whose key signs")->required();
  append->add_option("--kind", opt->kind, "one of " + lg::EntryKindNames())->required();
  append->add_option("--payload", opt->payload_file, "JSON object file ('-': standard input)")
      ->required();
  json(append, "print the entry and the new tree head as one JSON object");
  append->callback([opt, exit_code] { *exit_code = RunAppend(*opt); });

  CLI::App* verify = ledger->add_subcommand(
      "verify",
      "Check every entry (hash, signature, chain, sequence) and every signed tree head; name the "
      "first bad entry. Exit 1 on any problem");
  data(verify);
  verify->add_option("--head", opt->head_files,
                     "a tree head kept outside the data directory (repeatable)");
  verify->add_option("--keys", opt->trusted_keys_dir,
                     "a directory whose keys/ holds the public keys to trust (default: --data): "
                     "a registry kept apart from the ledger");
  json(verify, "print the report as one JSON object");
  verify->callback([opt, exit_code] { *exit_code = RunVerify(*opt); });

  CLI::App* head = ledger->add_subcommand(
      "head", "Print the current signed tree head (JSON): keep it to detect a rewritten history");
  data(head);
  json(head, "the head is always printed as JSON; accepted for uniformity");
  head->callback([opt, exit_code] { *exit_code = RunHead(*opt); });

  CLI::App* check = ledger->add_subcommand(
      "check-head",
      "Is a kept tree head consistent with the current ledger? Exit 1 if the history was "
      "rewritten (with a fork proof when the log signed both) or truncated");
  data(check);
  check->add_option("--head", opt->head_file, "the kept tree head (JSON file)")->required();
  json(check, "print the outcome, both heads and the proof as one JSON object");
  check->callback([opt, exit_code] { *exit_code = RunCheckHead(*opt); });

  CLI::App* proof = ledger->add_subcommand(
      "proof", "Print the inclusion proof (RFC 9162) of an entry in the tree of a given size");
  data(proof);
  proof->add_option("--entry", opt->entry, "the entry's sequence (0-based)")->required();
  proof->add_option("--size", opt->size, "the tree size (default: the whole ledger)");
  json(proof, "the proof is always printed as JSON; accepted for uniformity");
  proof->callback([opt, exit_code] { *exit_code = RunProof(*opt); });

  CLI::App* consistency = ledger->add_subcommand(
      "consistency", "Print the consistency proof (RFC 9162) between two tree sizes");
  data(consistency);
  consistency->add_option("--from", opt->from, "the older tree size")->required();
  consistency->add_option("--to", opt->to, "the newer tree size (default: the whole ledger)");
  json(consistency, "the proof is always printed as JSON; accepted for uniformity");
  consistency->callback([opt, exit_code] { *exit_code = RunConsistency(*opt); });

  CLI::App* verify_proof = ledger->add_subcommand(
      "verify-proof",
      "Check an inclusion or consistency proof without the ledger, optionally against a kept "
      "tree head");
  verify_proof->add_option("--proof", opt->proof_file, "proof JSON file ('-': standard input)")
      ->required();
  verify_proof->add_option("--head", opt->head_file, "a kept tree head the proof must match");
  verify_proof->add_option("--keys", opt->trusted_keys_dir,
                           "a directory whose keys/ holds the public keys to check the attached "
                           "entry's signature with");
  json(verify_proof, "print the result as one JSON object");
  verify_proof->callback([opt, exit_code] { *exit_code = RunVerifyProof(*opt); });

  CLI::App* compare = ledger->add_subcommand(
      "compare-heads",
      "Compare two kept tree heads without the ledger: the same tree, a fork (two signed heads of "
      "one size with different roots: proof the log showed two histories), or, for different "
      "sizes, consistent given the log's consistency proof. Exit 1 unless shown the same or "
      "consistent");
  compare->add_option("--head", opt->head_files, "a kept tree head (give exactly two)")->required();
  compare->add_option("--keys", opt->trusted_keys_dir,
                      "a directory whose keys/_log.public is the log key to trust");
  compare->add_option("--log-key", opt->log_key_hex, "the log key to trust, 64 hex digits");
  compare->add_option("--proof", opt->proof_file,
                      "the log's consistency proof between the two sizes (JSON file)");
  json(compare, "print the outcome as one JSON object");
  compare->callback([opt, exit_code] { *exit_code = RunCompareHeads(*opt); });
  AddLedgerSubmitCommand(ledger, exit_code);
}

}  // namespace guarantor::cli
