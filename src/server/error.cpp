#include "server/error.hpp"

#include "core/error.hpp"

namespace mcpgate::server {

namespace {

class server_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.server"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "success";
      case errc::path_absolute:
        return "absolute paths are not allowed; give a path relative to the sandbox root";
      case errc::path_parent:
        return "'..' is not allowed in paths";
      case errc::path_invalid:
        return "invalid path";
      case errc::not_found:
        return "no such file or directory";
      case errc::is_directory:
        return "is a directory, not a regular file";
      case errc::not_regular_file:
        return "not a regular file";
      case errc::symlink_refused:
        return "symbolic links are not followed";
      case errc::not_a_directory:
        return "not a directory";
      case errc::io_error:
        return "operation failed";
      case errc::too_many_entries:
        return "directory has too many entries to list";
      case errc::escaped_root:
        return "the directory left the sandbox root while it was being used";
      case errc::root_unavailable:
        return "the sandbox root is not available";
      case errc::too_many_sessions:
        return "the server has too many open sessions; close one (DELETE) or retry later";
    }
    return "unknown server error";
  }
};

}  // namespace

const boost::system::error_category& server_category() noexcept {
  static const server_category_impl instance;
  return instance;
}

}  // namespace mcpgate::server
