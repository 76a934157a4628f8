// guarantor users: the API's users and their tokens (docs/service.md §4).
//   users add --data DIR|--db URL --id ID --role ROLE --organisation ORG [--json]
//       prints the new token once; only its SHA-256 is stored
//   users list --data DIR|--db URL [--json]
//   users revoke --data DIR|--db URL --id ID [--json]
//       the user's token is refused from then on (a running server within 5 seconds)
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "ledger/clock.h"
#include "server/access_policy.h"
#include "store/store.h"

namespace guarantor::cli {
namespace {

struct UsersOptions {
  std::string data_dir, db, id, role, organisation;
  bool json = false;
};

Result<std::unique_ptr<store::Store>> Open(const UsersOptions& opt) {
  if (opt.db.empty() && opt.data_dir.empty()) {
    return Status::InvalidArgument("expected --data DIR or --db postgresql://...");
  }
  return store::OpenStore(opt.db.empty() ? opt.data_dir : opt.db);
}

int RunAdd(const UsersOptions& opt) {
  if (!server::ParseRole(opt.role)) {
    std::cerr << "users add: --role: expected one of " << server::RoleNames() << "; found \""
              << opt.role << "\"\n";
    return 1;
  }
  Result<std::unique_ptr<store::Store>> st = Open(opt);
  if (!st.ok()) {
    std::cerr << "users add: " << st.status().message() << "\n";
    return 1;
  }
  const std::string token = store::NewToken();
  store::User u{opt.id,
                opt.role,
                opt.organisation,
                store::HashToken(token),
                ledger::SystemClock().Now().ToRfc3339(),
                ""};
  if (Status s = (*st)->AddUser(u); !s.ok()) {
    std::cerr << "users add: " << s.message() << "\n";
    return 1;
  }
  if (opt.json) {
    std::cout << nlohmann::json{{"id", u.id},
                                {"role", u.role},
                                {"organisation", u.organisation},
                                {"token", token}}
                     .dump()
              << "\n";
  } else {
    std::cout << "added " << u.id << " (" << u.role << ", " << u.organisation
              << ")\ntoken: " << token << "\n(shown once: only its hash is stored)\n";
  }
  return 0;
}

int RunList(const UsersOptions& opt) {
  Result<std::unique_ptr<store::Store>> st = Open(opt);
  if (!st.ok()) {
    std::cerr << "users list: " << st.status().message() << "\n";
    return 1;
  }
  Result<std::vector<store::User>> users = (*st)->ListUsers();
  if (!users.ok()) {
    std::cerr << "users list: " << users.status().message() << "\n";
    return 1;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const store::User& u : *users) {
    list.push_back(
        {{"id", u.id},
         {"role", u.role},
         {"organisation", u.organisation},
         {"created_at", u.created_at},
         {"revoked_at", u.revoked_at.empty() ? nlohmann::json() : nlohmann::json(u.revoked_at)}});
    if (!opt.json) {
      std::cout << u.id << "\t" << u.role << "\t" << u.organisation
                << (u.revoked_at.empty() ? "" : "\trevoked " + u.revoked_at) << "\n";
    }
  }
  if (opt.json) std::cout << list.dump() << "\n";
  return 0;
}

int RunRevoke(const UsersOptions& opt) {
  Result<std::unique_ptr<store::Store>> st = Open(opt);
  if (!st.ok()) {
    std::cerr << "users revoke: " << st.status().message() << "\n";
    return 1;
  }
  const std::string at = ledger::SystemClock().Now().ToRfc3339();
  if (Status s = (*st)->RevokeUser(opt.id, at); !s.ok()) {
    std::cerr << "users revoke: " << s.message() << "\n";
    return 1;
  }
  if (opt.json) {
    std::cout << nlohmann::json{{"id", opt.id}, {"revoked", true}}.dump() << "\n";
  } else {
    std::cout << "revoked " << opt.id << ": its token is refused from now on\n";
  }
  return 0;
}

}  // namespace

void AddUsersCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<UsersOptions>();
  CLI::App* users = app.add_subcommand("users", "API users and their tokens");
  users->require_subcommand(1);
  CLI::App* add = users->add_subcommand("add", "add a user and print its new token once");
  CLI::App* list = users->add_subcommand("list", "list the users (never their tokens)");
  CLI::App* revoke = users->add_subcommand("revoke", "refuse a user's token from now on");
  for (CLI::App* c : {add, list, revoke}) {
    c->add_option("--data", opt->data_dir, "data directory of the SQLite store");
    c->add_option("--db", opt->db, "postgresql://... store");
    c->add_flag("--json", opt->json, "machine-readable output");
  }
  add->add_option("--id", opt->id, "user id")->required();
  revoke->add_option("--id", opt->id, "user id")->required();
  add->add_option("--role", opt->role, "hq, commission, monitor, delegation or public")->required();
  add->add_option("--organisation", opt->organisation,
                  "the delegation's party code, or the body (hq, commission, monitors)")
      ->required();
  add->callback([opt, exit_code] { *exit_code = RunAdd(*opt); });
  list->callback([opt, exit_code] { *exit_code = RunList(*opt); });
  revoke->callback([opt, exit_code] { *exit_code = RunRevoke(*opt); });
}

}  // namespace guarantor::cli
