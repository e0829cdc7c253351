// Interoperability: `mcpgate token device` and `client-credentials` against the npm
// `oidc-provider` (an OpenID Certified implementation) configured like an Auth0 API: device flow
// enabled, client credentials, and a resource indicator that makes access tokens JWTs for the
// API. The person's approval is recorded through the provider's own models.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import Provider from 'oidc-provider';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { BIN, freePort, run } from '../lib/proc.mjs';

const API = 'https://mcp-oauth-demo';
let provider;
let server;
let base;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const es = await generateKeyPair('ES256', { extractable: true });
  const rs = await generateKeyPair('RS256', { extractable: true });
  const keys = [
    { ...(await exportJWK(rs.privateKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(es.privateKey)), kid: 'es', alg: 'ES256', use: 'sig' },
  ];
  provider = new Provider(base, {
    jwks: { keys },
    clients: [
      {
        client_id: 'device-cli', token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code'], response_types: [], redirect_uris: [],
      },
      {
        client_id: 'service', client_secret: 'service-secret-long-enough-0123456789',
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
      },
    ],
    scopes: ['openid', 'files:read', 'files:delete'],
    findAccount: (ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    features: {
      devInteractions: { enabled: false },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (resource !== API) throw new Error(`unexpected resource ${resource}`);
          return { scope: 'files:read files:delete', audience: API, accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } } };
        },
      },
    },
  });
  await new Promise((resolve) => { server = provider.listen(port, '127.0.0.1', resolve); });
});

after(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function verify(token) {
  const jwks = createRemoteJWKSet(new URL(`${base}/jwks`));
  const { payload } = await jwtVerify(token, jwks, { issuer: base, audience: API });
  return payload;
}

// The person's decision, as oidc-provider's own device-flow pages would record it.
async function decide(userCode, accountId) {
  const code = await provider.DeviceCode.findByUserCode(userCode.replace(/-/g, ''))
    ?? await provider.DeviceCode.findByUserCode(userCode);
  assert.ok(code, `device code for ${userCode}`);
  if (!accountId) {
    code.error = 'access_denied';
    code.errorDescription = 'the user denied the request';
  } else {
    const grant = new provider.Grant({ accountId, clientId: code.clientId });
    grant.addOIDCScope('openid');
    grant.addResourceScope(API, 'files:read');
    code.grantId = await grant.save();
    // The fields oidc-provider's own verification page fills in (deviceVerificationResponse).
    Object.assign(code, { accountId, authTime: Math.floor(Date.now() / 1000),
      scope: 'openid files:read', resource: API });
  }
  await code.save();
}

function startDevice() {
  const child = spawn(BIN, ['token', 'device', '--issuer', base, '--client-id', 'device-cli',
    '--resource', API, '--scope', 'openid files:read'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  const done = new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const prompt = new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      stderr += c;
      const m = /open (\S+) and enter the code (\S+)/.exec(stderr);
      if (m) resolve({ url: m[1], code: m[2] });
    });
    done.then((r) => reject(new Error(`token device exited early: ${JSON.stringify(r)}`)));
  });
  return { prompt, done };
}

test('device flow against oidc-provider, approved', async () => {
  const flow = startDevice();
  const { url, code } = await flow.prompt;
  assert.equal(url, `${base}/device`);
  // Let one authorization_pending round trip happen before the decision.
  await new Promise((r) => setTimeout(r, 1500));
  await decide(code, 'alice');
  const r = await flow.done;
  assert.equal(r.code, 0, r.stderr);
  const claims = await verify(r.stdout.trim());
  assert.equal(claims.sub, 'alice');
  assert.equal(claims.client_id, 'device-cli');
  assert.match(claims.scope, /files:read/);
});

test('device flow against oidc-provider, denied', async () => {
  const flow = startDevice();
  const { code } = await flow.prompt;
  await decide(code, null);
  const r = await flow.done;
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /(^|\n)mcpgate token: the request was denied\n$/);
});

test('client credentials against oidc-provider with a resource indicator', async () => {
  const r = await run(['token', 'client-credentials', '--issuer', base, '--client-id', 'service',
    '--client-secret', 'service-secret-long-enough-0123456789', '--resource', API, '--scope', 'files:read']);
  assert.equal(r.code, 0, r.stderr);
  const claims = await verify(r.stdout.trim());
  assert.equal(claims.client_id, 'service');
  assert.equal(claims.scope, 'files:read');

  const bad = await run(['token', 'client-credentials', '--issuer', base, '--client-id', 'service',
    '--client-secret', 'wrong', '--resource', API]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^mcpgate token: token request at .* failed: invalid_client.*\n$/);
});
