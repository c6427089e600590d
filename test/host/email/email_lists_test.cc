// warden::EmailDomainLists: the PSL algorithm (own vectors written from the publicsuffix.org
// algorithm), disposable / free matching over small run-time lists, the import binding, and
// the built-in compiled lists (contents and table size; never timing).
#include "warden/email_lists.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "email/punycode.h"

namespace warden {
namespace {

using analyze::types::Answer;

constexpr char kTestPsl[] =
    "// A small list in the publicsuffix.org format.\n"
    "com\nnet\nuk\nco.uk\n"
    "*.ck\n!www.ck\n"
    "jp\n*.kobe.jp\n!city.kobe.jp\n"
    "a.b.example   trailing text is ignored\n"
    "\n  // indented comment\n"
    "cn\n公司.cn\n"
    "dyn.net\nplain-suffix.net\n";

std::shared_ptr<const EmailDomainLists> TestLists() {
  EmailListSources sources;
  sources.public_suffix_list = kTestPsl;
  sources.disposable = {"tempmail.com",     "foo.co.uk",  "Mixed.Case.COM.",
                        "plain-suffix.net", "bücher.com", "deep.sub.example.com"};
  sources.disposable_wildcard = {"dyn.net"};
  sources.free = {"freemail.com", "yahoo.co.uk"};
  auto lists = EmailDomainLists::Build(sources);
  EXPECT_TRUE(lists.ok()) << lists.status().ToString();
  return lists.ok() ? *lists : nullptr;
}

class EmailListsTest : public ::testing::Test {
 protected:
  std::shared_ptr<const EmailDomainLists> lists_ = TestLists();
  std::string Registrable(std::string_view d) { return std::string(lists_->RegistrableDomain(d)); }
  std::string Suffix(std::string_view d) { return std::string(lists_->PublicSuffix(d)); }
};

TEST_F(EmailListsTest, PslSimpleRules) {
  EXPECT_EQ(Registrable("example.com"), "example.com");
  EXPECT_EQ(Suffix("example.com"), "com");
  EXPECT_EQ(Registrable("a.b.example.com"), "example.com");
  EXPECT_EQ(Registrable("com"), "");
  EXPECT_EQ(Suffix("com"), "com");
}

TEST_F(EmailListsTest, PslUnknownTldUsesDefaultRule) {
  EXPECT_EQ(Registrable("example"), "");
  EXPECT_EQ(Suffix("example"), "example");
  EXPECT_EQ(Registrable("foo.example"), "foo.example");
  EXPECT_EQ(Registrable("x.foo.example"), "foo.example");
  EXPECT_EQ(Registrable("b.example"), "b.example");  // a.b.example is a rule, b.example is not
}

TEST_F(EmailListsTest, PslMultiLevelSuffix) {
  EXPECT_EQ(Registrable("co.uk"), "");
  EXPECT_EQ(Suffix("co.uk"), "co.uk");
  EXPECT_EQ(Registrable("bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(Registrable("www.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(Registrable("uk"), "");
  EXPECT_EQ(Registrable("other.uk"), "other.uk");
  EXPECT_EQ(Registrable("x.a.b.example"), "x.a.b.example");
  EXPECT_EQ(Registrable("a.b.example"), "");
}

TEST_F(EmailListsTest, PslWildcardAndException) {
  EXPECT_EQ(Registrable("ck"), "");
  EXPECT_EQ(Registrable("test.ck"), "");
  EXPECT_EQ(Suffix("test.ck"), "test.ck");
  EXPECT_EQ(Registrable("b.test.ck"), "b.test.ck");
  EXPECT_EQ(Registrable("a.b.test.ck"), "b.test.ck");
  EXPECT_EQ(Registrable("www.ck"), "www.ck");
  EXPECT_EQ(Suffix("www.ck"), "ck");
  EXPECT_EQ(Registrable("www.www.ck"), "www.ck");
  EXPECT_EQ(Registrable("kobe.jp"), "kobe.jp");
  EXPECT_EQ(Registrable("c.kobe.jp"), "");
  EXPECT_EQ(Registrable("b.c.kobe.jp"), "b.c.kobe.jp");
  EXPECT_EQ(Registrable("city.kobe.jp"), "city.kobe.jp");
  EXPECT_EQ(Registrable("www.city.kobe.jp"), "city.kobe.jp");
}

TEST_F(EmailListsTest, PslIdnRulesAreALabels) {
  EXPECT_EQ(Registrable("xn--55qx5d.cn"), "");
  EXPECT_EQ(Registrable("www.xn--55qx5d.cn"), "www.xn--55qx5d.cn");
  EXPECT_EQ(Registrable("a.www.xn--55qx5d.cn"), "www.xn--55qx5d.cn");
}

TEST_F(EmailListsTest, PslCaseAndTrailingDot) {
  EXPECT_EQ(Registrable("WWW.Example.COM"), "Example.COM");  // a view into the input
  EXPECT_EQ(Registrable("www.BBC.Co.Uk"), "BBC.Co.Uk");
  EXPECT_EQ(Registrable("example.com."), "example.com");
}

TEST_F(EmailListsTest, MalformedDomains) {
  const std::string long_label = std::string(64, 'a') + ".com";
  std::string long_domain;
  while (long_domain.size() < 254) long_domain += "abcdefghi.";
  long_domain += "com";
  for (std::string_view bad :
       {std::string_view(""), std::string_view("."), std::string_view("a..b"),
        std::string_view(".com"), std::string_view("exa mple.com"), std::string_view("例え.jp"),
        std::string_view("a@b.com"), std::string_view("com.."), std::string_view(long_label),
        std::string_view(long_domain)}) {
    EXPECT_FALSE(EmailDomainLists::IsWellFormed(bad)) << bad;
    EXPECT_EQ(Registrable(bad), "") << bad;
    EXPECT_EQ(Suffix(bad), "") << bad;
    EXPECT_FALSE(lists_->IsDisposable(bad)) << bad;
    EXPECT_FALSE(lists_->IsFree(bad)) << bad;
  }
  EXPECT_TRUE(EmailDomainLists::IsWellFormed(std::string(63, 'a') + ".com"));
  EXPECT_TRUE(EmailDomainLists::IsWellFormed("_dmarc.Example.com."));
}

TEST_F(EmailListsTest, DisposableExactParentAndCase) {
  EXPECT_TRUE(lists_->IsDisposable("tempmail.com"));
  EXPECT_TRUE(lists_->IsDisposable("TempMail.COM"));
  EXPECT_TRUE(lists_->IsDisposable("tempmail.com."));
  EXPECT_TRUE(lists_->IsDisposable("a.b.tempmail.com"));
  EXPECT_FALSE(lists_->IsDisposable("nottempmail.com"));
  EXPECT_FALSE(lists_->IsDisposable("tempmail.com.evil.net"));
  EXPECT_FALSE(lists_->IsDisposable("com"));
  EXPECT_TRUE(lists_->IsDisposable("mixed.case.com"));  // the entry was "Mixed.Case.COM."
  EXPECT_TRUE(lists_->IsDisposable("x.mixed.case.com"));
  EXPECT_FALSE(lists_->IsDisposable("case.com"));  // a parent of an entry is not listed
  EXPECT_TRUE(lists_->IsDisposable("deep.sub.example.com"));
  EXPECT_FALSE(lists_->IsDisposable("sub.example.com"));
}

TEST_F(EmailListsTest, DisposableStopsAtTheRegistrableDomain) {
  EXPECT_TRUE(lists_->IsDisposable("foo.co.uk"));
  EXPECT_TRUE(lists_->IsDisposable("mx.foo.co.uk"));
  EXPECT_FALSE(lists_->IsDisposable("co.uk"));
  EXPECT_FALSE(lists_->IsDisposable("bar.co.uk"));
  // plain-suffix.net is both a public suffix and a (non-wildcard) entry: only itself matches.
  EXPECT_TRUE(lists_->IsDisposable("plain-suffix.net"));
  EXPECT_FALSE(lists_->IsDisposable("user.plain-suffix.net"));
}

TEST_F(EmailListsTest, DisposableWildcardCoversEverySubdomain) {
  // dyn.net is a public suffix too; its wildcard entry reaches past the registrable domain.
  EXPECT_EQ(Registrable("user.dyn.net"), "user.dyn.net");
  EXPECT_TRUE(lists_->IsDisposable("dyn.net"));
  EXPECT_TRUE(lists_->IsDisposable("user.dyn.net"));
  EXPECT_TRUE(lists_->IsDisposable("a.b.user.dyn.net"));
  EXPECT_FALSE(lists_->IsDisposable("xdyn.net"));
}

TEST_F(EmailListsTest, ULabelEntriesAreStoredAsALabels) {
  EXPECT_TRUE(lists_->IsDisposable("xn--bcher-kva.com"));
  EXPECT_TRUE(lists_->IsDisposable("XN--BCHER-KVA.COM"));
  EXPECT_FALSE(
      lists_->IsDisposable("bücher.com"));  // callers pass A-labels; a U-label is malformed
}

TEST_F(EmailListsTest, FreeList) {
  EXPECT_TRUE(lists_->IsFree("freemail.com"));
  EXPECT_TRUE(lists_->IsFree("FreeMail.Com"));
  EXPECT_TRUE(lists_->IsFree("yahoo.co.uk"));
  EXPECT_TRUE(lists_->IsFree("mail.yahoo.co.uk"));
  EXPECT_FALSE(lists_->IsFree("co.uk"));
  EXPECT_FALSE(lists_->IsFree("tempmail.com"));
  EXPECT_FALSE(lists_->IsDisposable("freemail.com"));
}

TEST_F(EmailListsTest, ImportBindingAnswers) {
  auto overrides = MakeEmailListOverrides(lists_);
  ASSERT_TRUE(overrides.is_disposable && overrides.is_free);
  EXPECT_FALSE(overrides.has_mx_records);
  EXPECT_FALSE(overrides.has_gravatar);
  EXPECT_EQ(overrides.is_disposable("tempmail.com"), Answer::kYes);
  EXPECT_EQ(overrides.is_disposable("example.com"), Answer::kNo);
  EXPECT_EQ(overrides.is_disposable("bücher.com"), Answer::kUnknown);
  EXPECT_EQ(overrides.is_disposable(""), Answer::kUnknown);
  EXPECT_EQ(overrides.is_free("freemail.com"), Answer::kYes);
  EXPECT_EQ(overrides.is_free("tempmail.com"), Answer::kNo);
  EXPECT_EQ(overrides.is_free("a..b"), Answer::kUnknown);
}

TEST(EmailListsBuildTest, RejectsMalformedSources) {
  EmailListSources bad_rule;
  bad_rule.public_suffix_list = "com\nfoo.*.com\n";
  EXPECT_FALSE(EmailDomainLists::Build(bad_rule).ok());
  EmailListSources bad_exception;
  bad_exception.public_suffix_list = "!com\n";
  EXPECT_FALSE(EmailDomainLists::Build(bad_exception).ok());
  EmailListSources bad_entry;
  bad_entry.disposable = {"not a domain"};
  EXPECT_FALSE(EmailDomainLists::Build(bad_entry).ok());
  EmailListSources bad_utf8;
  bad_utf8.free = {"\xC3(.com"};
  EXPECT_FALSE(EmailDomainLists::Build(bad_utf8).ok());
  EXPECT_TRUE(EmailDomainLists::Build(EmailListSources{}).ok());
}

TEST(PunycodeTest, KnownEncodings) {
  EXPECT_EQ(*email::DomainToALabels("bücher.com"), "xn--bcher-kva.com");
  EXPECT_EQ(*email::DomainToALabels("München.DE"), "xn--mnchen-3ya.de");
  EXPECT_EQ(*email::DomainToALabels("例え.テスト"), "xn--r8jz45g.xn--zckzah");
  EXPECT_EQ(*email::DomainToALabels("公司.cn"), "xn--55qx5d.cn");
  EXPECT_EQ(*email::DomainToALabels("Plain.Example"), "plain.example");
  EXPECT_FALSE(email::DomainToALabels("\xED\xA0\x80.com").ok());  // a surrogate
  EXPECT_FALSE(email::DomainToALabels("\xC0\xAF.com").ok());      // an overlong
}

// The compiled-in lists.
TEST(BuiltinEmailListsTest, DisposableFromBothPackages) {
  auto lists = EmailDomainLists::Builtin();
  EXPECT_EQ(lists, EmailDomainLists::Builtin());
  EXPECT_TRUE(lists->IsDisposable("mailinator.com"));  // both packages
  EXPECT_TRUE(lists->IsDisposable("MAILINATOR.COM"));
  EXPECT_TRUE(lists->IsDisposable("x.y.mailinator.com"));
  EXPECT_TRUE(lists->IsDisposable("0-180.com"));            // disposable-email-domains
  EXPECT_TRUE(lists->IsDisposable("0-attorney.com"));       // mailchecker
  EXPECT_TRUE(lists->IsDisposable("anything.33mail.com"));  // wildcard.json
  EXPECT_TRUE(lists->IsDisposable(*email::DomainToALabels("gmaıl.net")));  // a U-label entry
  EXPECT_FALSE(lists->IsDisposable("gmail.com"));
  EXPECT_FALSE(lists->IsDisposable("example.com"));
  EXPECT_FALSE(lists->IsDisposable("com"));
  EXPECT_FALSE(lists->IsDisposable("co.uk"));
}

TEST(BuiltinEmailListsTest, FreeProviders) {
  auto lists = EmailDomainLists::Builtin();
  for (const char* d :
       {"gmail.com",    "googlemail.com", "outlook.com",    "hotmail.com",   "live.com",
        "msn.com",      "yahoo.com",      "yahoo.co.uk",    "aol.com",       "icloud.com",
        "me.com",       "mac.com",        "protonmail.com", "protonmail.ch", "proton.me",
        "pm.me",        "gmx.de",         "web.de",         "mail.ru",       "yandex.ru",
        "qq.com",       "163.com",        "126.com",        "yeah.net",      "zoho.com",
        "tutanota.com", "tuta.io",        "fastmail.com",   "naver.com",     "daum.net",
        "hanmail.net",  "rediffmail.com", "libero.it",      "orange.fr",     "wanadoo.fr",
        "free.fr",      "seznam.cz",      "onet.pl",        "wp.pl",         "interia.pl",
        "o2.pl",        "t-online.de",    "rambler.ru",     "GMAIL.COM"}) {
    EXPECT_TRUE(lists->IsFree(d)) << d;
    EXPECT_FALSE(lists->IsDisposable(d)) << d;
  }
  EXPECT_FALSE(lists->IsFree("example.com"));
  EXPECT_FALSE(lists->IsFree("mailinator.com"));
  EXPECT_FALSE(lists->IsFree("google.com"));
}

TEST(BuiltinEmailListsTest, PublicSuffixListFromDebian) {
  auto lists = EmailDomainLists::Builtin();
  EXPECT_EQ(lists->RegistrableDomain("www.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(lists->RegistrableDomain("a.b.example.com"), "example.com");
  EXPECT_EQ(lists->RegistrableDomain("test.ck"), "");
  EXPECT_EQ(lists->RegistrableDomain("a.www.ck"), "www.ck");
  EXPECT_EQ(lists->RegistrableDomain("foo.bar.kawasaki.jp"), "foo.bar.kawasaki.jp");
  EXPECT_EQ(lists->RegistrableDomain("a.city.kawasaki.jp"), "city.kawasaki.jp");
  EXPECT_EQ(lists->RegistrableDomain("x.foo.unknowntld"), "foo.unknowntld");
  EXPECT_EQ(lists->RegistrableDomain("www.xn--55qx5d.cn"), "www.xn--55qx5d.cn");  // 公司.cn
}

TEST(BuiltinEmailListsTest, TableFitsInFourMegabytes) {
  const EmailListStats stats = EmailDomainLists::Builtin()->stats();
  EXPECT_GE(stats.disposable, 140000u);
  EXPECT_GE(stats.disposable_wildcard, 300u);
  EXPECT_GE(stats.free, 100u);
  EXPECT_GE(stats.public_suffix_rules, 8000u);
  EXPECT_GE(stats.entries, stats.disposable);
  EXPECT_LE(stats.table_bytes, 4u * 1024 * 1024);
  std::printf("entries %zu (disposable %zu, wildcard %zu, free %zu, PSL %zu), table %zu bytes\n",
              stats.entries, stats.disposable, stats.disposable_wildcard, stats.free,
              stats.public_suffix_rules, stats.table_bytes);
}
// Lookups from several threads at once see the same answers (run under TSan to check races).
TEST(BuiltinEmailListsTest, ConcurrentLookups) {
  auto lists = EmailDomainLists::Builtin();
  std::vector<std::thread> threads;
  std::vector<int> hits(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&lists, &hits, t] {
      for (int i = 0; i < 2000; ++i) {
        hits[t] += lists->IsDisposable("mailinator.com") + lists->IsFree("gmail.com") +
                   lists->IsDisposable("example.com") +
                   !lists->RegistrableDomain("a.b.co.uk").empty();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int h : hits) EXPECT_EQ(h, 6000);
}

}  // namespace
}  // namespace warden
