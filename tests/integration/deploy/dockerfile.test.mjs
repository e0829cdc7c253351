// deploy/Dockerfile, checked without building the image (base images cannot be pulled in the
// test environment): the runtime stage installs the Debian package of every shared library the
// binary under test links (ldd + dpkg -S), runs as a numeric non-root user that matches the
// Kubernetes manifests, and has mcpgate as its entrypoint; the build stage uses the release preset
// and only packages scripts/deps.sh installs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { BIN, SOURCE_DIR } from '../lib/proc.mjs';

const dockerfile = fs.readFileSync(path.join(SOURCE_DIR, 'deploy/Dockerfile'), 'utf8');

// Instructions per stage, with line continuations joined and comments dropped.
function stages(text) {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      out.push({ from: args, instructions: [] });
    } else {
      assert.ok(out.length > 0, `${op} before FROM`);
      out.at(-1).instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return out;
}

// Packages named by `apt-get install` in a stage's RUN instructions.
function aptPackages(stage) {
  const pkgs = new Set();
  for (const { op, args } of stage.instructions.filter((i) => i.op === 'RUN')) {
    for (const m of args.matchAll(/apt-get install((?:\s+[^&|;]+)+)/g)) {
      for (const word of m[1].trim().split(/\s+/)) {
        if (!word.startsWith('-')) {
          pkgs.add(word);
        }
      }
    }
  }
  return pkgs;
}

// The Debian packages that provide the shared libraries `bin` links.
function libraryPackages(bin) {
  const out = execFileSync('ldd', [bin], { encoding: 'utf8' });
  const files = [];
  for (const line of out.split('\n')) {
    const m = line.match(/=>\s+(\/\S+)/) ?? line.match(/^\s*(\/\S+)\s+\(/);
    if (m) {
      files.push(m[1]);
    }
  }
  assert.ok(files.length >= 5, `ldd found libraries:\n${out}`);
  const pkgs = new Map();
  for (const file of files) {
    const candidates = [...new Set([file, fs.realpathSync(file)])];
    let owner;
    for (const f of candidates) {
      try {
        owner = execFileSync('dpkg', ['-S', f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0];
        break;
      } catch {
        // try the next spelling (usrmerge: /lib vs /usr/lib)
      }
    }
    if (!owner) {
      for (const f of candidates.map((c) => c.replace(/^\/usr\/lib\//, '/lib/').replace(/^\/lib\//, '/usr/lib/'))) {
        try {
          owner = execFileSync('dpkg', ['-S', f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0];
          break;
        } catch {
          // reported below
        }
      }
    }
    assert.ok(owner, `no Debian package owns ${file}: the image could not provide it`);
    pkgs.set(owner, file);
  }
  return pkgs;
}

const all = stages(dockerfile);
const build = all[0];
const runtime = all.at(-1);

test('two stages: a Debian 12 build stage and a debian:12-slim runtime', () => {
  assert.equal(all.length, 2);
  assert.match(build.from, /^debian:12 AS build$/i);
  assert.equal(runtime.from, 'debian:12-slim');
});

test('the runtime stage installs the package of every library the binary links', () => {
  const needed = libraryPackages(BIN);
  const installed = aptPackages(runtime);
  const missing = [...needed].filter(([pkg]) => !installed.has(pkg)).map(([pkg, file]) => `${pkg} (${file})`);
  assert.deepEqual(missing, [], `add to the runtime stage's apt-get install: ${missing.join(', ')}`);
  assert.ok(installed.has('ca-certificates'), 'HTTPS JWKS fetching (Auth0) needs the CA bundle');
  const heavy = [...installed].filter((p) => p.endsWith('-dev') || /^(g\+\+|gcc|cmake|clang)/.test(p));
  assert.deepEqual(heavy, [], 'no build tools in the runtime image');
});

test('the build stage uses the release preset and only packages scripts/deps.sh knows', () => {
  const runs = build.instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');
  assert.match(runs, /cmake --preset release\b/);
  assert.match(runs, /cmake --build --preset release\b/);
  const deps = fs.readFileSync(path.join(SOURCE_DIR, 'scripts/deps.sh'), 'utf8');
  const known = new Set(deps.match(/packages=\(([^)]*)\)/)[1].split(/\s+/).filter(Boolean));
  const unknown = [...aptPackages(build)].filter((p) => !known.has(p));
  assert.deepEqual(unknown, [], 'build packages that scripts/deps.sh does not install drift from the tested build');
  const copy = runtime.instructions.find((i) => i.op === 'COPY' && i.args.startsWith('--from=build'));
  assert.match(copy.args, /\/src\/build\/release\/mcpgate\s+\/usr\/local\/bin\/mcpgate$/);
});

test('runs as a numeric non-root user, the one the Kubernetes manifests name', () => {
  const users = runtime.instructions.filter((i) => i.op === 'USER');
  assert.equal(users.length, 1);
  const [uid, gid] = users[0].args.split(':').map(Number);
  assert.ok(Number.isInteger(uid) && uid > 0, 'USER is a numeric uid other than 0');
  assert.ok(Number.isInteger(gid) && gid > 0);
  const runs = runtime.instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');
  assert.match(runs, new RegExp(`useradd .*--uid ${uid}\\b`), 'the uid exists in /etc/passwd');
  for (const file of ['base/gateway/deployment.yaml', 'base/demo-server/deployment.yaml', 'overlays/dev/issuer.yaml']) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(SOURCE_DIR, 'deploy/k8s', file), 'utf8')).map((d) => d.toJSON());
    const dep = docs.find((d) => d.kind === 'Deployment');
    assert.equal(dep.spec.template.spec.securityContext.runAsUser, uid, file);
  }
});

test('mcpgate is the entrypoint, in exec form', () => {
  const entry = runtime.instructions.filter((i) => i.op === 'ENTRYPOINT');
  assert.equal(entry.length, 1);
  assert.deepEqual(JSON.parse(entry[0].args), ['mcpgate']);
  const cmd = runtime.instructions.find((i) => i.op === 'CMD');
  assert.deepEqual(JSON.parse(cmd.args)[0], 'serve');
});

test('.dockerignore keeps build output and node_modules out of the context', () => {
  const ignore = fs.readFileSync(path.join(SOURCE_DIR, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const entry of ['build', 'node_modules', '.git']) {
    assert.ok(ignore.includes(entry), entry);
  }
});
