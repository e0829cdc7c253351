#pragma once

#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/pkey.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::jose {

// A private key that signs JWTs: the development issuer's and the gateway's identity key.
class signing_key {
 public:
  // A PEM private key (PKCS#8 "PRIVATE KEY", or the traditional RSA/EC forms). `a` defaults to
  // the key's natural algorithm (RS256, ES256/384/512 by curve, EdDSA); it must suit the key.
  static result<signing_key> from_pem(std::string_view pem, std::string kid = {},
                                      std::optional<alg> a = std::nullopt);

  // A fresh key for `a`: RSA 2048 bits for RS*/PS*, the curve for ES*, Ed25519 for EdDSA.
  static result<signing_key> generate(alg a, std::string kid = {});

  jose::alg algorithm() const noexcept { return alg_; }
  const std::string& kid() const noexcept { return kid_; }
  EVP_PKEY* get() const noexcept { return key_.get(); }

  // PKCS#8 PEM of the private key (unencrypted: callers write it with mode 0600).
  result<std::string> private_pem() const;

  // The public JWK: key members plus kid (when set), "alg" and "use": "sig".
  result<boost::json::object> public_jwk() const;

 private:
  signing_key(pkey key, alg a, std::string kid) noexcept
      : key_{std::move(key)}, alg_{a}, kid_{std::move(kid)} {}

  pkey key_;
  jose::alg alg_ = alg::rs256;
  std::string kid_;
};

// {"keys":[public_jwk()]}, the document served at a JWKS endpoint.
result<boost::json::object> public_jwks(const signing_key& key);

// Signs claims into a compact JWS. `header` may carry extra members (typ); alg and kid are set
// from the key and must not be given.
result<std::string> sign(const boost::json::object& header, const boost::json::object& claims,
                         const signing_key& key);

// Signs an arbitrary payload (bytes, not necessarily JSON): tests and fuzz seeds use it.
result<std::string> sign_payload(const boost::json::object& header, std::string_view payload,
                                 const signing_key& key);

}  // namespace mcpgate::jose
