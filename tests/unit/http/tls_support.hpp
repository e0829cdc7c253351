#pragma once

// A self-signed certificate made at test time and a one-thread TLS server that answers a fixed
// number of connections, for the HTTPS client tests.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace mcpgate::http::testing {

struct certificate {
  std::string cert_pem;
  std::string key_pem;
};

// A P-256 self-signed certificate valid for the DNS name `dns` only.
inline certificate make_self_signed(const std::string& dns) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_set_pubkey(x.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("mcpgate test"), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
  std::string san = "DNS:" + dns;
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
  X509_add_ext(x.get(), ext, -1);
  X509_EXTENSION_free(ext);
  X509_sign(x.get(), key.get(), EVP_sha256());

  auto to_string = [](BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return out;
  };
  BIO* cb = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(cb, x.get());
  BIO* kb = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(kb, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return {to_string(cb), to_string(kb)};
}

// Serves `connections` TLS connections on 127.0.0.1, one request each, answering 200 "secure".
class tls_server {
 public:
  tls_server(const certificate& cert, int connections)
      : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    ctx_.use_certificate_chain(boost::asio::buffer(cert.cert_pem));
    ctx_.use_private_key(boost::asio::buffer(cert.key_pem), boost::asio::ssl::context::pem);
    thread_ = std::thread([this, connections] {
      namespace bhttp = boost::beast::http;
      for (int i = 0; i < connections; ++i) {
        boost::asio::ip::tcp::socket sock(ioc_);
        error_code ec;
        acceptor_.accept(sock, ec);
        if (ec) {
          return;
        }
        timeval tv{2, 0};
        ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        boost::asio::ssl::stream<boost::asio::ip::tcp::socket&> tls(sock, ctx_);
        tls.handshake(boost::asio::ssl::stream_base::server, ec);
        if (ec) {
          ++handshake_failures;
          continue;
        }
        boost::beast::flat_buffer buf;
        bhttp::request<bhttp::string_body> req;
        bhttp::read(tls, buf, req, ec);
        if (ec) {
          continue;
        }
        bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
        res.body() = "secure";
        res.keep_alive(false);
        res.prepare_payload();
        bhttp::write(tls, res, ec);
        tls.shutdown(ec);
      }
    });
  }
  ~tls_server() { thread_.join(); }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::atomic<int> handshake_failures{0};

 private:
  boost::asio::io_context ioc_;
  boost::asio::ssl::context ctx_{boost::asio::ssl::context::tls_server};
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

}  // namespace mcpgate::http::testing
