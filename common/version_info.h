// @brief What `--version` prints: the tool's version and what it was built
// with, so that a bug report names the libraries and the index it reads.
#pragma once

#include <string>
#include <string_view>

namespace vnsearch {

/// "TOOL VERSION\nXapian X.Y.Z, ICU N.M, index schema S\n": the Xapian and
/// ICU libraries as loaded at run time, and the schema version
/// (schema::kVersion) the tool reads and writes.
std::string version_text(std::string_view tool);

}  // namespace vnsearch
