// UTS #46 / IDNA2008 domain processing (see idna.h).
#include "core/email/idna.h"

#include <string>

#include "core/email/punycode.h"
#include "core/email/unicode.h"

namespace warden::core::email {
namespace {

using tables::IdnaStatus;

constexpr size_t kMaxLabel = 63;
constexpr size_t kMaxDomain = 253;
// No domain longer than this (in UTF-8) is processed: bounds the work on hostile input. Only a
// domain padded with hundreds of UTS #46 "ignored" code points could be valid beyond it.
constexpr size_t kMaxDomainInput = 1024;

bool IsLdh(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

char32_t Lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

// CheckHyphens (UTS #46 §4.1 step 2-3).
InvalidReason CheckHyphens(std::u32string_view label, bool a_label) {
  if (label.front() == '-' || label.back() == '-') return InvalidReason::kLabelHyphen;
  if (!a_label && label.size() >= 4 && label[2] == '-' && label[3] == '-') {
    return InvalidReason::kLabelHyphen;
  }
  return InvalidReason::kNone;
}

// The validity criteria of a U-label (UTS #46 §4.1), `decoded` when it came from an A-label
// (its code points were never mapped, so their status and NFC must be checked here).
InvalidReason CheckULabel(std::u32string_view label, bool decoded) {
  if (InvalidReason r = CheckHyphens(label, false); r != InvalidReason::kNone) return r;
  if (IsCombiningMark(label.front())) return InvalidReason::kInvalidIdna;
  for (size_t i = 0; i < label.size(); ++i) {
    const char32_t c = label[i];
    if (c == 0x200C || c == 0x200D) {  // CONTEXTJ: only after a virama (ccc 9)
      if (i == 0 || CombiningClass(label[i - 1]) != 9) return InvalidReason::kInvalidIdna;
    }
    if (!decoded) continue;
    if (c < 0x80) {
      if (!IsLdh(c)) return InvalidReason::kInvalidIdna;
      continue;
    }
    const IdnaStatus status = IdnaStatusOf(c, nullptr);
    if (status != IdnaStatus::kValid && status != IdnaStatus::kDeviation) {
      return InvalidReason::kInvalidIdna;
    }
  }
  if (decoded) {
    bool inert = true;  // then the label is its own NFC
    for (char32_t c : label) inert = inert && IsNfcInert(c);
    if (!inert) {
      std::u32string nfc(label);
      NormalizeNfc(&nfc);
      if (nfc != label) return InvalidReason::kInvalidIdna;
    }
  }
  return InvalidReason::kNone;
}

// Checks an "xn--" label (lower case, ASCII) by decoding it into *decoded.
InvalidReason CheckALabel(std::string_view label, std::u32string* decoded_out) {
  const std::string_view encoded = label.substr(4);
  std::u32string& decoded = *decoded_out;
  if (encoded.empty() || !PunycodeDecode(encoded, &decoded) || decoded.empty()) {
    return InvalidReason::kInvalidIdna;
  }
  bool ascii = true;
  for (char32_t c : decoded) ascii = ascii && c < 0x80;
  if (ascii) return InvalidReason::kInvalidIdna;
  if (InvalidReason r = CheckULabel(decoded, true); r != InvalidReason::kNone) {
    return r == InvalidReason::kLabelHyphen ? InvalidReason::kInvalidIdna : r;
  }
  std::string again;
  if (!PunycodeEncode(decoded, &again) || again != encoded) return InvalidReason::kInvalidIdna;
  return InvalidReason::kNone;
}

// Checks one non-empty, mapped (lower-case LDH) ASCII label; an A-label's decoded form goes
// to *decoded (when not null).
InvalidReason CheckAsciiLabel(std::string_view label, std::u32string* decoded) {
  if (label.front() == '-' || label.back() == '-') return InvalidReason::kLabelHyphen;
  if (label.size() >= 4 && label[2] == '-' && label[3] == '-') {
    if (!label.starts_with("xn--")) return InvalidReason::kLabelHyphen;
    std::u32string scratch;
    if (InvalidReason r = CheckALabel(label, decoded != nullptr ? decoded : &scratch);
        r != InvalidReason::kNone) {
      return r;
    }
  }
  return label.size() > kMaxLabel ? InvalidReason::kLabelTooLong : InvalidReason::kNone;
}

// Appends the A-label of one non-empty label to *ascii; *decoded receives the U-label of an
// A-label and is left empty otherwise (the label is its own U-label).
InvalidReason ConvertLabel(std::u32string_view label, std::string* ascii,
                           std::u32string* decoded) {
  bool is_ascii = true;
  for (char32_t c : label) is_ascii = is_ascii && c < 0x80;
  const size_t start = ascii->size();
  decoded->clear();
  if (is_ascii) {
    for (char32_t c : label) ascii->push_back(static_cast<char>(c));
    return CheckAsciiLabel(std::string_view(*ascii).substr(start), decoded);
  } else {
    if (InvalidReason r = CheckULabel(label, false); r != InvalidReason::kNone) return r;
    ascii->append("xn--");
    if (!PunycodeEncode(label, ascii)) return InvalidReason::kInvalidIdna;
  }
  return ascii->size() - start > kMaxLabel ? InvalidReason::kLabelTooLong : InvalidReason::kNone;
}

// UTS #46 mapping (step 1) with the STD3 ASCII rules, then NFC (step 2).
InvalidReason Map(std::string_view domain, std::u32string* out) {
  size_t pos = 0;
  char32_t c;
  const auto push_ascii = [&](char32_t a) {
    a = Lower(a);
    if (!IsLdh(a) && a != '.') return false;
    out->push_back(a);
    return true;
  };
  while (pos < domain.size()) {
    if (!DecodeUtf8(domain, &pos, &c)) return InvalidReason::kInvalidUtf8;
    if (c < 0x80) {
      if (!push_ascii(c)) return InvalidReason::kInvalidCharacter;
      continue;
    }
    IdnaMapping mapping;
    switch (IdnaStatusOf(c, &mapping)) {
      case IdnaStatus::kValid:
      case IdnaStatus::kDeviation:
        out->push_back(c);
        break;
      case IdnaStatus::kMapped: {
        if (mapping.single != 0) {
          if (mapping.single >= 0x80) {
            out->push_back(mapping.single);
          } else if (!push_ascii(mapping.single)) {
            return InvalidReason::kInvalidCharacter;
          }
          break;
        }
        size_t m = 0;
        char32_t mc;
        while (m < mapping.text.size() && DecodeUtf8(mapping.text, &m, &mc)) {
          if (mc >= 0x80) {
            out->push_back(mc);
          } else if (!push_ascii(mc)) {
            return InvalidReason::kInvalidCharacter;
          }
        }
        break;
      }
      case IdnaStatus::kIgnored:
        break;
      case IdnaStatus::kDisallowed:
        return InvalidReason::kInvalidCharacter;
    }
  }
  NormalizeNfc(out);
  return InvalidReason::kNone;
}

// The common case, an all-ASCII domain: UTS #46 mapping is lower-casing, NFC is the identity,
// so no code-point buffer is needed. One pass; the same reasons as the general path, which
// reports a character error anywhere before a label error. Returns false (and leaves *reason
// alone) when the domain has a non-ASCII byte or an A-label: the general path must run.
bool AsciiDomainToAscii(std::string_view domain, std::string* ascii, InvalidReason* reason) {
  const size_t n = domain.size();
  ascii->resize(n);
  char* out = ascii->data();
  InvalidReason label_error = InvalidReason::kNone;
  InvalidReason char_error = InvalidReason::kNone;
  size_t label_start = 0;
  for (size_t i = 0; i <= n; ++i) {
    const char c = i == n ? '.' : domain[i];
    if (c == '.') {
      if (label_error == InvalidReason::kNone) {
        if (i == label_start) {
          label_error = label_start == 0 ? InvalidReason::kLeadingDot
                        : i == n         ? InvalidReason::kTrailingDot
                                         : InvalidReason::kConsecutiveDots;
        } else {
          const std::string_view label(out + label_start, i - label_start);
          // An A-label may be right-to-left: the Bidi rule needs the general path, which
          // checks the label itself, so it is not decoded here too.
          if (label.starts_with("xn--")) return false;
          label_error = CheckAsciiLabel(label, nullptr);
        }
      }
      if (i < n) out[i] = '.';
      label_start = i + 1;
    } else if (c >= 'a' && c <= 'z') {
      out[i] = c;
    } else if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + ('a' - 'A'));
    } else if ((c >= '0' && c <= '9') || c == '-') {
      out[i] = c;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    } else {
      char_error = InvalidReason::kInvalidCharacter;
    }
  }
  if (char_error != InvalidReason::kNone) {
    *reason = char_error;
  } else if (label_error != InvalidReason::kNone) {
    *reason = label_error;
  } else {
    *reason = n > kMaxDomain ? InvalidReason::kDomainTooLong : InvalidReason::kNone;
  }
  return true;
}

bool IsRtl(tables::BidiClass c) {
  return c == tables::BidiClass::kR || c == tables::BidiClass::kAL;
}

// RFC 5893 §2 rules 1-6 for one label of a Bidi domain name.
bool SatisfiesBidiRule(std::u32string_view label) {
  using B = tables::BidiClass;
  const B first = BidiClassOf(label.front());
  if (first != B::kL && !IsRtl(first)) return false;
  const bool rtl = IsRtl(first);
  bool has_en = false, has_an = false;
  size_t end = label.size();
  while (end > 0 && BidiClassOf(label[end - 1]) == B::kNSM) --end;
  if (end == 0) return false;
  for (size_t i = 0; i < label.size(); ++i) {
    const B c = BidiClassOf(label[i]);
    has_en = has_en || c == B::kEN;
    has_an = has_an || c == B::kAN;
    const bool common = c == B::kEN || c == B::kES || c == B::kCS || c == B::kET ||
                        c == B::kON || c == B::kBN || c == B::kNSM;
    if (rtl ? !(common || IsRtl(c) || c == B::kAN) : !(common || c == B::kL)) return false;
  }
  const B last = BidiClassOf(label[end - 1]);
  if (rtl) return (IsRtl(last) || last == B::kEN || last == B::kAN) && !(has_en && has_an);
  return last == B::kL || last == B::kEN;
}

// Whether a U-label holds an R, AL or AN code point (which makes its domain a Bidi domain name).
bool HasRtl(std::u32string_view label) {
  for (char32_t c : label) {
    if (c < tables::kFirstRtlCodePoint) continue;
    const tables::BidiClass b = BidiClassOf(c);
    if (IsRtl(b) || b == tables::BidiClass::kAN) return true;
  }
  return false;
}

// The Bidi rule for every label of a Bidi domain name: `mapped` is the mapped domain whose
// labels ConvertLabel accepted (A-labels are decoded once more).
bool SatisfiesBidi(std::u32string_view mapped) {
  std::u32string decoded;
  size_t start = 0;
  while (start <= mapped.size()) {
    const size_t dot = mapped.find(U'.', start);
    const size_t end = dot == std::u32string_view::npos ? mapped.size() : dot;
    std::u32string_view label = mapped.substr(start, end - start);
    if (label.starts_with(U"xn--")) {
      const std::string encoded(label.begin() + 4, label.end());
      if (!PunycodeDecode(encoded, &decoded)) return false;  // not reached: it was checked
      label = decoded;
    }
    if (!SatisfiesBidiRule(label)) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

InvalidReason DomainToAscii(std::string_view domain, std::string* ascii) {
  ascii->clear();
  if (domain.size() > kMaxDomainInput) return InvalidReason::kDomainTooLong;
  if (InvalidReason r; AsciiDomainToAscii(domain, ascii, &r)) return r;
  ascii->clear();
  std::u32string mapped;
  mapped.reserve(domain.size());
  if (InvalidReason r = Map(domain, &mapped); r != InvalidReason::kNone) return r;
  if (mapped.empty()) return InvalidReason::kDomainEmpty;
  ascii->reserve(mapped.size());
  const std::u32string_view all(mapped);
  std::u32string decoded;
  bool bidi = false;
  size_t start = 0;
  while (true) {
    const size_t dot = all.find(U'.', start);
    const size_t end = dot == std::u32string_view::npos ? all.size() : dot;
    if (end == start) {
      if (start == 0) return InvalidReason::kLeadingDot;
      return end == all.size() ? InvalidReason::kTrailingDot : InvalidReason::kConsecutiveDots;
    }
    const std::u32string_view label = all.substr(start, end - start);
    if (InvalidReason r = ConvertLabel(label, ascii, &decoded); r != InvalidReason::kNone) {
      return r;
    }
    bidi = bidi || HasRtl(decoded.empty() ? label : std::u32string_view(decoded));
    if (end == all.size()) break;
    ascii->push_back('.');
    start = end + 1;
  }
  if (bidi && !SatisfiesBidi(all)) return InvalidReason::kInvalidIdna;
  return ascii->size() > kMaxDomain ? InvalidReason::kDomainTooLong : InvalidReason::kNone;
}

}  // namespace warden::core::email
