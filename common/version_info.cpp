#include "common/version_info.h"

#include <unicode/uversion.h>
#include <xapian.h>

#include "common/schema.h"
#include "version.h"

namespace vnsearch {

std::string version_text(std::string_view tool) {
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  std::string text(tool);
  text += " " VNSEARCH_VERSION "\n";
  text += std::string("Xapian ") + Xapian::version_string() + ", ICU " + icu_text +
          ", index schema " + std::to_string(schema::kVersion) + "\n";
  return text;
}

}  // namespace vnsearch
