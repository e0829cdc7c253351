#include "http/wire.hpp"

namespace mcpgate::http {

namespace {

void append(std::string& out, boost::beast::string_view s) {
  out.append(s.data(), s.size());
}

// "HTTP/1.1": the version is major * 10 + minor.
void append_version(std::string& out, unsigned version) {
  const char text[] = {'H', 'T',
                       'T', 'P',
                       '/', static_cast<char>('0' + version / 10 % 10),
                       '.', static_cast<char>('0' + version % 10)};
  out.append(text, sizeof text);
}

void append_fields(std::string& out, const boost::beast::http::fields& fields) {
  for (const auto& f : fields) {
    append(out, f.name_string());
    out += ": ";
    append(out, f.value());
    out += "\r\n";
  }
  out += "\r\n";
}

}  // namespace

void append_header(std::string& out, const boost::beast::http::request_header<>& header) {
  append(out, header.method_string());
  out += ' ';
  append(out, header.target());
  out += ' ';
  append_version(out, header.version());
  out += "\r\n";
  append_fields(out, header);
}

void append_header(std::string& out, const boost::beast::http::response_header<>& header) {
  append_version(out, header.version());
  const unsigned code = header.result_int();
  const char digits[] = {' ', static_cast<char>('0' + code / 100 % 10),
                         static_cast<char>('0' + code / 10 % 10),
                         static_cast<char>('0' + code % 10), ' '};
  out.append(digits, sizeof digits);
  append(out, header.reason());
  out += "\r\n";
  append_fields(out, header);
}

void append_chunk_size(std::string& out, std::size_t size) {
  char hex[2 * sizeof size];
  char* p = hex + sizeof hex;
  do {
    *--p = "0123456789abcdef"[size & 0xf];
    size >>= 4;
  } while (size != 0);
  out.append(p, hex + sizeof hex);
  out += "\r\n";
}

}  // namespace mcpgate::http
