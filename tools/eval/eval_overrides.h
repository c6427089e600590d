// Per-line host import answers for the `warden eval` protocol: the optional "overrides" object
// of a detect-bot or validate-email line, and the import calls recorded while it is analysed.
//
// docs/eval.md ("Overrides") is the contract; the Node mirror (bindings/node/src/eval/
// overrides.js) follows the same page. An Engine's imports are fixed when it is created, so
// OverrideImports() returns imports that read the answers bound to the *calling thread* by a
// ScopedOverrides; every warden::Engine runs imports on the thread that made the call, so
// concurrent lines on different threads never see each other's overrides.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "warden/analyze/analyzer_types.h"
#include "warden/result.h"

namespace warden::eval {

namespace wit = ::warden::analyze::types;
using Json = nlohmann::ordered_json;

// The answers one line gives. A question without an entry is answered `unknown`
// (email) or `unverifiable` (bot). Keys are compared exactly with the import's arguments.
struct Overrides {
  using Answers = std::map<std::string, wit::Answer, std::less<>>;
  Answers is_disposable;   // domain -> answer
  Answers is_free;         // domain -> answer
  Answers has_mx_records;  // domain -> answer
  Answers has_gravatar;    // address -> answer
  // bot ID -> ip -> verification
  std::map<std::string, std::map<std::string, wit::Verification, std::less<>>, std::less<>> verify;
};

// One recorded import call: its WIT name ("is-free", "verify", "log", ..) then its arguments.
using ImportCall = std::vector<std::string>;
using ImportCalls = std::vector<ImportCall>;

// Parse the value of a line's "overrides" member (`json`, at path "overrides") for
// validate-email (keys isDisposable, isFree, hasMxRecords, hasGravatar) or detect-bot (key
// verify). Other keys are ignored. kInvalidArgument "<path> <problem>" on a wrong shape.
Result<Overrides> EmailOverridesFromJson(const Json& json);
Result<Overrides> BotOverridesFromJson(const Json& json);

// The inverse mappings (keys in sorted order).
Json EmailOverridesToJson(const Overrides& overrides);
Json BotOverridesToJson(const Overrides& overrides);

// [[name, arg, ..], ..].
Json ImportCallsToJson(const ImportCalls& calls);

// Imports that answer from the overrides bound to the calling thread and append each call to
// the bound ImportCalls. With nothing bound they answer unknown / unverifiable and drop log
// lines, like unset imports. Thread-safe; never throw (short of std::bad_alloc).
::warden::analyze::analyzer::Imports OverrideImports();

// Binds `overrides` and `calls` (either may be null: no answers / no recording) to the calling
// thread for its lifetime; restores the previous binding when destroyed. Both must outlive it.
class ScopedOverrides {
 public:
  ScopedOverrides(const Overrides* overrides, ImportCalls* calls);
  ~ScopedOverrides();
  ScopedOverrides(const ScopedOverrides&) = delete;
  ScopedOverrides& operator=(const ScopedOverrides&) = delete;

 private:
  const Overrides* previous_overrides_;
  ImportCalls* previous_calls_;
};

}  // namespace warden::eval
