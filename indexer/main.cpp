// @brief vnindex: build or update a vnsearch index from a corpus folder.
#include <iostream>

#include "version.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--version" || arg == "-V") {
      std::cout << "vnindex " << VNSEARCH_VERSION << '\n';
      return 0;
    }
  }
  std::cout << "Usage: vnindex CORPUS_DIR [-d INDEX_DIR]\n";
  return 0;
}
