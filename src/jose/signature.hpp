#pragma once

#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk.hpp"

#include <openssl/types.h>

#include <string>
#include <string_view>

namespace mcpgate::jose {

// Verifies `signature` (the decoded third segment) over `signing_input` (the first two segments
// exactly as received). The caller has checked check_usable(key, a). ECDSA signatures must be
// raw r‖s of exactly twice the curve size (RFC 7518 §3.4); they are converted to DER here, and
// r = 0 or s = 0 is refused before OpenSSL sees them (CVE-2022-21449).
error_code verify_signature(alg a, const jwk& key, std::string_view signing_input,
                            std::string_view signature) noexcept;

// Signs `signing_input` with a private key (HMAC: `secret`); ECDSA output is raw r‖s.
result<std::string> sign_bytes(alg a, EVP_PKEY* key, std::string_view signing_input);
result<std::string> hmac_bytes(alg a, std::string_view secret, std::string_view signing_input);

namespace detail {

// Raw r‖s (each `half` bytes) to a DER ECDSA-Sig-Value; false when r or s is zero.
bool ecdsa_raw_to_der(std::string_view raw, std::string& der);

// DER ECDSA-Sig-Value to raw r‖s, each left-padded to `half` bytes.
bool ecdsa_der_to_raw(std::string_view der, std::size_t half, std::string& raw);

// The message digest for a JWS digest, fetched once per process.
const EVP_MD* md_for(digest d) noexcept;

}  // namespace detail

}  // namespace mcpgate::jose
