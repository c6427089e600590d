// Per-line import answers for `warden eval` (eval_overrides.h).
#include "eval_overrides.h"

#include <array>
#include <string_view>
#include <utility>

#include "eval_json.h"

namespace warden::eval {
namespace {

namespace analyzer = ::warden::analyze::analyzer;

constexpr std::string_view kAnswerProblem = R"(must be "yes", "no" or "unknown")";
constexpr std::string_view kVerificationProblem =
    R"(must be "verified", "spoofed" or "unverifiable")";

constexpr std::array<std::pair<wit::Answer, std::string_view>, 3> kAnswerNames = {{
    {wit::Answer::kYes, "yes"},
    {wit::Answer::kNo, "no"},
    {wit::Answer::kUnknown, "unknown"},
}};

constexpr std::array<std::pair<wit::Verification, std::string_view>, 3> kVerificationNames = {{
    {wit::Verification::kVerified, "verified"},
    {wit::Verification::kSpoofed, "spoofed"},
    {wit::Verification::kUnverifiable, "unverifiable"},
}};

constexpr std::array<std::string_view, 4> kLevelNames = {"debug", "info", "warn", "error"};

// The email questions: the JSON key, the member holding the answers, the import's WIT name.
struct EmailQuestion {
  std::string_view key;
  Overrides::Answers Overrides::* answers;
  std::string_view import;
};
constexpr std::array<EmailQuestion, 4> kEmailQuestions = {{
    {"isDisposable", &Overrides::is_disposable, "is-disposable"},
    {"isFree", &Overrides::is_free, "is-free"},
    {"hasMxRecords", &Overrides::has_mx_records, "has-mx-records"},
    {"hasGravatar", &Overrides::has_gravatar, "has-gravatar"},
}};

thread_local const Overrides* bound_overrides = nullptr;
thread_local ImportCalls* bound_calls = nullptr;

Status ShapeError(std::string path, std::string_view problem) {
  path += ' ';
  path += problem;
  return InvalidArgumentError(std::move(path));
}

std::string KeyPath(std::string_view path, const std::string& key) {
  return std::string(path) + "[" + Dump(Json(key)) + "]";
}

// `value` (at `path`) as one of `names`' enumerators.
template <class Enum, size_t N>
Result<Enum> ReadEnum(const Json& value, const std::string& path,
                      const std::array<std::pair<Enum, std::string_view>, N>& names,
                      std::string_view problem) {
  if (value.is_string()) {
    for (const auto& [e, name] : names) {
      if (name == value.get_ref<const std::string&>()) return e;
    }
  }
  return ShapeError(path, problem);
}

template <class Enum, size_t N>
std::string_view EnumName(Enum value,
                          const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "unknown";
}

// `object` must be an object; returns its member `key` or nullptr when absent.
const Json* Member(const Json& object, std::string_view key) {
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

// A {string: enum} map at `path`; later duplicates of a key replace earlier ones.
template <class Map, class Enum, size_t N>
Status ReadEnumMap(const Json& value, const std::string& path,
                   const std::array<std::pair<Enum, std::string_view>, N>& names,
                   std::string_view problem, Map* out) {
  if (!value.is_object()) return ShapeError(path, "must be an object");
  for (const auto& [key, entry] : value.items()) {
    WARDEN_ASSIGN_OR_RETURN(Enum e, ReadEnum(entry, KeyPath(path, key), names, problem));
    (*out)[key] = e;
  }
  return Status::Ok();
}

void Record(ImportCall call) {
  if (bound_calls != nullptr) bound_calls->push_back(std::move(call));
}

wit::Answer AnswerFor(size_t question, const std::string& argument) {
  const EmailQuestion& q = kEmailQuestions[question];
  Record({std::string(q.import), argument});
  if (bound_overrides == nullptr) return wit::Answer::kUnknown;
  const Overrides::Answers& answers = bound_overrides->*q.answers;
  auto it = answers.find(argument);
  return it == answers.end() ? wit::Answer::kUnknown : it->second;
}

wit::Verification Verify(const std::string& bot_id, const std::string& ip) {
  Record({"verify", bot_id, ip});
  if (bound_overrides == nullptr) return wit::Verification::kUnverifiable;
  auto by_id = bound_overrides->verify.find(bot_id);
  if (by_id == bound_overrides->verify.end()) return wit::Verification::kUnverifiable;
  auto by_ip = by_id->second.find(ip);
  return by_ip == by_id->second.end() ? wit::Verification::kUnverifiable : by_ip->second;
}

}  // namespace

Result<Overrides> EmailOverridesFromJson(const Json& json) {
  if (!json.is_object()) return ShapeError("overrides", "must be an object");
  Overrides out;
  for (const EmailQuestion& q : kEmailQuestions) {
    const Json* map = Member(json, q.key);
    if (map == nullptr) continue;
    WARDEN_RETURN_IF_ERROR(ReadEnumMap(*map, "overrides." + std::string(q.key), kAnswerNames,
                                       kAnswerProblem, &(out.*q.answers)));
  }
  return out;
}

Result<Overrides> BotOverridesFromJson(const Json& json) {
  if (!json.is_object()) return ShapeError("overrides", "must be an object");
  Overrides out;
  const Json* verify = Member(json, "verify");
  if (verify == nullptr) return out;
  const std::string path = "overrides.verify";
  if (!verify->is_object()) return ShapeError(path, "must be an object");
  for (const auto& [bot_id, by_ip] : verify->items()) {
    auto& answers = out.verify[bot_id];
    answers.clear();  // a repeated bot ID key keeps only its last value, as JSON.parse does
    WARDEN_RETURN_IF_ERROR(ReadEnumMap(by_ip, KeyPath(path, bot_id), kVerificationNames,
                                       kVerificationProblem, &answers));
  }
  return out;
}

Json EmailOverridesToJson(const Overrides& overrides) {
  Json json = Json::object();
  for (const EmailQuestion& q : kEmailQuestions) {
    Json map = Json::object();
    for (const auto& [key, answer] : overrides.*q.answers) {
      map[key] = std::string(EnumName(answer, kAnswerNames));
    }
    json[std::string(q.key)] = std::move(map);
  }
  return json;
}

Json BotOverridesToJson(const Overrides& overrides) {
  Json verify = Json::object();
  for (const auto& [bot_id, by_ip] : overrides.verify) {
    Json map = Json::object();
    for (const auto& [ip, v] : by_ip) map[ip] = std::string(EnumName(v, kVerificationNames));
    verify[bot_id] = std::move(map);
  }
  Json json = Json::object();
  json["verify"] = std::move(verify);
  return json;
}

Json ImportCallsToJson(const ImportCalls& calls) {
  Json json = Json::array();
  for (const ImportCall& call : calls) json.push_back(call);
  return json;
}

analyzer::Imports OverrideImports() {
  analyzer::Imports imports;
  imports.logger.log = [](analyze::logger::Level level, const std::string& message) {
    const auto index = static_cast<size_t>(level);
    Record({"log", std::string(index < kLevelNames.size() ? kLevelNames[index] : "?"), message});
  };
  imports.email_overrides.is_disposable = [](const std::string& d) { return AnswerFor(0, d); };
  imports.email_overrides.is_free = [](const std::string& d) { return AnswerFor(1, d); };
  imports.email_overrides.has_mx_records = [](const std::string& d) { return AnswerFor(2, d); };
  imports.email_overrides.has_gravatar = [](const std::string& a) { return AnswerFor(3, a); };
  imports.bot_overrides.verify = Verify;
  return imports;
}

ScopedOverrides::ScopedOverrides(const Overrides* overrides, ImportCalls* calls)
    : previous_overrides_(bound_overrides), previous_calls_(bound_calls) {
  bound_overrides = overrides;
  bound_calls = calls;
}

ScopedOverrides::~ScopedOverrides() {
  bound_overrides = previous_overrides_;
  bound_calls = previous_calls_;
}

}  // namespace warden::eval
