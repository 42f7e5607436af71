import { AddressList } from '@witness/platform';
import {
  inBuildContext,
  loadCompose,
  loadDockerfile,
  readRepoFile,
  type ComposeService,
} from './support';

/** What docker-compose.yml and the Dockerfile promise an operator, read as data. */
describe('compose and images: hardening', () => {
  const compose = loadCompose();
  const services = Object.entries(compose.services);
  const svc = (name: string): ComposeService => compose.services[name];
  const tmpfs = (s: ComposeService): string[] => [s.tmpfs ?? []].flat();

  it.each(services.map(([n]) => n))(
    '%s: rotated logs, no new privileges, memory and CPU limits',
    (name) => {
      const s = svc(name);
      expect(s.logging).toEqual({
        driver: 'json-file',
        options: { 'max-size': expect.stringMatching(/^\d+m$/), 'max-file': expect.any(String) },
      });
      expect(s.security_opt).toContain('no-new-privileges:true');
      expect(s.mem_limit).toMatch(/^\d+[mg]$/);
      expect(Number(s.cpus)).toBeGreaterThan(0);
    },
  );

  it.each(['api', 'worker', 'migrate', 'backup', 'redis', 'caddy'])(
    '%s: read-only root filesystem, a tmpfs /tmp',
    (name) => {
      expect(svc(name).read_only).toBe(true);
      expect(tmpfs(svc(name))).toContain('/tmp');
    },
  );

  it('PostgreSQL gets a real /dev/shm; Redis a memory ceiling, noeviction and its AOF', () => {
    expect(svc('postgres').shm_size).toBe('256m');
    const redis = (svc('redis').command as string[]).join(' ');
    expect(redis).toMatch(/--appendonly yes/);
    expect(redis).toMatch(/--maxmemory-policy noeviction/);
    const maxmemory = /--maxmemory (\d+)mb/.exec(redis);
    expect(maxmemory).not.toBeNull();
    // The ceiling is below the container's limit, so Redis refuses writes before the OOM killer.
    expect(Number(maxmemory![1])).toBeLessThan(parseInt(svc('redis').mem_limit as string, 10));
  });

  it('publishes nothing on all interfaces but the proxy; the api only on loopback', () => {
    for (const [name, s] of services) {
      for (const port of (s.ports ?? []) as string[]) {
        if (name === 'caddy') continue;
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
      }
    }
    expect(svc('api').ports).toEqual(['127.0.0.1:${API_PORT:-3000}:3000']);
    for (const name of ['postgres', 'redis', 'clamav', 'worker'])
      expect(svc(name).ports).toBeUndefined();
  });

  it('the proxy profile: Caddy at a fixed address the api trusts, nobody else can get', () => {
    const caddy = svc('caddy');
    expect(caddy.profiles).toEqual(['proxy']);
    expect(caddy.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    const address = caddy.networks.default.ipv4_address as string;
    const trusted = /^\$\{TRUST_PROXY:-(.+)\}$/.exec(svc('api').environment!.TRUST_PROXY!)![1];
    expect(trusted).toBe(address);
    const [ipam] = compose.networks.default.ipam.config;
    expect(AddressList.parse(ipam.subnet, { hostNames: false }).containsAddress(address)).toBe(
      true,
    );
    // Docker hands out addresses from ip_range only: the proxy's is outside it.
    expect(AddressList.parse(ipam.ip_range, { hostNames: false }).containsAddress(address)).toBe(
      false,
    );
    const caddyfile = readRepoFile('deploy/Caddyfile');
    expect(caddy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddyfile).toMatch(/reverse_proxy api:3000\b/);
    expect(svc('api').environment!.PORT).toBe('3000');
    expect(caddyfile).toMatch(/tls \{\$WITNESS_TLS\}/);
    expect(caddy.environment!.WITNESS_TLS).toBe('${WITNESS_TLS:-internal}');
  });

  it('the worker has a healthcheck on a heartbeat file in a writable place', () => {
    const worker = loadDockerfile().find((s) => s.name === 'worker')!;
    const env = worker.instructions
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    const file = /WORKER_HEARTBEAT_FILE=(\S+)/.exec(env)![1];
    expect(worker.instructions.some((i) => i.op === 'HEALTHCHECK')).toBe(true);
    expect(tmpfs(svc('worker')).some((dir) => file.startsWith(`${dir}/`))).toBe(true);
  });

  it('images run Node 22 LTS', () => {
    expect(readRepoFile('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
  });

  it('the build context leaves out secrets, local data, heap snapshots and tests', () => {
    for (const path of [
      '.env',
      '.env.production',
      'secrets/db_app_password',
      'var/documents/x',
      'backups/x.dump',
      'Heap-20261207.heapsnapshot',
      'apps/api/x.heapsnapshot',
      'CPU.cpuprofile',
      'node_modules/x',
      'dist/x.js',
      'test/x.e2e-spec.ts',
      'coverage/index.html',
      '.git/HEAD',
    ])
      expect({ path, inContext: inBuildContext(path) }).toEqual({ path, inContext: false });
  });
});
