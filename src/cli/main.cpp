#include "cli/app.hpp"

int main(int argc, char** argv) {
  return mcpgate::cli::run(argc, argv);
}
