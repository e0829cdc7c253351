// deploy/k8s: every kustomization renders with `kubectl kustomize`, every rendered object
// validates against the Kubernetes OpenAPI schemas (npm kubernetes-models and
// @kubernetes-models/gateway-api), the objects fit together (selectors, ports, references,
// probes, limits, securityContext, NetworkPolicy), and the gateway configuration and policy in
// the ConfigMap load in mcpgate and give the reference's allow/deny per demo user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { BIN, run, startDemoServer, SOURCE_DIR } from '../lib/proc.mjs';

const K8S = path.join(SOURCE_DIR, 'deploy/k8s');
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const KUSTOMIZATIONS = ['base', 'overlays/auth0', 'overlays/dev', 'overlays/agentgateway'];
const ALL_TOOLS = ['delete_file', 'echo', 'get_user_info', 'list_files', 'system_status'];
// What the reference policy lets each kind of user call (reference README, "What This Does").
const EXPECTED = {
  admin: ALL_TOOLS,
  reader: ['echo', 'get_user_info', 'list_files'],
  basic: ['echo', 'get_user_info'],
};
const GATEWAY_LABEL = 'mcpgate-gateway';
const DEMO_LABEL = 'demo-server';

// Rendered objects per kustomization.
const rendered = {};
let work;
let demo;

function kustomize(dir) {
  const r = spawnSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8' });
  if (r.error) {
    throw new Error(`cannot run ${KUBECTL} (scripts/deps.sh installs Debian's kubernetes-client): ${r.error.message}`);
  }
  assert.equal(r.status, 0, `kubectl kustomize ${dir}:\n${r.stderr}`);
  const docs = YAML.parseAllDocuments(r.stdout);
  for (const d of docs) {
    assert.equal(d.errors.length, 0, `${dir}: ${d.errors.join('; ')}`);
  }
  return docs.map((d) => d.toJSON()).filter((o) => o);
}

before(async () => {
  for (const k of KUSTOMIZATIONS) {
    rendered[k] = kustomize(path.join(K8S, k));
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpgate-k8s-'));
  // `policy check` asks a real demo server for its tools, as the gateway would see them.
  demo = await startDemoServer(['--root', path.join(work, 'files')]);
});

after(async () => {
  await demo?.server.stop();
  if (work) {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

// --- schema validation -------------------------------------------------------------------------

const CORE_GROUPS = new Set(['', 'apps', 'policy', 'autoscaling', 'networking.k8s.io']);

async function modelFor(obj) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  if (CORE_GROUPS.has(group)) {
    const dir = group === '' ? version : `${group}/${version}`;
    return (await import(`kubernetes-models/${dir}/${obj.kind}`))[obj.kind];
  }
  if (group === 'gateway.networking.k8s.io') {
    return (await import(`@kubernetes-models/gateway-api/${group}/${version}/${obj.kind}`))[obj.kind];
  }
  return null;
}

async function validate(obj) {
  const Model = await modelFor(obj);
  if (!Model) {
    throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  }
  new Model(obj).validate();
}

test('the schema validation rejects a broken object (the check is live)', async () => {
  const broken = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 'http' }] }] } } },
  };
  await assert.rejects(validate(broken), /containerPort/);
  await assert.rejects(validate({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { maxReplicas: 'ten' } }));
});

for (const k of KUSTOMIZATIONS) {
  test(`${k}: every object validates against its schema`, async () => {
    assert.ok(rendered[k].length > 0);
    for (const obj of rendered[k]) {
      const name = `${obj.kind}/${obj.metadata?.name}`;
      if (obj.apiVersion === 'agentgateway.dev/v1alpha1') {
        assert.ok(['AgentgatewayPolicy', 'AgentgatewayBackend'].includes(obj.kind), name);
        assert.ok(obj.metadata?.name && obj.spec, name);
        continue;  // AgentgatewayPolicy: checked by mcpgate below; no published schema
      }
      await assert.doesNotReject(validate(obj), name);
    }
  });
}

// --- semantic checks ---------------------------------------------------------------------------

const of = (objs, kind) => objs.filter((o) => o.kind === kind);
const byName = (objs, kind, name) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([key, v]) => labels?.[key] === v);
const argValue = (args, flag) => args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);

function gatewayConfig(objs) {
  const dep = byName(objs, 'Deployment', GATEWAY_LABEL);
  const volume = dep.spec.template.spec.volumes.find((v) => v.configMap);
  const cm = byName(objs, 'ConfigMap', volume.configMap.name);
  return { dep, cm, config: YAML.parse(cm.data['gateway.yaml']), policy: cm.data['policy.yaml'] };
}

for (const k of KUSTOMIZATIONS) {
  test(`${k}: every Deployment has probes, limits and a restrictive securityContext`, () => {
    const deps = of(rendered[k], 'Deployment');
    assert.ok(deps.length > 0);
    for (const d of deps) {
      const pod = d.spec.template.spec;
      const name = d.metadata.name;
      assert.equal(pod.automountServiceAccountToken, false, `${name}: no API token in the pod`);
      assert.equal(pod.securityContext?.runAsNonRoot, true, `${name}: runAsNonRoot`);
      assert.ok(pod.securityContext?.runAsUser > 0, `${name}: a non-root uid`);
      assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault', `${name}: seccomp`);
      assert.ok(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels), `${name}: selector matches its pods`);
      for (const c of pod.containers) {
        const where = `${name}/${c.name}`;
        assert.ok(c.image, `${where}: image`);
        assert.ok(c.readinessProbe, `${where}: readinessProbe`);
        assert.ok(c.livenessProbe, `${where}: livenessProbe`);
        for (const probe of [c.readinessProbe, c.livenessProbe]) {
          const port = (probe.httpGet ?? probe.tcpSocket).port;
          if (typeof port === 'string') {
            assert.ok(c.ports.some((p) => p.name === port), `${where}: probe port ${port} is a named port`);
          }
        }
        for (const r of ['cpu', 'memory']) {
          assert.ok(c.resources?.requests?.[r], `${where}: requests.${r}`);
          assert.ok(c.resources?.limits?.[r], `${where}: limits.${r}`);
        }
        const sc = c.securityContext ?? {};
        assert.equal(sc.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
        assert.equal(sc.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
        assert.notEqual(sc.privileged, true, `${where}: not privileged`);
        assert.ok(sc.capabilities?.drop?.includes('ALL'), `${where}: drops ALL capabilities`);
        assert.ok(!sc.capabilities?.add?.length, `${where}: adds no capability`);
      }
    }
  });

  test(`${k}: Services select pods and name their ports; references resolve`, () => {
    const objs = rendered[k];
    for (const s of of(objs, 'Service')) {
      const targets = of(objs, 'Deployment').filter((d) => d.metadata.namespace === s.metadata.namespace &&
        matches(s.spec.selector, d.spec.template.metadata.labels));
      assert.equal(targets.length, 1, `Service ${s.metadata.name} selects exactly one Deployment`);
      const containerPorts = targets[0].spec.template.spec.containers.flatMap((c) => c.ports ?? []);
      for (const p of s.spec.ports) {
        assert.ok(containerPorts.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort),
          `Service ${s.metadata.name} port ${p.port} → ${p.targetPort} exists in the pod`);
      }
    }
    for (const d of of(objs, 'Deployment')) {
      const pod = d.spec.template.spec;
      const ns = d.metadata.namespace;
      const cmRefs = [...(pod.volumes ?? []).filter((v) => v.configMap).map((v) => v.configMap.name),
        ...pod.containers.flatMap((c) => (c.envFrom ?? []).filter((e) => e.configMapRef).map((e) => e.configMapRef.name))];
      for (const name of cmRefs) {
        assert.ok(objs.some((o) => o.kind === 'ConfigMap' && o.metadata.name === name && o.metadata.namespace === ns),
          `${d.metadata.name}: ConfigMap ${name} is rendered in namespace ${ns}`);
      }
      // The one object a user creates by hand (README, "Kubernetes"): the shared identity key.
      for (const v of (pod.volumes ?? []).filter((x) => x.secret)) {
        assert.equal(v.secret.secretName, 'mcpgate-identity');
      }
      for (const c of pod.containers) {
        for (const m of c.volumeMounts ?? []) {
          assert.ok(pod.volumes.some((v) => v.name === m.name), `${d.metadata.name}: volume ${m.name}`);
        }
      }
    }
    const namespaces = new Set(objs.map((o) => o.metadata.namespace).filter(Boolean));
    for (const ns of namespaces) {
      if (ns !== 'agentgateway-system') {
        assert.ok(byName(objs, 'Namespace', ns), `Namespace ${ns} is part of the output`);
      }
    }
  });

  test(`${k}: the NetworkPolicy lets only the gateway reach the demo server`, () => {
    const objs = rendered[k];
    const demoDep = byName(objs, 'Deployment', DEMO_LABEL);
    const policies = of(objs, 'NetworkPolicy').filter((p) => matches(p.spec.podSelector.matchLabels, demoDep.spec.template.metadata.labels));
    assert.equal(policies.length, 1);
    const np = policies[0];
    assert.ok(np.spec.policyTypes.includes('Ingress'));
    assert.ok(Object.keys(np.spec.podSelector.matchLabels ?? {}).length > 0, 'selects the demo server, not every pod');
    assert.ok(np.spec.ingress.length > 0);
    const gateway = byName(objs, 'Deployment', GATEWAY_LABEL);
    for (const rule of np.spec.ingress) {
      assert.ok(rule.from?.length > 0, 'a rule without `from` admits everyone');
      for (const peer of rule.from) {
        assert.equal(peer.ipBlock, undefined, 'no ipBlock peers');
        if (gateway) {
          // mcpgate: only pods labelled as the gateway, in the policy's own namespace.
          assert.equal(peer.namespaceSelector, undefined);
          assert.ok(Object.keys(peer.podSelector?.matchLabels ?? {}).length > 0);
          assert.ok(matches(peer.podSelector.matchLabels, gateway.spec.template.metadata.labels), 'the peer is the gateway');
          assert.ok(!matches(peer.podSelector.matchLabels, demoDep.spec.template.metadata.labels));
        } else {
          // agentgateway: the proxies in agentgateway-system.
          assert.deepEqual(peer.namespaceSelector?.matchLabels, { 'kubernetes.io/metadata.name': 'agentgateway-system' });
        }
      }
      assert.deepEqual(rule.ports.map((p) => p.port), [8000]);
    }
  });
}

// Options per subcommand, from the `--help` of the mcpgate under test.
const helpCache = new Map();
function optionsOf(subcommand) {
  if (!helpCache.has(subcommand)) {
    const r = spawnSync(BIN, [subcommand, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${subcommand} --help`);
    helpCache.set(subcommand, new Set(r.stdout.match(/--[a-z][a-z-]*/g)));
  }
  return helpCache.get(subcommand);
}

for (const k of KUSTOMIZATIONS) {
  test(`${k}: every container runs an mcpgate subcommand with options it has`, () => {
    for (const d of of(rendered[k], 'Deployment')) {
      for (const c of d.spec.template.spec.containers) {
        const [sub, ...args] = c.args;
        assert.ok(['serve', 'demo-server', 'issuer'].includes(sub), `${d.metadata.name}: ${sub}`);
        const known = optionsOf(sub);
        for (const a of args) {
          // `--flag=value` only: a value in its own list item is easy to misalign.
          assert.match(a, /^--[a-z-]+=\S+$/, `${d.metadata.name}: ${a}`);
          // Top-level options such as --log-format are not accepted after the subcommand.
          assert.ok(known.has(a.split('=')[0]), `${d.metadata.name}: ${sub} has no option ${a.split('=')[0]}`);
        }
      }
    }
  });
}

for (const k of ['base', 'overlays/auth0', 'overlays/dev']) {
  test(`${k}: gateway wiring — port 3000, admin probes, PDB, HPA, identity, config mount`, () => {
    const objs = rendered[k];
    const { dep, config } = gatewayConfig(objs);
    const pod = dep.spec.template.spec;
    const c = pod.containers[0];
    const svc = byName(objs, 'Service', 'mcp-gateway');
    assert.deepEqual(svc.spec.ports.map((p) => p.port), [3000], 'the gateway Service listens on 3000 as in the reference');
    assert.ok(config.listeners.includes('0.0.0.0:3000'));
    assert.equal(c.ports.find((p) => p.name === 'http').containerPort, 3000);

    // Probes on the admin listener, which must listen beyond loopback for the kubelet.
    assert.equal(config.admin.address, '0.0.0.0');
    const adminPort = c.ports.find((p) => p.name === c.readinessProbe.httpGet.port).containerPort;
    assert.equal(adminPort, config.admin.port);
    assert.equal(c.readinessProbe.httpGet.path, '/readyz');
    assert.equal(c.livenessProbe.httpGet.path, '/healthz');
    assert.ok(!svc.spec.ports.some((p) => p.port === adminPort), 'metrics and /config stay off the public Service');

    // The config file named on the command line is in the mounted ConfigMap, with its policy.
    const configPath = argValue(c.args, '--config');
    const configMount = c.volumeMounts.find((m) => pod.volumes.find((v) => v.name === m.name).configMap);
    assert.equal(configPath, `${configMount.mountPath}/gateway.yaml`);
    assert.deepEqual(config.policyFiles, ['policy.yaml']);

    // Every replica signs identity assertions with one key, so the backend verifies them all.
    const secretMount = c.volumeMounts.find((m) => pod.volumes.find((v) => v.name === m.name).secret);
    assert.equal(path.dirname(config.identity.keyFile), secretMount.mountPath);

    const pdb = of(objs, 'PodDisruptionBudget')[0];
    assert.ok(matches(pdb.spec.selector.matchLabels, dep.spec.template.metadata.labels), 'PDB selects the gateway');
    const hpa = of(objs, 'HorizontalPodAutoscaler')[0];
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: dep.metadata.name });
    assert.ok(hpa.spec.minReplicas > pdb.spec.minAvailable, 'a drain can always evict one gateway');
    assert.equal(dep.spec.strategy.rollingUpdate.maxUnavailable, 0, 'rolling upgrades keep capacity');

    // The backend is the demo server Service; the demo server trusts this gateway's assertions.
    const backend = new URL(config.backends[0].url);
    const demoSvc = byName(objs, 'Service', backend.hostname);
    assert.ok(demoSvc, `backend host ${backend.hostname} is a Service`);
    assert.ok(demoSvc.spec.ports.some((p) => p.port === Number(backend.port)));
    const demoArgs = byName(objs, 'Deployment', DEMO_LABEL).spec.template.spec.containers[0].args;
    const jwks = new URL(argValue(demoArgs, '--identity-jwks'));
    assert.equal(jwks.hostname, svc.metadata.name);
    assert.equal(Number(jwks.port), svc.spec.ports[0].port);
    assert.equal(jwks.pathname, '/.well-known/mcpgate/jwks.json');
    assert.equal(argValue(demoArgs, '--identity-audience'), config.identity.audience);
    const root = argValue(demoArgs, '--root');
    const demoPod = byName(objs, 'Deployment', DEMO_LABEL).spec.template.spec;
    const dataMount = demoPod.containers[0].volumeMounts.find((m) => root.startsWith(`${m.mountPath}/`));
    assert.ok(demoPod.volumes.find((v) => v.name === dataMount.name).emptyDir, '--root is on a writable emptyDir');
  });
}

test('overlays/auth0: issuer and audience come from the generated ConfigMap', () => {
  const objs = rendered['overlays/auth0'];
  const { dep, policy } = gatewayConfig(objs);
  const ref = dep.spec.template.spec.containers[0].envFrom[0].configMapRef.name;
  assert.match(ref, /^mcpgate-auth0-[a-z0-9]+$/, 'the name carries the content hash: a change rolls the gateway');
  const env = byName(objs, 'ConfigMap', ref).data;
  assert.deepEqual(Object.keys(env).sort(), ['API_IDENTIFIER', 'AUTH0_DOMAIN']);
  assert.match(policy, /issuer: "https:\/\/\$\{AUTH0_DOMAIN\}\/"/);
  assert.match(policy, /url: "https:\/\/\$\{AUTH0_DOMAIN\}\/\.well-known\/jwks\.json"/);
  assert.doesNotMatch(policy, /backendRef/, 'no JWKS proxy needed');
});

test('overlays/dev: plain-http JWKS is allowed for the in-cluster issuer only', () => {
  const objs = rendered['overlays/dev'];
  const { config, policy } = gatewayConfig(objs);
  const doc = YAML.parse(policy);
  const provider = doc.spec.traffic.jwtAuthentication.providers[0];
  const jwksUrl = new URL(provider.jwks.remote.url);
  assert.equal(jwksUrl.protocol, 'http:');
  assert.deepEqual(config.jwks.allowPlainHttpHosts, [jwksUrl.hostname]);
  const [svcName, ns] = jwksUrl.hostname.split('.');
  const svc = byName(objs, 'Service', svcName);
  assert.equal(svc.metadata.namespace, ns);
  assert.ok(svc.spec.ports.some((p) => p.port === Number(jwksUrl.port)));
  const issuerArgs = byName(objs, 'Deployment', 'issuer').spec.template.spec.containers[0].args;
  assert.equal(`${argValue(issuerArgs, '--public-url')}/`, provider.issuer, 'tokens carry the issuer the policy trusts');
  assert.deepEqual(provider.audiences, [argValue(issuerArgs, '--audience')]);
});

test('overlays/agentgateway: Gateway on 3000, route to the demo server', () => {
  const objs = rendered['overlays/agentgateway'];
  const gw = byName(objs, 'Gateway', 'mcp-gateway');
  assert.equal(gw.spec.listeners[0].port, 3000);
  const route = of(objs, 'HTTPRoute')[0];
  assert.equal(route.spec.parentRefs[0].name, gw.metadata.name);
  const ref = route.spec.rules[0].backendRefs[0];
  const backend = byName(objs, 'AgentgatewayBackend', ref.name);
  assert.equal(ref.kind, 'AgentgatewayBackend');
  const target = backend.spec.mcp.targets[0].static;
  const [svcName, ns] = target.host.split('.');
  const svc = byName(objs, 'Service', svcName);
  assert.equal(svc.metadata.namespace, ns);
  assert.ok(svc.spec.ports.some((p) => p.port === target.port));
  const policy = byName(objs, 'AgentgatewayPolicy', 'mcp-oauth-policy');
  assert.deepEqual(policy.spec.targetRefs[0], { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gw.metadata.name });
});

// --- the policy in mcpgate ---------------------------------------------------------------------

const AUTH0_ENV = { AUTH0_DOMAIN: 'tenant.example.auth0.com', API_IDENTIFIER: 'https://mcp-oauth-demo' };
// Claims shaped like the tokens each identity provider issues to the demo users.
const CLAIMS = {
  auth0: {
    admin: { sub: 'auth0|admin', scope: 'openid files:read files:delete', permissions: ['files:read', 'files:delete'], 'https://mcp-demo/roles': ['admin'] },
    reader: { sub: 'auth0|reader', scope: 'openid files:read', permissions: ['files:read'], 'https://mcp-demo/roles': [] },
    basic: { sub: 'auth0|basic', scope: 'openid', 'https://mcp-demo/roles': [] },
  },
  dev: {
    admin: { sub: 'dev|admin', scope: 'openid profile email files:read files:delete', 'https://mcp-demo/roles': ['admin'] },
    reader: { sub: 'dev|reader', scope: 'openid profile email files:read', 'https://mcp-demo/roles': [] },
    basic: { sub: 'dev|basic', scope: 'openid profile email', 'https://mcp-demo/roles': [] },
  },
};

function decisions(stdout) {
  const out = {};
  for (const m of stdout.matchAll(/^ {2}(allow|deny) +(\w+)/gm)) {
    out[m[2]] = m[1];
  }
  return out;
}

// Writes the ConfigMap's files as the pod sees them and runs `mcpgate policy check --config`.
async function checkConfigMap(k, claims, env) {
  const { cm } = gatewayConfig(rendered[k]);
  const dir = fs.mkdtempSync(path.join(work, 'cm-'));
  for (const [name, text] of Object.entries(cm.data)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  const args = ['policy', 'check', '--config', path.join(dir, 'gateway.yaml'), '--backend', demo.url];
  if (claims) {
    args.push('--claims', JSON.stringify(claims));
  }
  const r = await run(args, { env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return decisions(r.stdout);
}

function expectReference(got, user) {
  assert.deepEqual(Object.keys(got).sort(), ALL_TOOLS, 'every tool the demo server lists is decided');
  const allowed = Object.entries(got).filter(([, d]) => d === 'allow').map(([t]) => t).sort();
  assert.deepEqual(allowed, EXPECTED[user], `${user} may call ${allowed}`);
}

test('base: no authentication, every tool is allowed (reference step 5)', async () => {
  const got = await checkConfigMap('base', null, {});
  assert.deepEqual(Object.keys(got).sort(), ALL_TOOLS);
  assert.ok(Object.values(got).every((d) => d === 'allow'));
});

test('overlays/auth0: the ConfigMap policy gives the reference decisions per user', async () => {
  const env = byName(rendered['overlays/auth0'], 'ConfigMap',
    gatewayConfig(rendered['overlays/auth0']).dep.spec.template.spec.containers[0].envFrom[0].configMapRef.name).data;
  for (const user of Object.keys(EXPECTED)) {
    expectReference(await checkConfigMap('overlays/auth0', CLAIMS.auth0[user], env), user);
  }
  // Rules such as mcp.tool.name == "echo" hold without a token too: what keeps anonymous
  // callers out is authentication in Strict mode (the default), answered with 401 before any rule.
  const doc = YAML.parse(gatewayConfig(rendered['overlays/auth0']).policy);
  assert.ok([undefined, 'Strict'].includes(doc.spec.traffic.jwtAuthentication.mode));
  assert.equal(doc.spec.traffic.jwtAuthentication.providers.length, 1);
});

test('overlays/auth0: a missing variable is an error naming it', async () => {
  const { cm } = gatewayConfig(rendered['overlays/auth0']);
  const dir = fs.mkdtempSync(path.join(work, 'cm-'));
  for (const [name, text] of Object.entries(cm.data)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  const env = { ...process.env };
  delete env.AUTH0_DOMAIN;
  delete env.API_IDENTIFIER;
  const r = spawnSync(BIN,
    ['policy', 'check', '--config', path.join(dir, 'gateway.yaml'), '--tools', 'echo'], { env, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /environment variable (AUTH0_DOMAIN|API_IDENTIFIER) is not set/);
});

test('overlays/dev: the ConfigMap policy gives the reference decisions per demo user', async () => {
  for (const user of Object.keys(EXPECTED)) {
    expectReference(await checkConfigMap('overlays/dev', CLAIMS.dev[user], {}), user);
  }
});

test('overlays/agentgateway: mcpgate reads the reference AgentgatewayPolicy verbatim', async () => {
  const policy = byName(rendered['overlays/agentgateway'], 'AgentgatewayPolicy', 'mcp-oauth-policy');
  const file = path.join(work, 'agentgateway-policy.yaml');
  fs.writeFileSync(file, YAML.stringify(policy));
  for (const user of Object.keys(EXPECTED)) {
    const r = await run(['policy', 'check', '--policy', file, '--backend', demo.url, '--claims', JSON.stringify(CLAIMS.auth0[user])], { env: AUTH0_ENV });
    assert.equal(r.code, 0, r.stderr);
    expectReference(decisions(r.stdout), user);
  }
});
