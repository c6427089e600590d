// Header and field lookups over HttpRequest (see http.h).
#include "core/common/http.h"

#include "core/common/ascii.h"

namespace warden::core {

bool FindHeader(std::span<const Field> headers, std::string_view name, std::string* scratch,
                std::string_view* value) {
  return FindHeaderIf(
      headers, [name](std::string_view field) { return EqualsIgnoreCase(field, name); }, scratch,
      value);
}

bool FindField(std::span<const Field> fields, std::string_view name, std::string_view* value) {
  for (const Field& field : fields) {
    if (field.name == name) {
      *value = field.value;
      return true;
    }
  }
  return false;
}

}  // namespace warden::core
