// Names, line parsing, canonical output and the request → JSON direction of eval_json.h.
// The JSON → request direction lives in eval_json_input.cc.
#include "eval_json.h"

#include <array>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace warden::eval {
namespace {

constexpr std::array<std::pair<wit::EmailType, std::string_view>, 5> kEmailTypeNames = {{
    {wit::EmailType::kInvalid, "INVALID"},
    {wit::EmailType::kDisposable, "DISPOSABLE"},
    {wit::EmailType::kFree, "FREE"},
    {wit::EmailType::kNoMxRecords, "NO_MX_RECORDS"},
    {wit::EmailType::kNoGravatar, "NO_GRAVATAR"},
}};

// The WIT case names of email-invalid-reason, in the enum's order.
constexpr std::array<std::string_view, 27> kEmailInvalidReasonNames = {
    "empty", "invalid-utf8", "control-character", "display-name", "comment", "missing-at",
    "local-part-empty", "local-part-too-long", "unterminated-quote", "invalid-character",
    "leading-dot", "trailing-dot", "consecutive-dots", "domain-empty", "domain-too-long",
    "address-too-long", "label-too-long", "label-hyphen", "invalid-idna",
    "missing-top-level-domain", "invalid-top-level-domain", "reserved-domain",
    "domain-literal-not-allowed", "invalid-domain-literal", "invalid-display-name",
    "non-ascii-local-part", "top-level-domain-not-allowed",
};
static_assert(static_cast<size_t>(wit::EmailInvalidReason::kTopLevelDomainNotAllowed) + 1 ==
              kEmailInvalidReasonNames.size());

constexpr std::array<std::pair<Function, std::string_view>, 3> kFunctionNames = {{
    {Function::kGenerateFingerprint, "generate-fingerprint"},
    {Function::kDetectBot, "detect-bot"},
    {Function::kValidateEmail, "validate-email"},
}};

Json PairsToObject(const std::vector<std::tuple<std::string, std::string>>& pairs) {
  Json object = Json::object();
  for (const auto& [key, value] : pairs) object[key] = value;
  return object;
}

Json EmailTypesToJson(const std::vector<wit::EmailType>& types) {
  Json list = Json::array();
  for (wit::EmailType type : types) list.push_back(std::string(EmailTypeName(type)));
  return list;
}

// {"allow": [..]} or {"deny": [..]} from a variant whose alternatives carry `value`.
template <class Variant, class ToJson>
Json RuleToJson(const Variant& rule, Json into, ToJson to_json) {
  std::visit(
      [&](const auto& alternative) {
        using Alternative = std::decay_t<decltype(alternative)>;
        constexpr bool kAllow = std::is_same_v<Alternative, typename std::variant_alternative_t<
                                                                   0, std::decay_t<Variant>>>;
        into[kAllow ? "allow" : "deny"] = to_json(alternative.value);
      },
      rule);
  return into;
}

}  // namespace

Result<Function> ParseFunction(std::string_view name) {
  for (const auto& [function, function_name] : kFunctionNames) {
    if (function_name == name) return function;
  }
  return InvalidArgumentError("unknown function \"" + std::string(name) + "\"");
}

std::string_view FunctionName(Function function) {
  for (const auto& [candidate, name] : kFunctionNames) {
    if (candidate == function) return name;
  }
  return "unknown";
}

std::string_view EmailTypeName(wit::EmailType type) {
  for (const auto& [candidate, name] : kEmailTypeNames) {
    if (candidate == type) return name;
  }
  return "UNKNOWN";
}

Result<wit::EmailType> ParseEmailType(std::string_view name) {
  for (const auto& [type, type_name] : kEmailTypeNames) {
    if (type_name == name) return type;
  }
  return InvalidArgumentError("unknown email type " + Dump(Json(std::string(name))));
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

Result<Json> ParseLine(std::string_view line) {
  // nlohmann skips a leading byte-order mark; JSON.parse does not, and the protocol follows
  // JSON.parse. Everything else nlohmann rejects exactly where docs/eval.md says to.
  if (line.substr(0, 3) == "\xEF\xBB\xBF") return InvalidArgumentError("malformed JSON");
  Json json = Json::parse(line.begin(), line.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return InvalidArgumentError("malformed JSON");
  return json;
}

Json RequestToJson(const wit::Request& request) {
  Json json = Json::object();
  json["ip"] = request.ip;
  json["method"] = request.method;
  json["protocol"] = request.protocol;
  json["host"] = request.host;
  json["path"] = request.path;
  json["headers"] = PairsToObject(request.headers);
  json["cookies"] = request.cookies;
  json["query"] = request.query;
  if (request.body.has_value()) {
    json["body"] = std::string(request.body->begin(), request.body->end());
  }
  json["extra"] = PairsToObject(request.extra);
  return json;
}

Json FingerprintInputToJson(const FingerprintInput& input) {
  Json json = Json::object();
  json["request"] = RequestToJson(input.request);
  json["characteristics"] = input.characteristics;
  return json;
}

Json BotInputToJson(const BotInput& input) {
  Json json = Json::object();
  json["request"] = RequestToJson(input.request);
  json["config"] = RuleToJson(input.config.value, Json::object(),
                              [](const std::vector<std::string>& ids) { return Json(ids); });
  if (input.overrides.has_value()) json["overrides"] = BotOverridesToJson(*input.overrides);
  return json;
}

Json EmailInputToJson(const EmailInput& input) {
  Json config = Json::object();
  config["requireTopLevelDomain"] = input.config.require_top_level_domain;
  config["allowDomainLiteral"] = input.config.allow_domain_literal;
  // The later options only when set, so that older inputs print as before.
  const wit::EmailConfig& c = input.config;
  if (c.allow_display_name) config["allowDisplayName"] = true;
  if (c.require_ascii_local_part) config["requireAsciiLocalPart"] = true;
  if (c.allow_empty_local_part) config["allowEmptyLocalPart"] = true;
  if (c.allow_test_domain) config["allowTestDomain"] = true;
  if (c.ignore_length_limits) config["ignoreLengthLimits"] = true;
  if (!c.allowed_top_level_domains.empty()) {
    config["allowedTopLevelDomains"] = c.allowed_top_level_domains;
  }
  Json json = Json::object();
  json["email"] = input.email;
  json["config"] = RuleToJson(input.config.rule.value, std::move(config), EmailTypesToJson);
  if (input.overrides.has_value()) json["overrides"] = EmailOverridesToJson(*input.overrides);
  return json;
}

std::string AnalysisErrorText(const wit::AnalysisError& error) {
  return std::visit(
      [](const auto& alternative) -> std::string {
        using Alternative = std::decay_t<decltype(alternative)>;
        if constexpr (std::is_same_v<Alternative, wit::AnalysisError::MissingCharacteristic>) {
          return "missing characteristic: " + alternative.value;
        } else if constexpr (std::is_same_v<Alternative, wit::AnalysisError::InvalidInput>) {
          return "invalid input: " + alternative.value;
        } else {
          return "internal: " + alternative.value;
        }
      },
      error.value);
}

std::string FingerprintOutput(const witgen::Expected<std::string, wit::AnalysisError>& result) {
  if (!result.ok()) return ErrorOutput(AnalysisErrorText(result.error()));
  Json json = Json::object();
  json["fingerprint"] = result.value();
  return Dump(json);
}

std::string BotOutput(const witgen::Expected<wit::BotResult, wit::AnalysisError>& result,
                      const ImportCalls* calls) {
  if (!result.ok()) return ErrorOutput(AnalysisErrorText(result.error()));
  const wit::BotResult& bot = result.value();
  Json json = Json::object();
  json["allowed"] = bot.allowed;
  json["denied"] = bot.denied;
  json["categories"] = bot.categories;
  json["verified"] = bot.verified;
  json["spoofed"] = bot.spoofed;
  json["missingUserAgent"] = bot.missing_user_agent;
  if (calls != nullptr) json["calls"] = ImportCallsToJson(*calls);
  return Dump(json);
}

std::string EmailOutput(const witgen::Expected<wit::EmailResult, wit::AnalysisError>& result,
                        const ImportCalls* calls) {
  if (!result.ok()) return ErrorOutput(AnalysisErrorText(result.error()));
  const wit::EmailResult& email = result.value();
  Json json = Json::object();
  json["validity"] = email.validity == wit::EmailValidity::kValid ? "valid" : "invalid";
  if (email.reason.has_value()) {
    json["reason"] = std::string(kEmailInvalidReasonNames[static_cast<size_t>(*email.reason)]);
  }
  json["blocked"] = EmailTypesToJson(email.blocked);
  if (calls != nullptr) json["calls"] = ImportCallsToJson(*calls);
  return Dump(json);
}

std::string ErrorOutput(std::string_view text) {
  Json json = Json::object();
  json["error"] = std::string(text);
  return Dump(json);
}

std::string Dump(const Json& json) {
  return json.dump(/*indent=*/-1, /*indent_char=*/' ', /*ensure_ascii=*/false,
                   Json::error_handler_t::replace);
}

}  // namespace warden::eval
