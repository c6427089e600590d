// warden::core::email::Validate — the validate-email analysis.
//
// Syntax first (syntax.h); an invalid address is always blocked as kInvalid, carries the
// reason, and nothing is asked of the host. For a valid one, the host is asked (through EmailOracle) only the
// questions that can change the result: with a deny rule, the listed types; with an allow
// rule, the types not listed. kUnknown answers never block. See docs/email-validation.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/email/syntax.h"

namespace warden::core::email {

// In the fixed order of `blocked` lists.
enum class EmailType : uint8_t { kInvalid, kDisposable, kFree, kNoMxRecords, kNoGravatar };
inline constexpr EmailType kAllEmailTypes[] = {EmailType::kInvalid, EmailType::kDisposable,
                                               EmailType::kFree, EmailType::kNoMxRecords,
                                               EmailType::kNoGravatar};

enum class Answer : uint8_t { kYes, kNo, kUnknown };

// The host's knowledge. Domains are passed in lower-case A-label form (IDNA); HasGravatar gets
// the address as the caller gave it, without a display name (Address::addr_spec). Implementations may block (DNS, HTTP); each is called at most once per
// Validate call.
class EmailOracle {
 public:
  virtual ~EmailOracle() = default;
  virtual Answer IsDisposable(const std::string& domain) = 0;
  virtual Answer IsFree(const std::string& domain) = 0;
  virtual Answer HasMxRecords(const std::string& domain) = 0;
  virtual Answer HasGravatar(const std::string& address) = 0;
};

enum class RuleMode : uint8_t { kAllow, kDeny };

struct EmailConfig {
  SyntaxOptions syntax;
  RuleMode mode = RuleMode::kDeny;
  std::span<const EmailType> types;  // may repeat; kInvalid in it changes nothing
};

struct EmailVerdict {
  bool valid = false;
  InvalidReason reason = InvalidReason::kNone;  // set exactly when !valid
  uint8_t blocked = 0;  // bit (1 << type) per blocked EmailType

  bool Blocks(EmailType type) const { return (blocked >> static_cast<int>(type)) & 1; }
  bool operator==(const EmailVerdict&) const = default;
};

// Validates `candidate` under `config`, asking `oracle` as described above. With kAllow,
// blocked = {kInvalid if invalid} ∪ (detected types not listed); with kDeny,
// blocked = {kInvalid if invalid} ∪ (detected types listed). Address literals are not asked
// the domain questions (disposable, free, MX); HasGravatar is still asked. Pure apart from the
// oracle calls; thread-compatible.
EmailVerdict Validate(std::string_view candidate, const EmailConfig& config, EmailOracle& oracle);

}  // namespace warden::core::email
