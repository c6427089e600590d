// Splits WIT source text into tokens, dropping whitespace and comments (`///` doc comments
// are kept on the token that follows them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast.h"
#include "diag.h"

namespace witgen {

struct Token {
  enum class Kind { kIdent, kVersion, kPunct, kArrow, kEof };
  Kind kind = Kind::kEof;
  std::string text;      // identifier (without '%'), version text, or the punctuation char
  bool escaped = false;  // identifier written with a leading '%'
  Pos pos;
  std::string doc;  // the `///` comment lines right before the token, one per line
};

// Tokenizes `source` (named `file` in diagnostics). On error returns false and sets `*error`.
// A version token is produced for the text right after '@'.
bool Lex(const std::string& file, const std::string& source, std::vector<Token>* tokens,
         Error* error);

}  // namespace witgen
