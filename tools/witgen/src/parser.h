// Parses WIT tokens into a `Package`. No I/O: the caller reads the files.
#pragma once

#include <string>

#include "ast.h"
#include "diag.h"

namespace witgen {

// Parses one WIT file's `source` into `*pkg` (several files may be parsed into one package;
// at least one of them must carry the `package` declaration). Returns false and sets `*error`
// on a syntax error or an unsupported construct (resources, futures, streams, ...).
bool ParseFile(const std::string& file, const std::string& source, Package* pkg, Error* error);

}  // namespace witgen
