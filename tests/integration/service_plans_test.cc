// Plans and the ledger through the HTTP API: entries sealed by their authors, the ledger's
// pledges, changes and commitments folded into the force plan, activations on the ledger.
#include "service_test_fixture.h"

namespace guarantor::server::service_test {
namespace {

TEST_F(ServiceTest, LedgerTakesEntriesSealedByTheirAuthorsOnly) {
  ASSERT_TRUE(keys_->Create("FR").ok());
  Result<ledger::KeyPair> fr = keys_->LoadKeyPair("FR");
  ASSERT_TRUE(fr.ok());
  const json next = GetJson("fr", "/v1/ledger/next");
  ledger::LedgerEntry e;
  e.sequence = next["sequence"].get<uint64_t>();
  e.kind = ledger::EntryKind::kPledge;
  e.author = "FR";
  e.recorded_at = "2026-02-05T10:00:00Z";
  e.payload = R"({"id":"fr-brigade","party":"FR","capability":"land_brigade","quantity":1,)"
              R"("classification":"national"})";
  Result<ledger::Digest> previous = ledger::DigestFromHex(next["previous_hash"].get<std::string>());
  ASSERT_TRUE(previous.ok());
  ledger::SealEntry(*previous, *fr, &e);
  const std::string body = ledger::EntryToJson(e);
  EXPECT_EQ(Post("de", "/v1/ledger/entries", body)->status, 403);  // not DE's entry
  httplib::Result ok = Post("fr", "/v1/ledger/entries", body);
  ASSERT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(Post("fr", "/v1/ledger/entries", body)->status, 409);  // sealed for a taken place
  json tampered = json::parse(body);
  tampered["sequence"] = 1;
  tampered["payload"] =
      R"({"id":"fr-brigade-2","party":"FR","capability":"land_brigade","quantity":1,)"
      R"("classification":"public"})";
  httplib::Result forged = Post("fr", "/v1/ledger/entries", tampered.dump());
  EXPECT_EQ(forged->status, 400);
  EXPECT_THAT(forged->body, HasSubstr("entry_hash"));  // a valid pledge, but not what FR signed
  // The national pledge is FR's to read; its place in the tree is provable to all.
  EXPECT_EQ(GetJson("fr", "/v1/ledger/entries")["items"].size(), 1u);
  EXPECT_EQ(GetJson("de", "/v1/ledger/entries")["items"].size(), 0u);
  EXPECT_EQ(Get("de", "/v1/ledger/entries/0")->status, 403);
  EXPECT_EQ(GetJson("de", "/v1/ledger/head")["tree_size"], 1);
  EXPECT_EQ(Get("de", "/v1/ledger/proofs/inclusion?sequence=0")->status, 200);
}

// A restricted pledge sealed by FR raises the coverage of those cleared for it (FR, the HQ, the
// Commission) and of no one else.
TEST_F(ServiceTest, LedgerPledgeRaisesCoverageOnlyForReadersClearedForIt) {
  struct Reader {
    std::string user, organisation;
    Classification clearance;
    bool cleared;  // may read FR's restricted pledge
  };
  const std::vector<Reader> readers = {
      {"fr", "FR", Classification::kCoalition, true},
      {"hq", "hq", Classification::kRestricted, true},
      {"commission", "commission", Classification::kRestricted, true},
      {"de", "DE", Classification::kCoalition, false},
      {"be", "BE", Classification::kCoalition, false}};
  std::map<std::string, json> before;
  for (const Reader& r : readers) before[r.user] = GetJson(r.user, "/v1/force/coverage");
  const double pledged = 1;
  httplib::Result r = Submit("fr", "FR", ledger::EntryKind::kPledge,
                             {{"id", "fr-brigade-2"},
                              {"party", "FR"},
                              {"capability", "land_brigade"},
                              {"quantity", pledged},
                              {"readiness_days", 60},
                              {"classification", "restricted"}});
  ASSERT_EQ(r->status, 201) << r->body;
  // req-land is the only requirement of land brigades, and every land brigade serves it (its
  // region is 250 km from the line, beyond every caveat's minimum; D+90 is after every readiness):
  // it is assigned every land brigade the reader may read, up to the quantity required.
  const double required = RequiredQuantity("req-land");
  for (const Reader& reader : readers) {
    SCOPED_TRACE(reader.user);
    const json after = GetJson(reader.user, "/v1/force/coverage");
    const double was = std::min(required, ScenarioQuantity(Capability::kLandBrigade,
                                                           reader.organisation, reader.clearance));
    const double now = std::min(required, ScenarioQuantity(Capability::kLandBrigade,
                                                           reader.organisation, reader.clearance) +
                                              (reader.cleared ? pledged : 0));
    EXPECT_DOUBLE_EQ(Assigned(after, "req-land"), now);
    EXPECT_DOUBLE_EQ(
        after["covered_units"].get<double>() - before[reader.user]["covered_units"].get<double>(),
        now - was);
    if (reader.cleared) {
      EXPECT_GT(now, was);
    } else {
      EXPECT_EQ(after, before[reader.user]);
    }
  }
  auto find = [&](const std::string& user) {
    const json answer = GetJson(user, "/v1/pledges");
    for (const json& p : answer["items"]) {
      if (p["id"] == "fr-brigade-2") return p;
    }
    return json();
  };
  EXPECT_EQ(find("hq")["source"], "ledger");
  EXPECT_EQ(find("hq")["ledger_sequence"], 0);
  EXPECT_EQ(find("fr")["party"], "FR");
  EXPECT_TRUE(find("de").is_null());
}

// A national pledge is FR's alone: no other delegation (nor the HQ) finds it in the pledges, the
// coverage or a what-if; FR's own plans count it.
TEST_F(ServiceTest, NationalLedgerPledgeStaysOutOfOtherReadersPlans) {
  const std::string drop_gb = R"({"drop":["GB"]})";
  std::map<std::string, json> pledges, coverage, whatif;
  for (const std::string user : {"de", "hq", "fr"}) {
    pledges[user] = GetJson(user, "/v1/pledges");
    coverage[user] = GetJson(user, "/v1/force/coverage");
    whatif[user] = json::parse(Post(user, "/v1/force/whatif", drop_gb)->body);
  }
  const double pledged = 1;
  httplib::Result r = Submit("fr", "FR", ledger::EntryKind::kPledge,
                             {{"id", "fr-brigade-3"},
                              {"party", "FR"},
                              {"capability", "land_brigade"},
                              {"quantity", pledged},
                              {"classification", "national"}});
  ASSERT_EQ(r->status, 201) << r->body;
  for (const std::string user : {"de", "hq"}) {
    SCOPED_TRACE(user);
    const json now = GetJson(user, "/v1/pledges");
    EXPECT_EQ(now["items"], pledges[user]["items"]);
    EXPECT_EQ(now["total"], pledges[user]["total"]);
    EXPECT_EQ(GetJson(user, "/v1/force/coverage"), coverage[user]);
    EXPECT_EQ(json::parse(Post(user, "/v1/force/whatif", drop_gb)->body), whatif[user]);
    EXPECT_EQ(Get(user, "/v1/ledger/entries/0")->status, 403);
  }
  // FR's plans, worked out from the scenario and the pledge (req-land takes every land brigade;
  // see the test above).
  const double required = RequiredQuantity("req-land");
  const json fr_pledges = GetJson("fr", "/v1/pledges");
  EXPECT_EQ(fr_pledges["total"].get<int>(), pledges["fr"]["total"].get<int>() + 1);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("fr", "/v1/force/coverage"), "req-land"),
                   std::min(required, ScenarioQuantity(Capability::kLandBrigade, "FR",
                                                       Classification::kCoalition) +
                                          pledged));
  const json fr_whatif = json::parse(Post("fr", "/v1/force/whatif", drop_gb)->body);
  EXPECT_DOUBLE_EQ(Assigned(fr_whatif["after"], "req-land"),
                   std::min(required, ScenarioQuantity(Capability::kLandBrigade, "FR",
                                                       Classification::kCoalition, {"GB"}) +
                                          pledged));
  EXPECT_DOUBLE_EQ(Assigned(whatif["de"]["after"], "req-land"),
                   std::min(required, ScenarioQuantity(Capability::kLandBrigade, "DE",
                                                       Classification::kCoalition, {"GB"})));
}

// FR withdraws its scenario contribution and changes the quantity and readiness of one it pledged
// on the ledger; every reader's coverage follows.
TEST_F(ServiceTest, WithdrawalsAndChangesByTheContributionsOwnPartyChangeCoverage) {
  const double required = RequiredQuantity("req-land");
  const double all = ScenarioQuantity(Capability::kLandBrigade, "DE", Classification::kCoalition);
  double fr_land = 0;
  for (const Contribution& c : scenario_->contributions) {
    if (c.id == "fr-land") fr_land = c.quantity;
  }
  ASSERT_GT(fr_land, 0);
  const json before = GetJson("de", "/v1/force/coverage");
  httplib::Result r = Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                             {{"contribution", "fr-land"}, {"withdrawn", true}});
  ASSERT_EQ(r->status, 201) << r->body;
  json after = GetJson("de", "/v1/force/coverage");
  EXPECT_DOUBLE_EQ(Assigned(after, "req-land"), std::min(required, all - fr_land));
  EXPECT_DOUBLE_EQ(before["covered_units"].get<double>() - after["covered_units"].get<double>(),
                   std::min(required, all) - std::min(required, all - fr_land));
  bool listed = false;
  const json answer = GetJson("de", "/v1/pledges");
  for (const json& p : answer["items"]) {
    if (p["id"] != "fr-land") continue;
    listed = true;
    EXPECT_EQ(p["withdrawn"], true);
    EXPECT_EQ(p["changed_in"], json::array({0}));
  }
  EXPECT_TRUE(listed);
  // A withdrawal is final.
  httplib::Result again = Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                                 {{"contribution", "fr-land"}, {"quantity", 2}});
  EXPECT_EQ(again->status, 400);
  EXPECT_THAT(again->body, HasSubstr("withdrawn at ledger entry 0"));
  // A pledge on the ledger, then more of it, then too late for req-land (needed by D+90).
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kPledge,
                   {{"id", "fr-brigade-4"},
                    {"party", "FR"},
                    {"capability", "land_brigade"},
                    {"quantity", 1},
                    {"readiness_days", 30}})
                ->status,
            201);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
                   std::min(required, all - fr_land + 1));
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                   {{"contribution", "fr-brigade-4"}, {"quantity", 2}})
                ->status,
            201);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
                   std::min(required, all - fr_land + 2));
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                   {{"contribution", "fr-brigade-4"}, {"readiness_days", 120}})
                ->status,
            201);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
                   std::min(required, all - fr_land));
  // The plans are folded from the ledger again after a restart.
  const std::string plans = Get("de", "/v1/pledges")->body;
  const std::string cover = Get("de", "/v1/force/coverage")->body;
  Restart();
  EXPECT_EQ(Get("de", "/v1/pledges")->body, plans);
  EXPECT_EQ(Get("de", "/v1/force/coverage")->body, cover);
}

// Only a contribution's own party changes it, and a party pledges for itself alone; nothing
// refused is appended. A contribution DE may not read is refused as one that does not exist.
TEST_F(ServiceTest, PlanEntriesForAnotherPartyAreRefused) {
  httplib::Result theirs = Submit("de", "DE", ledger::EntryKind::kContributionChange,
                                  {{"contribution", "fr-land"}, {"quantity", 2}});
  EXPECT_EQ(theirs->status, 403);
  EXPECT_THAT(theirs->body, HasSubstr("only FR may change it"));
  httplib::Result hidden = Submit("de", "DE", ledger::EntryKind::kContributionChange,
                                  {{"contribution", "be-land"}, {"withdrawn", true}});
  httplib::Result none = Submit("de", "DE", ledger::EntryKind::kContributionChange,
                                {{"contribution", "xx-none"}, {"withdrawn", true}});
  EXPECT_EQ(hidden->status, 400);
  EXPECT_EQ(none->status, 400);
  std::string hidden_message = json::parse(hidden->body)["error"]["message"];
  hidden_message.replace(hidden_message.find("be-land"), 7, "xx-none");
  EXPECT_EQ(hidden_message, json::parse(none->body)["error"]["message"]);
  httplib::Result for_gb = Submit(
      "fr", "FR", ledger::EntryKind::kPledge,
      {{"id", "gb-brigade-2"}, {"party", "GB"}, {"capability", "land_brigade"}, {"quantity", 1}});
  EXPECT_EQ(for_gb->status, 403);
  EXPECT_THAT(for_gb->body, HasSubstr("party"));
  httplib::Result commits_gb = Submit("fr", "FR", ledger::EntryKind::kCommitment,
                                      {{"id", "gb-more"},
                                       {"party", "GB"},
                                       {"trigger", "znpp-strike"},
                                       {"response", "r"},
                                       {"nature", "political"}});
  EXPECT_EQ(commits_gb->status, 403);
  EXPECT_EQ(GetJson("hq", "/v1/ledger/head")["tree_size"], 0);
}

// A payload that would not apply is refused before it is appended (an entry cannot be removed),
// with a message naming the field.
TEST_F(ServiceTest, MalformedPlanPayloadsAreRefusedNamingTheFieldAndNotAppended) {
  const json brigade = {
      {"id", "fr-x"}, {"party", "FR"}, {"capability", "land_brigade"}, {"quantity", 1}};
  auto with = [&](json j, const std::string& key, const json& value) {
    j[key] = value;
    return j;
  };
  auto without = [&](json j, const std::string& key) {
    j.erase(key);
    return j;
  };
  const json commitment = {{"id", "fr-c"},
                           {"party", "FR"},
                           {"trigger", "znpp-strike"},
                           {"response", "convene the coalition"},
                           {"nature", "political"}};
  struct Case {
    ledger::EntryKind kind;
    json payload;
    std::string field;  // what the message must name
  };
  const std::vector<Case> cases = {
      {ledger::EntryKind::kPledge, with(brigade, "quantity", -2), "quantity"},
      {ledger::EntryKind::kPledge, with(brigade, "units", 2), "units"},
      {ledger::EntryKind::kPledge, with(brigade, "capability", "tanks"), "capability"},
      {ledger::EntryKind::kPledge,
       with(brigade, "caveats", json{{"regions", json::array({"moon"})}}), "caveats.regions[0]"},
      {ledger::EntryKind::kPledge, with(brigade, "classification", "secret"), "classification"},
      {ledger::EntryKind::kPledge, without(brigade, "id"), "id"},
      {ledger::EntryKind::kPledge, with(brigade, "id", "x-1"), "id"},
      {ledger::EntryKind::kPledge, with(brigade, "id", "fr-land"), "id"},  // the scenario's
      {ledger::EntryKind::kContributionChange,
       {{"contribution", "fr-land"}, {"units", 2}},
       "units"},
      {ledger::EntryKind::kContributionChange,
       {{"contribution", "fr-land"}, {"quantity", "many"}},
       "quantity"},
      {ledger::EntryKind::kContributionChange,
       {{"contribution", "fr-land"}, {"withdrawn", false}},
       "withdrawn"},
      {ledger::EntryKind::kContributionChange, {{"quantity", 2}}, "contribution"},
      {ledger::EntryKind::kContributionChange, {{"contribution", "fr-land"}}, "at least one"},
      {ledger::EntryKind::kCommitment, with(commitment, "trigger", "no-such"), "trigger"},
      {ledger::EntryKind::kCommitment, without(commitment, "nature"), "nature"},
      {ledger::EntryKind::kActivation, {{"activation", "x"}}, "kind"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.payload.dump());
    httplib::Result r = Submit("fr", "FR", c.kind, c.payload);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_THAT(json::parse(r->body)["error"]["message"].get<std::string>(), HasSubstr(c.field));
  }
  EXPECT_EQ(GetJson("hq", "/v1/ledger/head")["tree_size"], 0);
  // The same commitment, whole, is taken and served.
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kCommitment, commitment)->status, 201);
  bool served = false;
  const json answer = GetJson("de", "/v1/commitments");
  for (const json& m : answer["items"]) {
    if (m["id"] != "fr-c") continue;
    served = true;
    EXPECT_EQ(m["source"], "ledger");
    EXPECT_EQ(m["trigger"], "znpp-strike");
  }
  EXPECT_TRUE(served);
}

// A plan entry that breaks the rules but reached the ledger another way (here the ledger API,
// as `guarantor ledger append` does on the server's data directory) changes nothing and is
// reported to those who may read it.
TEST_F(ServiceTest, PlanEntriesAppendedElsewhereAreFoldedOrReportedAsIgnored) {
  ASSERT_TRUE(keys_->Create("FR").ok());
  ASSERT_TRUE(ledger_
                  ->Append(ledger::EntryKind::kPledge, "FR",
                           R"({"id":"fr-brigade-5","party":"FR","capability":"land_brigade",)"
                           R"("quantity":1})")
                  .ok());
  ASSERT_TRUE(ledger_
                  ->Append(ledger::EntryKind::kContributionChange, "FR",
                           R"({"contribution":"gb-land","withdrawn":true})")
                  .ok());
  const json pledges = GetJson("de", "/v1/pledges");
  bool pledged = false;
  for (const json& p : pledges["items"]) {
    if (p["id"] == "fr-brigade-5") pledged = p["ledger_sequence"] == 0;
    if (p["id"] == "gb-land") {
      EXPECT_EQ(p["withdrawn"], false);
    }
  }
  EXPECT_TRUE(pledged);
  ASSERT_EQ(pledges["ignored_entries"].size(), 1u);
  EXPECT_EQ(pledges["ignored_entries"][0]["sequence"], 1);
  EXPECT_THAT(pledges["ignored_entries"][0]["reason"].get<std::string>(),
              HasSubstr("only GB may change it"));
  EXPECT_DOUBLE_EQ(
      Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
      std::min(RequiredQuantity("req-land"),
               ScenarioQuantity(Capability::kLandBrigade, "DE", Classification::kCoalition) + 1));
}

// Each activation the engine concludes is appended once, signed by the Commission; a restart,
// which rebuilds the activations, appends nothing more; a ledger that lacks them gets them at
// the next start.
TEST_F(ServiceTest, ActivationsAreOnTheLedgerOnceAcrossRestarts) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const json served = GetJson("hq", "/v1/activations");
  // The example fires these two triggers (docs/guarantees.md §8, from `guarantor replay`).
  std::set<std::string> triggers;
  for (const json& a : served["items"]) triggers.insert(a["trigger"].get<std::string>());
  EXPECT_EQ(triggers, (std::set<std::string>{"znpp-strike", "renewed-armed-attack"}));
  auto check_ledger = [&] {
    const std::vector<json> entries = LedgerEntriesOfKind("activation");
    ASSERT_EQ(entries.size(), served["items"].size());
    std::set<std::string> ids;
    const json answer = GetJson("hq", "/v1/activations");
    for (const json& a : answer["items"]) {
      const std::string id =
          a["trigger"].get<std::string>() + "@" + a["fired_at"].get<std::string>();
      ASSERT_TRUE(a["ledger_sequence"].is_number()) << id;
      const json entry = GetJson("de", "/v1/ledger/entries/" + a["ledger_sequence"].dump());
      EXPECT_EQ(entry["kind"], "activation");
      EXPECT_EQ(entry["author"], "commission");
      const json payload = json::parse(entry["payload"].get<std::string>());
      EXPECT_EQ(payload["activation"], id);
      EXPECT_EQ(payload["facts"], a["facts"]);
      EXPECT_EQ(payload["classification"], "coalition");
      // The entry reaches every delegation: it carries the obligations every delegation may read,
      // and none of a restricted or national commitment.
      std::set<std::string> expected, recorded;
      for (const Commitment& m : scenario_->commitments) {
        if (m.trigger == a["trigger"] && m.classification <= Classification::kCoalition)
          expected.insert(m.id);
      }
      for (const json& o : payload["obligations"]) recorded.insert(o["commitment"]);
      EXPECT_EQ(recorded, expected) << id;
      ids.insert(id);
    }
    EXPECT_EQ(ids.size(), entries.size());
  };
  check_ledger();
  const json head = GetJson("hq", "/v1/ledger/head");
  Restart();
  EXPECT_EQ(GetJson("hq", "/v1/ledger/head")["tree_size"], head["tree_size"]);
  check_ledger();
  // A ledger without them (as if the service had stopped before appending): the next start
  // appends them, once.
  Stop();
  for (const char* file : {"ledger.db", "ledger.db-wal", "ledger.db-shm"}) fs::remove(dir_ / file);
  Start();
  check_ledger();
  Restart();
  check_ledger();
}

}  // namespace
}  // namespace guarantor::server::service_test
