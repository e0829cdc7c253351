#include "jose/key_file.hpp"

#include "jose/error.hpp"

#include <fstream>
#include <iterator>

namespace mcpgate::jose {

result<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    return make_error_code(std::errc::no_such_file_or_directory);
  }
  std::string out;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes) {
      return make_error_code(errc::limits);
    }
  }
  if (in.bad()) {
    return make_error_code(std::errc::io_error);
  }
  return out;
}

result<key_set> key_set_from_file(const std::string& path, const jwks_options& opt) {
  auto text = read_small_file(path, opt.max_document_bytes);
  if (!text) {
    return text.error();
  }
  return key_set::parse(*text, opt);
}

}  // namespace mcpgate::jose
