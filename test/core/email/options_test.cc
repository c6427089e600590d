// Email syntax options beyond the top-level-domain and literal switches (core/email/syntax.h,
// display_name.h): display names, ASCII-only local parts, empty local parts, the `test`
// domain, length limits and the top-level-domain allow-list.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/email/display_name.h"
#include "core/email/syntax.h"

namespace warden::core::email {
namespace {

using R = InvalidReason;

R Parse(std::string_view candidate, const SyntaxOptions& options) {
  Address address;
  return ParseAddress(candidate, options, &address);
}

SyntaxOptions DisplayNames() {
  SyntaxOptions o;
  o.allow_display_name = true;
  return o;
}

TEST(EmailOptionsTest, DisplayNameAccepted) {
  for (std::string_view ok : {
           "Ada <ada@example.net>", "Ada Lovelace <ada@example.net>", "<ada@example.net>",
           "John Q. Public <jqp@example.com>", "\"Doe, John\" <jd@example.com>",
           "\"Lee, \\\"Al\\\" \\\\ Co.\" <\"al \\\" \\\\ x\"@example.net>",
           "\"d\xCC\xA3\xCC\x87\" <d\xCC\xA3\xCC\x87@combining.example>", "J\xC3\xB6rg <j@example.de>",
           "Name<me@example.org>", "a\"b\"c <me@example.org>", "Name   <me@example.org>"}) {
    EXPECT_EQ(ReasonName(Parse(ok, DisplayNames())), "") << ok;
  }
}

TEST(EmailOptionsTest, DisplayNameRejected) {
  const std::pair<std::string_view, R> cases[] = {
      {" Name <me@example.org>", R::kInvalidDisplayName},        // leading space
      {".Name <me@example.org>", R::kInvalidDisplayName},
      {"Doe, John <me@example.org>", R::kInvalidDisplayName},    // ',' is a special
      {"Name (x) <me@example.org>", R::kInvalidDisplayName},     // no comments
      {"a@b <me@example.org>", R::kInvalidDisplayName},
      {"\"bad\\\xC3\xA9\" <me@example.org>", R::kInvalidDisplayName},  // quoted-pair of non-ASCII
      {"\xE2\x80\xAE" "evil <me@example.org>", R::kInvalidDisplayName},  // U+202E
      {"Name <me@-example.com>", R::kLabelHyphen},               // the addr-spec is validated
      {"Name <>", R::kMissingAt},
      {"Name < me@example.org>", R::kInvalidCharacter},          // no folding whitespace
      {"Name <me@example.org> ", R::kInvalidCharacter},          // not a name-addr: ends in ' '
      {"Name\t<me@example.org>", R::kControlCharacter},
      {"Name <a<b@example.org>>", R::kDisplayName},              // a name-addr inside
  };
  for (const auto& [candidate, reason] : cases) {
    EXPECT_EQ(ReasonName(Parse(candidate, DisplayNames())), ReasonName(reason)) << candidate;
  }
  // Off (the default): any name-addr is kDisplayName, even a malformed one.
  EXPECT_EQ(Parse("Ada Lovelace <ada@example.net>", SyntaxOptions{}), R::kDisplayName);
  EXPECT_EQ(Parse("Doe, John <me@example.org>", SyntaxOptions{}), R::kDisplayName);
}

TEST(EmailOptionsTest, DisplayNameAddrSpecView) {
  Address address;
  ASSERT_EQ(ParseAddress("Alice <Alice@Example.COM>", DisplayNames(), &address), R::kNone);
  EXPECT_EQ(address.addr_spec, "Alice@Example.COM");
  EXPECT_EQ(address.local, "Alice");
  EXPECT_EQ(address.ascii_domain, "example.com");
  std::string_view spec;
  ASSERT_EQ(SplitNameAddr("\"a<b\" <x@y.z>", &spec), R::kNone);
  EXPECT_EQ(spec, "x@y.z");
  EXPECT_FALSE(IsNameAddr("\"<x>\"@y.z"));
  ASSERT_EQ(ParseAddress("x@y.zz", DisplayNames(), &address), R::kNone);
  EXPECT_EQ(address.addr_spec, "x@y.zz");
}

TEST(EmailOptionsTest, RequireAsciiLocalPart) {
  SyntaxOptions o;
  o.require_ascii_local_part = true;
  EXPECT_EQ(Parse("plain@example.com", o), R::kNone);
  EXPECT_EQ(Parse("user@b\xC3\xBC" "cher.example", o), R::kNone);  // IDN domains still fine
  EXPECT_EQ(Parse("r\xC3\xAAve@example.org", o), R::kNonAsciiLocalPart);
  EXPECT_EQ(Parse("\"dots..inside.\xCE\xB1\"@example.net", o), R::kNonAsciiLocalPart);
  EXPECT_EQ(Parse("\xE2\x84\xAA@example.com", o), R::kNonAsciiLocalPart);  // Kelvin: NFC is 'K'
  EXPECT_EQ(Parse("a..\xC3\xA9@example.com", o), R::kConsecutiveDots);    // first rule broken
  EXPECT_EQ(Parse("\xC3\xA9..a@example.com", o), R::kNonAsciiLocalPart);
  EXPECT_EQ(Parse("\xC3\xAAlise@example.org", SyntaxOptions{}), R::kNone);
}

TEST(EmailOptionsTest, AllowEmptyLocalPart) {
  SyntaxOptions o;
  o.allow_empty_local_part = true;
  EXPECT_EQ(Parse("@example.com", o), R::kNone);
  EXPECT_EQ(Parse("\"\"@example.com", o), R::kNone);
  EXPECT_EQ(Parse("@", o), R::kDomainEmpty);
  EXPECT_EQ(Parse("@example.com", SyntaxOptions{}), R::kLocalPartEmpty);
  Address address;
  ASSERT_EQ(ParseAddress("@Example.com", o, &address), R::kNone);
  EXPECT_EQ(address.local, "");
  EXPECT_EQ(address.ascii_domain, "example.com");
}

TEST(EmailOptionsTest, AllowTestDomain) {
  SyntaxOptions o;
  o.allow_test_domain = true;
  EXPECT_EQ(Parse("qa@staging.test", o), R::kNone);
  EXPECT_EQ(Parse("anything@MyCompany.TEST", o), R::kNone);
  EXPECT_EQ(Parse("orders@shop-demo.local", o), R::kReservedDomain);
  EXPECT_EQ(Parse("anything@test", o), R::kMissingTopLevelDomain);
  EXPECT_EQ(Parse("qa@staging.test", SyntaxOptions{}), R::kReservedDomain);
}

TEST(EmailOptionsTest, IgnoreLengthLimits) {
  SyntaxOptions o;
  o.ignore_length_limits = true;
  const std::string local(256, 'a');
  EXPECT_EQ(Parse(local + "@xyz.com", o), R::kNone);
  EXPECT_EQ(Parse(local + "@xyz.com", SyntaxOptions{}), R::kLocalPartTooLong);
  EXPECT_EQ(Parse("u@" + std::string(64, 'b') + ".com", o), R::kLabelTooLong);  // DNS limit
  std::string domain;
  for (int i = 0; i < 4; ++i) domain += std::string(63, 'c') + ".";
  EXPECT_EQ(Parse("u@" + domain + "com", o), R::kDomainTooLong);
}

TEST(EmailOptionsTest, AllowedTopLevelDomains) {
  const std::string_view tlds[] = {"com", "XN--LHR59C", "\xE4\xB8\xAD\xE5\x9B\xBD"};  // 中国
  SyntaxOptions o;
  o.allowed_top_level_domains = tlds;
  EXPECT_EQ(Parse("a@example.COM", o), R::kNone);
  EXPECT_EQ(Parse("ops@host.unknowntld", o), R::kTopLevelDomainNotAllowed);
  EXPECT_EQ(Parse("logo-16x16@1x.gif", o), R::kTopLevelDomainNotAllowed);
  EXPECT_EQ(Parse("a@\xE9\x83\xB5\xE4\xBB\xB6.\xE5\x95\x86\xE5\x8B\x99", o), R::kNone);  // .商務
  EXPECT_EQ(Parse("a@example.xn--fiqs8s", o), R::kNone);  // the U-label entry 中国
  EXPECT_EQ(Parse("a@example.test", o), R::kReservedDomain);  // the other checks still apply
  EXPECT_EQ(Parse("a@[192.0.2.1]", [&] {
              SyntaxOptions l = o;
              l.allow_domain_literal = true;
              return l;
            }()),
            R::kNone);  // literals have no top-level domain
  o.require_top_level_domain = false;
  EXPECT_EQ(Parse("a@localhost", o), R::kTopLevelDomainNotAllowed);
  EXPECT_EQ(Parse("a@com", o), R::kNone);
  EXPECT_TRUE(IsAllowedTopLevelDomain("anything", SyntaxOptions{}));
}

// The fast path and the general one agree under every combination of the options.
TEST(EmailOptionsTest, FastPathAgreesWithGeneralPathUnderOptions) {
  const std::string_view tlds[] = {"com", "test"};
  const std::string long_local(70, 'l');
  const std::vector<std::string> candidates = {
      "alice@example.com", "a@x.test", "a@x.TEST", "a@x.org", "@x.com", "\"\"@x.com",
      long_local + "@x.com", "N <a@x.com>", "a@localhost", "\xC3\xA9@x.com", "a@1.2.3.4"};
  for (int bits = 0; bits < 64; ++bits) {
    SyntaxOptions o;
    o.require_top_level_domain = (bits & 1) != 0;
    o.allow_display_name = (bits & 2) != 0;
    o.require_ascii_local_part = (bits & 4) != 0;
    o.allow_empty_local_part = (bits & 8) != 0;
    o.allow_test_domain = (bits & 16) != 0;
    o.ignore_length_limits = (bits & 32) != 0;
    for (int list = 0; list < 2; ++list) {
      if (list) o.allowed_top_level_domains = tlds;
      for (const std::string& c : candidates) {
        Address fast, general;
        const R a = ParseAddress(c, o, &fast);
        const R b = ParseAddressGeneral(c, o, &general);
        ASSERT_EQ(ReasonName(a), ReasonName(b)) << c << " options " << bits << "/" << list;
        if (a == R::kNone) {
          EXPECT_EQ(fast.addr_spec, general.addr_spec) << c;
          EXPECT_EQ(fast.ascii_domain, general.ascii_domain) << c;
        }
      }
    }
  }
}

TEST(EmailOptionsTest, NewReasonNames) {
  EXPECT_EQ(ReasonName(R::kInvalidDisplayName), "invalid-display-name");
  EXPECT_EQ(ReasonName(R::kNonAsciiLocalPart), "non-ascii-local-part");
  EXPECT_EQ(ReasonName(R::kTopLevelDomainNotAllowed), "top-level-domain-not-allowed");
}

}  // namespace
}  // namespace warden::core::email
