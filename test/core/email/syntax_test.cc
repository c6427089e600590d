// Email syntax: verdicts and reasons (core/email/syntax.h).
#include "core/email/syntax.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace warden::core::email {
namespace {

using R = InvalidReason;

// The defaults with the two original options set.
SyntaxOptions Options(bool require_tld, bool allow_literal) {
  SyntaxOptions options;
  options.require_top_level_domain = require_tld;
  options.allow_domain_literal = allow_literal;
  return options;
}

R Parse(std::string_view candidate, bool require_tld = true, bool allow_literal = false) {
  Address address;
  return ParseAddress(candidate, Options(require_tld, allow_literal), &address);
}

bool Valid(std::string_view candidate, bool require_tld = true, bool allow_literal = false) {
  return Parse(candidate, require_tld, allow_literal) == R::kNone;
}

TEST(EmailSyntaxTest, ValidAddresses) {
  for (std::string_view ok : {
           "user@example.com", "first.last@example.com", "x@a.co", "user+tag@example.com",
           "a!#$%&'*+-/=?^_`{|}~b@example.com", "user@sub-domain.example.co.uk",
           "USER@EXAMPLE.COM", "1234@example.com", "user@xn--bcher-kva.example",
           "user@123.example", "\"john doe\"@example.com", "\"a@b\"@example.com",
           "\"quote\\\"d\"@example.com", "\"a\\ b\"@example.com",
           "us\xC3\xA9r@example.com", "user@ex\xC3\xA4mple.com", "user@x2.x123",
           "\"\xCE\xBB\"@example.com", "user@iana.co-uk"}) {
    EXPECT_EQ(Parse(ok), R::kNone) << ok;
  }
}

TEST(EmailSyntaxTest, Reasons) {
  const std::pair<std::string_view, R> cases[] = {
      {"", R::kEmpty},
      {"a\xFF@example.com", R::kInvalidUtf8},
      {"\xED\xA0\x80@example.com", R::kInvalidUtf8},  // WTF-8 lone surrogate U+D800
      {"a\xC0\xAF@example.com", R::kInvalidUtf8},     // overlong '/'
      {"a\r\n@example.com", R::kControlCharacter},
      {"a\tb@example.com", R::kControlCharacter},
      {"a\xC2\x85@example.com", R::kControlCharacter},  // U+0085 NEL
      {"Alice <a@example.com>", R::kDisplayName},
      {"user(comment)@example.com", R::kComment},
      {"plainaddress", R::kMissingAt},
      {"@example.com", R::kLocalPartEmpty},
      {"\"\"@example.com", R::kLocalPartEmpty},
      {"\"unterminated@example.com", R::kUnterminatedQuote},
      {"\"a\"b@example.com", R::kInvalidCharacter},
      {"\"bad\\\"@example.com", R::kUnterminatedQuote},
      {"us er@example.com", R::kInvalidCharacter},
      {"user@exa_mple.com", R::kInvalidCharacter},
      {"a@b@example.com", R::kInvalidCharacter},
      {"\xC2\xA0" "a@example.com", R::kInvalidCharacter},   // no-break space
      {"me.\xCD\xBE@example.com", R::kInvalidCharacter},     // U+037E → ';' under NFC
      {"\xE2\x89\xAEme@example.com", R::kInvalidCharacter},  // U+226E = '<' + U+0338
      {".user@example.com", R::kLeadingDot},
      {"user.@example.com", R::kTrailingDot},
      {"us..er@example.com", R::kConsecutiveDots},
      {"user@.example.com", R::kLeadingDot},
      {"user@example.com.", R::kTrailingDot},
      {"user@example..com", R::kConsecutiveDots},
      {"user@", R::kDomainEmpty},
      {"user@-example.com", R::kLabelHyphen},
      {"user@example-.com", R::kLabelHyphen},
      {"user@ab--c.com", R::kLabelHyphen},
      {"user@xn--0.tld", R::kInvalidIdna},
      {"user@localhost", R::kMissingTopLevelDomain},
      {"user@1.2.3.4", R::kInvalidTopLevelDomain},
      {"user@bad.tld-2", R::kInvalidTopLevelDomain},
      {"user@host.localhost", R::kReservedDomain},
      {"user@a.onion", R::kReservedDomain},
      {"user@[192.0.2.1]", R::kDomainLiteralNotAllowed},
  };
  for (const auto& [candidate, reason] : cases) {
    EXPECT_EQ(ReasonName(Parse(candidate)), ReasonName(reason)) << candidate;
  }
  EXPECT_EQ(Parse("user@[300.1.1.1]", true, true), R::kInvalidDomainLiteral);
}

TEST(EmailSyntaxTest, RequireTopLevelDomainOff) {
  EXPECT_TRUE(Valid("user@localhost", false));
  EXPECT_TRUE(Valid("user@1.2.3.4", false));
  EXPECT_TRUE(Valid("user@example.test", false));
  EXPECT_EQ(Parse("user@-x", false), R::kLabelHyphen);
}

TEST(EmailSyntaxTest, LengthLimits) {
  const std::string local64(64, 'a');
  EXPECT_TRUE(Valid(local64 + "@example.com"));
  EXPECT_EQ(Parse(local64 + "a@example.com"), R::kLocalPartTooLong);
  const std::string label63(63, 'b');
  EXPECT_TRUE(Valid("u@" + label63 + ".com"));
  EXPECT_EQ(Parse("u@" + label63 + "b.com"), R::kLabelTooLong);
  // Domain of exactly 253 octets: 3 labels of 63 + 1 of 61, with dots.
  const std::string domain253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'c');
  ASSERT_EQ(domain253.size(), 253u);
  EXPECT_EQ(Parse("u@" + domain253), R::kAddressTooLong);  // 255 octets in all
  EXPECT_EQ(Parse("u@" + domain253 + "c"), R::kDomainTooLong);
  // Address limit 254: "u@" + 252 octets fits, "u@" + 253 does not, though both parts would.
  EXPECT_TRUE(Valid("u@" + domain253.substr(1)));
  // A U-label is measured in A-label form: 20 x U+00E9 is 40 octets of UTF-8 but longer coded.
  std::string e20;
  for (int i = 0; i < 20; ++i) e20 += "\xC3\xA9";
  EXPECT_TRUE(Valid("u@" + e20 + ".com"));
  std::string e60;
  for (int i = 0; i < 60; ++i) e60 += "\xC3\xA9";
  EXPECT_EQ(Parse("u@" + e60 + ".com"), R::kLabelTooLong);
  // A non-ASCII local part is measured as written and in NFC, whichever is longer.
  std::string decomposed = "s\xCC\xA3\xCC\x87";  // s + U+0323 + U+0307 (NFC: U+1E69)
  std::string local = decomposed;
  while (local.size() + decomposed.size() <= 64) local += decomposed;
  EXPECT_TRUE(Valid(local + "@example.com"));
  EXPECT_EQ(Parse(local + "xxxxxxxxxx@example.com"), R::kLocalPartTooLong);
}

TEST(EmailSyntaxTest, DomainLiterals) {
  for (std::string_view ok : {"user@[192.0.2.1]", "user@[0.0.0.0]", "user@[255.255.255.255]",
                              "user@[IPv6:2001:db8::1]", "user@[IPv6:::1]", "user@[ipv6:::]",
                              "user@[IPv6:2001:db8:0:0:0:0:0:1]", "user@[IPv6:::ffff:192.0.2.1]",
                              "user@[IPv6:1:2:3:4:5:6:192.0.2.1]", "user@[IPv6:1:2:3:4:5:6::]",
                              "user@[IPv6:1:2:3:4:5:6:7::]", "user@[IPv6:1:2:3:4:5::192.0.2.1]"}) {
    EXPECT_TRUE(Valid(ok, true, true)) << ok;
  }
  for (std::string_view bad :
       {"user@[256.0.0.1]", "user@[1.2.3]", "user@[01.2.3.4]", "user@[1.2.3.4.5]",
        "user@[IPv6:1:2:3:4:5:6:7]", "user@[IPv6:1:2:3:4:5:6:7:8:9]", "user@[IPv6:1::2::3]",
        "user@[IPv6:12345::]", "user@[IPv6:1:2:3:4:5:6:7:8::]", "user@[IPv6::1]",
        "user@[IPv6:192.0.2.1]", "user@[2001:db8::1]", "user@[tag:content]", "user@[]",
        "user@[192.0.2.1", "user@[IPv6:1:2:3:4:5:6::192.0.2.1]"}) {
    EXPECT_EQ(Parse(bad, true, true), R::kInvalidDomainLiteral) << bad;
  }
}

TEST(EmailSyntaxTest, AddressViewsAndAsciiDomain) {
  Address a;
  ASSERT_EQ(ParseAddress("\"x@y\"@Example.COM", SyntaxOptions{}, &a), R::kNone);
  EXPECT_EQ(a.local, "\"x@y\"");
  EXPECT_EQ(a.domain, "Example.COM");
  EXPECT_EQ(a.ascii_domain, "example.com");
  EXPECT_FALSE(a.domain_literal);
  ASSERT_EQ(ParseAddress("u@B\xC3\xBC" "cher.Example", SyntaxOptions{}, &a), R::kNone);
  EXPECT_EQ(a.ascii_domain, "xn--bcher-kva.example");
  ASSERT_EQ(ParseAddress("u@[IPv6:::1]", Options(true, true), &a), R::kNone);
  EXPECT_TRUE(a.domain_literal);
  EXPECT_EQ(a.ascii_domain, "[IPv6:::1]");
}

// ParseAddress (with its plain-ASCII fast path) and ParseAddressGeneral must agree on the
// reason and, for a valid address, on every field.
void ExpectSameAsGeneral(const std::string& candidate) {
  for (const SyntaxOptions options :
       {Options(true, false), Options(false, false), Options(true, true)}) {
    Address fast;
    Address general;
    const R r = ParseAddress(candidate, options, &fast);
    ASSERT_EQ(r, ParseAddressGeneral(candidate, options, &general)) << candidate;
    if (r != R::kNone) continue;
    ASSERT_EQ(fast.local, general.local) << candidate;
    ASSERT_EQ(fast.domain, general.domain) << candidate;
    ASSERT_EQ(fast.domain_literal, general.domain_literal) << candidate;
    ASSERT_EQ(fast.ascii_domain, general.ascii_domain) << candidate;
  }
}

TEST(EmailSyntaxTest, FastPathAgreesWithGeneralPath) {
  const std::string label63(63, 'a');
  const std::string local64(64, 'b');
  std::string long_domain;  // 253 octets: 3 x 63 + 61 + 3 dots
  for (int i = 0; i < 3; ++i) long_domain += label63 + ".";
  long_domain += std::string(61, 'c');
  const std::vector<std::string> seeds = {
      "alice@example.com", "First.Last@Sub.Example.CO.UK", "a@b.c", "user+tag@x-y.example",
      "a!#$%&'*+-/=?^_`{|}~b@example.com", "u@123.example", "u@example.123", "u@example.a-1",
      "u@example.a-b", "u@localhost", "u@x.local", "u@x.test", "u@x.onion", "u@x.arpa",
      "u@x.invalid", "u@xn--bcher-kva.example", "u@ab--cd.example", "u@-a.example",
      "u@a-.example", "u@a..b", "u@.a.b", "u@a.b.", ".u@a.bc", "u.@a.bc", "u..v@a.bc",
      "\"q\"@a.bc", "\"john doe\"@Example.com", "\"a\\\"b\"@x.com", "\"\"@a.bc",
      "\"a\"b@a.bc", "\"a\"\"@a.bc", "\"a\\\\\"@a.bc", "\"(x)<y>\"@a.bc", "u@[192.0.2.1]",
      "u@a_b.com", "u@@a.bc", "@a.bc", "u@", "u",
      "<u@a.bc>", "(c)u@a.bc", "u@a.b\xC3\xA4", "u@a.b\x7F", local64 + "@a.bc",
      local64 + "b@a.bc", "u@" + label63 + ".com", "u@" + label63 + "a.com", "u@" + long_domain,
      "u@" + long_domain + "c", local64 + "@" + long_domain, "u@" + long_domain.substr(4),
  };
  uint32_t state = 12345;
  const auto next = [&state](uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  constexpr std::string_view kAlphabet = "aZz09-._@\"(<>[]\\ +xnXN\x01\x7F\xC3\xA4";
  for (const std::string& seed : seeds) {
    ExpectSameAsGeneral(seed);
    for (int round = 0; round < 300; ++round) {
      std::string mutated = seed;
      for (uint32_t edits = 1 + next(3); edits > 0; --edits) {
        const size_t pos = next(static_cast<uint32_t>(mutated.size() + 1));
        const char c = kAlphabet[next(static_cast<uint32_t>(kAlphabet.size()))];
        switch (next(3)) {
          case 0: mutated.insert(pos, 1, c); break;
          case 1: if (pos < mutated.size()) mutated.erase(pos, 1); break;
          default: if (pos < mutated.size()) mutated[pos] = c; break;
        }
      }
      ExpectSameAsGeneral(mutated);
    }
  }
}

TEST(EmailSyntaxTest, ReasonNames) {
  EXPECT_EQ(ReasonName(R::kNone), "");
  EXPECT_EQ(ReasonName(R::kLocalPartTooLong), "local-part-too-long");
  EXPECT_EQ(ReasonName(R::kInvalidDomainLiteral), "invalid-domain-literal");
}

}  // namespace
}  // namespace warden::core::email
