// JSON → analyzer inputs for the `warden eval` protocol (eval_json.h).
//
// Every check names the first offending value by its JavaScript-like path, in the order
// docs/eval.md fixes, so that the C++ CLI and the Node mirror report the same error.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "eval_json.h"

namespace warden::eval {
namespace {

Status ShapeError(std::string_view path, std::string_view problem) {
  std::string message(path);
  message += ' ';
  message += problem;
  return InvalidArgumentError(std::move(message));
}

// "a.b" (or "b" at the top level).
std::string MemberPath(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out(path);
  out += '.';
  out += key;
  return out;
}

// a["key"], the key written as JSON.stringify writes it.
std::string KeyPath(std::string_view path, const std::string& key) {
  return std::string(path) + "[" + Dump(Json(key)) + "]";
}

std::string IndexPath(std::string_view path, size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

// The member `key` of `object`, or nullptr when absent.
const Json* Find(const Json& object, std::string_view key) {
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

// Reads an optional string member into `out` (left as is when absent).
Status ReadString(const Json& object, std::string_view path, std::string_view key,
                  std::string* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return Status::Ok();
  if (!value->is_string()) return ShapeError(MemberPath(path, key), "must be a string");
  *out = value->get_ref<const std::string&>();
  return Status::Ok();
}

Status ReadBool(const Json& object, std::string_view path, std::string_view key, bool* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return Status::Ok();
  if (!value->is_boolean()) return ShapeError(MemberPath(path, key), "must be a boolean");
  *out = value->get<bool>();
  return Status::Ok();
}

// Reads an optional {name: string} member into pairs, in the object's key order.
Status ReadPairs(const Json& object, std::string_view path, std::string_view key,
                 std::vector<std::tuple<std::string, std::string>>* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return Status::Ok();
  const std::string map_path = MemberPath(path, key);
  if (!value->is_object()) return ShapeError(map_path, "must be an object");
  for (const auto& [name, entry] : value->items()) {
    if (!entry.is_string()) return ShapeError(KeyPath(map_path, name), "must be a string");
    out->emplace_back(name, entry.get_ref<const std::string&>());
  }
  return Status::Ok();
}

// Reads `value` (at `path`) as a list of strings.
Status ReadStringList(const Json& value, std::string_view path, std::vector<std::string>* out) {
  if (!value.is_array()) return ShapeError(path, "must be an array");
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) return ShapeError(IndexPath(path, i), "must be a string");
    out->push_back(value[i].get_ref<const std::string&>());
  }
  return Status::Ok();
}

// The line's value: it must be an object.
Status CheckInput(const Json& json) {
  if (!json.is_object()) return ShapeError("input", "must be an object");
  return Status::Ok();
}

// The optional top-level `request`.
Result<wit::Request> ReadRequest(const Json& json) {
  const Json* request = Find(json, "request");
  if (request == nullptr) return wit::Request{};
  return RequestFromJson(*request, "request");
}

// `config`'s rule key: "allow" or "deny", exactly one present.
Result<std::pair<bool, const Json*>> ReadRule(const Json& config, std::string_view path) {
  const Json* allow = Find(config, "allow");
  const Json* deny = Find(config, "deny");
  if ((allow == nullptr) == (deny == nullptr)) {
    return ShapeError(path, "must have exactly one of allow or deny");
  }
  const bool is_allow = allow != nullptr;
  return std::pair<bool, const Json*>(is_allow, is_allow ? allow : deny);
}

Result<wit::BotConfig> ReadBotConfig(const Json& json) {
  const Json* config = Find(json, "config");
  if (config == nullptr || !config->is_object()) return ShapeError("config", "must be an object");
  WARDEN_ASSIGN_OR_RETURN(auto rule, ReadRule(*config, "config"));
  const auto [is_allow, list] = rule;
  std::vector<std::string> ids;
  WARDEN_RETURN_IF_ERROR(ReadStringList(*list, is_allow ? "config.allow" : "config.deny", &ids));
  wit::BotConfig out;
  if (is_allow) {
    out.value = wit::BotConfig::Allow{std::move(ids)};
  } else {
    out.value = wit::BotConfig::Deny{std::move(ids)};
  }
  return out;
}

Result<std::vector<wit::EmailType>> ReadEmailTypes(const Json& list, std::string_view path) {
  if (!list.is_array()) return ShapeError(path, "must be an array");
  std::vector<wit::EmailType> types;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = IndexPath(path, i);
    if (!list[i].is_string()) return ShapeError(item_path, "must be a string");
    Result<wit::EmailType> type = ParseEmailType(list[i].get_ref<const std::string&>());
    if (!type.ok()) return ShapeError(item_path, type.status().message());
    types.push_back(*type);
  }
  return types;
}

Result<wit::EmailConfig> ReadEmailConfig(const Json& json) {
  const Json* config = Find(json, "config");
  if (config == nullptr || !config->is_object()) return ShapeError("config", "must be an object");
  wit::EmailConfig out{};
  out.require_top_level_domain = true;
  out.allow_domain_literal = false;
  WARDEN_RETURN_IF_ERROR(
      ReadBool(*config, "config", "requireTopLevelDomain", &out.require_top_level_domain));
  WARDEN_RETURN_IF_ERROR(
      ReadBool(*config, "config", "allowDomainLiteral", &out.allow_domain_literal));
  WARDEN_RETURN_IF_ERROR(ReadBool(*config, "config", "allowDisplayName", &out.allow_display_name));
  WARDEN_RETURN_IF_ERROR(
      ReadBool(*config, "config", "requireAsciiLocalPart", &out.require_ascii_local_part));
  WARDEN_RETURN_IF_ERROR(
      ReadBool(*config, "config", "allowEmptyLocalPart", &out.allow_empty_local_part));
  WARDEN_RETURN_IF_ERROR(ReadBool(*config, "config", "allowTestDomain", &out.allow_test_domain));
  WARDEN_RETURN_IF_ERROR(
      ReadBool(*config, "config", "ignoreLengthLimits", &out.ignore_length_limits));
  if (const Json* tlds = Find(*config, "allowedTopLevelDomains"); tlds != nullptr) {
    WARDEN_RETURN_IF_ERROR(ReadStringList(*tlds, "config.allowedTopLevelDomains",
                                          &out.allowed_top_level_domains));
  }
  WARDEN_ASSIGN_OR_RETURN(auto rule, ReadRule(*config, "config"));
  const auto [is_allow, list] = rule;
  WARDEN_ASSIGN_OR_RETURN(std::vector<wit::EmailType> types,
                          ReadEmailTypes(*list, is_allow ? "config.allow" : "config.deny"));
  if (is_allow) {
    out.rule.value = wit::EmailRule::Allow{std::move(types)};
  } else {
    out.rule.value = wit::EmailRule::Deny{std::move(types)};
  }
  return out;
}

}  // namespace

Result<wit::Request> RequestFromJson(const Json& json, std::string_view path) {
  if (!json.is_object()) return ShapeError(path, "must be an object");
  wit::Request request;
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "ip", &request.ip));
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "method", &request.method));
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "protocol", &request.protocol));
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "host", &request.host));
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "path", &request.path));
  WARDEN_RETURN_IF_ERROR(ReadPairs(json, path, "headers", &request.headers));
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "cookies", &request.cookies));
  WARDEN_RETURN_IF_ERROR(ReadString(json, path, "query", &request.query));
  if (Find(json, "body") != nullptr) {
    std::string body;
    WARDEN_RETURN_IF_ERROR(ReadString(json, path, "body", &body));
    request.body = std::vector<uint8_t>(body.begin(), body.end());
  }
  WARDEN_RETURN_IF_ERROR(ReadPairs(json, path, "extra", &request.extra));
  return request;
}

Result<FingerprintInput> FingerprintInputFromJson(const Json& json) {
  WARDEN_RETURN_IF_ERROR(CheckInput(json));
  FingerprintInput input;
  WARDEN_ASSIGN_OR_RETURN(input.request, ReadRequest(json));
  if (const Json* list = Find(json, "characteristics"); list != nullptr) {
    WARDEN_RETURN_IF_ERROR(ReadStringList(*list, "characteristics", &input.characteristics));
  }
  return input;
}

Result<BotInput> BotInputFromJson(const Json& json) {
  WARDEN_RETURN_IF_ERROR(CheckInput(json));
  BotInput input;
  WARDEN_ASSIGN_OR_RETURN(input.request, ReadRequest(json));
  WARDEN_ASSIGN_OR_RETURN(input.config, ReadBotConfig(json));
  if (const Json* overrides = Find(json, "overrides"); overrides != nullptr) {
    WARDEN_ASSIGN_OR_RETURN(input.overrides, BotOverridesFromJson(*overrides));
  }
  return input;
}

Result<EmailInput> EmailInputFromJson(const Json& json) {
  WARDEN_RETURN_IF_ERROR(CheckInput(json));
  EmailInput input;
  WARDEN_RETURN_IF_ERROR(ReadString(json, "", "email", &input.email));
  WARDEN_ASSIGN_OR_RETURN(input.config, ReadEmailConfig(json));
  if (const Json* overrides = Find(json, "overrides"); overrides != nullptr) {
    WARDEN_ASSIGN_OR_RETURN(input.overrides, EmailOverridesFromJson(*overrides));
  }
  return input;
}

}  // namespace warden::eval
