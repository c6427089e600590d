// Readers of the list sources (list_sources.h).
#include "email/list_sources.h"

#include <cstdint>
#include <string>

#include "email/punycode.h"

namespace warden::email {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool ReadHex4(std::string_view text, size_t at, uint32_t& value) {
  if (at + 4 > text.size()) return false;
  value = 0;
  for (size_t i = at; i < at + 4; ++i) {
    const char c = text[i];
    const int d = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
    if (d < 0) return false;
    value = value * 16 + static_cast<uint32_t>(d);
  }
  return true;
}

// Reads the JSON string starting at text[i] == '"'; leaves i after the closing quote.
Result<std::string> ReadJsonString(std::string_view text, size_t& i) {
  std::string out;
  for (++i; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      ++i;
      return out;
    }
    if (static_cast<unsigned char>(c) < 0x20) break;
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= text.size()) break;
    const char e = text[i];
    const std::string_view simple = "\"\\/bfnrt", mapped = "\"\\/\b\f\n\r\t";
    if (const size_t k = simple.find(e); k != std::string_view::npos) {
      out.push_back(mapped[k]);
      continue;
    }
    uint32_t cp;
    if (e != 'u' || !ReadHex4(text, i + 1, cp)) break;
    i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low;
      if (i + 2 >= text.size() || text[i + 1] != '\\' || text[i + 2] != 'u' ||
          !ReadHex4(text, i + 3, low) || low < 0xDC00 || low > 0xDFFF) {
        break;
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      break;
    }
    AppendUtf8(cp, out);
  }
  return InvalidArgumentError("malformed JSON string at offset " + std::to_string(i));
}

// Adds one PSL rule (already trimmed, non-empty) to the builder.
Status AddRule(std::string_view rule, DomainTableBuilder& builder) {
  uint8_t flag = kPslRule;
  if (rule.starts_with("!")) {
    flag = kPslException;
    rule.remove_prefix(1);
  } else if (rule.starts_with("*.")) {
    flag = kPslWildcard;
    rule.remove_prefix(2);
  }
  if (rule.find('*') != std::string_view::npos || rule.find('!') != std::string_view::npos) {
    return InvalidArgumentError("unsupported wildcard or exception placement");
  }
  WARDEN_ASSIGN_OR_RETURN(std::string key, DomainToALabels(rule));
  if (flag == kPslException && key.find('.') == std::string::npos) {
    return InvalidArgumentError("an exception rule needs at least two labels");
  }
  return builder.Add(key, flag);
}

}  // namespace

Status AddPublicSuffixList(std::string_view text, DomainTableBuilder& builder, size_t* rules) {
  size_t count = 0, line_number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_number;
    line = Trim(line);
    if (line.empty() || line.starts_with("//")) continue;
    size_t end = 0;
    while (end < line.size() && !IsSpace(line[end])) ++end;
    const Status added = AddRule(line.substr(0, end), builder);
    if (!added.ok()) {
      return InvalidArgumentError("public suffix list line " + std::to_string(line_number) + ": " +
                                  added.message());
    }
    ++count;
  }
  if (rules != nullptr) *rules = count;
  return Status::Ok();
}

Result<std::vector<std::string>> ParseJsonStringArray(std::string_view text,
                                                      std::string_view marker) {
  size_t i = marker.empty() ? 0 : text.find(marker);
  if (i == std::string_view::npos) return NotFoundError("marker not found: " + std::string(marker));
  i = text.find('[', i);
  if (i == std::string_view::npos) return NotFoundError("no JSON array found");
  std::vector<std::string> out;
  bool expect_value = true;
  for (++i; i < text.size();) {
    const char c = text[i];
    if (IsSpace(c)) {
      ++i;
    } else if (c == ']' && (!expect_value || out.empty())) {
      return out;
    } else if (c == ',' && !expect_value) {
      expect_value = true, ++i;
    } else if (c == '"' && expect_value) {
      WARDEN_ASSIGN_OR_RETURN(std::string s, ReadJsonString(text, i));
      out.push_back(std::move(s));
      expect_value = false;
    } else {
      return InvalidArgumentError("unexpected character in a JSON string array at offset " +
                                  std::to_string(i));
    }
  }
  return InvalidArgumentError("unterminated JSON array");
}

std::vector<std::string> ParseDomainLines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    line = Trim(line);
    if (!line.empty()) out.emplace_back(line);
  }
  return out;
}

Result<std::string> NormalizeListEntry(std::string_view entry) {
  entry = Trim(entry);
  if (entry.ends_with(".")) entry.remove_suffix(1);
  WARDEN_ASSIGN_OR_RETURN(std::string key, DomainToALabels(entry));
  if (!IsNormalizedKey(key))
    return InvalidArgumentError("not a domain: \"" + std::string(entry) + "\"");
  return key;
}

}  // namespace warden::email
