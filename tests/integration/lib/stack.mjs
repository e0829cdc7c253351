// The reference stack for gateway tests: a JWKS served by Node `jose`, the demo MCP server, and
// `mcpgate serve` with the verbatim reference AgentgatewayPolicy (mcp-oauth-demos README, step 6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { freePort, start, serveJwks, waitReady, SOURCE_DIR } from './proc.mjs';

export const DOMAIN = 'tenant.example.auth0.com';
export const AUDIENCE = 'https://mcp-oauth-demo';
export const ISSUER = `https://${DOMAIN}/`;
export const ALL_TOOLS = ['delete_file', 'echo', 'get_user_info', 'list_files', 'system_status'];

// Claims shaped like Auth0 access tokens for the reference's three kinds of user.
export const USERS = {
  admin: { sub: 'auth0|admin', scope: 'openid files:read files:delete', 'https://mcp-demo/roles': ['admin'] },
  reader: { sub: 'auth0|reader', scope: 'openid files:read' },
  basic: { sub: 'auth0|basic', scope: 'openid' },
};

export const REFERENCE_POLICY = path.join(SOURCE_DIR, 'tests/unit/config/data/reference-auth0-policy.yaml');

// Starts the stack; `policyText` replaces the reference policy. Returns { url, port, adminPort?,
// token(claims, opts), policyFile, work, stop() }.
export async function startStack({ policyText, gatewayArgs = [], demoArgs = [] } = {}) {
  const pair = await jose.generateKeyPair('RS256');
  const publicJwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const jwks = await serveJwks(() => ({ keys: [publicJwk] }));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-stack-'));
  const policyFile = path.join(work, 'policy.yaml');
  fs.writeFileSync(policyFile, policyText ?? fs.readFileSync(REFERENCE_POLICY, 'utf8'));
  const [demoPort, port, adminPort] = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}/mcp`;
  const demo = await start(['demo-server', '--listen', `127.0.0.1:${demoPort}`, '--root', path.join(work, 'files'),
    '--identity-jwks', `http://127.0.0.1:${port}/.well-known/mcpgate/jwks.json`, ...demoArgs], { ready: /listening on/ });
  let gateway;
  try {
    gateway = await start(['serve', '--listen', `127.0.0.1:${port}`, '--backend', `http://127.0.0.1:${demoPort}`,
      '--policy', policyFile, '--backend-host', `auth0-jwks=http://127.0.0.1:${jwks.port}`,
      '--admin', `127.0.0.1:${adminPort}`, '--workers', '2', ...gatewayArgs],
    { ready: /mcpgate listening on/, env: { AUTH0_DOMAIN: DOMAIN, API_IDENTIFIER: AUDIENCE } });
    // Listening is not ready: wait until the JWKS is in, as a load balancer would.
    await waitReady(`http://127.0.0.1:${adminPort}/readyz`);
  } catch (e) {
    await gateway?.stop();
    await demo.stop();
    await jwks.close();
    throw e;
  }
  const token = (claims, { key = pair.privateKey, kid = 'k1', exp = '1h', aud = AUDIENCE } = {}) =>
    new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  return {
    url, port, adminPort, demoPort, token, policyFile, work, gateway, demo, jwks,
    async stop() {
      // Everything is stopped even when one stop rejects (a sanitizer report), so that no
      // server is left holding the test process open.
      const results = await Promise.allSettled([jwks.close(), demo.stop(), gateway.stop()]);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) {
        throw failed.reason;
      }
    },
  };
}

// POSTs a raw body to the gateway; resolves with { status, headers, text, json }.
export async function post(url, body, { token, headers = {}, signal } = {}) {
  const h = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers };
  if (token) {
    h.authorization = `Bearer ${token}`;
  }
  const res = await fetch(url, { method: 'POST', headers: h, body, signal });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
