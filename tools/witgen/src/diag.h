// Diagnostics: a WIT error is a position plus a message, reported as `file:line:col: message`.
#pragma once

#include <string>

#include "ast.h"

namespace witgen {

struct Error {
  Pos pos;
  std::string message;
  // "file:line:col: message".
  std::string ToString() const {
    return pos.file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) + ": " +
           message;
  }
};

}  // namespace witgen
