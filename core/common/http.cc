// Header and field lookups over HttpRequest (see http.h).
#include "core/common/http.h"

#include "core/common/ascii.h"

namespace warden::core {

bool FindHeader(std::span<const Field> headers, std::string_view name, std::string* scratch,
                std::string_view* value) {
  size_t found = 0;
  for (const Field& field : headers) {
    if (!EqualsIgnoreCase(field.name, name)) continue;
    if (found == 0) {
      *value = field.value;
    } else {
      if (found == 1) scratch->assign(value->data(), value->size());
      scratch->append(", ");
      scratch->append(field.value.data(), field.value.size());
    }
    ++found;
  }
  if (found > 1) *value = *scratch;
  return found > 0;
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
