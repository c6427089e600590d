// The analyzer world's exports: a thin adapter from the witgen-generated types to the core.
//
// Each export borrows views of the lifted WIT values (no copies of strings), calls the core,
// and returns its result in view form: views of static data (bot IDs, category names) and of
// arrays and bytes it places in the glue's `result_arena`, which lives until the host has read
// the result (cabi_post_<export>; natively until the owned overload has copied it). Host
// questions (bot verification, email lists, DNS) go through the typed import functions, which
// the generated glue binds to the wasm imports in the guest and to native::ScopedImports
// natively. See docs/witgen.md.
#include <cstddef>
#include <cstring>
#include <iterator>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "analyzer_guest.h"
#include "core/bot/detect.h"
#include "core/common/error.h"
#include "core/common/http.h"
#include "core/email/validate.h"
#include "core/fingerprint/fingerprint.h"

namespace warden::analyze::analyzer::exports {
namespace {

namespace t = ::warden::analyze::types;
namespace core = ::warden::core;

using Pairs = std::span<const std::tuple<std::string_view, std::string_view>>;

// The core's fields for a WIT list of pairs: up to kInline of them without an allocation.
class Fields {
 public:
  explicit Fields(Pairs pairs) {
    core::Field* out = reinterpret_cast<core::Field*>(inline_);
    if (pairs.size() > kInline) {
      heap_.resize(pairs.size());
      out = heap_.data();
    }
    for (size_t i = 0; i < pairs.size(); ++i) {
      new (out + i) core::Field{std::get<0>(pairs[i]), std::get<1>(pairs[i])};
    }
    fields_ = std::span<const core::Field>(out, pairs.size());
  }
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;

  std::span<const core::Field> span() const { return fields_; }

 private:
  static constexpr size_t kInline = 32;
  alignas(core::Field) unsigned char inline_[kInline * sizeof(core::Field)];
  std::vector<core::Field> heap_;
  std::span<const core::Field> fields_;
};

// The pairs as core Fields without a copy, when a pair and a Field have the same layout (two
// views, name first: libc++'s tuple, as in the wasm module), else nullopt (libstdc++ stores a
// tuple's members in reverse order; callers then copy them into Fields).
std::optional<std::span<const core::Field>> AsFields(Pairs pairs) {
  using Pair = Pairs::element_type;
  static constexpr Pair kProbe{};
  const bool same =
      sizeof(Pair) == sizeof(core::Field) && alignof(Pair) == alignof(core::Field) &&
      reinterpret_cast<const char*>(&std::get<0>(kProbe)) ==
          reinterpret_cast<const char*>(&kProbe) + offsetof(core::Field, name) &&
      reinterpret_cast<const char*>(&std::get<1>(kProbe)) ==
          reinterpret_cast<const char*>(&kProbe) + offsetof(core::Field, value);
  if (!same) return std::nullopt;
  return std::span<const core::Field>(reinterpret_cast<const core::Field*>(pairs.data()),
                                      pairs.size());
}

// Views placed in the export's result arena (detect-bot's lists).
class ArenaStorage final : public core::bot::VerdictStorage {
 public:
  explicit ArenaStorage(witgen::ViewArena& arena) : arena_(arena) {}
  std::string_view* Allocate(size_t count) override {
    return arena_.Allocate<std::string_view>(count);
  }

 private:
  witgen::ViewArena& arena_;
};

// `headers` and `extra` must be the Fields of the request's own lists.
core::HttpRequest ToView(const t::RequestView& r, const Fields& headers, const Fields& extra) {
  return core::HttpRequest{r.ip,      r.method, r.protocol, r.host, r.path, headers.span(),
                           r.cookies, r.query,  extra.span()};
}

// A copy of `s` in `arena` (for bytes that are not static and would not outlive the export).
std::string_view Keep(std::string_view s, witgen::ViewArena& arena) {
  char* out = arena.Allocate<char>(s.size());
  if (!s.empty()) std::memcpy(out, s.data(), s.size());
  return std::string_view(out, s.size());
}

t::AnalysisErrorView ToWit(const core::Error& error, witgen::ViewArena& arena) {
  const std::string_view detail = Keep(error.detail, arena);
  switch (error.kind) {
    case core::ErrorKind::kMissingCharacteristic:
      return {t::AnalysisErrorView::MissingCharacteristic{detail}};
    case core::ErrorKind::kInvalidInput:
      return {t::AnalysisErrorView::InvalidInput{detail}};
    case core::ErrorKind::kInternal:
      break;
  }
  return {t::AnalysisErrorView::Internal{detail}};
}

class ImportVerifier final : public core::bot::BotVerifier {
 public:
  core::bot::Verification Verify(std::string_view id, std::string_view ip) override {
    switch (bot_overrides::Verify(std::string(id), std::string(ip))) {
      case t::Verification::kVerified: return core::bot::Verification::kVerified;
      case t::Verification::kSpoofed: return core::bot::Verification::kSpoofed;
      case t::Verification::kUnverifiable: break;
    }
    return core::bot::Verification::kUnverifiable;
  }
};

core::email::Answer FromWit(t::Answer answer) {
  switch (answer) {
    case t::Answer::kYes: return core::email::Answer::kYes;
    case t::Answer::kNo: return core::email::Answer::kNo;
    case t::Answer::kUnknown: break;
  }
  return core::email::Answer::kUnknown;
}

class ImportOracle final : public core::email::EmailOracle {
 public:
  core::email::Answer IsDisposable(const std::string& domain) override {
    return FromWit(email_overrides::IsDisposable(domain));
  }
  core::email::Answer IsFree(const std::string& domain) override {
    return FromWit(email_overrides::IsFree(domain));
  }
  core::email::Answer HasMxRecords(const std::string& domain) override {
    return FromWit(email_overrides::HasMxRecords(domain));
  }
  core::email::Answer HasGravatar(const std::string& address) override {
    return FromWit(email_overrides::HasGravatar(address));
  }
};

core::email::EmailType FromWit(t::EmailType type) {
  switch (type) {
    case t::EmailType::kInvalid: return core::email::EmailType::kInvalid;
    case t::EmailType::kDisposable: return core::email::EmailType::kDisposable;
    case t::EmailType::kFree: return core::email::EmailType::kFree;
    case t::EmailType::kNoMxRecords: return core::email::EmailType::kNoMxRecords;
    case t::EmailType::kNoGravatar: break;
  }
  return core::email::EmailType::kNoGravatar;
}

t::EmailType ToWit(core::email::EmailType type) {
  switch (type) {
    case core::email::EmailType::kInvalid: return t::EmailType::kInvalid;
    case core::email::EmailType::kDisposable: return t::EmailType::kDisposable;
    case core::email::EmailType::kFree: return t::EmailType::kFree;
    case core::email::EmailType::kNoMxRecords: return t::EmailType::kNoMxRecords;
    case core::email::EmailType::kNoGravatar: break;
  }
  return t::EmailType::kNoGravatar;
}

}  // namespace

witgen::Expected<std::string_view, t::AnalysisErrorView> GenerateFingerprint(
    const t::RequestView& request, std::span<const std::string_view> characteristics,
    witgen::ViewArena& result_arena) {
  using Out = witgen::Expected<std::string_view, t::AnalysisErrorView>;
  const Fields headers(request.headers);
  const Fields extra(request.extra);
  core::ErrorOr<std::string> fp =
      core::fingerprint::Generate(ToView(request, headers, extra), characteristics);
  if (!fp.ok()) return Out::Err(ToWit(fp.error(), result_arena));
  return Out::Ok(Keep(fp.value(), result_arena));
}

witgen::Expected<t::BotResultView, t::AnalysisErrorView> DetectBot(
    const t::RequestView& request, const t::BotConfigView& config,
    witgen::ViewArena& result_arena) {
  using Out = witgen::Expected<t::BotResultView, t::AnalysisErrorView>;
  const auto* allow = std::get_if<t::BotConfigView::Allow>(&config.value);
  const std::span<const std::string_view> entries =
      allow != nullptr ? allow->value : std::get_if<t::BotConfigView::Deny>(&config.value)->value;
  const core::bot::BotConfig core_config{
      allow != nullptr ? core::bot::ListMode::kAllow : core::bot::ListMode::kDeny, entries};
  ImportVerifier verifier;
  ArenaStorage storage(result_arena);
  const auto detect = [&](std::span<const core::Field> headers) {
    return core::bot::DetectInto(headers, request.ip, core_config, verifier, storage);
  };
  const std::optional<std::span<const core::Field>> fields = AsFields(request.headers);
  const core::bot::DetectOutcome outcome =
      fields.has_value() ? detect(*fields) : detect(Fields(request.headers).span());
  if (outcome.bad_entry.has_value()) {
    return Out::Err(ToWit(core::bot::BadConfigEntry(*outcome.bad_entry), result_arena));
  }
  const core::bot::BotVerdictView& v = outcome.verdict;
  return Out::Ok(t::BotResultView{v.allowed, v.denied, v.categories, v.verified, v.spoofed,
                                  v.missing_user_agent});
}

// core::email::InvalidReason lists the WIT cases in the same order, after kNone.
std::optional<t::EmailInvalidReason> ToWit(core::email::InvalidReason reason) {
  using R = core::email::InvalidReason;
  static_assert(static_cast<int>(t::EmailInvalidReason::kEmpty) == static_cast<int>(R::kEmpty) - 1);
  static_assert(static_cast<int>(t::EmailInvalidReason::kTopLevelDomainNotAllowed) ==
                static_cast<int>(R::kTopLevelDomainNotAllowed) - 1);
  static_assert(static_cast<int>(t::EmailInvalidReason::kLabelHyphen) ==
                static_cast<int>(R::kLabelHyphen) - 1);
  if (reason == R::kNone) return std::nullopt;
  return static_cast<t::EmailInvalidReason>(static_cast<int>(reason) - 1);
}

witgen::Expected<t::EmailResultView, t::AnalysisErrorView> ValidateEmail(
    std::string_view candidate, const t::EmailConfigView& config,
    witgen::ViewArena& result_arena) {
  const auto* allow = std::get_if<t::EmailRuleView::Allow>(&config.rule.value);
  const std::span<const t::EmailType> list =
      allow != nullptr ? allow->value
                       : std::get_if<t::EmailRuleView::Deny>(&config.rule.value)->value;
  std::vector<core::email::EmailType> types;
  types.reserve(list.size());
  for (t::EmailType type : list) types.push_back(FromWit(type));
  core::email::EmailConfig core_config;
  core_config.syntax.require_top_level_domain = config.require_top_level_domain;
  core_config.syntax.allow_domain_literal = config.allow_domain_literal;
  core_config.syntax.allow_display_name = config.allow_display_name;
  core_config.syntax.require_ascii_local_part = config.require_ascii_local_part;
  core_config.syntax.allow_empty_local_part = config.allow_empty_local_part;
  core_config.syntax.allow_test_domain = config.allow_test_domain;
  core_config.syntax.ignore_length_limits = config.ignore_length_limits;
  core_config.syntax.allowed_top_level_domains = config.allowed_top_level_domains;
  core_config.mode = allow != nullptr ? core::email::RuleMode::kAllow : core::email::RuleMode::kDeny;
  core_config.types = types;
  ImportOracle oracle;
  const core::email::EmailVerdict v = core::email::Validate(candidate, core_config, oracle);
  t::EmailType* blocked =
      result_arena.Allocate<t::EmailType>(std::size(core::email::kAllEmailTypes));
  size_t count = 0;
  for (core::email::EmailType type : core::email::kAllEmailTypes) {
    if (v.Blocks(type)) blocked[count++] = ToWit(type);
  }
  return witgen::Expected<t::EmailResultView, t::AnalysisErrorView>::Ok(
      t::EmailResultView{v.valid ? t::EmailValidity::kValid : t::EmailValidity::kInvalid,
                         ToWit(v.reason), std::span<const t::EmailType>(blocked, count)});
}

}  // namespace warden::analyze::analyzer::exports
