// @brief Helpers for the end-to-end suites: temporary folders and running the
// real binaries.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vnsearch::testing {

/// A fresh directory under the system temp folder, removed with its contents
/// when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;  ///< exit status, or 128 + signal number
  std::string out;
  std::string err;
};

/// Runs `argv` (argv[0] is a path, not looked up in PATH) with `stdin_text` on
/// its standard input and `env` added to (or, with an empty value, removed
/// from) the environment. Blocks until it exits.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                          const std::map<std::string, std::string>& env = {});

/// Writes `content` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

/// The content of every file of the repository's corpus/ folder.
std::vector<std::string> bundled_corpus_texts();

/// Splits JSON Lines output into its lines (empty lines dropped).
std::vector<std::string> lines(const std::string& text);

/// A fixture whose suite indexes the bundled corpus/ once with the real
/// vnindex, into a temporary folder removed after the suite.
class CorpusIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static std::filesystem::path index() { return dir_->path() / "index"; }

 private:
  static TempDir* dir_;
};

}  // namespace vnsearch::testing
