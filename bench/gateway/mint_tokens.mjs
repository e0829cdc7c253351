// Mints the benchmark's RS256 access tokens with Node's crypto (no npm package): the callers of
// the reference policy and N distinct tokens for the signature-verification scenario.
//   node mint_tokens.mjs KEY.pem KID ISSUER AUDIENCE OUTDIR COUNT
// Writes OUTDIR/{reader,basic}.jwt (one token each), OUTDIR/many.txt (COUNT tokens, one per
// line) and OUTDIR/public.pem (the public key as SPKI PEM, for HAProxy's jwt_verify).
import {createPrivateKey, createPublicKey, sign} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const [keyFile, kid, issuer, audience, outDir, countText] = process.argv.slice(2);
const key = createPrivateKey(readFileSync(keyFile));
const b64 = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const header = b64({alg: 'RS256', typ: 'JWT', kid});
const now = Math.floor(Date.now() / 1000);

function mint(claims) {
  const body = b64({iss: issuer, aud: audience, iat: now, exp: now + 6 * 3600, ...claims});
  const input = `${header}.${body}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

// reader: may list files (the policy's files:read rule); basic: only echo and get_user_info.
writeFileSync(join(outDir, 'reader.jwt'),
              mint({sub: 'reader', scope: 'openid profile files:read', 'https://mcp-demo/roles': []}));
writeFileSync(join(outDir, 'basic.jwt'), mint({sub: 'basic', scope: 'openid profile'}));
const lines = [];
for (let i = 0; i < Number(countText); i++) {
  lines.push(mint({sub: `user-${i}`, jti: `bench-${i}`, scope: 'openid profile files:read'}));
}
writeFileSync(join(outDir, 'many.txt'), lines.join('\n') + '\n');
writeFileSync(join(outDir, 'public.pem'), createPublicKey(key).export({type: 'spki', format: 'pem'}));
