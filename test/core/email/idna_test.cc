// IDNA processing, Punycode and NFC (core/email/idna.h, punycode.h, unicode.h).
#include "core/email/idna.h"

#include <string>

#include <gtest/gtest.h>

#include "core/email/punycode.h"
#include "core/email/unicode.h"

namespace warden::core::email {
namespace {

using R = InvalidReason;

std::string Ascii(std::string_view domain, R expect = R::kNone) {
  std::string out;
  EXPECT_EQ(ReasonName(DomainToAscii(domain, &out)), ReasonName(expect)) << domain;
  return out;
}

TEST(PunycodeTest, Rfc3492Samples) {
  // RFC 3492 §7.1 (A) Arabic (Egyptian) and (L) Japanese "3年B組金八先生".
  const std::u32string arabic = U"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644"
                                U"\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F";
  std::string encoded;
  ASSERT_TRUE(PunycodeEncode(arabic, &encoded));
  EXPECT_EQ(encoded, "egbpdaj6bu4bxfgehfvwxn");
  std::u32string decoded;
  ASSERT_TRUE(PunycodeDecode("egbpdaj6bu4bxfgehfvwxn", &decoded));
  EXPECT_EQ(decoded, arabic);
  const std::u32string japanese = U"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F";
  encoded.clear();
  ASSERT_TRUE(PunycodeEncode(japanese, &encoded));
  EXPECT_EQ(encoded, "3B-ww4c5e180e575a65lsy2b");
  ASSERT_TRUE(PunycodeDecode("3B-ww4c5e180e575a65lsy2b", &decoded));
  EXPECT_EQ(decoded, japanese);
}

TEST(PunycodeTest, RejectsMalformed) {
  std::u32string out;
  EXPECT_FALSE(PunycodeDecode("0", &out));        // truncated number
  EXPECT_FALSE(PunycodeDecode("a-!", &out));      // not a digit
  EXPECT_FALSE(PunycodeDecode("\xC3\xA9-a", &out));  // non-ASCII basic part
  EXPECT_FALSE(PunycodeDecode("99999999999999999", &out));  // overflow
}

TEST(IdnaTest, MapsAndEncodes) {
  EXPECT_EQ(Ascii("Example.COM"), "example.com");
  EXPECT_EQ(Ascii("B\xC3\xBC" "cher.example"), "xn--bcher-kva.example");
  EXPECT_EQ(Ascii("\xE9\x83\xB5\xE4\xBB\xB6.\xE5\x95\x86\xE5\x8B\x99"), "xn--5nqv22n.xn--lhr59c");
  EXPECT_EQ(Ascii("\xEF\xBC\xA5xample\xEF\xBC\x8E" "com"), "example.com");  // fullwidth E, dot
  EXPECT_EQ(Ascii("exa\xC2\xAD" "mple.com"), "example.com");               // soft hyphen ignored
  EXPECT_EQ(Ascii("e\xCC\x81xample.com"), "xn--xample-9ua.com");            // NFC: é
  EXPECT_EQ(Ascii("fa\xC3\x9F.de"), "xn--fa-hia.de");  // ß is a deviation: kept (nontransitional)
  EXPECT_EQ(Ascii("xn--bcher-kva.example"), "xn--bcher-kva.example");
  EXPECT_EQ(Ascii("XN--BCHER-KVA.example"), "xn--bcher-kva.example");
}

TEST(IdnaTest, Rejects) {
  Ascii("xn--0.tld", R::kInvalidIdna);              // does not decode
  Ascii("xn--abc.tld", R::kInvalidIdna);            // decodes to ASCII only... or garbage
  Ascii("xn--bcher-kva-.example", R::kLabelHyphen);  // trailing hyphen
  Ascii("xn--Bcher-kva.example.", R::kTrailingDot);
  Ascii("\xCC\x81" "a.com", R::kInvalidIdna);       // leading combining mark
  Ascii("a\xE2\x80\x8D" "b.com", R::kInvalidIdna);  // ZWJ not after a virama
  Ascii("a\xE2\x80\xA8" "b.com", R::kInvalidCharacter);  // U+2028 disallowed
  Ascii("a b.com", R::kInvalidCharacter);
  Ascii("a\xC2\xA0" "b.com", R::kInvalidCharacter);  // maps to a space
  Ascii("ab--cd.com", R::kLabelHyphen);
  Ascii("..com", R::kLeadingDot);
  std::string huge(2000, 'a');
  Ascii(huge, R::kDomainTooLong);
}

TEST(IdnaTest, BidiRule) {
  const std::string shalom = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";  // Hebrew, class R
  EXPECT_EQ(Ascii(shalom + ".com").substr(0, 4), "xn--");
  Ascii(shalom + "1.com");                          // an RTL label may end in a digit (EN)
  Ascii("1" + shalom + ".com", R::kInvalidIdna);    // rule 1: starts with EN
  Ascii("a" + shalom + ".com", R::kInvalidIdna);    // rule 5: R in an LTR label
  Ascii(shalom + "a.com", R::kInvalidIdna);         // rule 2: L in an RTL label
  Ascii("0a." + shalom, R::kInvalidIdna);           // every label of a Bidi domain name
  Ascii("0a.com");                                  // not a Bidi domain name: no rule
  // rule 4: EN and AN together (U+0627 AL, U+0661 AN, '1' EN)
  Ascii("\xD8\xA7\xD9\xA1" "1.com", R::kInvalidIdna);
  // An A-label makes an ASCII domain a Bidi domain name too (the fast path defers).
  std::u32string hebrew = U"\u05E9\u05DC\u05D5\u05DD";
  std::string encoded;
  ASSERT_TRUE(PunycodeEncode(hebrew, &encoded));
  Ascii("a1.xn--" + encoded);
  Ascii("1a.xn--" + encoded, R::kInvalidIdna);
}

TEST(UnicodeTest, Utf8Decoding) {
  EXPECT_TRUE(IsValidUtf8("plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x86"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xB0\x80"));      // lone low surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  std::string out;
  AppendUtf8(0x1F606, &out);
  EXPECT_EQ(out, "\xF0\x9F\x98\x86");
}

TEST(UnicodeTest, Nfc) {
  EXPECT_EQ(NfcUtf8("e\xCC\x81"), "\xC3\xA9");
  EXPECT_EQ(NfcUtf8("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");  // Hangul L+V → 가
  EXPECT_EQ(NfcUtf8("\xCD\xBE"), ";");  // singleton decomposition
  // s + dot above + dot below → ṩ (reordered by combining class, then composed).
  EXPECT_EQ(NfcUtf8("s\xCC\x87\xCC\xA3"), "\xE1\xB9\xA9");
  EXPECT_EQ(NfcUtf8("\xEF\xAC\xAC"), "\xD7\xA9\xD6\xBC\xD7\x81");  // U+FB2C is excluded
  EXPECT_EQ(CombiningClass(0x301), 230);
  EXPECT_TRUE(IsCombiningMark(0x301));
  EXPECT_FALSE(IsCombiningMark('a'));
}

}  // namespace
}  // namespace warden::core::email
