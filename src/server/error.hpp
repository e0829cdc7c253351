#pragma once

#include "core/result.hpp"

#include <type_traits>

namespace mcpgate::server {

// Errors of the server module. The sandbox ones become tool errors (isError) with the message
// below, so they are written for the person reading the tool result.
enum class errc {
  ok = 0,
  path_absolute = 1,       // an absolute path: every path is relative to the sandbox root
  path_parent = 2,         // a ".." component: it could climb out of the root
  path_invalid = 3,        // empty where a file is needed, a NUL byte, or too long
  not_found = 4,           // no such file or directory
  is_directory = 5,        // a directory where a regular file is needed
  not_regular_file = 6,    // a device, socket or FIFO
  symlink_refused = 7,     // a symbolic link: it could lead out of the root
  not_a_directory = 8,     // a file where a directory is needed
  io_error = 9,            // the operating system refused (permissions, I/O)
  too_many_entries = 10,   // a directory larger than the listing limit
  escaped_root = 11,       // a directory was moved out of the root while we worked in it
  root_unavailable = 12,   // the sandbox root cannot be opened
  too_many_sessions = 13,  // the session table is full (server limit)
};

const boost::system::error_category& server_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), server_category()};
}

}  // namespace mcpgate::server

template <>
struct boost::system::is_error_code_enum<mcpgate::server::errc> : std::true_type {};
