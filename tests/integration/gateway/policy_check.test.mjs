// `mcpgate policy check`: allow or deny per tool the backend lists, the deciding rule, and the
// lint warning about substring contains() on a space-separated scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../lib/proc.mjs';
import { startStack, REFERENCE_POLICY, DOMAIN, AUDIENCE, ISSUER } from '../lib/stack.mjs';

let stack;
const env = { AUTH0_DOMAIN: DOMAIN, API_IDENTIFIER: AUDIENCE };

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

test('reader claims against the tools the demo server lists', async () => {
  const r = await run(['policy', 'check', '--policy', REFERENCE_POLICY, '--backend', `http://127.0.0.1:${stack.demoPort}/mcp`,
    '--claims', '{"sub":"r","scope":"files:read"}'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /allow echo\s+allow rule matched \(.*reference-auth0-policy\.yaml:\d+:\d+: mcp\.tool\.name == "echo"\)/);
  assert.match(r.stdout, /allow list_files/);
  assert.match(r.stdout, /deny  delete_file\s+no allow rule matched/);
  assert.match(r.stdout, /deny  system_status/);
  assert.match(r.stdout, /warning: .*jwt\.scope\.contains\("files:read"\) is a substring test.*"files:read" in jwt\.scope\.split\(" "\)/);
});

test('an unauthenticated caller, with tools named on the command line', async () => {
  const r = await run(['policy', 'check', '--policy', REFERENCE_POLICY, '--tools', 'echo,delete_file'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /unauthenticated/);
  assert.match(r.stdout, /allow echo/);
  assert.match(r.stdout, /deny  delete_file/);
});

test('a policy that does not load is an error naming its place', async () => {
  const r = await run(['policy', 'check', '--policy', REFERENCE_POLICY, '--tools', 'echo'], { env: { AUTH0_DOMAIN: DOMAIN } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /reference-auth0-policy\.yaml:\d+:\d+: .*API_IDENTIFIER/);
});

test('--token with --policy and a backendRef JWKS says to give --config', async () => {
  const token = await stack.token({ sub: 'r', scope: 'files:read' });
  const r = await run(['policy', 'check', '--policy', REFERENCE_POLICY, '--tools', 'echo', '--token', token], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /backendRef \(auth0-jwks\).*backendHosts.*--config/);
});

test('--token: a provider whose backendRef cannot be resolved does not stop a later one from verifying', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const file = path.join(stack.work, 'two-providers.yaml');
  fs.writeFileSync(file, `apiVersion: agentgateway.dev/v1alpha1
kind: AgentgatewayPolicy
metadata: {name: two}
spec:
  traffic:
    jwtAuthentication:
      providers:
        - issuer: "https://other.example/"
          jwks: {remote: {jwksPath: ".well-known/jwks.json", backendRef: {name: other-jwks, port: 8443}}}
        - issuer: "${ISSUER}"
          audiences: ["${AUDIENCE}"]
          jwks: {remote: {url: "http://127.0.0.1:${stack.jwks.port}/.well-known/jwks.json"}}
  backend:
    mcp:
      authorization:
        action: Allow
        policy:
          matchExpressions: ['mcp.tool.name == "echo"']
`);
  const token = await stack.token({ sub: 'r', scope: 'files:read' });
  const r = await run(['policy', 'check', '--policy', file, '--tools', 'echo', '--token', token], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`verified token of ${ISSUER.replace(/[./]/g, '\\$&')}`));
  assert.match(r.stdout, /allow echo/);
});
