// The one translation unit that compiles Asio, Asio SSL and Beast (separate compilation, see
// BOOST_ASIO_SEPARATE_COMPILATION in CMakeLists.txt): every other file includes only
// declarations, which keeps the 2-core CI build fast.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
