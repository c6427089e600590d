// Fuzz target: email syntax (UTF-8, IDNA, literals) and the validate-email rule over arbitrary
// candidates.
//
// Input: one flags byte (bit 0 require-TLD, bit 1 allow literal, bit 2 allow/deny, bits 3-7
// the listed types), one options byte (bit 0 allow display name, 1 ASCII-only local part,
// 2 allow empty local part, 3 allow the test domain, 4 ignore length limits, 5 a TLD allow-list),
// then the candidate. Checks: no crash/UB; a reason exactly when invalid, kInvalidUtf8 exactly
// for ill-formed UTF-8; a valid address's addr-spec is the candidate (or, with a display name,
// inside it, before its final '>') and splits back into local part and domain, its A-label
// domain is lower-case ASCII within the length limits, and converting it again is
// the identity (IDNA idempotence); invalid ⇔ blocked has INVALID, with the same reason; the
// oracle is never consulted for an invalid address.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/email/idna.h"
#include "core/email/syntax.h"
#include "core/email/unicode.h"
#include "core/email/validate.h"
#include "fuzz_util.h"

namespace {

using namespace warden::core::email;
using warden::fuzz::Check;

class CountingOracle final : public EmailOracle {
 public:
  Answer IsDisposable(const std::string&) override { return Count(Answer::kYes); }
  Answer IsFree(const std::string&) override { return Count(Answer::kUnknown); }
  Answer HasMxRecords(const std::string&) override { return Count(Answer::kNo); }
  Answer HasGravatar(const std::string&) override { return Count(Answer::kNo); }
  int calls = 0;

 private:
  Answer Count(Answer a) {
    ++calls;
    return a;
  }
};

constexpr std::string_view kTlds[] = {"com", "xn--lhr59c", "\xE5\x95\x86\xE5\x8B\x99", "TEST"};

void CheckValid(std::string_view candidate, const SyntaxOptions& options, const Address& a) {
  const std::string_view spec = a.addr_spec;
  if (spec.data() != candidate.data() || spec.size() != candidate.size()) {
    Check(options.allow_display_name && candidate.back() == '>');
    Check(spec.data() > candidate.data() && spec.data() + spec.size() + 1 ==
                                                candidate.data() + candidate.size());
  }
  Check(a.local.size() + 1 + a.domain.size() == spec.size());
  Check(a.local.data() == spec.data());
  Check(spec[a.local.size()] == '@');
  Check(!a.local.empty() || options.allow_empty_local_part);
  Check(a.ascii_domain.size() <= 253);
  Check(options.ignore_length_limits ||
        (a.local.size() <= 64 && a.local.size() + 1 + a.ascii_domain.size() <= 254));
  Check(options.allow_domain_literal || !a.domain_literal);
  if (a.domain_literal) return;
  const size_t dot = a.ascii_domain.rfind('.');
  Check(IsAllowedTopLevelDomain(
      dot == std::string_view::npos ? a.ascii_domain : a.ascii_domain.substr(dot + 1), options));
  size_t label = 0;
  for (char c : a.ascii_domain) {
    Check(static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z'));
    label = c == '.' ? 0 : label + 1;
    Check(label <= 63);
  }
  std::string again;
  Check(DomainToAscii(a.ascii_domain, &again) == InvalidReason::kNone);
  Check(again == a.ascii_domain);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t flags = data[0];
  const uint8_t more = data[1];
  const std::string_view candidate(reinterpret_cast<const char*>(data + 2), size - 2);
  SyntaxOptions options;
  options.require_top_level_domain = (flags & 1) != 0;
  options.allow_domain_literal = (flags & 2) != 0;
  options.allow_display_name = (more & 1) != 0;
  options.require_ascii_local_part = (more & 2) != 0;
  options.allow_empty_local_part = (more & 4) != 0;
  options.allow_test_domain = (more & 8) != 0;
  options.ignore_length_limits = (more & 16) != 0;
  if (more & 32) options.allowed_top_level_domains = kTlds;

  Address address;
  const InvalidReason reason = ParseAddress(candidate, options, &address);
  const bool valid = reason == InvalidReason::kNone;
  if (valid) CheckValid(candidate, options, address);
  if (!candidate.empty()) Check((reason == InvalidReason::kInvalidUtf8) == !IsValidUtf8(candidate));
  Check(!ReasonName(reason).empty() || valid);

  std::vector<EmailType> types;
  for (int bit = 3; bit < 8; ++bit) {
    if (flags & (1 << bit)) types.push_back(kAllEmailTypes[bit - 3]);
  }
  EmailConfig config;
  config.syntax = options;
  config.mode = (flags & 4) ? RuleMode::kAllow : RuleMode::kDeny;
  config.types = types;
  CountingOracle oracle;
  const EmailVerdict verdict = Validate(candidate, config, oracle);
  Check(verdict.valid == valid);
  Check(verdict.reason == reason);
  Check(verdict.Blocks(EmailType::kInvalid) == !valid);
  Check(valid || oracle.calls == 0);
  Check(oracle.calls <= 4);
  return 0;
}
