// WIT tokenizer: identifiers (kebab-case, optionally %-escaped), versions after '@',
// punctuation and '->'. Comments (`//`, `///`, `/* */`) are skipped.
#include "lexer.h"

#include <cctype>

namespace witgen {
namespace {

class Lexer {
 public:
  Lexer(const std::string& file, const std::string& src) : file_(file), src_(src) {}

  bool Run(std::vector<Token>* out, Error* error) {
    while (true) {
      if (!SkipSpaceAndComments(error)) return false;
      Token t;
      t.pos = Here();
      t.doc = std::move(doc_);
      doc_.clear();
      if (i_ >= src_.size()) {
        t.kind = Token::Kind::kEof;
        out->push_back(t);
        return true;
      }
      char c = src_[i_];
      if (!out->empty() && out->back().kind == Token::Kind::kPunct && out->back().text == "@") {
        t.kind = Token::Kind::kVersion;
        while (i_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[i_])) ||
                                    src_[i_] == '.' || src_[i_] == '-' || src_[i_] == '+')) {
          t.text += Advance();
        }
        if (t.text.empty()) return Fail(t.pos, "expected a version after '@'", error);
      } else if (c == '%' || std::isalpha(static_cast<unsigned char>(c))) {
        if (c == '%') {
          t.escaped = true;
          Advance();
        }
        if (!LexIdent(&t, error)) return false;
      } else if (c == '-' && i_ + 1 < src_.size() && src_[i_ + 1] == '>') {
        Advance();
        Advance();
        t.kind = Token::Kind::kArrow;
        t.text = "->";
      } else if (std::string("{}()<>,:;=./@*_").find(c) != std::string::npos) {
        t.kind = Token::Kind::kPunct;
        t.text = std::string(1, Advance());
      } else {
        return Fail(t.pos, std::string("unexpected character '") + c + "'", error);
      }
      out->push_back(std::move(t));
    }
  }

 private:
  Pos Here() const { return Pos{file_, line_, col_}; }

  char Advance() {
    char c = src_[i_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }

  bool Fail(const Pos& pos, std::string message, Error* error) {
    *error = Error{pos, std::move(message)};
    return false;
  }

  bool SkipSpaceAndComments(Error* error) {
    while (i_ < src_.size()) {
      char c = src_[i_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        Advance();
      } else if (c == '/' && i_ + 1 < src_.size() && src_[i_ + 1] == '/') {
        size_t start = i_;
        while (i_ < src_.size() && src_[i_] != '\n') Advance();
        std::string line = src_.substr(start, i_ - start);
        if (line.rfind("///", 0) == 0 && line.rfind("////", 0) != 0) {
          line.erase(0, line.size() > 3 && line[3] == ' ' ? 4 : 3);
          doc_ += line + "\n";
        }
      } else if (c == '/' && i_ + 1 < src_.size() && src_[i_ + 1] == '*') {
        Pos start = Here();
        Advance();
        Advance();
        int depth = 1;  // WIT block comments nest
        while (depth > 0) {
          if (i_ + 1 >= src_.size()) return Fail(start, "unterminated block comment", error);
          if (src_[i_] == '*' && src_[i_ + 1] == '/') {
            --depth;
            Advance();
          } else if (src_[i_] == '/' && src_[i_ + 1] == '*') {
            ++depth;
            Advance();
          }
          Advance();
        }
      } else {
        break;
      }
    }
    return true;
  }

  // An identifier: words of letters/digits joined by single '-', starting with a letter.
  bool LexIdent(Token* t, Error* error) {
    t->kind = Token::Kind::kIdent;
    while (i_ < src_.size() &&
           (std::isalnum(static_cast<unsigned char>(src_[i_])) || src_[i_] == '-')) {
      // Stop before '->'.
      if (src_[i_] == '-' && i_ + 1 < src_.size() && src_[i_ + 1] == '>') break;
      t->text += Advance();
    }
    const std::string& s = t->text;
    if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) {
      return Fail(t->pos, "expected an identifier", error);
    }
    if (s.back() == '-' || s.find("--") != std::string::npos) {
      return Fail(t->pos, "invalid identifier '" + s + "'", error);
    }
    for (size_t k = 0; k < s.size(); ++k) {
      // Each word starts with a letter.
      if ((k == 0 || s[k - 1] == '-') && !std::isalpha(static_cast<unsigned char>(s[k]))) {
        return Fail(t->pos, "invalid identifier '" + s + "'", error);
      }
    }
    return true;
  }

  const std::string& file_;
  const std::string& src_;
  size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
  std::string doc_;  // doc comment lines waiting for the next token
};

}  // namespace

bool Lex(const std::string& file, const std::string& source, std::vector<Token>* tokens,
         Error* error) {
  return Lexer(file, source).Run(tokens, error);
}

}  // namespace witgen
