// Installs what the tests need from outside npm: Debian's chromium (for the browser tests).
// Runs apt-get as root, or through passwordless sudo; otherwise says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.HEATFUNNEL_CHROMIUM ?? '/usr/bin/chromium';

function asRoot(args) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, rest] = isRoot ? [args[0], args.slice(1)] : ['sudo', ['-n', ...args]];
  const result = spawnSync(cmd, rest, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Makes sure Chromium is installed; exits with instructions when it cannot be. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`heatfunnel: ${CHROMIUM} is missing; installing Debian's chromium package (about 20 s)`);
  const ok = asRoot(['apt-get', 'update', '-qq']) && asRoot(['apt-get', 'install', '-y', '-qq', 'chromium']);
  if (!ok || !existsSync(CHROMIUM)) {
    console.error(
      'heatfunnel: could not install Chromium. Install it yourself (`sudo apt-get install chromium` on Debian/Ubuntu)\n' +
        'or point HEATFUNNEL_CHROMIUM at a Chromium binary, then run `npm test` again. The browser tests do not skip.',
    );
    process.exit(1);
  }
}
